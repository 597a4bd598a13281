#include "batchfile.h"
#include "outbox.h"
#include "recordmerger.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "syncengine.h"
#include "synctestsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The office's merge (design.md §5): nothing reported as stored that is not; damaged batches
// salvaged line by line and never imported twice; cross-checks reported, never silent.
class TestRecordMerger : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    int m_case = 0;

    QString freshDir()
    {
        const QString d = m_tmp.filePath(QStringLiteral("case%1").arg(++m_case));
        QDir().mkpath(d);
        return d;
    }

    static QList<OutboxEntry> entries(const QString &kiosk, qint64 firstSeq, int count, const QString &date = QStringLiteral("2026-11-25"))
    {
        QList<OutboxEntry> out;
        for (int i = 0; i < count; ++i) {
            OutboxEntry e;
            e.seq = firstSeq + i;
            e.record.recordId = OutboxRecord::newRecordId();
            e.record.kind = QStringLiteral("checkin");
            e.record.localDate = QDate::fromString(date, Qt::ISODate);
            e.record.createdUtc = QStringLiteral("2026-11-25T01:00:00.000Z");
            e.record.payload = {{QStringLiteral("id"), e.record.recordId},
                                {QStringLiteral("member"), QStringLiteral("street-1:M%1").arg(e.seq)},
                                {QStringLiteral("kiosk"), kiosk}};
            out.append(e);
        }
        return out;
    }

    static QString batchPath(const QString &share, const QString &centre, const QString &kiosk, qint64 first, qint64 last,
                             const QString &date = QStringLiteral("2026-11-25"))
    {
        return QDir(share).filePath(BatchFile::folder(centre, kiosk, date) + u'/' + BatchFile::fileName(kiosk, first, last));
    }

    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Lines plus a trailer that verifies (as a kiosk would write them).
    static QByteArray withTrailer(const QByteArray &body)
    {
        return body + "{\"trailer\":{\"format\":1,\"count\":" + QByteArray::number(body.count('\n')) + ",\"sha256\":\""
                + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex() + "\"}}\n";
    }

    static QByteArray body(const QByteArray &batch) { return batch.left(batch.lastIndexOf('\n', batch.size() - 2) + 1); }

    static qint64 count(RecordMerger &m, const QString &sql)
    {
        QSqlQuery q(m.connection());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static int runAdmin(const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        // Overridable, to show the test fails with an older build of the tool.
        p.start(qEnvironmentVariable("DANGQUN_ADMIN_UNDER_TEST", QStringLiteral(DANGQUN_ADMIN)), args);
        if (!p.waitForFinished(120000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    // A line lacking a field used to be swallowed by INSERT OR IGNORE and counted "already
    // present"; the batch was marked imported and merge exited 0.
    void recordLackingAFieldIsRefusedAndNamed()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share");
        const QList<OutboxEntry> e = entries(QStringLiteral("k1"), 1, 5);
        const QString path = batchPath(share, QStringLiteral("c1"), QStringLiteral("k1"), 1, 5);
        const QByteArray good = BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), e);
        QList<QByteArray> lines = body(good).split('\n');
        lines[2].replace(QByteArray(",\"created_utc\":\"2026-11-25T01:00:00.000Z\""), QByteArray());
        QVERIFY(!lines[2].contains("created_utc"));
        QVERIFY(write(path, withTrailer(lines.join('\n'))));

        QByteArray out;
        const QString central = dir + QStringLiteral("/central.sqlite");
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out), 2);
        QVERIFY2(out.contains("k1-1-5.jsonl:3: 未通过字段") && out.contains("created_utc"), out.constData());
        QVERIFY2(out.contains("4 records imported") && out.contains("1 NOT imported"), out.constData());
        {
            RecordMerger m;
            QString error;
            QVERIFY(m.open(central, &error));
            QCOMPARE(m.recordCount(), 4);
            QCOMPARE(count(m, QStringLiteral("SELECT count(*) FROM batches WHERE state = 'imported'")), 0);
        }
        // Again: still refused, still not success, nothing twice.
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out), 2);
        QVERIFY2(out.contains("0 records imported, 4 already present, 1 NOT imported"), out.constData());
        // The cause fixed (the kiosk's file rewritten whole): exactly the missing record arrives.
        QVERIFY(write(path, good));
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out), 0);
        QVERIFY2(out.contains("1 records imported, 4 already present, 0 NOT imported, 5 in total"), out.constData());
    }

    // The central database on a full disk: no success, nothing marked imported that is not
    // stored, and a rerun on a big disk imports everything.
    void fullDiskIsAnErrorAndRerunImportsEverything()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share"), small = dir + QStringLiteral("/small");
        QDir().mkpath(small);
        if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                        QStringLiteral("size=400k"), QStringLiteral("tmpfs"), small})
            != 0)
            QSKIP("cannot mount a tmpfs (needs root)");
        const auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {small}); });
        int total = 0;
        for (int k = 1; k <= 4; ++k) {
            const QString kiosk = QStringLiteral("k%1").arg(k);
            for (int b = 0; b < 5; ++b) {
                QVERIFY(write(batchPath(share, QStringLiteral("c1"), kiosk, 1 + b * 100, 100 + b * 100),
                              BatchFile::encode(QStringLiteral("c1"), kiosk, entries(kiosk, 1 + b * 100, 100))));
                total += 100;
            }
        }
        const QString central = small + QStringLiteral("/central.sqlite");
        QByteArray out;
        const int code = runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out);
        qInfo("%s", out.constData());
        QVERIFY2(code != 0, out.constData());
        QVERIFY2(out.contains("汇总数据库") || out.contains("cannot open"), out.constData());
        QVERIFY2(!out.contains("0 problem(s)") || code == 4, out.constData());

        // Whatever the central file says is imported must be there in full.
        const QString big = dir + QStringLiteral("/central.sqlite");
        for (const char *suffix : {"", "-wal"})
            if (QFile::exists(central + QLatin1String(suffix)))
                QVERIFY(QFile::copy(central + QLatin1String(suffix), big + QLatin1String(suffix)));
        if (QFile::exists(big)) {
            RecordMerger m;
            QString error;
            QVERIFY2(m.open(big, &error), qPrintable(error));
            QCOMPARE(count(m, QStringLiteral("SELECT count(*) FROM batches b WHERE state = 'imported' AND records <> "
                                             "(SELECT count(*) FROM records r WHERE r.batch = b.path)")),
                     0);
            QVERIFY(m.recordCount() < total);
        }
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), big}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral(" %1 in total; 0 problem(s)").arg(total).toUtf8()), out.constData());
        RecordMerger m;
        QString error;
        QVERIFY(m.open(big, &error));
        QCOMPARE(m.recordCount(), total);
        QCOMPARE(count(m, QStringLiteral("SELECT count(*) FROM batches WHERE state = 'imported'")), 20);
    }

    // Batches damaged after the kiosk wrote them: the intact lines are imported, each damaged
    // line is named, an empty file is called empty, and nothing is imported twice.
    void damagedBatchesAreSalvaged()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share");
        const QString c = QStringLiteral("c1"), k = QStringLiteral("k1");
        QHash<QString, QByteArray> good;
        for (int b = 0; b < 5; ++b) {
            const QString p = batchPath(share, c, k, 1 + b * 10, 10 + b * 10);
            good[p] = BatchFile::encode(c, k, entries(k, 1 + b * 10, 10));
            QVERIFY(write(p, good[p]));
        }
        const QStringList paths = [&] { QStringList l = good.keys(); l.sort(); return l; }();
        // 1-10: cut in the middle of line 8.
        const QByteArray b1 = good[paths[0]];
        const qsizetype line8 = [&] { qsizetype at = 0; for (int i = 0; i < 7; ++i) at = b1.indexOf('\n', at) + 1; return at; }();
        QVERIFY(write(paths[0], b1.left(line8 + 40)));
        // 11-20: a flipped byte breaks line 4 (a quote becomes another character).
        QByteArray b2 = good[paths[1]];
        qsizetype at = 0;
        for (int i = 0; i < 3; ++i)
            at = b2.indexOf('\n', at) + 1;
        b2[at + 1] = '\x22' ^ 0x01;
        QVERIFY(write(paths[1], b2));
        // 21-30: copied through Windows (CR LF).
        QByteArray b3 = good[paths[2]];
        QVERIFY(write(paths[2], b3.replace("\n", "\r\n")));
        // 31-40: a wrong trailer (count edited).
        QByteArray b4 = good[paths[3]];
        b4.replace("\"count\":10", "\"count\":11");
        QVERIFY(write(paths[3], b4));
        // 41-50 intact; plus an empty file.
        const QString empty = batchPath(share, c, k, 51, 60);
        QVERIFY(write(empty, QByteArray()));

        RecordMerger m;
        QString error;
        QVERIFY(m.open(dir + QStringLiteral("/central.sqlite"), &error));
        const MergeReport r = m.merge(share);
        const QString all = r.problems.join(u'\n');
        QCOMPARE(r.recordsImported, 7 + 9 + 10 + 10 + 10);
        QCOMPARE(r.recordsRefused, 1 + 1);
        QVERIFY2(all.contains(QStringLiteral("k1-1-10.jsonl: 尾行校验失败")) && all.contains(QStringLiteral("k1-1-10.jsonl:8: 未通过换行")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("第 1–7 行通过换行、JSON、字段、分区、序号检查")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("k1-11-20.jsonl:4: 未通过JSON")) && all.contains(QStringLiteral("sha256")), qPrintable(all));
        // Its sha256 verifies every line: nothing lost, so a notice that still says why.
        QVERIFY2(r.notices.join(u'\n').contains(QStringLiteral("k1-31-40.jsonl: 文件已损坏（尾行记录数 11")), qPrintable(r.notices.join(u'\n')));
        QVERIFY2(all.contains(QStringLiteral("k1-51-60.jsonl: 空文件")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("写到一半")) || !all.contains(QStringLiteral("k1-51-60.jsonl: 批次")), qPrintable(all));
        QVERIFY2(r.notices.join(u'\n').contains(QStringLiteral("k1-21-30.jsonl: 行尾是 CR LF")), qPrintable(r.notices.join(u'\n')));
        QCOMPARE(m.recordCount(), 46);

        // Rerun: the damaged files are read again, nothing is imported twice.
        const MergeReport again = m.merge(share);
        QCOMPARE(again.recordsImported, 0);
        QCOMPARE(again.recordsRefused, 2);
        QCOMPARE(m.recordCount(), 46);
        // Gaps 8-10 and 14 lie inside the two files whose salvaged lines no checksum confirms:
        // one request, 1-20.
        const QList<MissingRange> missing = m.missing(&error);
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing.at(0).firstSeq, 1);
        QCOMPARE(missing.at(0).lastSeq, 20);
        QCOMPARE(missing.at(0).why, MissingRange::Why::Unverified);

        // The kiosk resends seq 1-20 (its own records, one new file): the damaged files are then
        // resolved, a line salvaged with a changed value would be corrected, and merge is clean.
        const QList<BatchRecord> lost1 = BatchFile::parse(good[paths[0]]).records;
        const QList<BatchRecord> lost2 = BatchFile::parse(good[paths[1]]).records;
        QList<OutboxEntry> resend;
        for (const BatchRecord &br : lost1 + lost2) {
            OutboxEntry e;
            e.seq = br.seq;
            e.record.recordId = br.recordId;
            e.record.kind = br.kind;
            e.record.createdUtc = br.createdUtc;
            e.record.localDate = QDate::fromString(br.localDate, Qt::ISODate);
            e.record.payload = br.payload;
            resend.append(e);
        }
        QVERIFY(write(QDir(share).filePath(BatchFile::folder(c, k, QStringLiteral("2026-11-25")) + QStringLiteral("/k1-1-20.r1.jsonl")),
                      BatchFile::encode(c, k, resend)));
        QFile::remove(empty);
        const MergeReport resolved = m.merge(share);
        QCOMPARE(resolved.recordsImported, 4);
        QCOMPARE(m.recordCount(), 50);
        QVERIFY(m.missing(&error).isEmpty());
        QVERIFY2(resolved.problems.isEmpty(), qPrintable(resolved.problems.join(u'\n')));
        QVERIFY2(resolved.notices.join(u'\n').contains(QStringLiteral("k1-1-10.jsonl: 文件已损坏（文件未以换行结束")),
                 qPrintable(resolved.notices.join(u'\n')));
        const MergeReport quiet = m.merge(share);
        QVERIFY(quiet.ok());
        QCOMPARE(quiet.recordsImported + quiet.batchesRead, 0);
    }

    void crossChecksAreReported()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share");
        // A batch of c2/k9 put into c1/k1's folder: refused, not credited to c1.
        const QString wrong = batchPath(share, QStringLiteral("c1"), QStringLiteral("k1"), 1, 5);
        QVERIFY(write(wrong, BatchFile::encode(QStringLiteral("c2"), QStringLiteral("k9"), entries(QStringLiteral("k9"), 1, 5))));
        // A good batch and a Windows copy of it.
        const QString original = batchPath(share, QStringLiteral("c1"), QStringLiteral("k2"), 1, 5);
        QVERIFY(write(original, BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k2"), entries(QStringLiteral("k2"), 1, 5))));
        const QString copy = QString(original).replace(QStringLiteral(".jsonl"), QStringLiteral(" - 副本.jsonl"));
        QVERIFY(QFile::copy(original, copy));

        RecordMerger m;
        QString error;
        QVERIFY(m.open(dir + QStringLiteral("/central.sqlite"), &error));
        const MergeReport r = m.merge(share);
        const QString all = r.problems.join(u'\n');
        QCOMPARE(r.recordsImported, 5);
        QCOMPARE(count(m, QStringLiteral("SELECT count(*) FROM records WHERE centre_id = 'c2' OR kiosk_id = 'k9'")), 0);
        QVERIFY2(all.contains(QStringLiteral("k1-1-5.jsonl:1: 未通过分区：记录属于 centre=c2/kiosk=k9")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("k2-1-5 - 副本.jsonl: 是重复副本，5 条记录都已从")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("k2-1-5 - 副本.jsonl: 文件名不是终端写的")), qPrintable(all));

        // A changed file: reported on every run, the imported hash kept.
        QFile::remove(copy);
        QFile::remove(wrong);
        const QByteArray hashBefore = [&] { QSqlQuery q(m.connection()); q.exec(QStringLiteral("SELECT sha256 FROM batches WHERE path LIKE '%k2-1-5.jsonl'")); q.next(); return q.value(0).toByteArray(); }();
        QVERIFY(!hashBefore.isEmpty());
        QVERIFY(write(original, BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k2"), entries(QStringLiteral("k2"), 1, 5))));
        for (int run = 0; run < 2; ++run) {
            const MergeReport changed = m.merge(share);
            QVERIFY2(changed.problems.join(u'\n').contains(QStringLiteral("k2-1-5.jsonl: 导入后文件被改动")), qPrintable(changed.problems.join(u'\n')));
            QCOMPARE(count(m, QStringLiteral("SELECT count(*) FROM batches WHERE path LIKE '%k2-1-5.jsonl' AND sha256 = '%1'").arg(QString::fromLatin1(hashBefore))), 1);
        }
        // Gone: the imported copy vanished (reported once, its records stay).
        QCOMPARE(m.recordCount(), 5 + 0); // the changed file's new ids clash on seq: refused
        QFile::remove(original);
        const MergeReport gone = m.merge(share);
        QVERIFY2(gone.problems.join(u'\n').contains(QStringLiteral("k2-1-5.jsonl: 已导入的文件从共享目录中不见了")),
                 qPrintable(gone.problems.join(u'\n')));
        QVERIFY(m.merge(share).ok());
        QCOMPARE(m.recordCount(), 5);
    }

    // Unchanged files are skipped by path, size and mtime, without reading them: a byte changed
    // behind merge's back with size and mtime kept is not seen (that is the index's contract).
    void unchangedFilesAreNotRead()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share");
        const QString p = batchPath(share, QStringLiteral("c1"), QStringLiteral("k1"), 1, 5);
        QVERIFY(write(p, BatchFile::encode(QStringLiteral("c1"), QStringLiteral("k1"), entries(QStringLiteral("k1"), 1, 5))));
        RecordMerger m;
        QString error;
        QVERIFY(m.open(dir + QStringLiteral("/central.sqlite"), &error));
        QCOMPARE(m.merge(share).batchesRead, 1);
        const QDateTime mtime = QFileInfo(p).lastModified();
        QByteArray bytes = read(p);
        bytes[2] = 'X';
        QVERIFY(write(p, bytes));
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.setFileTime(mtime, QFileDevice::FileModificationTime));
        f.close();
        const MergeReport r = m.merge(share);
        QCOMPARE(r.batchesUnchanged, 1);
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u'\n')));
    }

    // The whole loop with the real kiosk sync: a batch damaged on the share, merge salvages and
    // reports it, `missing --write-requests` asks, the kiosk's `resend` writes again, merge is
    // clean and every record is stored once.
    void kioskResendsWhatTheOfficeLacks()
    {
        const QString dir = freshDir(), share = dir + QStringLiteral("/share"), kioskDb = dir + QStringLiteral("/kiosk.sqlite");
        QVERIFY(SyncTest::makeShare(share));
        {
            auto db = SyncTest::openDatabase(kioskDb);
            QVERIFY(db && SyncTest::addRecords(*db, 120, 1));
            FileLayer files;
            SystemClock clock;
            SyncSettings settings = SyncTest::settings(share);
            settings.maxBatchRecords = 40;
            SyncEngine engine(settings, files, clock);
            const SyncReport r = engine.run(*db);
            QVERIFY2(r.ok() && r.recordsSent == 120, qPrintable(r.error));
        }
        const SyncTest::ShareRecords before = SyncTest::scan(share);
        QCOMPARE(before.files.size(), 3);
        const QString damaged = QDir(share).filePath(before.files.at(1));
        QByteArray bytes = read(damaged);
        QVERIFY(write(damaged, bytes.left(bytes.size() / 2))); // cut short after the kiosk marked it synced

        const QString central = dir + QStringLiteral("/central.sqlite");
        QByteArray out;
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out), 2);
        QCOMPARE(runAdmin({QStringLiteral("missing"), share, QStringLiteral("--db"), central, QStringLiteral("--write-requests")}, &out), 2);
        QVERIFY2(out.contains("c1/k1: seq 41-80 (40 records)"), out.constData());
        QVERIFY(QFile::exists(share + QStringLiteral("/resend/c1/k1.json")));
        const QStringList resend = {QStringLiteral("resend"), QStringLiteral("--db"), kioskDb, QStringLiteral("--share"), share,
                                    QStringLiteral("--centre"), QStringLiteral("c1"), QStringLiteral("--kiosk"), QStringLiteral("k1")};
        QCOMPARE(runAdmin(resend, &out), 0);
        QVERIFY2(out.contains("resent 40 record(s)"), out.constData());
        QCOMPARE(runAdmin(resend, &out), 0); // the same request again: adopted, nothing new
        QCOMPARE(SyncTest::scan(share).files.size(), 4);
        QCOMPARE(runAdmin({QStringLiteral("merge"), share, QStringLiteral("--db"), central}, &out), 0);
        QVERIFY2(out.contains("120 in total; 0 problem(s)"), out.constData());
        QCOMPARE(runAdmin({QStringLiteral("missing"), share, QStringLiteral("--db"), central}, &out), 0);
    }
};

QTEST_GUILESS_MAIN(TestRecordMerger)
#include "tst_recordmerger.moc"
