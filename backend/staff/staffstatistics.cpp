#include "staffstatistics.h"
#include "database.h"
#include "logging.h"
#include "reportbuilder.h"

#include <QHash>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

QString StaffStatistics::meetingKind(Meeting m)
{
    switch (m) {
    case PartyCongress: return QStringLiteral("党员大会");
    case Committee: return QStringLiteral("支委会");
    case GroupMeeting: return QStringLiteral("党小组会");
    case PartyLecture: return QStringLiteral("党课");
    case MeetingKinds: break;
    }
    return {};
}

QDate StaffStatistics::quarterStart(const QDate &day)
{
    return QDate(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
}

StaffStatistics StaffStatistics::load(Database &db, const QDateTime &now, const QDate &today, int dayCount)
{
    StaffStatistics s;
    s.studyTarget = ReportBuilder::annualStudyHours;
    s.quarterFrom = quarterStart(today);
    s.quarterTo = s.quarterFrom.addMonths(3).addDays(-1);
    QSqlQuery q(db.connection());
    const auto run = [&q](const QString &sql, const QVariantList &binds) {
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (q.exec())
            return true;
        qCWarning(lcStorage).noquote() << "statistics query failed:" << q.lastError().text();
        return false;
    };

    const QDate first = today.addDays(1 - dayCount);
    for (QDate d = first; d <= today; d = d.addDays(1))
        s.days.append({d, 0, 0});
    if (!run(QStringLiteral("SELECT local_date, kind, count(*) FROM checkins WHERE local_date BETWEEN ? AND ? "
                            "GROUP BY 1, 2"),
             {first.toString(Qt::ISODate), today.toString(Qt::ISODate)}))
        return s;
    while (q.next()) {
        const qint64 i = first.daysTo(QDate::fromString(q.value(0).toString(), Qt::ISODate));
        if (i >= 0 && i < s.days.size())
            (q.value(1).toString() == u"flowing" ? s.days[i].flowing : s.days[i].local) += q.value(2).toInt();
    }

    // 学时 this year of every 在册党员 on the roster (flowing members study where their branch is).
    if (!run(QStringLiteral("SELECT coalesce((SELECT sum(v.credit) FROM video_credits v WHERE v.issuer = m.issuer "
                            "AND v.member_id = m.member_id AND v.local_date BETWEEN ? AND ?), 0) "
                            "FROM members m WHERE m.kind = 'member'"),
             {QDate(today.year(), 1, 1).toString(Qt::ISODate), QDate(today.year(), 12, 31).toString(Qt::ISODate)}))
        return s;
    while (q.next()) {
        const double h = q.value(0).toDouble();
        ++s.rosterMembers;
        ++(h >= s.studyTarget ? s.studyDone : h > 0 ? s.studyStarted : s.studyNone);
    }

    // 三会一课 held this quarter: sessions not cancelled that have started by now.
    QHash<QString, int> kinds;
    QStringList kindNames;
    for (int m = 0; m < MeetingKinds; ++m) {
        kinds.insert(meetingKind(Meeting(m)), m);
        kindNames << QStringLiteral("'%1'").arg(meetingKind(Meeting(m)));
    }
    const QString quarterStartUtc = s.quarterFrom.startOfDay().toUTC().toString(Qt::ISODateWithMs);
    if (!run(QStringLiteral("SELECT organisation, kind, count(*) FROM events WHERE cancelled = 0 AND kind IN (%1) "
                            "AND start_utc >= ? AND start_utc <= ? GROUP BY 1, 2")
                 .arg(kindNames.join(u',')),
             {quarterStartUtc, now.toUTC().toString(Qt::ISODateWithMs)}))
        return s;
    QMap<QString, Organisation> orgs;
    while (q.next()) {
        QString name = q.value(0).toString().trimmed();
        if (name.isEmpty())
            name = QStringLiteral("未注明");
        Organisation &o = orgs[name];
        o.name = name;
        o.held[kinds.value(q.value(1).toString())] += q.value(2).toInt();
    }
    s.meetings = orgs.values();
    s.ok = true;
    return s;
}
