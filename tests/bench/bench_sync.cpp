// Sync figures for design.md §8 (not a test: timings are printed, never asserted):
//   1. 10,000 outbox records synced to a local share folder (target <= 2 s), cold: every record
//      unsynced, written as batches with fsync, read back, verified and marked.
//   2. `merge` of 100 kiosks x 1,000 records into a fresh central SQLite file, then again (the
//      idempotent rerun that finds nothing new).
//   bench_sync [WORKDIR]   (default: a temporary folder; put it on the disk you care about)
#include "batchfile.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "outbox.h"
#include "recordmerger.h"
#include "syncengine.h"
#include "synctestsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <cstdio>

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    QTemporaryDir tmp;
    const QString work = app.arguments().value(1, tmp.path());
    QDir().mkpath(work);
    std::printf("work folder: %s\n", qPrintable(work));

    // 1. 10,000 records out.
    const QString share = QDir(work).filePath(QStringLiteral("share"));
    QDir(share).removeRecursively();
    SyncTest::makeShare(share);
    const QString dbPath = QDir(work).filePath(QStringLiteral("kiosk.sqlite"));
    QFile::remove(dbPath);
    QFile::remove(dbPath + QStringLiteral("-wal"));
    QFile::remove(dbPath + QStringLiteral("-shm"));
    auto db = SyncTest::openDatabase(dbPath);
    if (!db || !SyncTest::addRecords(*db, 10000, 1)) {
        std::fprintf(stderr, "cannot prepare the kiosk database\n");
        return 1;
    }
    FileLayer files;
    SystemClock clock;
    SyncEngine engine(SyncTest::settings(share), files, clock);
    QElapsedTimer t;
    t.start();
    const SyncReport r = engine.run(*db);
    const qint64 syncMs = t.elapsed();
    std::printf("sync 10,000 records: %lld ms (%d batches, %lld sent, %lld queued, %s) target <= 2000 ms\n",
                qlonglong(syncMs), r.batches, qlonglong(r.recordsSent), qlonglong(r.queueLength),
                r.ok() ? "ok" : qPrintable(r.error));
    t.restart();
    engine.run(*db);
    std::printf("sync again, nothing queued: %lld ms\n", qlonglong(t.elapsed()));

    // 2. The office merges 100 kiosks x 1,000 records.
    const QString office = QDir(work).filePath(QStringLiteral("office-share"));
    QDir(office).removeRecursively();
    QList<OutboxEntry> entries;
    for (int k = 0; k < 100; ++k) {
        const QString kiosk = QStringLiteral("k%1").arg(k, 3, 10, QLatin1Char('0'));
        entries.clear();
        for (int i = 0; i < 1000; ++i) {
            OutboxEntry e;
            e.seq = i + 1;
            e.record.recordId = OutboxRecord::newRecordId();
            e.record.kind = QStringLiteral("checkin");
            e.record.localDate = QDate(2026, 11, 25);
            e.record.createdUtc = QStringLiteral("2026-11-25T01:00:00.000Z");
            e.record.payload = {{QStringLiteral("id"), e.record.recordId},
                                {QStringLiteral("member"), QStringLiteral("street-1:M%1").arg(i)},
                                {QStringLiteral("method"), QStringLiteral("qr")}};
            entries.append(e);
        }
        // Two batches a kiosk, as a day with two syncs would leave them.
        for (int half = 0; half < 2; ++half) {
            const QList<OutboxEntry> part = entries.mid(half * 500, 500);
            const QString path = QDir(office).filePath(
                    BatchFile::folder(QStringLiteral("c1"), kiosk, QStringLiteral("2026-11-25")) + u'/'
                    + BatchFile::fileName(kiosk, part.constFirst().seq, part.constLast().seq));
            if (!writeFile(path, BatchFile::encode(QStringLiteral("c1"), kiosk, part))) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
                return 1;
            }
        }
    }
    const QString central = QDir(work).filePath(QStringLiteral("central.sqlite"));
    QFile::remove(central);
    QFile::remove(central + QStringLiteral("-wal"));
    QFile::remove(central + QStringLiteral("-shm"));
    RecordMerger merger;
    QString error;
    if (!merger.open(central, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    t.restart();
    const MergeReport m1 = merger.merge(office);
    const qint64 mergeMs = t.elapsed();
    t.restart();
    const MergeReport m2 = merger.merge(office);
    const qint64 rerunMs = t.elapsed();
    std::printf("merge 100 kiosks x 1,000 records: %lld ms (%d batches, %lld imported, %lld problems)\n",
                qlonglong(mergeMs), m1.batchesRead, qlonglong(m1.recordsImported), qlonglong(m1.problems.size()));
    std::printf("merge again (idempotent): %lld ms (%d unchanged, %lld imported); central holds %lld records\n",
                qlonglong(rerunMs), m2.batchesUnchanged, qlonglong(m2.recordsImported), qlonglong(merger.recordCount()));
    return r.ok() ? 0 : 2;
}
