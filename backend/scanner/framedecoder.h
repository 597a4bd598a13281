#pragma once
#include "lumaops.h"
#include "scanresult.h"
#include "zxingcompat.h"

#include <QList>
#include <QRect>

#include <functional>

class QImage;
class QVideoFrame;

// Decodes one QR code from one camera frame with ZXing-C++ (1.4 or 2.x, zxingcompat.h).
//
// The first pass reads the luminance straight out of the mapped frame (no copy for YUV, grey and
// 32-bit RGB formats) with the settings of a bare ZXing::ReadBarcode (QR only, all else default),
// so a frame costs what ZXing alone costs (design.md §8: within 1.05x). When it finds nothing the
// extra passes run one by one (FramePass), each only after the gate says the worker would
// otherwise be idle: they are what reads the codes a bare ZXing misses (steep tilt, blur, noise,
// small codes), paid for with time the camera leaves unused.
// Use one instance from one thread at a time (it keeps scratch images); it never touches the GUI.
class FrameDecoder
{
public:
    // Asked before every extra pass; false stops there. The scanner's worker says "no" once a
    // newer frame has knocked: fresh frames beat second looks.
    using RetryGate = std::function<bool()>;
    static bool alwaysRetry() { return true; }
    static bool neverRetry() { return false; }

    FrameDecoder();

    // `roi` is in frame pixel coordinates; a null rect means the whole frame. A ROI that
    // misses the frame finds nothing. Positions in the result are in full-frame pixels.
    ScanResult decode(const QVideoFrame &frame, const QRect &roi = {},
                      const RetryGate &mayRetry = alwaysRetry) const;
    ScanResult decode(const QImage &image, const QRect &roi = {},
                      const RetryGate &mayRetry = alwaysRetry) const;

    // One pass alone on an image (Grayscale8 or any format QImage converts): for benchmarks
    // that time each pass on its own row, and for tests of a single pass.
    ScanResult decodePass(FramePass pass, const QImage &image) const;

    // The extra passes in the order they run.
    static QList<FramePass> extraPasses();
    static const char *passName(FramePass pass);

    // What the decoder sees: the frame's luminance exactly as ZXing gets it, copied into a
    // Grayscale8 image. For diagnostics (saving a frame that would not decode) and for tests of
    // the pixel format mapping; the decode path itself never copies.
    static QImage luminance(const QVideoFrame &frame);

    // The first pass's settings (ZXingCompat::firstPassOptions()).
    const ZXingCompat::Options &options() const { return m_options; }

private:
    ScanResult decodeView(const ZXing::ImageView &view, const QRect &roi, const RetryGate &mayRetry) const;
    ScanResult runPass(FramePass pass, const ZXing::ImageView &view) const;

    ZXingCompat::Options m_options;
    ZXingCompat::Options m_fixedOptions; // the same with one global threshold (EnlargedFixed)
    // Scratch images of the extra passes, reused to spare the allocator.
    mutable LumaImage m_copy, m_work, m_work2;
};
