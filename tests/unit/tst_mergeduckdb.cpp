#include "batchfile.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "recordmerger.h"
#include "syncengine.h"
#include "synctestsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// docs/office-analytics.md in practice: DuckDB (the official Node binding @duckdb/node-api,
// installed with npm into the build tree) reads a share written by the real kiosk sync code and
// counts what `merge` counts: the same records, per kiosk and per kind. The share holds what a
// real one holds: compacted days, a Windows copy of a batch, a batch in another centre's folder,
// a batch cut short.
class TestMergeDuckDb : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    static bool run(const QString &program, const QStringList &args, const QString &dir, QByteArray *out, int timeoutMs)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(program, args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            *out = "timed out: " + p.readAllStandardError();
            return false;
        }
        *out = p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *out += err;
            return false;
        }
        return true;
    }

private slots:
    void duckDbCountsWhatMergeCounts()
    {
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (npm.isEmpty() || node.isEmpty())
            QSKIP("npm or node is not installed (kiosk-config/install-deps.sh installs nodejs and npm): "
                  "the DuckDB cross-check cannot run");

        // The share, from three kiosks' real sync runs over four days.
        const QString share = m_tmp.filePath(QStringLiteral("share"));
        QVERIFY(SyncTest::makeShare(share));
        FileLayer files;
        SystemClock clock;
        for (int k = 1; k <= 3; ++k) {
            const QString kiosk = QStringLiteral("k%1").arg(k);
            auto db = SyncTest::openDatabase(m_tmp.filePath(kiosk + QStringLiteral(".sqlite")));
            QVERIFY(db && SyncTest::addRecords(*db, 200 * k, 4, kiosk));
            SyncSettings settings = SyncTest::settings(share);
            settings.kioskId = kiosk;
            settings.maxBatchRecords = 25;
            settings.compactDays = k != 2; // kiosk 2 keeps its small files
            SyncEngine engine(settings, files, clock);
            const SyncReport r = engine.run(*db);
            QVERIFY2(r.ok(), qPrintable(r.error));
        }
        const SyncTest::ShareRecords scan = SyncTest::scan(share);
        QCOMPARE(scan.total, 1200);
        // A Windows copy of one batch, and a batch of c9/k9 dropped into c1/k1's folder.
        const QString original = QDir(share).filePath(scan.files.constFirst());
        QVERIFY(QFile::copy(original, QString(original).replace(QStringLiteral(".jsonl"), QStringLiteral(" - 副本.jsonl"))));
        {
            QList<OutboxEntry> foreign;
            for (int i = 0; i < 5; ++i) {
                OutboxEntry e;
                e.seq = 9000 + i;
                e.record.recordId = OutboxRecord::newRecordId();
                e.record.kind = QStringLiteral("checkin");
                e.record.localDate = QDate(2026, 11, 25);
                e.record.createdUtc = QStringLiteral("2026-11-25T01:00:00.000Z");
                e.record.payload = {{QStringLiteral("id"), e.record.recordId}};
                foreign.append(e);
            }
            QFile f(QDir(share).filePath(BatchFile::folder(QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("2026-11-25"))
                                         + QStringLiteral("/k1-9000-9004.jsonl")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(BatchFile::encode(QStringLiteral("c9"), QStringLiteral("k9"), foreign));
        }

        // One of kiosk 2's small batches cut short on the share: both salvage its whole lines.
        {
            const QString cut = QDir(share).filePath(scan.files.filter(QStringLiteral("kiosk=k2")).at(3));
            QFile f(cut);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray bytes = f.readAll();
            const qsizetype line5 = [&] { qsizetype at = 0; for (int i = 0; i < 4; ++i) at = bytes.indexOf('\n', at) + 1; return at; }();
            QVERIFY(f.resize(line5 + 30));
        }
        RecordMerger merger;
        QString error;
        QVERIFY(merger.open(m_tmp.filePath(QStringLiteral("central.sqlite")), &error));
        const MergeReport r = merger.merge(share);
        QCOMPARE(r.recordsImported, 1200 - 21); // 4 of the cut file's 25 lines are whole
        QCOMPARE(r.recordsRefused, 1 + 5);       // its broken 5th line, and the foreign batch
        QVERIFY(!r.problems.isEmpty()); // the copy and the foreign batch are reported
        QJsonObject mergeCounts{{QStringLiteral("total"), merger.recordCount()}};
        {
            QJsonObject perKiosk, perKind;
            QSqlQuery q(merger.connection());
            QVERIFY(q.exec(QStringLiteral("SELECT centre_id || '/' || kiosk_id, count(*) FROM records GROUP BY 1")));
            while (q.next())
                perKiosk.insert(q.value(0).toString(), q.value(1).toLongLong());
            QVERIFY(q.exec(QStringLiteral("SELECT kind, count(*) FROM records GROUP BY 1")));
            while (q.next())
                perKind.insert(q.value(0).toString(), q.value(1).toLongLong());
            mergeCounts.insert(QStringLiteral("per_kiosk"), perKiosk);
            mergeCounts.insert(QStringLiteral("per_kind"), perKind);
        }

        // DuckDB from npm, cached in the build tree (installed once).
        const QString cache = QStringLiteral(DUCKDB_NPM_CACHE);
        QDir().mkpath(cache);
        QByteArray out;
        if (!QFile::exists(cache + QStringLiteral("/node_modules/@duckdb/node-api/package.json")))
            QVERIFY2(run(npm, {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                               QStringLiteral("--prefix"), cache, QStringLiteral("@duckdb/node-api")},
                         cache, &out, 600000),
                     out.constData());
        // Next to node_modules, so that `import '@duckdb/node-api'` resolves.
        const QString script = cache + QStringLiteral("/share_counts.mjs");
        QFile::remove(script);
        QVERIFY(QFile::copy(QStringLiteral(DUCKDB_SCRIPT), script));
        QVERIFY2(run(node, {script, share}, cache, &out, 300000), out.constData());
        const QJsonObject duck = QJsonDocument::fromJson(out).object();
        qInfo("merge:  %s", QJsonDocument(mergeCounts).toJson(QJsonDocument::Compact).constData());
        qInfo("duckdb: %s", out.trimmed().constData());
        QCOMPARE(duck.value(QStringLiteral("total")).toInteger(), 1200 - 21);
        QCOMPARE(duck, mergeCounts);
    }
};

QTEST_GUILESS_MAIN(TestMergeDuckDb)
#include "tst_mergeduckdb.moc"
