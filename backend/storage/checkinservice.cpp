#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membercode.h"
#include "outbox.h"
#include "roster.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

CheckinService::CheckinService(Database &db, const MemberCodeVerifier &verifier, const Clock &clock,
                               CheckinSettings settings)
    : m_db(db), m_verifier(verifier), m_clock(clock), m_settings(std::move(settings))
{
}

CheckinResult CheckinService::checkInCode(const QString &text)
{
    const MemberCodeVerdict v = m_verifier.verify(text);
    const QString verdict = MemberCodeVerifier::verdictName(v.verdict);
    switch (v.verdict) {
    case MemberCodeVerifier::Verdict::Ok:
        break;
    case MemberCodeVerifier::Verdict::NotMemberCode:
        return recordFailedScan(verdict, v.reason, text, CheckinResult::Outcome::NotMemberCode);
    default:
        return recordFailedScan(verdict, v.reason, text, CheckinResult::Outcome::Refused);
    }
    CheckinResult r;
    r.verdict = verdict;
    r.issuer = v.code.issuer;
    r.memberId = v.code.memberId;
    r.name = v.code.name;
    r.organisation = v.code.org;
    r.flowing = v.code.kind == MemberCode::Kind::Flowing || v.code.issuer != m_settings.localIssuer;
    r.method = QStringLiteral("qr");
    if (r.flowing && !isKnownMember(r.issuer, r.memberId)) {
        // First visit of a 流动党员: the 报到 form (pre-filled from the code) comes first.
        r.outcome = CheckinResult::Outcome::NeedsReport;
        r.reason = QStringLiteral("欢迎您！首次来本中心，请先完成流动党员报到");
        return r;
    }
    return record(r);
}

bool CheckinService::isKnownMember(const QString &issuer, const QString &memberId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM members WHERE issuer = ? AND member_id = ?"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    return q.exec() && q.next();
}

CheckinResult CheckinService::checkInReported(const MemberMatch &member, const QString &method,
                                              const TransactionStep &registerMember)
{
    CheckinResult r;
    r.verdict = QStringLiteral("ok");
    r.issuer = member.issuer;
    r.memberId = member.memberId;
    r.name = member.name;
    r.organisation = member.organisation;
    r.flowing = true;
    r.method = method;
    return record(r, registerMember);
}

QList<MemberMatch> CheckinService::membersByPhone(const QString &phone) const
{
    QList<MemberMatch> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT issuer, member_id, name, organisation, kind FROM members WHERE phone = ? "
                             "ORDER BY name"));
    q.addBindValue(phone.trimmed());
    if (!q.exec()) {
        qCWarning(lcStorage) << "member lookup failed:" << q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString() == u"flowing"});
    return out;
}

CheckinResult CheckinService::checkInManual(const QString &issuer, const QString &memberId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT name, organisation, kind FROM members WHERE issuer = ? AND member_id = ?"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    CheckinResult r;
    if (!q.exec() || !q.next()) {
        r.outcome = CheckinResult::Outcome::Refused;
        r.verdict = QStringLiteral("unknown_member");
        r.reason = QStringLiteral("未找到该党员信息，请联系工作人员");
        return r;
    }
    r.verdict = QStringLiteral("ok");
    r.issuer = issuer;
    r.memberId = memberId;
    r.name = q.value(0).toString();
    r.organisation = q.value(1).toString();
    r.flowing = q.value(2).toString() == u"flowing" || issuer != m_settings.localIssuer;
    r.method = QStringLiteral("manual");
    return record(r);
}

QList<EventWindow> CheckinService::eventsNear(const QDateTime &now) const
{
    QList<EventWindow> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, title, kind, start_utc, end_utc, cancelled FROM events "
                             "WHERE end_utc >= ? AND start_utc <= ?"));
    q.addBindValue(now.toUTC().addDays(-1).toString(Qt::ISODateWithMs));
    q.addBindValue(now.toUTC().addDays(1).toString(Qt::ISODateWithMs));
    if (!q.exec())
        return out;
    while (q.next()) {
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs),
                    QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs), q.value(5).toBool()});
    }
    return out;
}

