#pragma once
#include <QList>
#include <QString>

#include "outbox.h"

class FileLayer;

// What became of one batch.
struct BatchResult
{
    enum class Outcome {
        Written,  // new file, read back and verified
        Adopted,  // a verified file with exactly these records was already there (crash after rename)
        Conflict, // another file holds the name: never overwritten, reported
        Failed,   // nothing usable on the share; the records stay queued
    };

    Outcome outcome = Outcome::Failed;
    QString relativePath; // records/centre=.../<k>-<first>-<last>.jsonl
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;   // may be below the last entry given: an adopted shorter batch
    QString error;

    bool delivered() const { return outcome == Outcome::Written || outcome == Outcome::Adopted; }
};

// Puts one batch on the share the way design.md §5 demands: temp name in the target folder, write,
// fsync, close, rename without replacing, fsync the folder, read back and compare. The caller
// marks the rows synced only for a delivered result.
//
// A rerun after a crash may find the batch of the same first seq already there (the process died
// between rename and markSynced; its last seq may be lower if more rows were queued since): if
// that file verifies and holds exactly the same records it is adopted, otherwise it is a conflict.
class BatchWriter
{
public:
    BatchWriter(FileLayer &files, QString shareRoot, QString centreId, QString kioskId);

    // `entries`: consecutive outbox rows of one local date, in seq order.
    BatchResult write(const QList<OutboxEntry> &entries);

    // Files named "<k>-<first>-<last>.<tag>.jsonl" (a resend, a day's compaction): beside the
    // original batches of the same seqs, never in their way; the same tag again adopts.
    void setNameTag(const QString &tag) { m_tag = tag; }
    QString name(qint64 firstSeq, qint64 lastSeq) const;

private:
    BatchResult checkExisting(const QString &folder, const QString &name, const QList<OutboxEntry> &entries);

    FileLayer &m_files;
    QString m_shareRoot;
    QString m_centreId;
    QString m_kioskId;
    QString m_tag;
};
