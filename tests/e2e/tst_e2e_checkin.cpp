#include "checkincontroller.h"
#include "clock.h"
#include "database.h"
#include "exportjob.h"
#include "issuerkey.h"
#include "membercode.h"
#include "membersession.h"
#include "outbox.h"
#include "qrimage.h"
#include "qrscanner.h"
#include "scansource.h"
#include "storagethread.h"
#include "xlsxreader.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>
#include <QVideoSink>

// End to end, as at a real kiosk: a video (made by ffmpeg) shows three member codes with empty
// scenes between them, and a forged code; it is played as the camera through the same QVideoSink
// path the camera uses, decoded by the scanner, checked in by the controller on the storage
// thread. The right members are checked in once each, in order, and the outbox holds exactly
// those records (plus the refused scan).
class TestEndToEndCheckin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));
    IssuerKey m_forger = IssuerKey::generate(QStringLiteral("street-1"));
    QString m_video;
    const QStringList m_members = {QStringLiteral("m001"), QStringLiteral("m002"), QStringLiteral("m003")};

    QString codeFor(const IssuerKey &key, const QString &mid, const QString &name)
    {
        MemberCode c;
        c.memberId = mid;
        c.name = name;
        c.org = QStringLiteral("幸福社区第一党支部");
        c.issuedAt = QDateTime::currentDateTimeUtc().addDays(-1);
        return key.sign(c);
    }

    // A 1280x720 "camera" picture: grey background, the code held slightly off-centre.
    static QImage scene(const QString &text, int shift)
    {
        QImage frame(1280, 720, QImage::Format_RGB32);
        frame.fill(QColor(150, 150, 145));
        if (!text.isEmpty()) {
            const QImage code = QrImage::render(text, 6);
            QPainter p(&frame);
            p.drawImage(QPoint(400 + shift, 360 - code.height() / 2), code);
        }
        return frame;
    }

    KioskConfig kioskConfig() const
    {
        KioskConfig config;
        config.centreId = QStringLiteral("c1");
        config.kioskId = QStringLiteral("k1");
        config.issuerId = QStringLiteral("street-1");
        config.dataDir = m_dir.filePath(QStringLiteral("data"));
        config.trustedIssuersDir = m_dir.filePath(QStringLiteral("issuers"));
        return config;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (kiosk-config/install-deps.sh installs it)");
        QVERIFY(m_key.save(m_dir.filePath(QStringLiteral("keys"))));
        QDir().mkpath(m_dir.filePath(QStringLiteral("issuers")));
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("keys/street-1.pub")),
                            m_dir.filePath(QStringLiteral("issuers/street-1.pub"))));

        // 10 fps: 1 s empty, then each code for 2.5 s with 1 s empty after it, the forged one last.
        const QStringList names = {QStringLiteral("张三明"), QStringLiteral("李秀英"), QStringLiteral("王建国")};
        QList<QString> timeline;
        auto hold = [&](const QString &text, int frames) {
            for (int i = 0; i < frames; ++i)
                timeline << text;
        };
        hold(QString(), 10);
        for (int i = 0; i < m_members.size(); ++i) {
            hold(codeFor(m_key, m_members[i], names[i]), 25);
            hold(QString(), 10);
        }
        hold(codeFor(m_forger, QStringLiteral("m999"), QStringLiteral("假冒")), 25);
        hold(QString(), 10);

        const QString frames = m_dir.filePath(QStringLiteral("frames"));
        QDir().mkpath(frames);
        for (int i = 0; i < timeline.size(); ++i)
            QVERIFY(scene(timeline[i], (i % 7) * 3).save(QDir(frames).filePath(QStringLiteral("f%1.png").arg(i, 4, 10, QLatin1Char('0')))));
        m_video = m_dir.filePath(QStringLiteral("codes.mp4"));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-y"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                      QStringLiteral("-framerate"), QStringLiteral("10"), QStringLiteral("-i"),
                      QDir(frames).filePath(QStringLiteral("f%04d.png")), QStringLiteral("-c:v"),
                      QStringLiteral("libx264"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), m_video});
        QVERIFY(ffmpeg.waitForFinished(120000));
        QCOMPARE(ffmpeg.exitCode(), 0);
    }

    void videoThroughScannerChecksInEachMemberOnce()
    {
        const KioskConfig config = kioskConfig();
        SystemClock clock;

        StorageThread storage(config.databasePath());
        MemberSession session;
        CheckinController checkin(config, clock, storage, &session);
        QVideoSink sink;
        ScanSource source(m_video, QString());
        source.setLoop(false);
        QrScanner scanner;
        scanner.setVideoSink(&sink);
        scanner.setActive(true);

        QList<QVariantMap> results;
        connect(&scanner, &QrScanner::decoded, &checkin, &CheckinController::submitCode);
        connect(&checkin, &CheckinController::finished, this, [&](const QVariantMap &r) { results << r; });
        QSignalSpy finished(&source, &ScanSource::finished);
        QSignalSpy failed(&source, &ScanSource::failed);

        source.setVideoSink(&sink);
        source.start();
        QVERIFY2(finished.wait(60000), "the video did not play to its end");
        QVERIFY(failed.isEmpty());
        QTRY_VERIFY(!checkin.busy());
        storage.stop();

        QCOMPARE(results.size(), 4);
        const QStringList expected = {QStringLiteral("张*明同志"), QStringLiteral("李*英同志"), QStringLiteral("王*国同志")};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(results[i].value(QStringLiteral("outcome")).toString(), QStringLiteral("checkedIn"));
            QCOMPARE(results[i].value(QStringLiteral("greeting")).toString(), expected[i]);
        }
        QCOMPARE(results[3].value(QStringLiteral("outcome")).toString(), QStringLiteral("refused"));
        QCOMPARE(results[3].value(QStringLiteral("verdict")).toString(), QStringLiteral("bad_signature"));

        Database db(config.databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT member_id FROM checkins ORDER BY checked_utc")));
        QStringList checkedIn;
        while (q.next())
            checkedIn << q.value(0).toString();
        QCOMPARE(checkedIn, m_members);

        const QList<OutboxEntry> outbox = Outbox(db).pending(100);
        QCOMPARE(outbox.size(), 4);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(outbox[i].record.kind, QStringLiteral("checkin"));
            QCOMPARE(outbox[i].record.payload.value(QStringLiteral("member_id")).toString(), m_members[i]);
        }
        QCOMPARE(outbox[3].record.kind, QStringLiteral("failed_scan"));
        qInfo() << "frames seen" << scanner.framesSeen() << "decoded" << scanner.framesDecoded() << "dropped"
                << scanner.framesDropped();
    }

    // What staff take away (issue 9): the attendance spreadsheet of those check-ins, as Excel
    // would read it (openpyxl), with names, organisation, kind, local time and method.
    void exportedSpreadsheetHoldsTheCheckins()
    {
        const KioskConfig config = kioskConfig();
        QList<QStringList> expected;
        {
            Database db(config.databasePath());
            QVERIFY(db.open());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("SELECT name, member_id, organisation, checked_utc FROM checkins "
                                          "ORDER BY checked_utc")));
            while (q.next())
                expected << QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                        QStringLiteral("本地"),
                                        QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs)
                                            .toTimeZone(QTimeZone(config.centreTimeZone.toUtf8()))
                                            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                        QString(), QStringLiteral("扫码"), config.centreId, config.kioskId};
        }
        QCOMPARE(expected.size(), m_members.size());
        ExportRequest request;
        request.format = ExportRequest::Format::Xlsx;
        request.zone = QTimeZone(config.centreTimeZone.toUtf8());
        const SystemClock clock;
        const ExportResult result = ExportJob::run(config.databasePath(), clock, request, m_dir.filePath(QStringLiteral("usb")));
        QVERIFY2(result.ok, qPrintable(result.error));
        const XlsxContent x = readXlsx(result.files.value(0));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(reportBody(x.sheets.value(0).rows), expected);
        QCOMPARE(x.sheets.value(0).rows.value(2).value(0), QStringLiteral("张三明"));
    }
};

QTEST_MAIN(TestEndToEndCheckin)
#include "tst_e2e_checkin.moc"
