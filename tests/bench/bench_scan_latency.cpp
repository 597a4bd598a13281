// Scan-to-greeting latency (design.md §8: <= 150 ms): from the moment a camera frame holding a
// member code reaches the page's QVideoSink to the moment the check-in result the greeting binds
// to is committed and delivered on the GUI thread. Covers the hand-off to the decode worker,
// the ZXing decode, the signature check, the SQLite commit (WAL, synchronous=FULL: a real fsync)
// and the hand-back. Rendering is not included (one frame, ~16 ms at 60 Hz).
//
//   build/release/tests/bench/bench_scan_latency [N]     (default N = 60 members)
#include "checkincontroller.h"
#include "clock.h"
#include "issuerkey.h"
#include "membercode.h"
#include "membersession.h"
#include "qrimage.h"
#include "qrscanner.h"
#include "storagethread.h"
#include "videoframes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>
#include <QVideoSink>
#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int n = argc > 1 ? std::max(5, atoi(argv[1])) : 60;

    QTemporaryDir dir;
    const IssuerKey key = IssuerKey::generate(QStringLiteral("street-1"));
    key.save(dir.filePath(QStringLiteral("issuers")));
    QFile::remove(dir.filePath(QStringLiteral("issuers/street-1.key")));

    KioskConfig config;
    config.centreId = QStringLiteral("c1");
    config.kioskId = QStringLiteral("k1");
    config.issuerId = QStringLiteral("street-1");
    config.dataDir = dir.filePath(QStringLiteral("data"));
    config.trustedIssuersDir = dir.filePath(QStringLiteral("issuers"));
    SystemClock clock;
    StorageThread storage(config.databasePath());
    MemberSession session;
    CheckinController checkin(config, clock, storage, &session);
    QVideoSink sink;
    QrScanner scanner;
    scanner.setVideoSink(&sink);
    scanner.setActive(true);
    QObject::connect(&scanner, &QrScanner::decoded, &checkin, &CheckinController::submitCode);

    // Frames prepared up front (a camera hands them over ready): one member each, NV12 1280x720.
    QList<QVideoFrame> frames;
    for (int i = 0; i < n + 1; ++i) {
        MemberCode c;
        c.memberId = QStringLiteral("m%1").arg(i, 4, 10, QLatin1Char('0'));
        c.name = QStringLiteral("张三明");
        c.org = QStringLiteral("幸福社区第一党支部");
        c.issuedAt = QDateTime::currentDateTimeUtc().addDays(-1);
        QImage scene(1280, 720, QImage::Format_RGB32);
        scene.fill(QColor(140, 140, 135));
        QPainter p(&scene);
        const QImage code = QrImage::render(key.sign(c), 6);
        p.drawImage(QPoint(640 - code.width() / 2, 360 - code.height() / 2), code);
        p.end();
        frames << VideoFrames::fromImage(scene, QVideoFrameFormat::Format_NV12);
    }

    QList<double> ms;
    QElapsedTimer timer;
    QEventLoop loop;
    QObject::connect(&checkin, &CheckinController::finished, &loop, [&](const QVariantMap &r) {
        if (r.value(QStringLiteral("outcome")).toString() != u"checkedIn")
            std::fprintf(stderr, "unexpected outcome %s\n", qPrintable(r.value(QStringLiteral("outcome")).toString()));
        ms << timer.nsecsElapsed() / 1e6;
        loop.quit();
    });
    for (int i = 0; i < frames.size(); ++i) {
        timer.start();
        sink.setVideoFrame(frames[i]);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit); // a lost frame must not hang the bench
        loop.exec();
        QEventLoop settle; // let the decode worker go idle before the next member
        QTimer::singleShot(20, &settle, &QEventLoop::quit);
        settle.exec();
    }
    storage.stop();
    if (ms.size() < 2) {
        std::fprintf(stderr, "no results\n");
        return 1;
    }
    ms.removeFirst(); // the first includes opening the database and loading the issuer keys
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(p * ms.size()))); };
    std::printf("scan-to-greeting (frame in sink -> committed result on GUI thread), %lld members:\n",
                qlonglong(ms.size()));
    std::printf("  median %.1f ms   p90 %.1f ms   max %.1f ms   (target <= 150 ms)\n", pct(0.5), pct(0.9), ms.last());
    return 0;
}
