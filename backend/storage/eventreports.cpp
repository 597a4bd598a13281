#include "eventreports.h"
#include "database.h"
#include "eventstore.h"
#include "logging.h"

#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

EventReports::EventReports(Database &db) : m_db(db) { }

QList<AttendanceRow> EventReports::attendance(const QString &eventId) const
{
    QList<AttendanceRow> out;
    QSqlQuery q(m_db.connection());
    // Attendees first (in check-in order), then registered members who did not come.
    q.prepare(QStringLiteral(
        "SELECT issuer, member_id, name, organisation, kind, method, checked_utc, ifnull(registration, 'walk_in') "
        "FROM checkins WHERE event_id = ? ORDER BY checked_utc"));
    q.addBindValue(eventId);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "attendance query failed:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        out << AttendanceRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                             q.value(3).toString(), q.value(4).toString() == u"flowing", q.value(5).toString(),
                             QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs), q.value(7).toString()};
    }
    QSqlQuery absent(m_db.connection());
    absent.prepare(QStringLiteral(
        "SELECT r.issuer, r.member_id, r.name, r.organisation, r.kind FROM registrations r "
        "WHERE r.event_id = ? AND r.status = 'registered' AND NOT EXISTS (SELECT 1 FROM checkins c "
        " WHERE c.event_id = r.event_id AND c.issuer = r.issuer AND c.member_id = r.member_id) ORDER BY r.rowid"));
    absent.addBindValue(eventId);
    if (!absent.exec()) {
        qCWarning(lcStorage).noquote() << "attendance query failed:" << absent.lastError().text();
        return out;
    }
    while (absent.next()) {
        out << AttendanceRow{absent.value(0).toString(), absent.value(1).toString(), absent.value(2).toString(),
                             absent.value(3).toString(), absent.value(4).toString() == u"flowing", QString(),
                             QDateTime(), QStringLiteral("no_show")};
    }
    return out;
}

QList<RegularRow> EventReports::regularOverview(const QDateTime &now) const
{
    QList<RegularRow> out;
    QSqlQuery orgs(m_db.connection());
    if (!orgs.exec(QStringLiteral("SELECT organisation FROM events WHERE organisation <> '' UNION "
                                  "SELECT organisation FROM members WHERE source = 'roster' AND organisation <> '' "
                                  "ORDER BY 1"))) {
        qCWarning(lcStorage).noquote() << "overview query failed:" << orgs.lastError().text();
        return out;
    }
    QStringList organisations;
    while (orgs.next())
        organisations << orgs.value(0).toString();

    const QDate today = now.toLocalTime().date();
    for (const RegularityRules::Expectation &x : RegularityRules::expectations()) {
        const RegularityRules::Period period = RegularityRules::periodContaining(today, x.cadence);
        // A little wider than the period in UTC; the rule checks the local date exactly.
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT %1, (SELECT count(*) FROM checkins c WHERE c.event_id = e.id) "
                                 "FROM events e WHERE e.kind = ? AND e.start_utc >= ? AND e.start_utc < ?")
                      .arg(EventRows::columns()));
        q.addBindValue(x.kind);
        q.addBindValue(EventRows::utc(QDateTime(period.first, QTime(0, 0)).addDays(-1)));
        q.addBindValue(EventRows::utc(QDateTime(period.last, QTime(0, 0)).addDays(2)));
        if (!q.exec()) {
            qCWarning(lcStorage).noquote() << "overview query failed:" << q.lastError().text();
            return out;
        }
        QMap<QString, QList<EventInfo>> byOrg;
        QMap<QString, int> attendees;
        while (q.next()) {
            const EventInfo e = EventRows::fromQuery(q);
            const QDate day = e.start.toLocalTime().date();
            if (day < period.first || day > period.last)
                continue;
            byOrg[e.organisation] << e;
            if (!e.cancelled)
                attendees[e.organisation] += q.value(12).toInt();
        }
        for (const QString &org : organisations) {
            const QList<EventInfo> events = byOrg.value(org);
            RegularRow row{org, x.kind, period.label, period.first, period.last,
                           RegularityRules::state(events, period, now), 0, attendees.value(org)};
            for (const EventInfo &e : events)
                row.events += e.cancelled ? 0 : 1;
            out << row;
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const RegularRow &a, const RegularRow &b) { return a.organisation < b.organisation; });
    return out;
}
