#include "qrscanner.h"

#include "scannerlogging.h"

#include <QThread>
#include <QVideoFrame>
#include <QVideoSink>

QrScanner::QrScanner(QObject *parent) : QObject(parent)
{
    m_uptime.start();
    m_clock = [this] { return m_uptime.elapsed(); };
}

QrScanner::~QrScanner()
{
    stop();
}

void QrScanner::setVideoSink(QVideoSink *sink)
{
    if (m_sink == sink)
        return;
    if (m_sink)
        disconnect(m_sink, nullptr, this, nullptr);
    m_sink = sink;
    if (m_sink) {
        // Queued or direct, this runs on the GUI thread and only counts and hands over.
        connect(m_sink, &QVideoSink::videoFrameChanged, this, &QrScanner::onFrame);
        connect(m_sink, &QObject::destroyed, this, [this] { emit videoSinkChanged(); });
    }
    emit videoSinkChanged();
}

void QrScanner::setActive(bool active)
{
    if (active == isActive())
        return;
    active ? start() : stop();
    emit activeChanged();
}

void QrScanner::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    emit pausedChanged();
}

void QrScanner::setRegionOfInterest(const QRectF &roi)
{
    if (m_roi == roi)
        return;
    m_roi = roi;
    emit regionOfInterestChanged();
}

void QrScanner::setDebounceInterval(int ms)
{
    if (m_debounceMs == ms)
        return;
    m_debounceMs = qMax(0, ms);
    emit debounceIntervalChanged();
}

void QrScanner::setRetryMissedFrames(bool retry)
{
    if (m_retry == retry)
        return;
    m_retry = retry;
    if (m_worker)
        m_worker->setRetryEnabled(retry);
    emit retryMissedFramesChanged();
}

void QrScanner::start()
{
    ++m_generation;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("qr-decoder"));
    m_worker = new DecodeWorker(m_decodeFn);
    m_worker->setRetryEnabled(m_retry);
    m_worker->moveToThread(m_thread);
    // QThread runs deferred deletes when it finishes, so the worker dies on its own thread.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    const quint64 generation = m_generation;
    connect(m_worker, &DecodeWorker::finished, this,
            [this, generation](const ScanResult &r) { onResult(generation, r); }, Qt::QueuedConnection);
    m_thread->start();
    qCDebug(lcScanner) << "scanner started";
}

void QrScanner::stop()
{
    if (!m_thread)
        return;
    // Waits for at most the decode in progress (milliseconds); the queued frame, if any,
    // is discarded with the worker's event queue. Results already posted carry an old
    // generation number and are ignored.
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    ++m_generation;
    qCDebug(lcScanner) << "scanner stopped";
}

QRect QrScanner::pixelRoi(const QSize &size) const
{
    const QRectF unit(0, 0, 1, 1);
    const QRectF r = m_roi.normalized().intersected(unit);
    if (m_roi.isEmpty() || r == unit)
        return {};
    return QRectF(r.x() * size.width(), r.y() * size.height(), r.width() * size.width(),
                  r.height() * size.height()).toAlignedRect().intersected(QRect(QPoint(), size));
}

void QrScanner::onFrame(const QVideoFrame &frame)
{
    if (!m_worker || !frame.isValid())
        return;
    ++m_seen;
    if (!m_paused) {
        if (m_worker->tryClaim()) {
            QMetaObject::invokeMethod(
                m_worker, [w = m_worker, frame, roi = pixelRoi(frame.size())] { w->decode(frame, roi); },
                Qt::QueuedConnection);
        } else {
            ++m_dropped;
        }
    }
    emit statsChanged();
}

void QrScanner::onResult(quint64 generation, const ScanResult &result)
{
    if (generation != m_generation)
        return;
    ++m_decoded;
    m_lastDecodeMs = result.decodeMs;
    emit statsChanged();
    if (!result.found || m_paused)
        return;

    const qint64 now = m_clock();
    for (auto it = m_lastEmitted.begin(); it != m_lastEmitted.end();)
        it = now - it.value() >= m_debounceMs ? m_lastEmitted.erase(it) : std::next(it);
    if (m_lastEmitted.contains(result.text))
        return; // the same card still in front of the camera
    m_lastEmitted.insert(result.text, now);
    // Which pass read it tells, in the field, whether the extra passes earn their CPU.
    qCInfo(lcScanner, "decoded %lld chars in %.1f ms by the %s pass (passes run: %d)", qint64(result.text.size()), result.decodeMs,
           FrameDecoder::passName(result.pass), result.passesRun);
    emit decoded(result.text);
}
