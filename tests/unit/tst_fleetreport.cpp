#include "clock.h"
#include "database.h"
#include "fleetreport.h"
#include "kioskkey.h"
#include "syncengine.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "fleettestsupport.h"
#include "synctestsupport.h"

using FleetTest::Beat;
using FleetTest::beat;

// The office's fleet view (issue 12): a share with the heartbeats of kiosks that are fresh, stale,
// failing, growing a queue and behind; and the heartbeat and public key a real sync writes.
class TestFleetReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QDateTime m_now{QDate(2026, 11, 27), QTime(10, 0), Qt::UTC};

    static QStringList order(const FleetSnapshot &s)
    {
        QStringList out;
        for (const FleetKiosk &k : s.kiosks)
            out << k.centreId + u'/' + k.kioskId + u':' + k.flagNames().join(u'+');
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void orderAndFlags()
    {
        const QString share = m_dir.filePath(QStringLiteral("share"));
        QVERIFY(FleetTest::manifest(share, 7));
        QVERIFY(FleetTest::heartbeat(share, beat(QStringLiteral("a"), QStringLiteral("fresh")), m_now));
        Beat stale = beat(QStringLiteral("b"), QStringLiteral("stale"));
        stale.minutesAgo = 30 * 60;
        QVERIFY(FleetTest::heartbeat(share, stale, m_now));
        Beat failing = beat(QStringLiteral("a"), QStringLiteral("failing"));
        failing.error = QStringLiteral("共享目录已满");
        QVERIFY(FleetTest::heartbeat(share, failing, m_now));
        Beat growing = beat(QStringLiteral("a"), QStringLiteral("growing"));
        growing.queue = {3, 0, 5, 9, 14};
        QVERIFY(FleetTest::heartbeat(share, growing, m_now));
        Beat wobbling = beat(QStringLiteral("a"), QStringLiteral("wobbling"));
        wobbling.queue = {3, 9, 4, 12}; // up and down: not "keeps growing"
        QVERIFY(FleetTest::heartbeat(share, wobbling, m_now));
        Beat behind = beat(QStringLiteral("c"), QStringLiteral("behind"));
        behind.contentInUse = 6;
        behind.lastCheckin.clear();
        QVERIFY(FleetTest::heartbeat(share, behind, m_now));
        QVERIFY(FleetTest::write(QDir(share).filePath(QStringLiteral("status/b/broken.json")), "{not json"));
        // A heartbeat being replaced right now is not a kiosk.
        QVERIFY(FleetTest::write(QDir(share).filePath(QStringLiteral("status/b/fresh2.json.tmp")), "{"));

        const FleetSnapshot s = FleetReport::read(share, m_now, 24);
        QCOMPARE(s.shareVersion, 7);
        QVERIFY(s.problems.isEmpty());
        QCOMPARE(order(s), (QStringList{QStringLiteral("b/broken:unreadable"), QStringLiteral("b/stale:stale"),
                                        QStringLiteral("a/failing:failing"), QStringLiteral("a/growing:queue_growing"),
                                        QStringLiteral("c/behind:behind"), QStringLiteral("a/fresh:"),
                                        QStringLiteral("a/wobbling:")}));
        QCOMPARE(s.flaggedCount(), 5);
        const FleetKiosk &third = s.kiosks.at(2);
        QCOMPARE(third.lastError, QStringLiteral("共享目录已满"));
        QCOMPARE(third.queueLength, 0);
        QCOMPARE(third.programVersion, QStringLiteral("1.2.0"));
        QCOMPARE(*third.daysSinceCheckin, 2);
        QVERIFY(!s.kiosks.at(4).daysSinceCheckin); // never a check-in

        // A higher threshold: the 30-hour-old heartbeat is no longer stale.
        QVERIFY(order(FleetReport::read(share, m_now, 48)).contains(QStringLiteral("b/stale:")));

        // The table and the CSV carry the same rows, flagged first.
        const QString table = FleetReport::table(s);
        QVERIFY(table.indexOf(QStringLiteral("stale")) < table.indexOf(QStringLiteral("fresh")));
        QVERIFY(table.contains(QStringLiteral("失联")));
        QVERIFY(table.contains(QStringLiteral("共享目录已满")));
        const QList<QByteArray> csv = FleetReport::csv(s).split('\n');
        QVERIFY(csv.first().startsWith("\xEF\xBB\xBF" "centre_id,kiosk_id,flags"));
        QVERIFY(csv.at(2).startsWith("b,stale,stale,1.2.0,"));
        QCOMPARE(csv.size(), 1 + 7 + 1); // header, 7 kiosks, the empty rest after the last CRLF
    }

    void shareWithoutStatus()
    {
        const FleetSnapshot s = FleetReport::read(m_dir.filePath(QStringLiteral("empty")), m_now, 24);
        QVERIFY(s.kiosks.isEmpty());
        QCOMPARE(s.problems.size(), 1);
    }

    // A real sync run writes what the fleet view reads, and the kiosk's public key beside it.
    void syncWritesHeartbeatAndKey()
    {
        const QString share = m_dir.filePath(QStringLiteral("synced"));
        QVERIFY(SyncTest::makeShare(share));
        auto db = SyncTest::openDatabase(m_dir.filePath(QStringLiteral("kiosk.sqlite")));
        QVERIFY(db && SyncTest::addRecords(*db, 3));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, centre_id, "
                                      "kiosk_id, checked_utc, local_date) VALUES ('x', 'street-1', 'M1', '张三', '', 'member', "
                                      "'qr', 'c1', 'k1', '2026-11-20T01:00:00.000Z', '2026-11-20')")));
        QString error;
        const auto key = KioskKey::loadOrCreate(m_dir.filePath(QStringLiteral("data")), SyncTest::centre, SyncTest::kiosk, &error);
        QVERIFY2(key, qPrintable(error));
        SyncSettings settings = SyncTest::settings(share);
        settings.kioskPublicKey = key->publicKeyBase64();
        FixedClock clock(m_now);
        FileLayer files;
        SyncEngine engine(settings, files, clock);
        QVERIFY(engine.run(*db).ok());

        QFile pub(QDir(share).filePath(QStringLiteral("status/c1/k1.pub")));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll().trimmed(), key->publicKeyBase64());

        // Queue samples: one now, none 10 minutes later, another after 15.
        QVERIFY(SyncTest::addRecords(*db, 2));
        clock.advance(10 * 60 * 1000);
        engine.run(*db);
        clock.advance(6 * 60 * 1000);
        engine.run(*db);
        const FleetSnapshot s = FleetReport::read(share, clock.now(), 24);
        QCOMPARE(s.kiosks.size(), 1);
        const FleetKiosk &k = s.kiosks.first();
        QVERIFY2(k.ok(), qPrintable(k.flagNames().join(u',')));
        QCOMPARE(k.queueLength, 0);
        QCOMPARE(k.queueSamples, (QList<qint64>{0, 0}));
        QCOMPARE(k.lastCheckin, QDateTime(QDate(2026, 11, 20), QTime(1, 0), Qt::UTC));
        QCOMPARE(k.lastContact, clock.now());
        QCOMPARE(k.programVersion, QStringLiteral("test"));

        // A new engine (a restart) continues the history from the heartbeat on the share.
        clock.advance(16 * 60 * 1000);
        SyncEngine restarted(settings, files, clock);
        restarted.run(*db);
        QCOMPARE(FleetReport::read(share, clock.now(), 24).kiosks.first().queueSamples.size(), 3);
    }

    void offlineShareGetsNothing()
    {
        const QString share = m_dir.filePath(QStringLiteral("unmounted"));
        QVERIFY(QDir().mkpath(share)); // a mount point without the marker
        auto db = SyncTest::openDatabase(m_dir.filePath(QStringLiteral("offline.sqlite")));
        QVERIFY(db);
        SyncSettings settings = SyncTest::settings(share);
        settings.kioskPublicKey = QByteArray(44, 'A');
        FixedClock clock(m_now);
        FileLayer files;
        SyncEngine(settings, files, clock).run(*db);
        QVERIFY(SyncTest::tree(share).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFleetReport)
#include "tst_fleetreport.moc"
