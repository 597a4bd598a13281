#include "database.h"
#include "outbox.h"
#include "recordmerger.h"
#include "synctestsupport.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

// SIGKILL at random points of a sync (design.md §9): a child process syncs the outbox in small
// batches and is killed again and again, with new records committed between runs; a final run
// finishes. Every committed record must then be in exactly one batch on the share, and `merge`
// must import each exactly once, twice over.
class TestSyncKill : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void killedSyncLosesAndDuplicatesNothing()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("kiosk.sqlite"));
        const QString share = m_tmp.filePath(QStringLiteral("share"));
        QVERIFY(SyncTest::makeShare(share));
        int expected = 0;
        {
            auto db = SyncTest::openDatabase(dbPath);
            QVERIFY(db);
            QVERIFY(SyncTest::addRecords(*db, 400, 3));
            expected = 400;
        }
        // A fixed seed per run is printed, so a failure can be replayed.
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        QRandomGenerator random(seed);
        int killed = 0;
        for (int round = 0; round < 25; ++round) {
            QProcess child;
            child.start(QStringLiteral(SYNC_CHILD), {dbPath, share});
            QVERIFY(child.waitForStarted());
            while (child.state() == QProcess::Running && !child.canReadLine())
                child.waitForReadyRead(50);
            QThread::msleep(random.bounded(0, 200));
            if (child.state() == QProcess::Running) {
                child.kill(); // SIGKILL
                ++killed;
            }
            QVERIFY(child.waitForFinished(30000));
            // The kiosk keeps recording between sync attempts.
            auto db = SyncTest::openDatabase(dbPath);
            QVERIFY(db);
            const int more = random.bounded(0, 6);
            QVERIFY(SyncTest::addRecords(*db, more, 3));
            expected += more;
        }
        // The kills must have landed during the sync, not only before it began.
        const qint64 onShareBefore = SyncTest::scan(share).total;
        qInfo() << "killed" << killed << "of 25 runs;" << onShareBefore << "records on the share before the last run";
        QVERIFY(killed > 0);
        QVERIFY(onShareBefore > 0);

        QProcess last;
        last.start(QStringLiteral(SYNC_CHILD), {dbPath, share});
        QVERIFY(last.waitForFinished(120000));
        QVERIFY2(last.exitStatus() == QProcess::NormalExit && last.exitCode() == 0,
                 last.readAllStandardError().constData());

        const SyncTest::ShareRecords s = SyncTest::scan(share);
        QVERIFY2(s.bad.isEmpty(), qPrintable(s.bad.join(u'\n')));
        QCOMPARE(s.timesSeen.size(), expected);
        QCOMPARE(s.total, qint64(expected)); // no record in two batches
        for (const QString &n : SyncTest::tree(share))
            QVERIFY2(!n.endsWith(QLatin1String(".tmp")) || n.contains(QLatin1String("status/")), qPrintable(n));
        {
            auto db = SyncTest::openDatabase(dbPath);
            QCOMPARE(Outbox(*db).pendingCount(), 0);
        }

        RecordMerger merger;
        QString error;
        QVERIFY2(merger.open(m_tmp.filePath(QStringLiteral("central.sqlite")), &error), qPrintable(error));
        const MergeReport first = merger.merge(share);
        QVERIFY2(first.problems.isEmpty(), qPrintable(first.problems.join(u'\n')));
        QCOMPARE(first.recordsImported, qint64(expected));
        QCOMPARE(first.recordsAlreadyThere, 0);
        const MergeReport second = merger.merge(share);
        QCOMPARE(second.recordsImported, 0);
        QCOMPARE(second.batchesRead, 0);
        QCOMPARE(second.batchesUnchanged, first.batchesRead);
        QCOMPARE(merger.recordCount(), qint64(expected));
    }
};

QTEST_GUILESS_MAIN(TestSyncKill)
#include "tst_synckill.moc"
