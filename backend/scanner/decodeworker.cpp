#include "decodeworker.h"

DecodeWorker::DecodeWorker(DecodeFunction decode, QObject *parent)
    : QObject(parent), m_decode(std::move(decode))
{
    qRegisterMetaType<ScanResult>();
}

bool DecodeWorker::tryClaim()
{
    bool expected = false;
    if (m_busy.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) {
        m_framesWaiting.store(false, std::memory_order_relaxed);
        return true;
    }
    m_framesWaiting.store(true, std::memory_order_relaxed);
    return false;
}

bool DecodeWorker::mayRetry() const
{
    // Asked before every extra pass. Idle means no frame knocked since this decode began: the
    // camera is slower than the decoder, so another look costs no fresh frame. A frame that
    // knocks during an extra pass is dropped like any other and stops the passes after it.
    return m_retryEnabled.load(std::memory_order_relaxed) && !m_framesWaiting.load(std::memory_order_relaxed);
}

void DecodeWorker::decode(const QVideoFrame &frame, const QRect &roi)
{
    const FrameDecoder::RetryGate gate = [this] { return mayRetry(); };
    const ScanResult result = m_decode ? m_decode(frame, roi, gate) : m_decoder.decode(frame, roi, gate);
    m_busy.store(false, std::memory_order_release);
    emit finished(result);
}
