#include "framedecoder.h"

#include <QElapsedTimer>
#include <QImage>
#include <QScopeGuard>
#include <QVideoFrame>

#include <ZXing/ReadBarcode.h>

#include <algorithm>
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

ScanResult toScanResult(const ZXingCompat::Result &r, QPointF offset, double scaleX, double scaleY)
{
    ScanResult out;
    if (!r.isValid())
        return out;
    out.found = true;
    out.text = QString::fromStdString(r.text());
    const auto &p = r.position();
    for (const auto &pt : {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()})
        out.position << QPointF(pt.x * scaleX, pt.y * scaleY) + offset;
    return out;
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

ZXingCompat::Result readOne(const ImageView &view, const ZXingCompat::Options &options)
{
    try {
        return ZXing::ReadBarcode(view, options);
    } catch (const std::exception &) {
        return {}; // only on invalid arguments, which lumaView never produces; stay alive anyway
    }
}

// The smallest QR code (21 modules) needs at least a pixel a module; below that there is
// nothing to find, and ZXing should not be handed degenerate images.
constexpr int MinSide = 21;

} // namespace

FrameDecoder::FrameDecoder() : m_options(ZXingCompat::firstPassOptions()), m_fixedOptions(m_options)
{
    m_fixedOptions.setBinarizer(ZXing::Binarizer::FixedThreshold);
}

QList<FramePass> FrameDecoder::extraPasses()
{
    // Cheapest first (CPU ms on a missed 1280x720 frame here: 1.5, 3, 7, 12, 10). Chosen on the
    // generated check-in corpus (tests/support/checkincorpus) by what each rescues that the
    // others do not; a pass that rescued nothing new was dropped (squeezing one axis for steep
    // tilts, a global-histogram binarizer, a plain full-size sharpen).
    return {FramePass::HalfScale, FramePass::HalfSharpened, FramePass::EnlargedFixed, FramePass::CentreSharpened,
            FramePass::Enlarged};
}

const char *FrameDecoder::passName(FramePass pass)
{
    switch (pass) {
    case FramePass::First: return "first";
    case FramePass::HalfScale: return "half-scale";
    case FramePass::HalfSharpened: return "half-sharpened";
    case FramePass::EnlargedFixed: return "x1.5-fixed-threshold";
    case FramePass::CentreSharpened: return "centre-x2-sharpened";
    case FramePass::Enlarged: return "x1.5";
    }
    return "?";
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

ScanResult FrameDecoder::decodePass(FramePass pass, const QImage &image) const
{
    const QImage grey = image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_Grayscale8);
    if (grey.width() < 2 * MinSide || grey.height() < 2 * MinSide)
        return {};
    const ImageView view(grey.constBits(), grey.width(), grey.height(), ImageFormat::Lum, int(grey.bytesPerLine()));
    if (pass != FramePass::First)
        LumaOps::copy(view, m_copy);
    ScanResult r = runPass(pass, view);
    r.pass = pass;
    r.passesRun = 1;
    return r;
}

ScanResult FrameDecoder::runPass(FramePass pass, const ImageView &view) const
{
    // Each pass makes an image, reads it, and maps the corners back to the view's pixels.
    const auto read = [&](const LumaImage &img, const ZXingCompat::Options &options, QPointF offset, double scale) {
        return toScanResult(readOne(img.view(), options), offset, scale, scale);
    };
    const double toView = double(view.width()) / (view.width() / 2); // half scale back to full
    switch (pass) {
    case FramePass::First:
        return toScanResult(readOne(view, m_options), {}, 1, 1);
    case FramePass::HalfScale:
        // Averaging calms the noise and moire that break up the 1:1 binarization, while modules
        // stay larger than in ZXing's own downscaled layer.
        LumaOps::halfScale(view, m_work);
        return read(m_work, m_options, {}, toView);
    case FramePass::HalfSharpened:
        LumaOps::halfScale(view, m_work2);
        LumaOps::sharpen(m_work2, 2, 2.0, m_work);
        return read(m_work, m_options, {}, toView);
    case FramePass::EnlargedFixed:
        // A blurred module edge is a slope; ZXing's local threshold (per 8x8 block) wanders on it,
        // one threshold for the whole picture does not. Enlarging first gives the sampling grid
        // room between the smeared modules.
        LumaOps::resize(m_copy, m_copy.width * 3 / 2, m_copy.height * 3 / 2, m_work);
        return read(m_work, m_fixedOptions, {}, double(m_copy.width) / m_work.width);
    case FramePass::CentreSharpened: {
        // The middle half of the frame (where the framing guide is) at twice its size: a far-away
        // code of 1.5-2 px a module gets the 3+ px ZXing's finder-pattern scan needs.
        const int w = m_copy.width / 2, h = m_copy.height / 2, x0 = m_copy.width / 4, y0 = m_copy.height / 4;
        m_work.resize(w, h);
        for (int y = 0; y < h; ++y)
            std::copy_n(m_copy.row(y0 + y) + x0, w, m_work.row(y));
        LumaOps::resize(m_work, 2 * w, 2 * h, m_work2);
        LumaOps::sharpen(m_work2, 3, 2.0, m_work);
        return read(m_work, m_options, QPointF(x0, y0), 0.5);
    }
    case FramePass::Enlarged:
        LumaOps::resize(m_copy, m_copy.width * 3 / 2, m_copy.height * 3 / 2, m_work);
        return read(m_work, m_options, {}, double(m_copy.width) / m_work.width);
    }
    return {};
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
    if (view.width() < MinSide || view.height() < MinSide)
        return {};
    ScanResult result = runPass(FramePass::First, view);
    result.passesRun = 1;
    if (!result.found && view.width() >= 2 * MinSide && view.height() >= 2 * MinSide && mayRetry) {
        bool copied = false;
        for (const FramePass pass : extraPasses()) {
            if (!mayRetry())
                break;
            if (!copied && pass != FramePass::HalfScale && pass != FramePass::HalfSharpened) {
                LumaOps::copy(view, m_copy); // once, for the passes that resample the frame
                copied = true;
            }
            const int run = result.passesRun + 1;
            result = runPass(pass, view);
            result.pass = pass;
            result.passesRun = run;
            result.retried = true;
            if (result.found)
                break;
        }
    }
    if (result.found && !offset.isNull())
        result.position.translate(offset);
    return result;
}