CheckinResult CheckinService::record(CheckinResult r, const TransactionStep &first)
{
    const QDateTime now = m_clock.now();
    const QString utc = now.toUTC().toString(Qt::ISODateWithMs);
    const QString localDate = now.toLocalTime().date().toString(Qt::ISODate);
    if (const auto event = CheckinRules::eventAt(now, eventsNear(now))) {
        r.eventId = event->id;
        r.eventTitle = event->title;
    }

    bool repeat = false;
    const QString recordId = OutboxRecord::newRecordId();
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        if (first && !first(db, error))
            return false;
        // Inside the write transaction, so two scans of one member cannot both pass this check.
        QSqlQuery earlier(db);
        earlier.prepare(QStringLiteral("SELECT checked_utc, ifnull(event_id, '') FROM checkins "
                                       "WHERE issuer = ? AND member_id = ? AND centre_id = ? AND local_date = ? "
                                       "ORDER BY checked_utc"));
        earlier.addBindValue(r.issuer);
        earlier.addBindValue(r.memberId);
        earlier.addBindValue(m_settings.centreId);
        earlier.addBindValue(localDate);
        if (!run(earlier, error))
            return false;
        while (earlier.next()) {
            if (CheckinRules::isRepeat(m_settings.oncePerDay, earlier.value(1).toString(), r.eventId)) {
                repeat = true;
                r.time = QDateTime::fromString(earlier.value(0).toString(), Qt::ISODateWithMs).toLocalTime();
                return true; // nothing new to write
            }
        }
        // Attendance at an event is marked: did the member register (报名) or walk in?
        if (!r.eventId.isEmpty()) {
            QSqlQuery reg(db);
            reg.prepare(QStringLiteral("SELECT 1 FROM registrations WHERE event_id = ? AND issuer = ? AND "
                                       "member_id = ? AND status = 'registered'"));
            reg.addBindValue(r.eventId);
            reg.addBindValue(r.issuer);
            reg.addBindValue(r.memberId);
            if (!run(reg, error))
                return false;
            r.eventRegistration = reg.next() ? QStringLiteral("registered") : QStringLiteral("walk_in");
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, "
                                 "event_id, centre_id, kiosk_id, checked_utc, local_date, registration) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const QString kind = r.flowing ? QStringLiteral("flowing") : QStringLiteral("member");
        for (const QVariant &v : {QVariant(recordId), QVariant(r.issuer), QVariant(r.memberId), QVariant(r.name),
                                  QVariant(r.organisation), QVariant(kind), QVariant(r.method),
                                  r.eventId.isEmpty() ? QVariant() : QVariant(r.eventId),
                                  QVariant(m_settings.centreId), QVariant(m_settings.kioskId), QVariant(utc),
                                  QVariant(localDate),
                                  r.eventRegistration.isEmpty() ? QVariant() : QVariant(r.eventRegistration)})
            q.addBindValue(v);
        if (!run(q, error))
            return false;
        const QJsonObject payload{
            {QStringLiteral("id"), recordId},          {QStringLiteral("issuer"), r.issuer},
            {QStringLiteral("member_id"), r.memberId}, {QStringLiteral("name"), r.name},
            {QStringLiteral("organisation"), r.organisation}, {QStringLiteral("kind"), kind},
            {QStringLiteral("method"), r.method},
            {QStringLiteral("event_id"), r.eventId.isEmpty() ? QJsonValue() : QJsonValue(r.eventId)},
            {QStringLiteral("registration"),
             r.eventRegistration.isEmpty() ? QJsonValue() : QJsonValue(r.eventRegistration)},
            {QStringLiteral("centre_id"), m_settings.centreId}, {QStringLiteral("kiosk_id"), m_settings.kioskId},
            {QStringLiteral("checked_utc"), utc},      {QStringLiteral("local_date"), localDate},
        };
        return Outbox::append(db, {recordId, QStringLiteral("checkin"), payload, utc, now.toLocalTime().date()}, error);
    });
    if (!ok) {
        r.outcome = CheckinResult::Outcome::Failed;
        r.reason = QStringLiteral("系统暂时无法保存签到记录，请稍后再试或联系工作人员");
        qCCritical(lcStorage).noquote() << "check-in not saved:" << m_db.errorString();
        return r;
    }
    if (repeat) {
        r.outcome = CheckinResult::Outcome::AlreadyCheckedIn;
        r.reason = QStringLiteral("您今天已于 %1 签到").arg(r.time.toString(QStringLiteral("HH:mm")));
        return r;
    }
    r.outcome = CheckinResult::Outcome::CheckedIn;
    r.time = now;
    r.recordId = recordId;
    qCInfo(lcStorage).noquote() << "check-in" << recordId << r.method << (r.flowing ? "flowing" : "member")
                                << (r.eventId.isEmpty() ? QString() : QStringLiteral("event ") + r.eventId);
    return r;
}

