#include "clock.h"
#include "database.h"
#include "outbox.h"
#include "syncengine.h"
#include "syncservice.h"
#include "synctestsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

// Records out under every fault design.md §5 names: share absent, unmounted (no marker), another
// share, read-only, full, vanishing mid-write. Each time the records stay queued and go out
// later exactly once. Plus the heartbeat, the backoff schedule and the threaded service.
class TestSyncService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_n = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC)};
    QStringList m_mounts;

    struct Kiosk
    {
        QString dir;
        std::unique_ptr<Database> db;
        QString share;
    };

    Kiosk make(int records, bool withShare = true)
    {
        Kiosk k;
        k.dir = m_tmp.filePath(QString::number(++m_n));
        k.db = SyncTest::openDatabase(QDir(k.dir).filePath(QStringLiteral("kiosk.sqlite")));
        k.share = QDir(k.dir).filePath(QStringLiteral("share"));
        if (withShare)
            SyncTest::makeShare(k.share);
        if (!k.db || !SyncTest::addRecords(*k.db, records, 2))
            qFatal("cannot prepare kiosk");
        return k;
    }

    static qint64 pending(Database &db) { return Outbox(db).pendingCount(); }

    // Every record of the kiosk's outbox is on the share exactly once, and none is queued.
    static bool deliveredExactlyOnce(Kiosk &k, int expected)
    {
        const SyncTest::ShareRecords s = SyncTest::scan(k.share);
        if (!s.bad.isEmpty() || s.total != expected || s.timesSeen.size() != expected || pending(*k.db) != 0) {
            qWarning() << "share holds" << s.total << "records," << s.timesSeen.size() << "distinct, bad:" << s.bad
                       << "pending:" << pending(*k.db);
            return false;
        }
        return true;
    }

    static bool run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    bool mount(const QStringList &args, const QString &target)
    {
        if (!run(QStringLiteral("mount"), args + QStringList{target}))
            return false;
        m_mounts.prepend(target);
        return true;
    }

    void unmount(const QString &target)
    {
        if (m_mounts.removeAll(target) > 0)
            run(QStringLiteral("umount"), {target});
    }

