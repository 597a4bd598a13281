#include "clock.h"
#include "database.h"
#include "membersession.h"
#include "storagethread.h"
#include "videolibrarymodel.h"
#include "videomanifest.h"
#include "videoplayercontroller.h"
#include "videostore.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>
#include <memory>

// Real playback, offscreen: a generated H.264/AAC clip played by QMediaPlayer (GStreamer) into a
// QVideoSink, through VideoPlayerController. A member's progress is saved, playback resumes at
// the saved position, 学时 are credited once; a corrupt, a truncated and a missing file each end
// with a clear message and no credit; anyone else watches without any record.
class TestWatchPlayback : public QObject
{
    Q_OBJECT

    static constexpr int clipSeconds = 6;
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    std::unique_ptr<StorageThread> m_storage;
    std::unique_ptr<MemberSession> m_session;
    std::unique_ptr<VideoLibraryModel> m_library;
    std::unique_ptr<VideoPlayerController> m_player;
    std::unique_ptr<Database> m_reader; // a second connection, to look at what was committed
    QVideoSink m_sink;
    int m_frames = 0;

    QString media(const QString &name) const { return QDir(m_dir.filePath(QStringLiteral("media"))).filePath(name); }

    int count(const QString &sql)
    {
        QSqlQuery q(m_reader->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static bool ffmpeg(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                                                      QStringLiteral("error"), QStringLiteral("-y")} + args);
        return p.waitForFinished(120'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    void begin(const QString &memberId)
    {
        m_session->begin(QStringLiteral("street-1"), memberId, QStringLiteral("张三"), QStringLiteral("一支部"), false);
    }

    // Plays the open video to its end and waits for the save that follows.
    void playToEnd()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Ended, 30'000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("media")));
        // A short clip made like the samples (H.264/AAC, moov first), and copies made bad.
        QVERIFY2(ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                         QStringLiteral("testsrc=size=320x180:rate=25:duration=%1").arg(clipSeconds),
                         QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                         QStringLiteral("sine=frequency=440:duration=%1").arg(clipSeconds),
                         QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                         QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                         QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-movflags"),
                         QStringLiteral("+faststart"), QStringLiteral("-shortest"), media(QStringLiteral("clip.mp4"))}),
                 "ffmpeg could not make the test clip (kiosk-config/install-deps.sh installs it)");
        QFile clip(media(QStringLiteral("clip.mp4")));
        QVERIFY(clip.open(QIODevice::ReadOnly));
        const QByteArray bytes = clip.readAll();
        QFile truncated(media(QStringLiteral("truncated.mp4")));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(bytes.left(bytes.size() / 2)); // as a copy interrupted half-way leaves it
        truncated.close();
        QFile corrupt(media(QStringLiteral("corrupt.mp4")));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        QByteArray garbage(200'000, '\0');
        for (qsizetype i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919 + 13) % 251);
        corrupt.write(garbage);
        corrupt.close();
        // 40 s, for resuming well inside the file (the issue's member stopped at 30 s).
        QVERIFY(ffmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                        QStringLiteral("testsrc=size=320x180:rate=25:duration=40"), QStringLiteral("-c:v"),
                        QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                        QStringLiteral("-g"), QStringLiteral("25"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                        QStringLiteral("-movflags"), QStringLiteral("+faststart"), media(QStringLiteral("long.mp4"))}));
        for (const QString &f : {QStringLiteral("gone.mp4")})
            QVERIFY(QFile::copy(media(QStringLiteral("clip.mp4")), media(f)));
        QFile srt(media(QStringLiteral("clip.srt")));
        QVERIFY(srt.open(QIODevice::WriteOnly));
        srt.write("1\n00:00:00,200 --> 00:00:02,500\n廉洁从政\n\n2\n00:00:03,000 --> 00:00:05,500\n从我做起\n");
        srt.close();
        QFile manifest(media(QStringLiteral("videos.json")));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        const QByteArray entry = R"({"id": "%1", "title": "%1", "category": "廉政教育", "file": "%1.mp4", "duration": 6, "credit": 0.5, "subtitle": "clip.srt"})";
        QByteArray json = "{\"videos\": [";
        const char *ids[] = {"clip", "truncated", "corrupt", "gone"};
        for (const char *id : ids)
            json += QByteArray(entry).replace("%1", id) + ",";
        json += R"({"id": "long", "title": "long", "category": "廉政教育", "file": "long.mp4", "duration": 40, "credit": 1})";
        manifest.write(json + "]}");
        manifest.close();

        const VideoManifestResult loaded = VideoManifest::load(m_dir.filePath(QStringLiteral("media")));
        QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.join(u'\n')));
        QCOMPARE(loaded.videos.size(), 5);
        QVERIFY(QFile::remove(media(QStringLiteral("gone.mp4")))); // vanished after the manifest was read

        // The reader opens (and migrates) first, so two connections never migrate at once.
        const QString dbPath = m_dir.filePath(QStringLiteral("kiosk.sqlite"));
        m_reader = std::make_unique<Database>(dbPath);
        QVERIFY(m_reader->open());
        m_storage = std::make_unique<StorageThread>(dbPath);
        m_session = std::make_unique<MemberSession>();
        m_library = std::make_unique<VideoLibraryModel>(loaded, m_storage.get(), m_session.get());
        new QAbstractItemModelTester(m_library.get(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_library.get());
        m_player = std::make_unique<VideoPlayerController>(VideoStoreSettings{QStringLiteral("c1"), QStringLiteral("k1")},
                                                           m_clock, *m_storage, m_session.get(), m_library.get(),
                                                           false);
        m_player->setVideoSink(&m_sink);
        connect(&m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &f) {
            if (f.isValid())
                ++m_frames;
        });
    }

    void cleanupTestCase()
    {
        m_player->close();
        m_storage->stop();
    }

    void memberWatchesAndIsCreditedOnce()
    {
        begin(QStringLiteral("M001"));
        QStringList subtitles;
        const auto capture = connect(m_player.get(), &VideoPlayerController::subtitleChanged, this,
                [&] { if (!m_player->subtitle().isEmpty()) subtitles << m_player->subtitle(); });
        m_frames = 0;
        m_player->open(QStringLiteral("clip"));
        QVERIFY(m_player->counting());
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QCOMPARE(m_player->title(), QStringLiteral("clip"));
        QCOMPARE(m_player->duration(), clipSeconds * 1000);
        playToEnd();
        QVERIFY2(m_frames > 10, "frames reached the video sink");
        QVERIFY(m_player->percent() >= 90);
        QTRY_VERIFY(m_player->credited());
        QVERIFY(m_player->message().contains(QStringLiteral("计入 0.5 学时")));
        disconnect(capture);
        QCOMPARE(subtitles.value(0), QStringLiteral("廉洁从政"));
        QVERIFY(subtitles.contains(QStringLiteral("从我做起")));
        QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M001'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'video_credit'")), 1);

        // Watching it again (from the start after the end) never credits a second time.
        m_player->play();
        QTRY_COMPARE(m_player->status(), VideoPlayerController::Status::Playing);
        playToEnd();
        QSignalSpy saved(m_player.get(), &VideoPlayerController::saved);
        m_player->close();
        QVERIFY(saved.wait(5000));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M001'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'video_progress'")), 1);
        // The library shows it as done for this member.
        m_library->refresh();
        QTRY_COMPARE(m_library->data(m_library->index(0), VideoLibraryModel::ProgressTextRole).toString(),
                     QStringLiteral("已完成"));
        m_session->end();
        QTRY_COMPARE(m_library->data(m_library->index(0), VideoLibraryModel::ProgressTextRole).toString(), QString());
    }

    void resumesAtTheSavedPosition()
    {
        begin(QStringLiteral("M002"));
        m_player->open(QStringLiteral("clip"));
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_player->position() >= 2500, 10'000);
        QSignalSpy saved(m_player.get(), &VideoPlayerController::saved);
        m_player->pause();
        QVERIFY(saved.wait(5000));
        const qint64 stoppedAt = m_player->watch().positionMs();
        const qint64 furthest = m_player->watch().furthestMs();
        QVERIFY(stoppedAt >= 2500 && stoppedAt < 5000);
        // A member cannot skip ahead of what they have seen.
        m_player->seek(5500);
        QVERIFY(m_player->position() <= furthest);
        QCOMPARE(m_player->seekLimit(), furthest);
        m_player->close();
        QVERIFY(saved.wait(5000));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_progress WHERE member_id = 'M002'")), 1);
        const int savedPosition = count(QStringLiteral("SELECT position_ms FROM video_progress WHERE member_id = 'M002'"));
        QVERIFY(savedPosition > 2000 && savedPosition <= furthest);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M002'")), 0);

        // Opening it again starts where the member stopped, not at the beginning.
        QList<qint64> positions;
        auto c = connect(m_player.get(), &VideoPlayerController::positionChanged, this,
                         [&] { if (m_player->status() == VideoPlayerController::Status::Playing) positions << m_player->position(); });
        m_player->open(QStringLiteral("clip"));
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(positions.size() >= 3, 5000);
        disconnect(c);
        QVERIFY2(positions.constFirst() >= savedPosition - 500, qPrintable(QString::number(positions.constFirst())));
        playToEnd();
        // What was seen before and what was seen now make more than 90%: credited, once.
        QTRY_VERIFY(m_player->credited());
        QTRY_COMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M002'")), 1);
        m_player->close();
        m_session->end();
    }

    // The issue's case: the database held 30 s, yet the picture started at 0:00. What counts is
    // what the media player plays (its own position, the frames reaching the screen), not the
    // number the controller keeps.
    void resumesInThePlayerItself()
    {
        begin(QStringLiteral("M005"));
        const std::optional<VideoEntry> entry = m_library->video(QStringLiteral("long"));
        QVERIFY(entry);
        WatchProgress left(40'000);
        left.addPlayed(0, 30'000);
        left.observe(30'000, false);
        const VideoSaveResult seeded = VideoStore(*m_reader, m_clock, {QStringLiteral("c1"), QStringLiteral("k1")})
                                           .save({QStringLiteral("street-1"), QStringLiteral("M005"), QStringLiteral("张三")},
                                                 *entry, left, true);
        QVERIFY(seeded.ok);

        QList<qint64> shown; // start times (ms) of the frames the sink received
        auto c = connect(&m_sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &f) {
            if (f.isValid() && f.startTime() >= 0)
                shown << f.startTime() / 1000;
        });
        m_player->open(QStringLiteral("long"));
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(shown.size() >= 10, 15'000);
        QTRY_VERIFY2_WITH_TIMEOUT(m_player->playerPosition() >= 29'000,
                                  qPrintable(QStringLiteral("player at %1 ms, frames from %2 to %3 ms")
                                                 .arg(m_player->playerPosition())
                                                 .arg(shown.constFirst())
                                                 .arg(shown.constLast())),
                                  5000);
        disconnect(c);
        const qint64 at = m_player->playerPosition();
        QVERIFY2(at >= 29'000 && at < 38'000, qPrintable(QString::number(at)));
        QVERIFY2(shown.constLast() >= 29'000, qPrintable(QString::number(shown.constLast())));
        // Whatever the pipeline showed before the seek landed is not counted as watched.
        QVERIFY2(m_player->watch().watchedMs() <= 30'000 + (at - 29'000) + 2000,
                 qPrintable(QString::number(m_player->watch().watchedMs())));

        // Dragging past the watched part stops at it, and the screen says why.
        QVERIFY(m_player->seekNotice().isEmpty());
        m_player->seek(39'000);
        QVERIFY(m_player->position() <= m_player->watch().furthestMs());
        QVERIFY2(m_player->seekNotice().contains(QStringLiteral("不能跳过")), qPrintable(m_player->seekNotice()));
        QTRY_VERIFY_WITH_TIMEOUT(m_player->seekNotice().isEmpty(), VideoPlayerController::seekNoticeMs + 5000);
        m_player->close();
        m_session->end();
    }

    void anyoneMayWatchWithoutRecords()
    {
        QVERIFY(!m_session->active());
        const int rows = count(QStringLiteral("SELECT count(*) FROM video_progress"));
        m_player->open(QStringLiteral("clip"));
        QVERIFY(!m_player->counting());
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QCOMPARE(m_player->seekLimit(), m_player->duration()); // free to skip ahead
        m_player->seek(4000);
        QTRY_VERIFY(m_player->position() >= 4000);
        QCOMPARE(m_player->percent(), 0);
        m_player->close();
        QTest::qWait(200);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_progress")), rows);
    }

    void sessionEndStopsAccrual()
    {
        begin(QStringLiteral("M003"));
        m_player->open(QStringLiteral("clip"));
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Playing, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_player->position() >= 1500, 10'000);
        QSignalSpy saved(m_player.get(), &VideoPlayerController::saved);
        m_session->end(); // the idle timeout ends the session
        QVERIFY(!m_player->counting());
        QVERIFY(saved.wait(5000));
        const int watched = count(QStringLiteral("SELECT watched_ms FROM video_progress WHERE member_id = 'M003'"));
        QVERIFY(watched > 1000);
        playToEnd();
        m_player->close();
        QTest::qWait(200);
        QCOMPARE(count(QStringLiteral("SELECT watched_ms FROM video_progress WHERE member_id = 'M003'")), watched);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M003'")), 0);
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("message");
        QTest::newRow("corrupt") << QStringLiteral("corrupt") << QStringLiteral("文件已损坏");
        QTest::newRow("truncated") << QStringLiteral("truncated") << QStringLiteral("视频文件不完整");
        QTest::newRow("missing") << QStringLiteral("gone") << QStringLiteral("视频文件缺失");
    }
    void brokenFiles()
    {
        QFETCH(QString, id);
        QFETCH(QString, message);
        begin(QStringLiteral("M004"));
        m_player->open(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_player->status(), VideoPlayerController::Status::Failed, 20'000);
        QVERIFY2(m_player->message().contains(message), qPrintable(m_player->message()));
        QVERIFY(!m_player->credited());
        m_player->close();
        QCOMPARE(m_player->status(), VideoPlayerController::Status::Closed);
        QTest::qWait(200);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM video_credits WHERE member_id = 'M004'")), 0);
        m_session->end();
    }
};

QTEST_MAIN(TestWatchPlayback)
#include "tst_watchplayback.moc"
