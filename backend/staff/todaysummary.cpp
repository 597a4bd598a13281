#include "todaysummary.h"
#include "database.h"
#include "masking.h"

#include <QDateTime>

#include <QSqlQuery>

QString TodaySummary::verdictLabel(const QString &verdict)
{
    static const QList<QPair<QString, QString>> labels = {
        {QStringLiteral("bad_signature"), QStringLiteral("签名无效（伪造或被改动）")},
        {QStringLiteral("unknown_issuer"), QStringLiteral("未知签发单位")},
        {QStringLiteral("expired"), QStringLiteral("党员码已过期")},
        {QStringLiteral("revoked"), QStringLiteral("党员码已注销")},
        {QStringLiteral("malformed"), QStringLiteral("码内容不完整")},
        {QStringLiteral("not_member_code"), QStringLiteral("不是党员码")},
    };
    for (const auto &[v, label] : labels) {
        if (v == verdict)
            return label;
    }
    return verdict;
}

TodaySummary TodaySummary::load(Database &db, const QDate &day)
{
    TodaySummary s;
    const QString date = day.toString(Qt::ISODate);
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT kind, count(*) FROM checkins WHERE local_date = ? GROUP BY kind"));
    q.addBindValue(date);
    if (q.exec()) {
        while (q.next())
            (q.value(0).toString() == u"flowing" ? s.flowing : s.local) += q.value(1).toInt();
    }
    q.prepare(QStringLiteral("SELECT coalesce(e.title, c.event_id), count(*) FROM checkins c LEFT JOIN events e "
                             "ON e.id = c.event_id WHERE c.local_date = ? AND c.event_id IS NOT NULL "
                             "GROUP BY c.event_id ORDER BY min(c.checked_utc)"));
    q.addBindValue(date);
    if (q.exec()) {
        while (q.next())
            s.perEvent.append({q.value(0).toString(), q.value(1).toInt()});
    }
    // One row per person (their first check-in of the day), the latest arrival first.
    q.prepare(QStringLiteral("SELECT c.name, c.organisation, c.kind, c.checked_utc, coalesce(e.title, '') "
                             "FROM checkins c LEFT JOIN events e ON e.id = c.event_id "
                             "WHERE c.local_date = ? AND c.checked_utc = (SELECT min(d.checked_utc) FROM checkins d "
                             "WHERE d.local_date = c.local_date AND d.issuer = c.issuer AND d.member_id = c.member_id) "
                             "ORDER BY c.checked_utc DESC LIMIT 500"));
    q.addBindValue(date);
    if (q.exec()) {
        while (q.next()) {
            const QDateTime at = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
            s.visitors.append({Masking::name(q.value(0).toString()), q.value(1).toString(),
                               q.value(2).toString() == u"flowing",
                               at.isValid() ? at.toLocalTime().toString(QStringLiteral("HH:mm")) : QString(),
                               q.value(4).toString()});
        }
    }
    q.prepare(QStringLiteral("SELECT verdict, count(*) FROM failed_scans WHERE local_date = ? GROUP BY verdict "
                             "ORDER BY count(*) DESC, verdict"));
    q.addBindValue(date);
    if (q.exec()) {
        while (q.next())
            s.failedScans.append({verdictLabel(q.value(0).toString()), q.value(1).toInt()});
    }
    return s;
}
