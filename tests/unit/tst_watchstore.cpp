#include "clock.h"
#include "database.h"
#include "outbox.h"
#include "videomanifest.h"
#include "videostore.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Video progress and 学时 in SQLite: saved and merged, credited once per member and video with
// its outbox row, one progress record per viewing.
class TestWatchStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    const VideoViewer m_viewer{QStringLiteral("street-1"), QStringLiteral("M001"), QStringLiteral("张三")};
    VideoEntry m_video;

    std::unique_ptr<Database> openDb()
    {
        auto db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("v%1.sqlite").arg(++m_n)));
        if (!db->open())
            qWarning() << db->errorString();
        return db;
    }

    static int count(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_video.id = QStringLiteral("lianzheng-01");
        m_video.title = QStringLiteral("廉洁从政");
        m_video.category = QStringLiteral("廉政教育");
        m_video.durationSeconds = 100;
        m_video.credit = 0.5;
    }

    void savesAndReadsProgress()
    {
        auto db = openDb();
        QVERIFY(db->isOpen());
        VideoStore store(*db, m_clock, {QStringLiteral("c1"), QStringLiteral("k1")});
        QVERIFY(!VideoStore::progress(*db, m_viewer.issuer, m_viewer.memberId, m_video.id));
        WatchProgress w(100'000);
        w.addPlayed(0, 45'000);
        w.observe(45'000, false);
        const VideoSaveResult r = store.save(m_viewer, m_video, w, false);
        QVERIFY(r.ok);
        QVERIFY(!r.credited);
        const auto p = VideoStore::progress(*db, m_viewer.issuer, m_viewer.memberId, m_video.id);
        QVERIFY(p);
        QCOMPARE(p->watchedMs, 45'000);
        QCOMPARE(p->positionMs, 45'000);
        QCOMPARE(p->percent(), 45);
        QCOMPARE(p->intervals, (QList<WatchInterval>{{0, 45'000}}));
        QVERIFY(!p->credited);
        // A periodic save writes no outbox record; the end of the viewing writes one.
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM outbox")), 0);
        QVERIFY(store.save(m_viewer, m_video, w, true).ok);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'video_progress'")), 1);
        // Another member sees nothing of it.
        QVERIFY(VideoStore::progressFor(*db, m_viewer.issuer, QStringLiteral("M002")).isEmpty());
        QCOMPARE(VideoStore::progressFor(*db, m_viewer.issuer, m_viewer.memberId).size(), 1);
    }

    void mergesWithEarlierViewings()
    {
        auto db = openDb();
        VideoStore store(*db, m_clock, {QStringLiteral("c1"), QStringLiteral("k1")});
        WatchProgress first(100'000);
        first.addPlayed(0, 50'000);
        QVERIFY(store.save(m_viewer, m_video, first, true).ok);
        // A later viewing that only knows its own spans does not erase the earlier ones.
        WatchProgress second(100'000);
        second.addPlayed(40'000, 70'000);
        second.observe(70'000, false);
        QVERIFY(store.save(m_viewer, m_video, second, false).ok);
        const auto p = VideoStore::progress(*db, m_viewer.issuer, m_viewer.memberId, m_video.id);
        QCOMPARE(p->watchedMs, 70'000);
        QCOMPARE(p->intervals, (QList<WatchInterval>{{0, 70'000}}));
    }

    void creditedOnceWithOutboxRow()
    {
        auto db = openDb();
        VideoStore store(*db, m_clock, {QStringLiteral("c1"), QStringLiteral("k1")});
        WatchProgress w(100'000);
        w.addPlayed(0, 89'900);
        VideoSaveResult r = store.save(m_viewer, m_video, w, false);
        QVERIFY(r.ok && !r.credited && !r.newlyCredited);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM video_credits")), 0);
        w.addPlayed(89'900, 90'000); // exactly 90%
        r = store.save(m_viewer, m_video, w, false);
        QVERIFY(r.ok && r.credited && r.newlyCredited);
        // Watching again, saving again: never a second credit.
        w.addPlayed(0, 100'000);
        for (int i = 0; i < 3; ++i) {
            r = store.save(m_viewer, m_video, w, i == 2);
            QVERIFY(r.ok && r.credited && !r.newlyCredited);
        }
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM video_credits")), 1);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'video_credit'")), 1);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'video_progress'")), 1);
        // The credit row and its outbox record carry the same id and the 学时.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT c.id, c.credit, o.payload FROM video_credits c "
                                      "JOIN outbox o ON o.record_id = c.id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toDouble(), 0.5);
        const QJsonObject payload = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("id")).toString(), q.value(0).toString());
        QCOMPARE(payload.value(QStringLiteral("credit")).toDouble(), 0.5);
        QCOMPARE(payload.value(QStringLiteral("member_id")).toString(), m_viewer.memberId);
        QCOMPARE(payload.value(QStringLiteral("video_id")).toString(), m_video.id);
        QCOMPARE(payload.value(QStringLiteral("local_date")).toString(), QStringLiteral("2026-07-01"));
        QCOMPARE(payload.value(QStringLiteral("centre_id")).toString(), QStringLiteral("c1"));
        QVERIFY(VideoStore::progress(*db, m_viewer.issuer, m_viewer.memberId, m_video.id)->credited);
    }

    void failedSaveChangesNothing()
    {
        auto db = openDb();
        VideoStore store(*db, m_clock, {QStringLiteral("c1"), QStringLiteral("k1")});
        QSqlQuery q(db->connection());
        // The outbox refuses the row (as a full disk would): the credit must not stay behind.
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox "
                                      "BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        WatchProgress w(100'000);
        w.addPlayed(0, 100'000);
        const VideoSaveResult r = store.save(m_viewer, m_video, w, true);
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM video_credits")), 0);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM video_progress")), 0);
    }
};

QTEST_GUILESS_MAIN(TestWatchStore)
#include "tst_watchstore.moc"
