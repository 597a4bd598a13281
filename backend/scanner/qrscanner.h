#pragma once
#include "decodeworker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QVideoSink> // complete type for the Q_PROPERTY
#include <QtQml/qqmlregistration.h>

#include <functional>

class QThread;
class QVideoFrame;

// Watches a QVideoSink (the camera's, or a file source's) and reports the QR codes in it:
//
//     QrScanner {
//         videoSink: viewfinder.videoSink      // VideoOutput { id: viewfinder }
//         active: page.visible
//         paused: resultScreen.visible
//         onDecoded: (text) => kiosk.handleCode(text)
//     }
//
// Frames arrive on the GUI thread and are only counted and handed over there; decoding runs on
// a worker thread, one frame at a time. A frame arriving while one is being decoded is dropped
// (the next one is newer anyway). The same text is reported at most once per debounceInterval,
// so a card held in front of the camera checks in once, not thirty times a second.
class QrScanner : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    // Normalized (0..1) part of the frame to search; empty means the whole frame.
    Q_PROPERTY(QRectF regionOfInterest READ regionOfInterest WRITE setRegionOfInterest NOTIFY regionOfInterestChanged)
    Q_PROPERTY(int debounceInterval READ debounceInterval WRITE setDebounceInterval NOTIFY debounceIntervalChanged)
    // Give a missed frame FrameDecoder's extra passes while no newer frame has knocked.
    Q_PROPERTY(bool retryMissedFrames READ retryMissedFrames WRITE setRetryMissedFrames NOTIFY retryMissedFramesChanged)
    Q_PROPERTY(double lastDecodeMs READ lastDecodeMs NOTIFY statsChanged)
    // framesSeen = decoded + dropped + skipped while paused (+ the one in flight).
    Q_PROPERTY(qint64 framesSeen READ framesSeen NOTIFY statsChanged)
    Q_PROPERTY(qint64 framesDecoded READ framesDecoded NOTIFY statsChanged)
    Q_PROPERTY(qint64 framesDropped READ framesDropped NOTIFY statsChanged)

public:
    // Milliseconds on a monotonic clock; replaceable so tests can step time.
    using MonotonicClock = std::function<qint64()>;

    explicit QrScanner(QObject *parent = nullptr);
    ~QrScanner() override;

    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);
    bool isActive() const { return m_worker != nullptr; }
    void setActive(bool active);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    QRectF regionOfInterest() const { return m_roi; }
    void setRegionOfInterest(const QRectF &roi);
    int debounceInterval() const { return m_debounceMs; }
    void setDebounceInterval(int ms);
    bool retryMissedFrames() const { return m_retry; }
    void setRetryMissedFrames(bool retry);

    double lastDecodeMs() const { return m_lastDecodeMs; }
    qint64 framesSeen() const { return m_seen; }
    qint64 framesDecoded() const { return m_decoded; }
    qint64 framesDropped() const { return m_dropped; }

    // C++ only, for tests. Takes effect at the next activation.
    void setDecodeFunction(DecodeWorker::DecodeFunction decode) { m_decodeFn = std::move(decode); }
    void setMonotonicClock(MonotonicClock clock) { m_clock = std::move(clock); }

signals:
    void decoded(const QString &text);
    void videoSinkChanged();
    void activeChanged();
    void pausedChanged();
    void regionOfInterestChanged();
    void debounceIntervalChanged();
    void retryMissedFramesChanged();
    void statsChanged();

private:
    void onFrame(const QVideoFrame &frame);
    void onResult(quint64 generation, const ScanResult &result);
    void start();
    void stop();
    QRect pixelRoi(const QSize &frameSize) const;

    QPointer<QVideoSink> m_sink;
    QThread *m_thread = nullptr;
    DecodeWorker *m_worker = nullptr; // lives in m_thread; deleted when it finishes
    DecodeWorker::DecodeFunction m_decodeFn;
    quint64 m_generation = 0; // results of an earlier activation are stale
    bool m_paused = false;
    bool m_retry = true;
    QRectF m_roi;
    int m_debounceMs = 5000;
    QElapsedTimer m_uptime;
    MonotonicClock m_clock;
    QHash<QString, qint64> m_lastEmitted; // text -> when it was last reported
    double m_lastDecodeMs = 0;
    qint64 m_seen = 0;
    qint64 m_decoded = 0;
    qint64 m_dropped = 0;
};
