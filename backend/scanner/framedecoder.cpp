#include "framedecoder.h"

#include <QElapsedTimer>
#include <QImage>
#include <QScopeGuard>
#include <QVideoFrame>

#include <ZXing/ReadBarcode.h>

#include <optional>

using ZXing::ImageFormat;
using ZXing::ImageView;

namespace {

// Where the luminance of a mapped frame lives. Qt 6 names packed RGB video formats by
// byte order in memory (Format_BGRA8888 is B,G,R,A in memory, i.e. QImage::Format_ARGB32 on
// little endian), which matches ZXing's ImageFormat naming, so no endian switch is needed.
std::optional<ImageView> lumaView(const QVideoFrame &f)
{
    const uchar *bits = f.bits(0);
    const int w = f.width(), h = f.height(), stride = f.bytesPerLine(0);
    if (!bits || w <= 0 || h <= 0 || stride <= 0 || f.mappedBytes(0) < stride * h)
        return std::nullopt;
    auto lum = [&](int offset, int pixStride) {
        return ImageView(bits + offset, w, h, ImageFormat::Lum, stride, pixStride);
    };
    auto rgb = [&](ImageFormat fmt) { return ImageView(bits, w, h, fmt, stride); };

    switch (f.pixelFormat()) {
    // Planar and semi-planar YUV, grey: plane 0 is the Y plane, one byte a pixel.
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_IMC1:
    case QVideoFrameFormat::Format_IMC2:
    case QVideoFrameFormat::Format_IMC3:
    case QVideoFrameFormat::Format_IMC4:
    case QVideoFrameFormat::Format_Y8:
        return lum(0, 1);
    // Packed 4:2:2: every second byte is Y.
    case QVideoFrameFormat::Format_YUYV:
        return lum(0, 2);
    case QVideoFrameFormat::Format_UYVY:
        return lum(1, 2);
    // 16-bit little-endian samples (P010 keeps its 10 bits at the top): the high byte is
    // the 8-bit luminance.
    case QVideoFrameFormat::Format_Y16:
    case QVideoFrameFormat::Format_P010:
    case QVideoFrameFormat::Format_P016:
        return Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? lum(1, 2) : lum(0, 2);
    case QVideoFrameFormat::Format_ARGB8888:
    case QVideoFrameFormat::Format_ARGB8888_Premultiplied:
    case QVideoFrameFormat::Format_XRGB8888:
        return rgb(ImageFormat::XRGB);
    case QVideoFrameFormat::Format_BGRA8888:
    case QVideoFrameFormat::Format_BGRA8888_Premultiplied:
    case QVideoFrameFormat::Format_BGRX8888:
        return rgb(ImageFormat::BGRX);
    case QVideoFrameFormat::Format_ABGR8888:
    case QVideoFrameFormat::Format_XBGR8888:
        return rgb(ImageFormat::XBGR);
    case QVideoFrameFormat::Format_RGBA8888:
    case QVideoFrameFormat::Format_RGBX8888:
        return rgb(ImageFormat::RGBX);
    default:
        return std::nullopt; // AYUV, 10-bit planar, JPEG, GPU textures: QVideoFrame::toImage()
    }
}

std::optional<ImageView> imageView(const QImage &img)
{
    const int w = img.width(), h = img.height(), stride = int(img.bytesPerLine());
    const uchar *bits = img.constBits();
    switch (img.format()) {
    case QImage::Format_Grayscale8:
    case QImage::Format_Alpha8:
        return ImageView(bits, w, h, ImageFormat::Lum, stride);
    // QImage's 32-bit formats are native-endian words 0xAARRGGBB.
    case QImage::Format_RGB32:
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return ImageView(bits, w, h, Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? ImageFormat::BGRX : ImageFormat::XRGB, stride);
    case QImage::Format_RGBX8888:
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        return ImageView(bits, w, h, ImageFormat::RGBX, stride);
    case QImage::Format_RGB888:
        return ImageView(bits, w, h, ImageFormat::RGB, stride);
    case QImage::Format_BGR888:
        return ImageView(bits, w, h, ImageFormat::BGR, stride);
    default:
        return std::nullopt;
    }
}

ScanResult toScanResult(const ZXing::Result &r, QPointF offset, double scale)
{
    ScanResult out;
    if (!r.isValid())
        return out;
    out.found = true;
    out.text = QString::fromStdString(r.text());
    const auto &p = r.position();
    for (const auto &pt : {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()})
        out.position << QPointF(pt.x * scale, pt.y * scale) + offset;
    return out;
}

// 2x2 box average into `buffer` (reused between calls): luminance of any view format.
template<typename Lum>
ImageView averageHalf(const ImageView &v, std::vector<uint8_t> &buffer, Lum lum)
{
    const int w = v.width() / 2, h = v.height() / 2, ps = v.pixStride();
    buffer.resize(size_t(w) * size_t(h));
    uint8_t *dst = buffer.data();
    for (int y = 0; y < h; ++y) {
        const uint8_t *a = v.data(0, 2 * y), *b = v.data(0, 2 * y + 1);
        for (int x = 0; x < w; ++x, a += 2 * ps, b += 2 * ps)
            *dst++ = uint8_t((lum(a) + lum(a + ps) + lum(b) + lum(b + ps) + 2) >> 2);
    }
    return ImageView(buffer.data(), w, h, ImageFormat::Lum);
}

ImageView halfScale(const ImageView &v, std::vector<uint8_t> &buffer)
{
    if (v.format() == ImageFormat::Lum)
        return averageHalf(v, buffer, [](const uint8_t *p) { return unsigned(*p); });
    const int r = ZXing::RedIndex(v.format()), g = ZXing::GreenIndex(v.format()), b = ZXing::BlueIndex(v.format());
    return averageHalf(v, buffer, [r, g, b](const uint8_t *p) { return unsigned(ZXing::RGBToLum(p[r], p[g], p[b])); });
}

// Calls fn(row, x, lum) for every pixel of the view; the one place that knows how a view's
// bytes turn into luminance for the non-Lum formats.
template<typename Fn>
void forEachLum(const ImageView &v, Fn fn)
{
    const bool grey = v.format() == ImageFormat::Lum;
    const int r = ZXing::RedIndex(v.format()), g = ZXing::GreenIndex(v.format()), b = ZXing::BlueIndex(v.format());
    for (int y = 0; y < v.height(); ++y)
        for (int x = 0; x < v.width(); ++x) {
            const uint8_t *p = v.data(x, y);
            fn(y, x, grey ? *p : ZXing::RGBToLum(p[r], p[g], p[b]));
        }
}

ZXing::Result readOne(const ImageView &view, const ZXing::DecodeHints &hints)
{
    try {
        return ZXing::ReadBarcode(view, hints);
    } catch (const std::exception &) {
        return {}; // only on invalid arguments, which lumaView never produces; stay alive anyway
    }
}

} // namespace

