#pragma once
#include <QImage>
#include <QList>
#include <QVideoFrame>
#include <QVideoFrameFormat>

// Builds QVideoFrames the way a camera or decoder would hand them over: every plane written by
// hand in the frame's own pixel format, so tests and benchmarks exercise the real mapping code.
namespace VideoFrames {

// `image` in any QImage format; colours are kept for RGB formats, YUV formats get BT.601
// luminance and neutral chroma. Returns an invalid frame for formats not covered below.
QVideoFrame fromImage(const QImage &image, QVideoFrameFormat::PixelFormat format);

// Formats FrameDecoder reads in place (no conversion).
QList<QVideoFrameFormat::PixelFormat> directFormats();

// Formats it leaves to QVideoFrame::toImage().
QList<QVideoFrameFormat::PixelFormat> fallbackFormats();

} // namespace VideoFrames
