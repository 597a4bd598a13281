#pragma once
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>

class Database;

// One record a member created (check-in, failed scan, registration, ...), as it travels to the
// share. The same UUID names the domain row and the outbox row.
struct OutboxRecord
{
    QString recordId;   // UUID, 36 characters
    QString kind;       // "checkin", "failed_scan", ...
    QJsonObject payload;
    QString createdUtc; // ISO-8601 UTC
    QDate localDate;    // the kiosk's calendar day

    static QString newRecordId();
};

struct OutboxEntry
{
    qint64 seq = 0;
    OutboxRecord record;
};

// The transactional outbox (design.md §4): a domain row and its outbox row are written in the same
// transaction, so "the screen said OK" always implies "the share will get it".
class Outbox
{
public:
    using DomainWrite = std::function<bool(QSqlDatabase &db, QString *error)>;

    explicit Outbox(Database &db);

    // Writes the domain row(s) and then the outbox row; all or nothing.
    bool write(const DomainWrite &domainWrite, const OutboxRecord &record, QString *error = nullptr);
    // For callers already inside Database::transaction().
    static bool append(QSqlDatabase &db, const OutboxRecord &record, QString *error);

    qint64 pendingCount() const;
    QList<OutboxEntry> pending(int limit) const;
    bool markSynced(qint64 firstSeq, qint64 lastSeq, const QString &batch, const QString &syncedUtc,
                    QString *error = nullptr);

private:
    Database &m_db;
};
