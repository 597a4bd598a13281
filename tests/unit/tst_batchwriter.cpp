#include "batchfile.h"
#include "batchwriter.h"
#include "database.h"
#include "filelayer.h"
#include "outbox.h"
#include "synctestsupport.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// One batch on the share: the JSON-Lines format with its trailer, the write sequence (temp name,
// fsync, rename that never replaces, read back), adoption after a crash, and conflicts.
class TestBatchWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_n = 0;

    struct Kiosk
    {
        std::unique_ptr<Database> db;
        QString share;
    };

    Kiosk make(int records)
    {
        Kiosk k;
        const QString dir = m_tmp.filePath(QString::number(++m_n));
        k.db = SyncTest::openDatabase(QDir(dir).filePath(QStringLiteral("kiosk.sqlite")));
        k.share = QDir(dir).filePath(QStringLiteral("share"));
        SyncTest::makeShare(k.share);
        if (!k.db || !SyncTest::addRecords(*k.db, records))
            qFatal("cannot prepare kiosk");
        return k;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void formatRoundTrip()
    {
        Kiosk k = make(3);
        const QList<OutboxEntry> entries = Outbox(*k.db).pending(10);
        const QByteArray bytes = BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), entries);
        QCOMPARE(bytes.count('\n'), 4); // three records and the trailer
        QVERIFY(bytes.endsWith("}}\n"));
        QVERIFY(bytes.split('\n').at(3).startsWith("{\"trailer\":{\"format\":1,\"count\":3,\"sha256\":\""));
        const BatchContent c = BatchFile::parse(bytes);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.records.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(c.records.at(i).seq, entries.at(i).seq);
            QCOMPARE(c.records.at(i).recordId, entries.at(i).record.recordId);
            QCOMPARE(c.records.at(i).payload, entries.at(i).record.payload);
            QCOMPARE(c.records.at(i).centreId, QStringLiteral("c1"));
        }
        // The same rows always give the same bytes (a rerun after a crash must match).
        QCOMPARE(BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), entries), bytes);
    }

    void damagedBatchesAreRefused_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("words");
        QTest::newRow("cut in the middle") << 0 << "不完整";
        QTest::newRow("trailer missing") << 1 << "缺少校验尾行";
        QTest::newRow("one byte changed") << 2 << "sha256";
        QTest::newRow("record removed, trailer kept") << 3 << "sha256";
        QTest::newRow("newer format") << 4 << "格式版本";
        QTest::newRow("empty") << 5 << "空文件";
    }
    void damagedBatchesAreRefused()
    {
        QFETCH(int, damage);
        QFETCH(QString, words);
        Kiosk k = make(4);
        QByteArray bytes = BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), Outbox(*k.db).pending(10));
        QList<QByteArray> lines = bytes.split('\n');
        switch (damage) {
        case 0: bytes.truncate(bytes.size() / 2); break;
        case 1: lines.removeAt(lines.size() - 2); bytes = lines.join('\n'); break;
        case 2: bytes[10] = bytes[10] == 'a' ? 'b' : 'a'; break;
        case 3: lines.removeAt(1); bytes = lines.join('\n'); break;
        case 4: bytes.replace("\"format\":1", "\"format\":2"); break;
        case 5: bytes.clear(); break;
        }
        const BatchContent c = BatchFile::parse(bytes);
        QVERIFY(!c.ok());
        QVERIFY2(c.error.contains(words), qPrintable(c.error));
        QVERIFY(c.records.isEmpty());
    }

    void writesVerifiedBatchUnderItsName()
    {
        Kiosk k = make(5);
        FileLayer files;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        const QList<OutboxEntry> entries = Outbox(*k.db).pending(10);
        const BatchResult r = writer.write(entries);
        QCOMPARE(r.outcome, BatchResult::Outcome::Written);
        QCOMPARE(r.relativePath, QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25/k1-1-5.jsonl"));
        QCOMPARE(readFile(QDir(k.share).filePath(r.relativePath)), BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), entries));
        // No temp file is left next to it.
        QCOMPARE(QDir(QDir(k.share).filePath(QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25")))
                         .entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("k1-1-5.jsonl")});
    }

    void adoptsIdenticalBatchAfterCrash()
    {
        // The process died after rename, before marking the rows: the rerun finds the file.
        Kiosk k = make(5);
        FileLayer files;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        const QList<OutboxEntry> entries = Outbox(*k.db).pending(10);
        QCOMPARE(writer.write(entries).outcome, BatchResult::Outcome::Written);
        const BatchResult again = writer.write(entries);
        QCOMPARE(again.outcome, BatchResult::Outcome::Adopted);
        QCOMPARE(again.lastSeq, 5);
        QCOMPARE(SyncTest::scan(k.share).total, 5);
    }

    void adoptsShorterBatchWhenMoreRowsWereQueued()
    {
        Kiosk k = make(3);
        FileLayer files;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        QCOMPARE(writer.write(Outbox(*k.db).pending(10)).outcome, BatchResult::Outcome::Written);
        SyncTest::addRecords(*k.db, 2); // queued after the crash, before the rerun
        const BatchResult r = writer.write(Outbox(*k.db).pending(10));
        QCOMPARE(r.outcome, BatchResult::Outcome::Adopted);
        QCOMPARE(r.firstSeq, 1);
        QCOMPARE(r.lastSeq, 3); // only what the file holds; 4 and 5 go in the next batch
        QCOMPARE(SyncTest::scan(k.share).files, QStringList{QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25/k1-1-3.jsonl")});
    }

    void conflictingFileIsNeverOverwritten()
    {
        Kiosk k = make(2);
        const QString folder = QDir(k.share).filePath(QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25"));
        QDir().mkpath(folder);
        const QString path = QDir(folder).filePath(QStringLiteral("k1-1-2.jsonl"));
        // Another kiosk with the same id (or a reset database) wrote other records under the name.
        Kiosk other = make(2);
        const QByteArray foreign = BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), Outbox(*other.db).pending(10));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(foreign);
        f.close();

        FileLayer files;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        const BatchResult r = writer.write(Outbox(*k.db).pending(10));
        QCOMPARE(r.outcome, BatchResult::Outcome::Conflict);
        QVERIFY2(r.error.contains(QStringLiteral("不会覆盖")), qPrintable(r.error));
        QCOMPARE(readFile(path), foreign);

        // A half-written file under the name is a conflict too, and stays as it is.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(foreign.left(40));
        f.close();
        QCOMPARE(writer.write(Outbox(*k.db).pending(10)).outcome, BatchResult::Outcome::Conflict);
        QCOMPARE(readFile(path), foreign.left(40));
    }

    void renameNeverReplaces()
    {
        const QString a = m_tmp.filePath(QStringLiteral("a.txt"));
        const QString b = m_tmp.filePath(QStringLiteral("b.txt"));
        FileLayer files;
        QString error;
        QVERIFY(files.writeNewDurable(a, "new", &error));
        QVERIFY(files.writeNewDurable(b, "old", &error));
        QVERIFY(!files.writeNewDurable(b, "again", &error)); // exclusive create
        QCOMPARE(files.renameNoReplace(a, b, &error), FileLayer::RenameResult::TargetExists);
        QCOMPARE(readFile(b), QByteArray("old"));
        QVERIFY(files.remove(b));
        QCOMPARE(files.renameNoReplace(a, b, &error), FileLayer::RenameResult::Ok);
        QCOMPARE(readFile(b), QByteArray("new"));
        QVERIFY(!QFile::exists(a));
    }

    void failuresLeaveNothingBehind_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("create") << int(SyncTest::FaultyFiles::Step::Create);
        QTest::newRow("write (disk full)") << int(SyncTest::FaultyFiles::Step::Write);
        QTest::newRow("fsync") << int(SyncTest::FaultyFiles::Step::Fsync);
        QTest::newRow("rename") << int(SyncTest::FaultyFiles::Step::Rename);
    }
    void failuresLeaveNothingBehind()
    {
        QFETCH(int, step);
        Kiosk k = make(3);
        SyncTest::FaultyFiles files;
        files.failAt = SyncTest::FaultyFiles::Step(step);
        files.err = ENOSPC;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        const BatchResult r = writer.write(Outbox(*k.db).pending(10));
        QCOMPARE(r.outcome, BatchResult::Outcome::Failed);
        QVERIFY2(r.error.contains(QStringLiteral("errno")), qPrintable(r.error));
        // Neither a final name nor a temp file: the share holds no trace of the failed attempt.
        const QString folder = QDir(k.share).filePath(QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25"));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
        files.failAt = SyncTest::FaultyFiles::Step::None;
        QCOMPARE(writer.write(Outbox(*k.db).pending(10)).outcome, BatchResult::Outcome::Written);
    }

    void staleTempFilesAreCleanedUp()
    {
        Kiosk k = make(2);
        const QString folder = QDir(k.share).filePath(QStringLiteral("records/centre=c1/kiosk=k1/date=2026-11-25"));
        QDir().mkpath(folder);
        QFile stale(QDir(folder).filePath(QStringLiteral(".k1-1-2.jsonl.0badf00d.tmp")));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("{\"centre_id\":");
        stale.close();
        FileLayer files;
        BatchWriter writer(files, k.share, QStringLiteral("c1"), QStringLiteral("k1"));
        QCOMPARE(writer.write(Outbox(*k.db).pending(10)).outcome, BatchResult::Outcome::Written);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("k1-1-2.jsonl")});
    }
};

QTEST_GUILESS_MAIN(TestBatchWriter)
#include "tst_batchwriter.moc"
