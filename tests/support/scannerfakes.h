#pragma once
// Helpers for the QrScanner tests: frames with a code, a decoder the test holds by the hand.
#include "framedecoder.h"
#include "decodeworker.h"
#include "qrimage.h"
#include "videoframes.h"

#include <QPainter>
#include <QSemaphore>
#include <QVideoSink>

#include <atomic>

namespace ScannerFakes {

inline QImage frameWithCode(const QString &text)
{
    QImage frame(1280, 720, QImage::Format_RGB32);
    frame.fill(QColor(110, 120, 130));
    QPainter(&frame).drawImage(400, 120, QrImage::render(text, 6));
    return frame;
}

inline QVideoFrame nv12(const QImage &image) { return VideoFrames::fromImage(image, QVideoFrameFormat::Format_NV12); }

// QVideoSink ignores a frame equal to (sharing its buffer with) the current one, as a camera
// never repeats a buffer. Feeding one picture many times means alternating two copies of it.
struct TwoFrames
{
    QVideoFrame a, b;
    explicit TwoFrames(const QImage &image) : a(nv12(image)), b(nv12(image)) { }
    void push(QVideoSink &sink, int times = 1)
    {
        for (int i = 0; i < times; ++i) {
            const QVideoFrame &next = sink.videoFrame() == a ? b : a;
            sink.setVideoFrame(next);
        }
    }
};

// A decoder that holds each frame until the test lets it go, and counts how many it holds.
struct GatedDecoder
{
    QSemaphore entered, release;
    std::atomic<int> inFlight{0}, maxInFlight{0}, calls{0};
    QRect lastRoi;

    DecodeWorker::DecodeFunction function()
    {
        return [this](const QVideoFrame &frame, const QRect &roi, const FrameDecoder::RetryGate &gate) {
            const int now = ++inFlight;
            maxInFlight = qMax(maxInFlight.load(), now);
            ++calls;
            lastRoi = roi;
            entered.release();
            release.acquire();
            const ScanResult r = FrameDecoder().decode(frame, roi, gate); // the frame is still valid
            --inFlight;
            return r;
        };
    }
};

} // namespace ScannerFakes
