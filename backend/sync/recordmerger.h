#pragma once
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// What one `merge` run did.
struct MergeReport
{
    int batchesRead = 0;      // new batch files read and imported
    int batchesUnchanged = 0; // already imported with the same checksum
    qint64 recordsImported = 0;
    qint64 recordsAlreadyThere = 0; // same record UUID seen before (e.g. in another batch)
    QStringList problems;     // corrupt or partial batches, each with its path; never fatal
};

// The office side of the records (`dangqun-admin merge SHARE --db central.sqlite`): reads every
// kiosk's batch under <share>/records, verifies each trailer, and imports the records into one
// SQLite file, idempotently by record UUID. A bad batch is reported and skipped, the rest goes on;
// a batch that became good later (a kiosk finished it) is imported on the next run.
class RecordMerger
{
public:
    RecordMerger();
    ~RecordMerger();
    RecordMerger(const RecordMerger &) = delete;
    RecordMerger &operator=(const RecordMerger &) = delete;

    bool open(const QString &databasePath, QString *error);
    MergeReport merge(const QString &shareRoot);

    qint64 recordCount() const;
    QSqlDatabase connection() const { return m_db; }

private:
    QString m_connectionName;
    QSqlDatabase m_db;
};