FrameDecoder::FrameDecoder()
{
    // QR only: member codes are QR, and every other format costs time on empty frames.
    // One symbol: stop at the first hit. tryHarder stays on (the default) for skewed codes.
    m_hints.setFormats(ZXing::BarcodeFormat::QRCode);
    m_hints.setMaxNumberOfSymbols(1);
    m_hints.setTryHarder(true);
    m_hints.setTryRotate(false); // rotation only matters to 1D codes
}

QImage FrameDecoder::luminance(const QVideoFrame &frame)
{
    QVideoFrame mapped = frame;
    if (frame.isValid() && mapped.map(QVideoFrame::ReadOnly)) {
        auto unmap = qScopeGuard([&] { mapped.unmap(); });
        if (const auto view = lumaView(mapped)) {
            QImage out(view->width(), view->height(), QImage::Format_Grayscale8);
            forEachLum(*view, [&](int y, int x, uint8_t lum) { out.scanLine(y)[x] = lum; });
            return out;
        }
    }
    return frame.toImage().convertToFormat(QImage::Format_Grayscale8);
}

ScanResult FrameDecoder::decode(const QVideoFrame &frame, const QRect &roi, const RetryGate &mayRetry) const
{
    QElapsedTimer timer;
    timer.start();
    if (!frame.isValid())
        return {};
    QVideoFrame mapped = frame; // shallow: map() is non-const, the pixels are shared
    ScanResult result;
    if (mapped.map(QVideoFrame::ReadOnly)) {
        auto unmap = qScopeGuard([&] { mapped.unmap(); });
        if (const auto view = lumaView(mapped)) {
            result = decodeView(*view, roi, mayRetry);
            result.decodeMs = timer.nsecsElapsed() / 1e6;
            return result;
        }
    }
    // Formats without a direct luma view: let Qt convert (slow, but correct).
    const QImage grey = frame.toImage().convertToFormat(QImage::Format_Grayscale8);
    if (!grey.isNull())
        result = decodeView(*imageView(grey), roi, mayRetry);
    result.decodeMs = timer.nsecsElapsed() / 1e6;
    return result;
}

ScanResult FrameDecoder::decode(const QImage &image, const QRect &roi, const RetryGate &mayRetry) const
{
    QElapsedTimer timer;
    timer.start();
    ScanResult result;
    if (image.isNull())
        return result;
    if (const auto view = imageView(image)) {
        result = decodeView(*view, roi, mayRetry);
    } else {
        const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
        result = decodeView(*imageView(grey), roi, mayRetry);
    }
    result.decodeMs = timer.nsecsElapsed() / 1e6;
    return result;
}

ScanResult FrameDecoder::decodeView(const ImageView &full, const QRect &roi, const RetryGate &mayRetry) const
{
    ImageView view = full;
    QPoint offset;
    if (!roi.isNull()) {
        const QRect r = roi.intersected(QRect(0, 0, full.width(), full.height()));
        if (r.isEmpty())
            return {};
        view = full.cropped(r.x(), r.y(), r.width(), r.height());
        offset = r.topLeft();
    }
    // The smallest QR code (21 modules) needs at least a pixel a module; below that there is
    // nothing to find, and ZXing should not be handed degenerate images.
    constexpr int MinSide = 21;
    if (view.width() < MinSide || view.height() < MinSide)
        return {};
    ScanResult result = toScanResult(readOne(view, m_hints), offset, 1.0);
    if (result.found || view.width() < 2 * MinSide || view.height() < 2 * MinSide || !mayRetry || !mayRetry())
        return result;

    // Second look at half resolution, each pixel the mean of a 2x2 block: averaging calms the
    // noise, moire and blur that break up the 1:1 binarization, while modules stay larger than
    // in ZXing's own 1/3 layer. Measured on 11 seeds x 120 camera-like frames
    // (tests/support/cameralikeframes): bare ZXing read 1296, with this pass 1308; a zero-copy
    // subsampled view (rowStride*2, pixStride*2) rescued 10 where averaging rescued 12, and
    // ZXing 1.4 copies a strided view into a dense buffer anyway, so it saves nothing.
    const ImageView half = halfScale(view, m_scratch);
    result = toScanResult(readOne(half, m_hints), offset, double(view.width()) / half.width());
    result.retried = true;
    return result;
}
