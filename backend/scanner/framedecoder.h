#pragma once
#include "scanresult.h"

#include <QRect>

#include <cstdint>
#include <functional>
#include <vector>

#define ZX_USE_UTF8 1
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>

class QImage;
class QVideoFrame;

// Decodes one QR code from one camera frame with ZXing-C++, reading the luminance straight
// out of the mapped frame (no per-frame copies for YUV, grey and 32-bit RGB formats).
// Use one instance from one thread at a time (it keeps a scratch buffer for the retry pass);
// it never touches the GUI.
class FrameDecoder
{
public:
    // Asked after a failed first pass; returning false skips the fallback pass. The scanner's
    // worker says "no" when a newer frame arrived meanwhile: fresh frames beat second looks.
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

    // What the decoder sees: the frame's luminance exactly as ZXing gets it, copied into a
    // Grayscale8 image. For diagnostics (saving a frame that would not decode) and for tests of
    // the pixel format mapping; the decode path itself never copies.
    static QImage luminance(const QVideoFrame &frame);

    // The hints every pass uses: QR only, one symbol, built once. Exposed for benchmarks and
    // tests that compare against a bare ZXing::ReadBarcode call.
    const ZXing::DecodeHints &hints() const { return m_hints; }

private:
    ScanResult decodeView(const ZXing::ImageView &view, const QRect &roi,
                          const RetryGate &mayRetry) const;

    ZXing::DecodeHints m_hints;
    mutable std::vector<uint8_t> m_scratch; // half-scale retry image, reused to spare the allocator
};