CheckinResult CheckinService::recordFailedScan(const QString &verdict, const QString &reason, const QString &text,
                                               CheckinResult::Outcome outcome)
{
    CheckinResult r;
    r.outcome = outcome;
    r.verdict = verdict;
    r.reason = reason;
    const QDateTime now = m_clock.now();
    const QString utc = now.toUTC().toString(Qt::ISODateWithMs);
    const QString localDate = now.toLocalTime().date().toString(Qt::ISODate);
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    const QString recordId = OutboxRecord::newRecordId();
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO failed_scans(id, verdict, text_sha256, centre_id, kiosk_id, scanned_utc, "
                                 "local_date) VALUES(?, ?, ?, ?, ?, ?, ?)"));
        for (const QString &v : {recordId, verdict, hash, m_settings.centreId, m_settings.kioskId, utc, localDate})
            q.addBindValue(v);
        if (!run(q, error))
            return false;
        const QJsonObject payload{
            {QStringLiteral("id"), recordId},          {QStringLiteral("verdict"), verdict},
            {QStringLiteral("text_sha256"), hash},     {QStringLiteral("centre_id"), m_settings.centreId},
            {QStringLiteral("kiosk_id"), m_settings.kioskId}, {QStringLiteral("scanned_utc"), utc},
            {QStringLiteral("local_date"), localDate},
        };
        return Outbox::append(db, {recordId, QStringLiteral("failed_scan"), payload, utc, now.toLocalTime().date()},
                              error);
    });
    if (ok)
        r.recordId = recordId;
    else
        qCCritical(lcStorage).noquote() << "failed scan not saved:" << m_db.errorString();
    qCInfo(lcStorage).noquote() << "scan refused:" << verdict;
    return r;
}

bool CheckinService::importRoster(const QList<RosterMember> &members, QString *error)
{
    const QString utc = m_clock.utcStamp();
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        QSqlQuery del(db);
        del.prepare(QStringLiteral("DELETE FROM members WHERE issuer = ? AND source = 'roster'"));
        del.addBindValue(m_settings.localIssuer);
        if (!run(del, err))
            return false;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO members(issuer, member_id, name, phone, organisation, kind, "
                                 "source, updated_utc) VALUES(?, ?, ?, ?, ?, ?, 'roster', ?)"));
        for (const RosterMember &m : members) {
            for (const QString &v : {m_settings.localIssuer, m.memberId, m.name, m.phone, m.organisation,
                                     m.kind, utc})
                q.addBindValue(v);
            if (!run(q, err))
                return false;
        }
        return true;
    });
    if (!ok && error)
        *error = m_db.errorString();
    return ok;
}
