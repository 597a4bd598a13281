#include "videoframes.h"

#include <array>
#include <cstring>

namespace VideoFrames {
namespace {

using PF = QVideoFrameFormat::PixelFormat;

// ZXing's integer luminance, so expected values in tests match the decoder's own arithmetic.
uchar luma(QRgb c)
{
    return uchar((306 * qRed(c) + 601 * qGreen(c) + 117 * qBlue(c) + 0x200) >> 10);
}

// Byte order in memory of Qt 6's packed 32-bit video formats: index of R, G, B, A/X.
bool rgbOrder(PF f, std::array<int, 4> *order)
{
    switch (f) {
    case PF::Format_ARGB8888: case PF::Format_ARGB8888_Premultiplied: case PF::Format_XRGB8888:
        *order = {1, 2, 3, 0}; return true;
    case PF::Format_BGRA8888: case PF::Format_BGRA8888_Premultiplied: case PF::Format_BGRX8888:
        *order = {2, 1, 0, 3}; return true;
    case PF::Format_ABGR8888: case PF::Format_XBGR8888:
        *order = {3, 2, 1, 0}; return true;
    case PF::Format_RGBA8888: case PF::Format_RGBX8888:
        *order = {0, 1, 2, 3}; return true;
    default:
        return false;
    }
}

} // namespace

QList<PF> directFormats()
{
    // No YUV422P: Qt 6.4 allocates too small a buffer for it in QVideoFrame(format), so a
    // test cannot build one; FrameDecoder still reads its Y plane like the other planar formats.
    return {PF::Format_YUV420P, PF::Format_YV12, PF::Format_NV12,
            PF::Format_NV21, PF::Format_IMC1, PF::Format_IMC2, PF::Format_IMC3, PF::Format_IMC4,
            PF::Format_P010, PF::Format_P016, PF::Format_YUYV, PF::Format_UYVY, PF::Format_Y8,
            PF::Format_Y16, PF::Format_ARGB8888, PF::Format_ARGB8888_Premultiplied,
            PF::Format_XRGB8888, PF::Format_BGRA8888, PF::Format_BGRA8888_Premultiplied,
            PF::Format_BGRX8888, PF::Format_ABGR8888, PF::Format_XBGR8888, PF::Format_RGBA8888,
            PF::Format_RGBX8888};
}

QList<PF> fallbackFormats()
{
    return {PF::Format_AYUV};
}

QVideoFrame fromImage(const QImage &source, PF format)
{
    const QImage img = source.convertToFormat(QImage::Format_RGB32);
    const int w = img.width(), h = img.height();
    QVideoFrame frame(QVideoFrameFormat(img.size(), format));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    // Neutral chroma everywhere first; the Y samples go on top below.
    for (int p = 0; p < frame.planeCount(); ++p)
        std::memset(frame.bits(p), 128, size_t(frame.mappedBytes(p)));

    std::array<int, 4> order{};
    const int stride = frame.bytesPerLine(0);
    for (int y = 0; y < h; ++y) {
        const QRgb *src = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        uchar *dst = frame.bits(0) + y * stride;
        for (int x = 0; x < w; ++x) {
            const uchar lum = luma(src[x]);
            switch (format) {
            case PF::Format_YUYV: dst[2 * x] = lum; break;
            case PF::Format_UYVY: dst[2 * x + 1] = lum; break;
            case PF::Format_Y16: case PF::Format_P010: case PF::Format_P016:
                dst[2 * x] = 0; dst[2 * x + 1] = lum; break; // little endian, value lum << 8
            case PF::Format_AYUV:
                dst[4 * x] = 255; dst[4 * x + 1] = lum; dst[4 * x + 2] = 128; dst[4 * x + 3] = 128; break;
            default:
                if (rgbOrder(format, &order)) {
                    uchar *px = dst + 4 * x;
                    px[order[0]] = uchar(qRed(src[x]));
                    px[order[1]] = uchar(qGreen(src[x]));
                    px[order[2]] = uchar(qBlue(src[x]));
                    px[order[3]] = 255;
                } else {
                    dst[x] = lum; // planar and semi-planar: plane 0 is Y
                }
            }
        }
    }
    frame.unmap();
    return frame;
}

} // namespace VideoFrames
