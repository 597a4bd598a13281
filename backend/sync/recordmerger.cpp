#include "recordmerger.h"
#include "batchfile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {

const QStringList schema = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS batches("
                   " path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, records INTEGER NOT NULL, imported_utc TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS records("
                   " record_id TEXT PRIMARY KEY, centre_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,"
                   " kind TEXT NOT NULL, created_utc TEXT NOT NULL, local_date TEXT NOT NULL, payload TEXT NOT NULL,"
                   " batch TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS records_by_kind_date ON records(kind, local_date)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS records_by_kiosk ON records(centre_id, kiosk_id, seq)"),
};

} // namespace

RecordMerger::RecordMerger()
    : m_connectionName(QStringLiteral("merge-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

RecordMerger::~RecordMerger()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool RecordMerger::open(const QString &databasePath, QString *error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(databasePath);
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(databasePath, m_db.lastError().text());
        return false;
    }
    QSqlQuery q(m_db);
    for (const QString &sql : QStringList{QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                                         // 100 kiosks' records keyed by random UUIDs: keep the index in memory
                                         QStringLiteral("PRAGMA cache_size=-131072")}
                 + schema) {
        if (!q.exec(sql)) {
            *error = QStringLiteral("%1: %2").arg(databasePath, q.lastError().text());
            return false;
        }
    }
    return true;
}

qint64 RecordMerger::recordCount() const
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT count(*) FROM records")) && q.next() ? q.value(0).toLongLong() : -1;
}

MergeReport RecordMerger::merge(const QString &shareRoot)
{
    MergeReport report;
    const QDir root(QFileInfo(shareRoot).absoluteFilePath()); // relativeFilePath() needs absolute paths
    QStringList files;
    // Hidden files (a kiosk's temp names, ".<name>.tmp") are not batches yet and are skipped.
    QDirIterator it(root.filePath(QStringLiteral("records")), {QStringLiteral("*.jsonl")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    files.sort();

    QHash<QString, QByteArray> known;
    {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT path, sha256 FROM batches"));
        while (q.next())
            known.insert(q.value(0).toString(), q.value(1).toByteArray());
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m_db.transaction();
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT OR IGNORE INTO records(record_id, centre_id, kiosk_id, seq, kind, created_utc,"
                                  " local_date, payload, batch) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery addBatch(m_db);
    addBatch.prepare(QStringLiteral("INSERT OR REPLACE INTO batches(path, sha256, records, imported_utc) VALUES(?, ?, ?, ?)"));
    for (const QString &path : std::as_const(files)) {
        QFile f(root.filePath(path));
        if (!f.open(QIODevice::ReadOnly) || f.size() > BatchFile::MaxBytes) {
            report.problems << QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString());
            continue;
        }
        const QByteArray bytes = f.readAll();
        const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (known.value(path) == hash) {
            ++report.batchesUnchanged;
            continue;
        }
        if (known.contains(path))
            report.problems << QStringLiteral("%1: changed since it was imported; new records are added, none removed").arg(path);
        const BatchContent content = BatchFile::parse(bytes);
        if (!content.ok()) {
            report.problems << QStringLiteral("%1: %2").arg(path, content.error);
            continue;
        }
        for (const BatchRecord &r : content.records) {
            insert.addBindValue(r.recordId);
            insert.addBindValue(r.centreId);
            insert.addBindValue(r.kioskId);
            insert.addBindValue(r.seq);
            insert.addBindValue(r.kind);
            insert.addBindValue(r.createdUtc);
            insert.addBindValue(r.localDate);
            insert.addBindValue(QString::fromUtf8(QJsonDocument(r.payload).toJson(QJsonDocument::Compact)));
            insert.addBindValue(path);
            if (!insert.exec()) {
                report.problems << QStringLiteral("%1: %2").arg(path, insert.lastError().text());
                break;
            }
            if (insert.numRowsAffected() == 1)
                ++report.recordsImported;
            else
                ++report.recordsAlreadyThere;
        }
        addBatch.addBindValue(path);
        addBatch.addBindValue(hash);
        addBatch.addBindValue(content.records.size());
        addBatch.addBindValue(now);
        addBatch.exec();
        ++report.batchesRead;
    }
    m_db.commit();
    return report;
}
