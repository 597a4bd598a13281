#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "outbox.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

AuditLog::AuditLog(Database &db, const Clock &clock, QString centreId, QString kioskId)
    : m_db(db), m_clock(clock), m_centreId(std::move(centreId)), m_kioskId(std::move(kioskId))
{
}

bool AuditLog::record(const QString &action, const QString &detail, QString *error)
{
    QString why;
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *e) { return append(db, action, detail, e); });
    if (!ok) {
        why = m_db.errorString();
        qCWarning(lcStorage).noquote() << "audit row not written:" << action << why;
        if (error)
            *error = why;
    }
    return ok;
}

bool AuditLog::append(QSqlDatabase &db, const QString &action, const QString &detail, QString *error)
{
    const QDateTime now = m_clock.now();
    const QString utc = now.toUTC().toString(Qt::ISODateWithMs);
    const QDate localDate = now.toLocalTime().date();
    const QString id = OutboxRecord::newRecordId();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO audit_log(id, action, detail, centre_id, kiosk_id, at_utc, local_date) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?)"));
    // A null QString binds as NULL: "no detail" is stored as ''.
    for (const QString &v : {id, action, detail.isNull() ? QStringLiteral("") : detail, m_centreId, m_kioskId, utc,
                             localDate.toString(Qt::ISODate)})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    qCInfo(lcStorage).noquote() << "audit:" << action << detail;
    const QJsonObject payload{
        {QStringLiteral("id"), id},
        {QStringLiteral("action"), action},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("centre_id"), m_centreId},
        {QStringLiteral("kiosk_id"), m_kioskId},
        {QStringLiteral("at_utc"), utc},
        {QStringLiteral("local_date"), localDate.toString(Qt::ISODate)},
    };
    return Outbox::append(db, {id, QStringLiteral("audit"), payload, utc, localDate}, error);
}

QList<AuditEntry> AuditLog::recent(int limit) const
{
    QList<AuditEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, action, detail, at_utc FROM audit_log ORDER BY at_utc DESC, rowid DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs).toLocalTime()});
    return out;
}
