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

// One line of a batch as `merge` salvages it (design.md §5): each line is a whole record with its
// own id, so the intact lines of a damaged file can be imported even when its trailer fails.
struct BatchLine
{
    int number = 0;         // 1-based line number in the file
    BatchRecord record;     // complete when `failed` is empty
    QByteArray payloadJson; // the payload, compact JSON (what the central database stores)
    QString failed;         // the first check the line failed (换行, JSON, 字段); empty = passed all
    QString reason;         // why, in a sentence
};

struct BatchScan
{
    QList<BatchLine> lines; // every line except the trailer, in file order
    bool empty = false;     // 0 bytes
    bool crlf = false;      // CR LF line ends (a Windows copy); checked after removing the CRs
    bool trailerOk = false; // the trailer is there and its count and sha256 match
    bool shaOk = false;     // the trailer's sha256 matches the lines: each line is as the kiosk wrote it
    bool newerFormat = false; // written by a newer program: nothing in it may be read
    QString trailerError;   // why the trailer check failed
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
    // Every line checked on its own (for `merge`): a damaged file still yields its intact lines.
    static BatchScan scan(const QByteArray &bytes);
    // Checks one record line (without its '\n'): JSON object, every field present and well formed.
    static BatchLine parseLine(const QByteArray &line, int number);
    static bool isUuid(const QString &s);

    // "<kiosk>-<firstseq>-<lastseq>.jsonl" and the Hive-style folder it goes in.
    static QString fileName(const QString &kioskId, qint64 firstSeq, qint64 lastSeq);
    static QString folder(const QString &centreId, const QString &kioskId, const QString &localDate);
};
