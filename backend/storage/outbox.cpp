#include "outbox.h"
#include "database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

QString OutboxRecord::newRecordId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Outbox::Outbox(Database &db) : m_db(db) { }

bool Outbox::append(QSqlDatabase &db, const OutboxRecord &record, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO outbox(record_id, kind, payload, created_utc, local_date) "
                             "VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(record.recordId);
    q.addBindValue(record.kind);
    q.addBindValue(QString::fromUtf8(QJsonDocument(record.payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(record.createdUtc);
    q.addBindValue(record.localDate.toString(Qt::ISODate));
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("写入待同步记录失败: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

bool Outbox::write(const DomainWrite &domainWrite, const OutboxRecord &record, QString *error)
{
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        return domainWrite(db, err) && append(db, record, err);
    });
    if (!ok && error)
        *error = m_db.errorString();
    return ok;
}

qint64 Outbox::pendingCount() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE synced_utc IS NULL")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QList<OutboxEntry> Outbox::pending(int limit) const
{
    QList<OutboxEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT seq, record_id, kind, payload, created_utc, local_date FROM outbox "
                             "WHERE synced_utc IS NULL ORDER BY seq LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        OutboxEntry e;
        e.seq = q.value(0).toLongLong();
        e.record.recordId = q.value(1).toString();
        e.record.kind = q.value(2).toString();
        e.record.payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        e.record.createdUtc = q.value(4).toString();
        e.record.localDate = QDate::fromString(q.value(5).toString(), Qt::ISODate);
        out.append(e);
    }
    return out;
}

bool Outbox::markSynced(qint64 firstSeq, qint64 lastSeq, const QString &batch, const QString &syncedUtc,
                        QString *error)
{
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE outbox SET synced_utc = ?, batch = ? "
                                 "WHERE seq BETWEEN ? AND ? AND synced_utc IS NULL"));
        q.addBindValue(syncedUtc);
        q.addBindValue(batch);
        q.addBindValue(firstSeq);
        q.addBindValue(lastSeq);
        if (!q.exec()) {
            *err = q.lastError().text();
            return false;
        }
        return true;
    });
    if (!ok && error)
        *error = m_db.errorString();
    return ok;
}
