// QrScanner: one frame in flight, the rest dropped; debounce; paused; safe teardown while a
// decode runs; usable from QML. (A video file through the sink: tst_qrscanner_sources.)
#include "cameralikeframes.h"
#include "qrscanner.h"
#include "scannerfakes.h"

#include <QQmlComponent>
#include <QQmlEngine>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QVideoSink>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>

#include <atomic>
#include <memory>

Q_IMPORT_QML_PLUGIN(DangqunPlugin)

using namespace ScannerFakes;


class TestQrScanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QRandomGenerator rng(3);
        m_textA = CameraLikeFrames::memberCodeLikeText(rng);
        m_textB = CameraLikeFrames::memberCodeLikeText(rng);
        m_a = std::make_unique<TwoFrames>(frameWithCode(m_textA));
        m_b = std::make_unique<TwoFrames>(frameWithCode(m_textB));
    }

    void framesArrivingDuringADecodeAreDropped()
    {
        GatedDecoder gated;
        QVideoSink sink;
        QrScanner scanner;
        const auto openGate = qScopeGuard([&gated] { gated.release.release(1000); }); // never hang on a failure
        scanner.setDecodeFunction(gated.function());
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);

        m_a->push(sink);
        QVERIFY(gated.entered.tryAcquire(1, 5000));
        m_a->push(sink, 10);
        QCOMPARE(scanner.framesSeen(), 11);
        QCOMPARE(scanner.framesDropped(), 10);
        gated.release.release();
        QTRY_COMPARE(scanner.framesDecoded(), 1);
        QCOMPARE(decoded.size(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), m_textA);
        QCOMPARE(gated.calls.load(), 1);
        QCOMPARE(gated.maxInFlight.load(), 1);
        QVERIFY(scanner.lastDecodeMs() > 0);
    }

    // The extra passes run only while the worker would otherwise be idle (design.md §8): a frame
    // that knocks while a decode runs (and is dropped) stops them after the first pass; with no
    // knock every extra pass runs. The real FrameDecoder, the worker's real gate.
    void extraPassesOnlyWhileIdle()
    {
        QSemaphore entered, release;
        std::atomic<int> passesRun{-1};
        QVideoSink sink;
        QrScanner scanner;
        const auto openGate = qScopeGuard([&release] { release.release(1000); }); // never hang on a failure
        scanner.setDecodeFunction([&](const QVideoFrame &frame, const QRect &roi, const FrameDecoder::RetryGate &gate) {
            entered.release();
            release.acquire(); // the decode lasts as long as the test wants
            const ScanResult r = FrameDecoder().decode(frame, roi, gate);
            passesRun = r.passesRun;
            return r;
        });
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        QImage grey(1280, 720, QImage::Format_Grayscale8);
        grey.fill(128);
        TwoFrames empty(grey);

        empty.push(sink);
        QVERIFY(entered.tryAcquire(1, 5000));
        empty.push(sink); // a newer frame knocks: dropped, and no second look for this one
        QCOMPARE(scanner.framesDropped(), 1);
        release.release();
        QTRY_COMPARE(scanner.framesDecoded(), 1);
        QCOMPARE(passesRun.load(), 1);

        empty.push(sink); // nobody knocks: every extra pass
        QVERIFY(entered.tryAcquire(1, 5000));
        release.release();
        QTRY_COMPARE(scanner.framesDecoded(), 2);
        QCOMPARE(passesRun.load(), 1 + int(FrameDecoder::extraPasses().size()));
    }

    // The real decoder, frames pushed as fast as the GUI thread can: most are dropped, none
    // queued, and the code is reported once.
    void realDecoderFedFasterThanItDecodes()
    {
        QVideoSink sink;
        QrScanner scanner;
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);
        m_a->push(sink, 200);
        QTRY_COMPARE(scanner.framesDecoded() + scanner.framesDropped(), scanner.framesSeen());
        QCOMPARE(scanner.framesSeen(), 200);
        QVERIFY(scanner.framesDropped() > 0);
        QVERIFY(scanner.framesDecoded() >= 1);
        QCOMPARE(decoded.size(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), m_textA);
    }

    void sameTextOncePerDebounceInterval()
    {
        qint64 now = 1000;
        QVideoSink sink;
        QrScanner scanner;
        scanner.setMonotonicClock([&now] { return now; });
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        QCOMPARE(scanner.debounceInterval(), 5000);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);
        auto feed = [&](TwoFrames *f) {
            const qint64 before = scanner.framesDecoded();
            f->push(sink);
            QTRY_COMPARE(scanner.framesDecoded(), before + 1);
        };
        for (int i = 0; i < 5; ++i) {
            feed(m_a.get());
            now += 900; // 4.5 s of the same card in view
        }
        QCOMPARE(decoded.size(), 1);
        feed(m_b.get()); // another card: reported at once
        QCOMPARE(decoded.size(), 2);
        QCOMPARE(decoded.at(1).at(0).toString(), m_textB);
        now = 1000 + 5000; // the first card, 5 s after it was reported
        feed(m_a.get());
        QCOMPARE(decoded.size(), 3);
        QCOMPARE(decoded.at(2).at(0).toString(), m_textA);

        scanner.setDebounceInterval(0);
        feed(m_a.get());
        QCOMPARE(decoded.size(), 4);
    }

    void pausedReportsNothing()
    {
        GatedDecoder gated;
        QVideoSink sink;
        QrScanner scanner;
        const auto openGate = qScopeGuard([&gated] { gated.release.release(1000); }); // never hang on a failure
        scanner.setDecodeFunction(gated.function());
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);

        // A decode already running when the result screen comes up is not reported.
        m_a->push(sink);
        QVERIFY(gated.entered.tryAcquire(1, 5000));
        scanner.setPaused(true);
        gated.release.release();
        QTRY_COMPARE(scanner.framesDecoded(), 1);
        // While paused, frames are not even decoded.
        m_b->push(sink, 5);
        QCoreApplication::processEvents();
        QCOMPARE(gated.calls.load(), 1);
        QCOMPARE(scanner.framesSeen(), 6);
        QCOMPARE(scanner.framesDropped(), 0);
        QCOMPARE(decoded.size(), 0);

        scanner.setPaused(false);
        gated.release.release(); // let the next decode through at once
        m_b->push(sink);
        QTRY_COMPARE(decoded.size(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), m_textB);
    }

    void deletingTheScannerMidDecodeIsSafe()
    {
        GatedDecoder gated;
        QVideoSink sink;
        auto scanner = std::make_unique<QrScanner>();
        const auto openGate = qScopeGuard([&gated] { gated.release.release(1000); }); // never hang on a failure
        scanner->setDecodeFunction(gated.function());
        scanner->setVideoSink(&sink);
        scanner->setActive(true);
        m_a->push(sink);
        QVERIFY(gated.entered.tryAcquire(1, 5000));
        // Let the decode finish a moment after the destructor has started waiting for it.
        std::unique_ptr<QThread> releaser(QThread::create([&gated] {
            QThread::msleep(50);
            gated.release.release();
        }));
        releaser->start();
        scanner.reset();
        releaser->wait();
        QCOMPARE(gated.inFlight.load(), 0);
        // The result the worker posted to the dead scanner must go nowhere; frames too.
        QCoreApplication::processEvents();
        m_a->push(sink);
        QCoreApplication::processEvents();
        QCOMPARE(gated.calls.load(), 1);
    }

    void deletingTheSinkMidDecodeIsSafe()
    {
        GatedDecoder gated;
        auto sink = std::make_unique<QVideoSink>();
        QrScanner scanner;
        const auto openGate = qScopeGuard([&gated] { gated.release.release(1000); }); // never hang on a failure
        scanner.setDecodeFunction(gated.function());
        scanner.setVideoSink(sink.get());
        scanner.setActive(true);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);
        QSignalSpy sinkChanged(&scanner, &QrScanner::videoSinkChanged);
        // The only other reference to the frame's pixels is in the sink; drop ours too.
        sink->setVideoFrame(nv12(frameWithCode(m_textB)));
        QVERIFY(gated.entered.tryAcquire(1, 5000));
        sink.reset();
        QCOMPARE(scanner.videoSink(), nullptr);
        QCOMPARE(sinkChanged.size(), 1);
        gated.release.release();
        QTRY_COMPARE(decoded.size(), 1); // the worker's copy of the frame kept the pixels alive
        QCOMPARE(decoded.at(0).at(0).toString(), m_textB);

        QVideoSink other; // and a new sink works
        scanner.setVideoSink(&other);
        gated.release.release();
        m_a->push(other);
        QTRY_COMPARE(decoded.size(), 2);
    }

    void regionOfInterestIsNormalized()
    {
        GatedDecoder gated;
        QVideoSink sink;
        QrScanner scanner;
        const auto openGate = qScopeGuard([&gated] { gated.release.release(1000); }); // never hang on a failure
        scanner.setDecodeFunction(gated.function());
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
        gated.release.release(3);
        m_a->push(sink);
        QTRY_COMPARE(scanner.framesDecoded(), 1);
        QCOMPARE(gated.lastRoi, QRect()); // no ROI: whole frame
        scanner.setRegionOfInterest(QRectF(0.25, 0.5, 0.5, 0.5));
        m_a->push(sink);
        QTRY_COMPARE(scanner.framesDecoded(), 2);
        QCOMPARE(gated.lastRoi, QRect(320, 360, 640, 360));
        scanner.setRegionOfInterest(QRectF(0, 0, 1, 1)); // the whole frame again
        m_a->push(sink);
        QTRY_COMPARE(scanner.framesDecoded(), 3);
        QCOMPARE(gated.lastRoi, QRect());
    }

    void inactiveScannerIgnoresFramesAndRestarts()
    {
        QVideoSink sink;
        QrScanner scanner;
        scanner.setVideoSink(&sink);
        QSignalSpy decoded(&scanner, &QrScanner::decoded);
        QVERIFY(!scanner.isActive());
        m_a->push(sink);
        QCOMPARE(scanner.framesSeen(), 0);
        scanner.setActive(true);
        m_a->push(sink);
        QTRY_COMPARE(decoded.size(), 1);
        scanner.setActive(false);
        QVERIFY(!scanner.isActive());
        m_b->push(sink);
        QCOMPARE(scanner.framesSeen(), 1);
        scanner.setActive(true);
        m_b->push(sink);
        QTRY_COMPARE(decoded.size(), 2);
        QCOMPARE(decoded.at(1).at(0).toString(), m_textB);
    }

    // As the scan page uses it: registered in the Dangqun module, fed by a VideoOutput's sink.
    void usableFromQml()
    {
        QQmlEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/"));
        QStringList warnings;
        connect(&engine, &QQmlEngine::warnings, this, [&](const QList<QQmlError> &list) {
            for (const QQmlError &e : list)
                warnings << e.toString();
        });
        QQmlComponent component(&engine);
        component.setData(R"(
            import QtQuick
            import QtMultimedia
            import Dangqun
            Item {
                property alias scanner: scanner
                property alias output: output
                VideoOutput { id: output; width: 320; height: 180 }
                QrScanner { id: scanner; videoSink: output.videoSink; active: true; debounceInterval: 2000 }
            })", QUrl(QStringLiteral("inline.qml")));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        auto *scanner = qobject_cast<QrScanner *>(root->property("scanner").value<QObject *>());
        QVERIFY(scanner);
        QVERIFY(scanner->isActive());
        QCOMPARE(scanner->debounceInterval(), 2000);
        QVideoSink *sink = scanner->videoSink();
        QVERIFY(sink);
        QCOMPARE(sink, root->property("output").value<QObject *>()->property("videoSink").value<QVideoSink *>());
        QSignalSpy decoded(scanner, &QrScanner::decoded);
        m_a->push(*sink);
        QTRY_COMPARE(decoded.size(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), m_textA);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

private:
    QString m_textA, m_textB;
    std::unique_ptr<TwoFrames> m_a, m_b;
};

QTEST_MAIN(TestQrScanner)
#include "tst_qrscanner.moc"
