#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "outbox.h"

// One JSON-Lines batch of outbox records (design.md §5), the format both the kiosk and the office's
// `merge` read. One record a line:
//   {"centre_id","kiosk_id","seq","record_id","kind","created_utc","local_date","payload":{...}}
// and a last line, the trailer:
//   {"trailer":{"format":1,"count":N,"sha256":"<hex of every byte before the trailer line>"}}
// The encoding is a pure function of the records, so a rerun of the same seq range produces the
// same bytes, and a file can be checked without trusting its name.
struct BatchRecord
{
    qint64 seq = 0;
    QString recordId;
    QString kind;
    QString centreId;
    QString kioskId;
    QString createdUtc;
    QString localDate;
    QJsonObject payload;
};

struct BatchContent
{
    QList<BatchRecord> records;
    QString error; // empty when the file is complete and its trailer matches

    bool ok() const { return error.isEmpty(); }
};

class BatchFile
{
public:
    static constexpr int Format = 1;
    static constexpr qint64 MaxBytes = 256LL * 1024 * 1024;

    static QByteArray encode(const QString &centreId, const QString &kioskId, const QList<OutboxEntry> &entries);
    // Verifies the trailer (count and sha256) and that every line is a record; a file cut short
    // (no trailer), edited or from a newer format is refused with the reason.
    static BatchContent parse(const QByteArray &bytes);

    // "<kiosk>-<firstseq>-<lastseq>.jsonl" and the Hive-style folder it goes in.
    static QString fileName(const QString &kioskId, qint64 firstSeq, qint64 lastSeq);
    static QString folder(const QString &centreId, const QString &kioskId, const QString &localDate);
};
