// Sync figures for design.md §8 (not a test: timings are printed, never asserted):
//   1. 10,000 outbox records synced to a local share folder (target <= 2 s), cold: every record
//      unsynced, written as batches with fsync, read back, verified and marked.
//   2. `merge` of 100 kiosks x 1,000 records into a fresh central SQLite file, then again (the
//      idempotent rerun that finds nothing new).
//   3. `merge` of a city: 1,000 kiosks x 1,000 records (one file per kiosk and day, as after the
//      day's compaction) into a fresh central file on WORKDIR's disk, then the rerun that skips
//      every unchanged file without reading it. Target >= 30,000 records/s (design.md §8).
//   bench_sync [WORKDIR]   (default: a temporary folder; put it on the disk you care about)
//   bench_sync --city-only [WORKDIR] [KIOSKS] [RECORDS_PER_KIOSK]
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
#include <ctime>

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Writes the city straight as files (the kiosks' own encoder, no kiosk databases): 1M records
// in a few seconds.
bool writeCity(const QString &share, int kiosks, int perKiosk, int days)
{
    for (int k = 0; k < kiosks; ++k) {
        const QString centre = QStringLiteral("c%1").arg(k / 50, 2, 10, QLatin1Char('0'));
        const QString kiosk = QStringLiteral("k%1").arg(k, 4, 10, QLatin1Char('0'));
        qint64 seq = 1;
        for (int d = 0; d < days; ++d) {
            const QDate date = QDate(2026, 11, 1).addDays(d);
            const QString dateText = date.toString(Qt::ISODate);
            QList<OutboxEntry> entries;
            const int n = perKiosk / days + (d < perKiosk % days ? 1 : 0);
            entries.reserve(n);
            for (int i = 0; i < n; ++i, ++seq) {
                OutboxEntry e;
                e.seq = seq;
                e.record.recordId = OutboxRecord::newRecordId();
                e.record.kind = QStringLiteral("checkin");
                e.record.localDate = date;
                e.record.createdUtc = date.startOfDay(Qt::UTC).addSecs(3600 + i * 7).toString(Qt::ISODateWithMs);
                e.record.payload = {{QStringLiteral("id"), e.record.recordId},
                                    {QStringLiteral("issuer"), QStringLiteral("street-1")},
                                    {QStringLiteral("member_id"), QStringLiteral("M%1").arg((k * 7919 + i) % 50000)},
                                    {QStringLiteral("name"), QStringLiteral("张三")},
                                    {QStringLiteral("method"), QStringLiteral("qr")},
                                    {QStringLiteral("checked_utc"), e.record.createdUtc},
                                    {QStringLiteral("local_date"), dateText}};
                entries.append(e);
            }
            if (entries.isEmpty())
                continue;
            const QString path = QDir(share).filePath(BatchFile::folder(centre, kiosk, dateText) + u'/'
                                                      + BatchFile::fileName(kiosk, entries.constFirst().seq, entries.constLast().seq));
            if (!writeFile(path, BatchFile::encode(centre, kiosk, entries)))
                return false;
        }
    }
    return true;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

int mergeCity(const QString &work, int kiosks, int perKiosk)
{
    const QString share = QDir(work).filePath(QStringLiteral("city-share"));
    QDir(share).removeRecursively();
    QElapsedTimer t;
    t.start();
    if (!writeCity(share, kiosks, perKiosk, 4)) {
        std::fprintf(stderr, "cannot write the city share\n");
        return 1;
    }
    const qint64 total = qint64(kiosks) * perKiosk;
    std::printf("city share: %d kiosks x %d records (4 days, one file per kiosk and day) written in %lld ms\n", kiosks,
                perKiosk, qlonglong(t.elapsed()));
    const QString central = QDir(work).filePath(QStringLiteral("city-central.sqlite"));
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(central + QLatin1String(suffix));
    std::printf("load average before merge: %s\n", qPrintable(loadAverage()));
    RecordMerger merger;
    QString error;
    if (!merger.open(central, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    t.restart();
    // CPU time too: on a shared, loaded machine the wall clock says more about the neighbours.
    const std::clock_t cpu0 = std::clock();
    const MergeReport m1 = merger.merge(share);
    const qint64 ms = std::max<qint64>(t.elapsed(), 1);
    const double cpuS = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    std::printf("merge city: %lld records in %lld ms = %.0f records/s (%d files, %lld imported, %lld problems%s) "
                "target >= 30,000/s; load average %s\n",
                qlonglong(total), qlonglong(ms), total * 1000.0 / ms, m1.batchesRead, qlonglong(m1.recordsImported),
                qlonglong(m1.problems.size()), m1.fatal.isEmpty() ? "" : ", FAILED", qPrintable(loadAverage()));
    std::printf("merge city CPU time: %.2f s = %.0f records per CPU second\n", cpuS, total / std::max(cpuS, 0.001));
    t.restart();
    const MergeReport m2 = merger.merge(share);
    std::printf("merge city again (unchanged files skipped by size+mtime): %lld ms (%d unchanged, %lld imported)\n",
                qlonglong(t.elapsed()), m2.batchesUnchanged, qlonglong(m2.recordsImported));
    return m1.ok() && m1.recordsImported == total ? 0 : 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    QTemporaryDir tmp;
    QStringList args = app.arguments();
    const bool cityOnly = args.size() > 1 && args.at(1) == u"--city-only";
    if (cityOnly)
        args.removeAt(1);
    const QString work = args.value(1, tmp.path());
    QDir().mkpath(work);
    std::printf("work folder: %s\n", qPrintable(work));
    if (cityOnly)
        return mergeCity(work, args.value(2, QStringLiteral("1000")).toInt(), args.value(3, QStringLiteral("1000")).toInt());

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
    const int city = mergeCity(work, 1000, 1000);
    return r.ok() && city == 0 ? 0 : 2;
}
