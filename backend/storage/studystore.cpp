#include "studystore.h"
#include "database.h"
#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

// A prepared query bound to the member (and the year's date range where `?` follows).
bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    qCWarning(lcStorage) << "study summary query failed:" << q.lastError().text();
    return false;
}

QDateTime utc(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.toUTC();
}

} // namespace

StudySummary StudyStore::summary(const QString &issuer, const QString &memberId, int year, const QDateTime &now) const
{
    StudySummary s;
    s.year = year;
    const QString from = QDate(year, 1, 1).toString(Qt::ISODate);
    const QString to = QDate(year, 12, 31).toString(Qt::ISODate);
    const QVariantList member{issuer, memberId};
    const QVariantList inYear{issuer, memberId, from, to};
    QSqlQuery q(m_db.connection());

    if (!run(q, QStringLiteral("SELECT ifnull(sum(credit), 0), count(*) FROM video_credits "
                               "WHERE issuer = ? AND member_id = ? AND local_date BETWEEN ? AND ?"), inYear) || !q.next())
        return s;
    s.hours = q.value(0).toDouble();
    s.videosCompleted = q.value(1).toInt();

    if (!run(q, QStringLiteral("SELECT count(*), "
                               " ifnull(max(CASE WHEN mode = 'test' THEN score END), -1), "
                               " ifnull(max(CASE WHEN mode = 'daily' THEN score END), -1), "
                               " ifnull(max(CASE WHEN mode = 'challenge' THEN correct END), 0) "
                               "FROM quiz_attempts WHERE issuer = ? AND member_id = ? AND local_date BETWEEN ? AND ?"),
             inYear) || !q.next())
        return s;
    s.quizAttempts = q.value(0).toInt();
    s.bestTestScore = q.value(1).toInt();
    s.bestDailyScore = q.value(2).toInt();
    s.bestStreak = q.value(3).toInt();

    if (!run(q, QStringLiteral("SELECT count(*) FROM quiz_wrongbook WHERE issuer = ? AND member_id = ?"), member)
        || !q.next())
        return s;
    s.wrongBook = q.value(0).toInt();

    if (!run(q, QStringLiteral("SELECT count(*) FROM checkins WHERE issuer = ? AND member_id = ? AND local_date BETWEEN ? AND ?"),
             inYear) || !q.next())
        return s;
    s.checkinsThisYear = q.value(0).toInt();

    if (!run(q, QStringLiteral("SELECT c.checked_utc, ifnull(e.title, '') FROM checkins c "
                               "LEFT JOIN events e ON e.id = c.event_id "
                               "WHERE c.issuer = ? AND c.member_id = ? ORDER BY c.checked_utc DESC LIMIT %1")
                     .arg(LastCheckins), member))
        return s;
    while (q.next())
        s.lastCheckins.append({utc(q.value(0).toString()), q.value(1).toString()});

    // Registrations still standing for events that have not ended (a cancelled event is not
    // “to come”); the times are compared as times, not as text.
    if (!run(q, QStringLiteral("SELECT e.title, e.place, e.start_utc, e.end_utc, r.status FROM registrations r "
                               "JOIN events e ON e.id = r.event_id "
                               "WHERE r.issuer = ? AND r.member_id = ? AND r.status <> 'cancelled' "
                               "AND r.event_cancelled = 0 AND e.cancelled = 0"), member))
        return s;
    while (q.next()) {
        const QDateTime end = utc(q.value(3).toString());
        if (!end.isValid() || end <= now)
            continue;
        s.upcoming.append({q.value(0).toString(), q.value(1).toString(), utc(q.value(2).toString()),
                           q.value(4).toString() == u"waitlisted"});
    }
    std::sort(s.upcoming.begin(), s.upcoming.end(),
              [](const StudyRegistration &a, const StudyRegistration &b) { return a.start < b.start; });
    if (s.upcoming.size() > UpcomingMax)
        s.upcoming.resize(UpcomingMax);
    s.ok = true;
    return s;
}
