#pragma once
#include "framedecoder.h"

#include <QObject>
#include <QRect>
#include <QVideoFrame>

#include <atomic>
#include <functional>

// The scanner's decoding half: lives in its own QThread and decodes the one frame it has been
// handed. The GUI thread claims it with tryClaim() before queueing a frame, so at most one frame
// is ever in flight and a frame arriving meanwhile is dropped at the door, never queued.
class DecodeWorker : public QObject
{
    Q_OBJECT
public:
    // Substitute for FrameDecoder::decode, for tests (a decoder that blocks, counts, or fails).
    using DecodeFunction = std::function<ScanResult(const QVideoFrame &, const QRect &roi,
                                                    const FrameDecoder::RetryGate &)>;

    explicit DecodeWorker(DecodeFunction decode = {}, QObject *parent = nullptr);

    // Any thread. True: the caller owns the next decode and must queue exactly one frame.
    // False: a decode is running; the caller drops its frame. A refused claim also tells the
    // running decode that fresh frames are coming, so it runs no further extra pass.
    bool tryClaim();

    // Any thread. Whether a frame that fails the first pass gets the extra passes (default on).
    void setRetryEnabled(bool enabled) { m_retryEnabled.store(enabled); }

    // Worker thread (queued call after a successful tryClaim). Releases the claim, then
    // emits finished().
    void decode(const QVideoFrame &frame, const QRect &roi);

signals:
    void finished(const ScanResult &result);

private:
    bool mayRetry() const;

    FrameDecoder m_decoder;
    DecodeFunction m_decode;
    std::atomic<bool> m_busy{false};
    std::atomic<bool> m_framesWaiting{false};
    std::atomic<bool> m_retryEnabled{true};
};