private slots:
    void cleanup()
    {
        for (const QString &m : QStringList(m_mounts))
            unmount(m);
    }

    void offlineSharesAreNeverWritten_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("words");
        QTest::newRow("share absent") << 0 << int(ShareState::State::Absent) << "不存在";
        QTest::newRow("unmounted: folder without marker") << 1 << int(ShareState::State::NoMarker) << "未挂载";
        QTest::newRow("marker of another share") << 2 << int(ShareState::State::OtherShare) << "另一个共享目录";
        QTest::newRow("marker not JSON") << 3 << int(ShareState::State::BadMarker) << "不是有效的 JSON";
        QTest::newRow("marker of a newer format") << 4 << int(ShareState::State::NewerFormat) << "请升级";
    }
    void offlineSharesAreNeverWritten()
    {
        QFETCH(int, kind);
        QFETCH(int, state);
        QFETCH(QString, words);
        Kiosk k = make(20, false);
        if (kind >= 1)
            QDir().mkpath(k.share);
        QFile marker(QDir(k.share).filePath(QStringLiteral(".dangqun-share")));
        if (kind >= 2) {
            QVERIFY(marker.open(QIODevice::WriteOnly));
            marker.write(kind == 2   ? R"({"share_id":"another-street","format":1})"
                         : kind == 3 ? "share_id=street-share"
                                     : R"({"share_id":"street-share","format":2})");
            marker.close();
        }
        const QStringList before = SyncTest::tree(k.share);

        FileLayer files;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        const SyncReport r = engine.run(*k.db);
        QCOMPARE(int(r.share.state), state);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(words), qPrintable(r.error));
        QCOMPARE(r.queueLength, 20);
        QCOMPARE(SyncTest::tree(k.share), before); // not even a heartbeat

        // Mounted (the right marker appears): everything goes out, once.
        SyncTest::makeShare(k.share);
        const SyncReport later = engine.run(*k.db);
        QVERIFY2(later.ok(), qPrintable(later.error));
        QCOMPARE(later.recordsSent, 20);
        QCOMPARE(later.batches, 2); // two local dates, one partition each
        QVERIFY(deliveredExactlyOnce(k, 20));
    }

    void readOnlyShareByFaultInjection()
    {
        // Tests run as root, and chmod does not stop root: the file layer reports EROFS instead.
        Kiosk k = make(30);
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step::Create;
        files.err = EROFS;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        const SyncReport r = engine.run(*k.db);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("errno %1").arg(EROFS)), qPrintable(r.error));
        QCOMPARE(r.queueLength, 30);
        QCOMPARE(SyncTest::scan(k.share).total, 0);
        files.failAt = SyncTest::FaultyFiles::Step::None;
        QVERIFY(engine.run(*k.db).ok());
        QVERIFY(deliveredExactlyOnce(k, 30));
    }

    void readOnlyShareByMount()
    {
        // The real thing: the share folder bind-mounted read-only (root cannot write there either).
        Kiosk k = make(25);
        const QString ro = QDir(k.dir).filePath(QStringLiteral("ro-share"));
        QDir().mkpath(ro);
        if (!mount({QStringLiteral("--bind"), k.share}, ro))
            QSKIP("cannot bind-mount here (needs root and mount); read-only is covered by fault injection");
        if (!run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,bind,ro"), ro}))
            QSKIP("cannot remount read-only here; read-only is covered by fault injection");
        FileLayer files;
        SyncEngine engine(SyncTest::settings(ro), files, m_clock);
        const SyncReport r = engine.run(*k.db);
        QVERIFY(r.share.online()); // the marker is readable...
        QVERIFY(!r.ok());          // ...but nothing can be written
        QVERIFY2(r.error.contains(QStringLiteral("errno %1").arg(EROFS)), qPrintable(r.error));
        QCOMPARE(pending(*k.db), 25);
        unmount(ro);
        SyncEngine writable(SyncTest::settings(k.share), files, m_clock);
        QVERIFY(writable.run(*k.db).ok());
        QVERIFY(deliveredExactlyOnce(k, 25));
    }

    void fullShareOnSmallTmpfs()
    {
        Kiosk k = make(600); // about 200 KB of batches
        const QString small = QDir(k.dir).filePath(QStringLiteral("small"));
        QDir().mkpath(small);
        if (!mount({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=64k"),
                    QStringLiteral("tmpfs")},
                   small))
            QSKIP("cannot mount a tmpfs here; a full share is covered by fault injection (fullShareByFaultInjection)");
        QVERIFY(SyncTest::makeShare(small));
        FileLayer files;
        SyncEngine engine(SyncTest::settings(small), files, m_clock);
        const SyncReport r = engine.run(*k.db);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("errno %1").arg(ENOSPC)), qPrintable(r.error));
        QCOMPARE(r.queueLength, 600);
        // Nothing half-written is left under a final name, and no temp file fills the share.
        const QStringList names = SyncTest::tree(small);
        for (const QString &n : names)
            QVERIFY2(!n.endsWith(QLatin1String(".tmp")), qPrintable(n));
        QVERIFY(SyncTest::scan(small).bad.isEmpty());

        // Staff free some space: the queue goes out, exactly once.
        QVERIFY(run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,size=8m"), small}));
        QVERIFY(engine.run(*k.db).ok());
        k.share = small;
        QVERIFY(deliveredExactlyOnce(k, 600));
    }

    void fullShareByFaultInjection()
    {
        Kiosk k = make(40);
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step::Write;
        files.err = ENOSPC;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        QVERIFY(!engine.run(*k.db).ok());
        QCOMPARE(pending(*k.db), 40);
        files.failAt = SyncTest::FaultyFiles::Step::Fsync; // NFS/SMB often report it only here
        QVERIFY(!engine.run(*k.db).ok());
        QCOMPARE(pending(*k.db), 40);
        files.failAt = SyncTest::FaultyFiles::Step::None;
        QVERIFY(engine.run(*k.db).ok());
        QVERIFY(deliveredExactlyOnce(k, 40));
    }

    void shareVanishesBetweenWriteAndRename()
    {
        Kiosk k = make(50);
        const QString away = k.share + QStringLiteral(".away");
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step::Rename;
        // The mount goes away: its folder is now the empty mount point.
        files.before = [&] {
            QDir().rename(k.share, away);
            QDir().mkpath(k.share);
        };
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        const SyncReport r = engine.run(*k.db);
        QVERIFY(!r.ok());
        QCOMPARE(r.queueLength, 50);
        QCOMPARE(SyncTest::tree(k.share), QStringList()); // nothing written to the bare mount point

        // Still unmounted on the next run: no marker, nothing written.
        files.failAt = SyncTest::FaultyFiles::Step::None;
        QCOMPARE(engine.run(*k.db).share.state, ShareState::State::NoMarker);
        QCOMPARE(SyncTest::tree(k.share), QStringList());

        // Mounted again: the temp file of the interrupted attempt is cleaned up, records go once.
        QVERIFY(QDir(k.share).removeRecursively());
        QVERIFY(QDir().rename(away, k.share));
        QVERIFY(engine.run(*k.db).ok());
        QVERIFY(deliveredExactlyOnce(k, 50));
        for (const QString &n : SyncTest::tree(k.share))
            QVERIFY2(!n.endsWith(QLatin1String(".tmp")), qPrintable(n));
    }

    void shareVanishesAfterRenameBeforeReadBack()
    {
        Kiosk k = make(10);
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step::ReadBack;
        files.err = EIO;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        QVERIFY(!engine.run(*k.db).ok());
        QCOMPARE(pending(*k.db), 10);          // not verified, so not marked...
        QVERIFY(SyncTest::scan(k.share).total > 0); // ...although a batch reached the share
        files.failAt = SyncTest::FaultyFiles::Step::None;
        const SyncReport r = engine.run(*k.db);
        QVERIFY(r.ok());
        QVERIFY(deliveredExactlyOnce(k, 10)); // adopted, not written twice
    }

    void conflictIsReportedAndLaterBatchesStillGo()
    {
        Kiosk k = make(6); // dates 2026-11-25 (3) and 2026-11-26 (3)
        const QString folder = QDir(k.share).filePath(QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25"));
        QDir().mkpath(folder);
        QFile f(QDir(folder).filePath(QStringLiteral("k1-1-3.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not ours\n");
        f.close();
        FileLayer files;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("k1-1-3.jsonl")));
        const SyncReport r = engine.run(*k.db);
        QVERIFY(!r.ok());
        QCOMPARE(r.conflicts.size(), 1);
        QCOMPARE(r.recordsSent, 3);
        QCOMPARE(r.queueLength, 3);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not ours\n"));
    }

    void heartbeatShowsQueueAndLastSync()
    {
        Kiosk k = make(12);
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step::Rename;
        SyncEngine engine(SyncTest::settings(k.share), files, m_clock);
        engine.run(*k.db);
        auto heartbeat = [&] {
            QFile f(QDir(k.share).filePath(QStringLiteral("status/c1/k1.json")));
            f.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(f.readAll()).object();
        };
        QJsonObject h = heartbeat();
        QCOMPARE(h.value(QStringLiteral("queue_length")).toInt(), 12);
        QVERIFY(h.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("errno")));
        QCOMPARE(h.value(QStringLiteral("last_sync_utc")).toString(), QString());
        QCOMPARE(h.value(QStringLiteral("kiosk_id")).toString(), QStringLiteral("k1"));

        files.failAt = SyncTest::FaultyFiles::Step::None;
        m_clock.advance(60000);
        QVERIFY(engine.run(*k.db).ok());
        h = heartbeat();
        QCOMPARE(h.value(QStringLiteral("queue_length")).toInt(), 0);
        QCOMPARE(h.value(QStringLiteral("last_error")).toString(), QString());
        QCOMPARE(h.value(QStringLiteral("last_sync_utc")).toString(), m_clock.now().toUTC().toString(Qt::ISODateWithMs));
        QCOMPARE(h.value(QStringLiteral("program_version")).toString(), QStringLiteral("test"));
    }

    void backoffSchedule()
    {
        QCOMPARE(SyncService::delaySeconds(0, 60), 60);
        QCOMPARE(SyncService::delaySeconds(1, 60), 5);
        QCOMPARE(SyncService::delaySeconds(2, 60), 10);
        QCOMPARE(SyncService::delaySeconds(5, 60), 80);
        QCOMPARE(SyncService::delaySeconds(8, 60), 600);   // capped at 10 minutes
        QCOMPARE(SyncService::delaySeconds(400, 60), 600); // no overflow
        QCOMPARE(SyncService::delaySeconds(20, 3600), 3600); // or at the interval, if longer
        QCOMPARE(SyncService::delaySeconds(0, 3600), 3600);
    }

    void serviceSyncsOnItsThreadAndOnDemand()
    {
        Kiosk k = make(15);
        const QString dbPath = k.db->path();
        SystemClock clock;
        SyncService service(SyncTest::settings(k.share), dbPath, 3600, clock);
        // Counted on this thread, after the service's own copy of the status: a QSignalSpy counts
        // on the sync thread as the worker emits, so a loaded machine let the test read the copy
        // before the queued update arrived (the old status: not running, the old queue length).
        int delivered = 0;
        QObject receiver;
        connect(&service, &SyncService::statusChanged, &receiver, [&delivered] { ++delivered; });
        service.start(0);
        QTRY_VERIFY_WITH_TIMEOUT(!service.status().running && service.status().lastSuccess.isValid(), 30000);
        QCOMPARE(service.status().queueLength, 0);
        QVERIFY(service.status().online);
        QVERIFY(service.status().lastError.isEmpty());
        QCOMPARE(service.status().nextRunSeconds, 3600);

        // A record committed while the service runs goes out on "sync now", not an hour later.
        SyncTest::addRecords(*k.db, 4);
        const QDateTime first = service.status().lastSuccess;
        delivered = 0;
        service.syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(delivered >= 2 && !service.status().running, 30000);
        QCOMPARE(service.status().queueLength, 0);
        QVERIFY(service.status().lastSuccess >= first);
        QVERIFY(deliveredExactlyOnce(k, 19));

        // The share goes away: the error shows and the retry comes sooner than the interval.
        QVERIFY(QFile::remove(QDir(k.share).filePath(QStringLiteral(".dangqun-share"))));
        delivered = 0;
        service.syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(delivered >= 2 && !service.status().running, 30000);
        QVERIFY(!service.status().online);
        QVERIFY(service.status().lastError.contains(QStringLiteral("未挂载")));
        QCOMPARE(service.status().failures, 1);
        QCOMPARE(service.status().nextRunSeconds, 5);
        service.stop();
    }
};

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"
