#pragma once
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class Database;
class FileLayer;

// The kiosk's side of a resend (design.md §5): the office's `dangqun-admin missing
// --write-requests` puts <share>/resend/<centre>/<kiosk>.json {"format":1, "written_utc",
// "ranges":[[first,last],...]}; the kiosk writes those seqs again from its outbox (rows are kept
// after sync) as verified batches "<k>-<first>-<last>.r<stamp>.jsonl", through BatchWriter's
// write-verify protocol. Idempotent: merge imports by record id, and a rerun of the same request
// adopts the files it already wrote. The outbox's synced marks are not touched.
struct ResendResult
{
    qint64 records = 0;  // records written (or found already written) for the request
    int batches = 0;
    qint64 notInOutbox = 0; // seqs the office asked for that this kiosk does not have
    QString error;       // empty = every range delivered

    bool ok() const { return error.isEmpty(); }
};

class Resender
{
public:
    using Ranges = QList<QPair<qint64, qint64>>;

    Resender(FileLayer &files, QString shareRoot, QString centreId, QString kioskId);

    // The office's request for this kiosk; false with `error` when there is none or it is bad.
    bool readRequest(Ranges *ranges, QString *tag, QString *error);
    ResendResult resend(Database &db, const Ranges &ranges, const QString &tag);

private:
    FileLayer &m_files;
    QString m_shareRoot;
    QString m_centreId;
    QString m_kioskId;
};
