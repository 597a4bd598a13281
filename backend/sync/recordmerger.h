#pragma once
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct sqlite3;

// What one `merge` run did.
struct MergeReport
{
    int batchesRead = 0;      // files read this run whose every line is now stored
    int batchesUnchanged = 0; // skipped: same path, size and mtime (or same sha256) as when imported
    int batchesSalvaged = 0;  // damaged or partly refused files whose intact lines were imported
    qint64 recordsImported = 0;
    qint64 recordsAlreadyThere = 0; // same record UUID already stored (a rerun, a copy, a resend)
    qint64 recordsRefused = 0;      // lines NOT stored: damaged, failing a check, or refused by the database
    // Each "<path>[:<line>]: <reason>": a record not stored, or a cross-check that failed
    // (partition, duplicate copy, changed or vanished file). Never silent; the exit code says "look".
    QStringList problems;
    // Reported, nothing lost: CR LF line ends, a damaged file whose records have all arrived since,
    // small files replaced by their compacted day batch.
    QStringList notices;
    // The central database failed (full disk, commit refused): the open transaction was rolled
    // back, no file of it is marked imported, and the run stopped. A rerun imports what is missing.
    QString fatal;

    bool ok() const { return problems.isEmpty() && fatal.isEmpty(); }
};

// Records a kiosk must resend: a gap in its sequence, or the range of a damaged file whose
// salvaged lines could not be verified (no trailer, or a trailer whose sha256 fails).
struct MissingRange
{
    enum class Why { Gap, Unverified };
    QString centreId;
    QString kioskId;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    Why why = Why::Gap;
    QString batch; // the damaged file, for Unverified
};

// The office side of the records (`dangqun-admin merge SHARE --db central.sqlite`): reads every
// kiosk's batch under <share>/records and imports the records into one SQLite file, idempotently
// by record UUID (design.md §5).
//
// Nothing is lost silently: a record is either stored, already there (same UUID, same content),
// or refused and named with file, line and reason. A damaged file (cut short, a changed byte,
// CR LF, a wrong trailer) is salvaged line by line, since every line is a whole record with its
// own id; it is read again on every run until every seq its name covers has arrived (from a
// resend). A database error that is not about one record (full disk, I/O, a failed commit) rolls
// back the open transaction, and its files stay unmarked.
//
// Central schema (the exports read it; keep in step with README "Sync"):
//   records(record_id PK, centre_id, kiosk_id, seq, kind, created_utc, local_date, payload JSON, batch)
//     UNIQUE(centre_id, kiosk_id, seq): one record per kiosk sequence number
//   batches(path PK, sha256, records, imported_utc, size, mtime_ms, state, centre_id, kiosk_id,
//           first_seq, last_seq, vanished_utc)
//     state: 'imported' (every line stored), 'incomplete' (re-read every run), 'resolved' (damaged,
//     but every seq it covers has arrived since), 'copy' (every record came from another file)
//   central_* tables: the distribution (CentralContent)
class RecordMerger
{
public:
    RecordMerger();
    ~RecordMerger();
    RecordMerger(const RecordMerger &) = delete;
    RecordMerger &operator=(const RecordMerger &) = delete;

    bool open(const QString &databasePath, QString *error);
    MergeReport merge(const QString &shareRoot);

    // Gaps in every kiosk's seq (from 1 to the highest seq received) and the ranges of damaged
    // files not yet confirmed by a resend: what a resend must bring.
    QList<MissingRange> missing(QString *error) const;

    qint64 recordCount() const;
    QSqlDatabase connection() const { return m_db; }

    // Records per transaction; small in tests that need several commits.
    void setChunkRecords(int n) { m_chunkRecords = n; }

private:
    QString m_connectionName;
    QSqlDatabase m_db;
    sqlite3 *m_handle = nullptr;
    int m_chunkRecords = 200000;
};
