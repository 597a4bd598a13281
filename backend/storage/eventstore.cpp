#include "eventstore.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "outbox.h"

#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

// Qt binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "none".
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QString statusName(RegistrationStatus s)
{
    switch (s) {
    case RegistrationStatus::Registered:
        return QStringLiteral("registered");
    case RegistrationStatus::Waitlisted:
        return QStringLiteral("waitlisted");
    case RegistrationStatus::Cancelled:
        return QStringLiteral("cancelled");
    case RegistrationStatus::None:
        break;
    }
    return {};
}

RegistrationStatus statusFrom(const QString &s)
{
    if (s == u"registered")
        return RegistrationStatus::Registered;
    if (s == u"waitlisted")
        return RegistrationStatus::Waitlisted;
    if (s == u"cancelled")
        return RegistrationStatus::Cancelled;
    return RegistrationStatus::None;
}

// The member's active registration (registered or waitlisted) for the event: id and status.
std::pair<QString, RegistrationStatus> activeRegistration(const QSqlDatabase &db, const QString &eventId,
                                                          const MemberRef &m)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, status FROM registrations WHERE event_id = ? AND issuer = ? AND "
                             "member_id = ? AND status <> 'cancelled'"));
    q.addBindValue(eventId);
    q.addBindValue(m.issuer);
    q.addBindValue(m.memberId);
    if (q.exec() && q.next())
        return {q.value(0).toString(), statusFrom(q.value(1).toString())};
    return {QString(), RegistrationStatus::None};
}

int countStatus(const QSqlDatabase &db, const QString &eventId, const QString &status)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM registrations WHERE event_id = ? AND status = ?"));
    q.addBindValue(eventId);
    q.addBindValue(status);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

} // namespace

namespace EventRows {

QString columns()
{
    return QStringLiteral("e.id, e.title, e.kind, e.start_utc, e.end_utc, e.place, ifnull(e.capacity, 0), "
                          "e.open_to_flowing, e.description, e.organisation, e.cancelled, e.source");
}

EventInfo fromQuery(const QSqlQuery &q, int f)
{
    EventInfo e;
    e.id = q.value(f).toString();
    e.title = q.value(f + 1).toString();
    e.kind = q.value(f + 2).toString();
    e.start = QDateTime::fromString(q.value(f + 3).toString(), Qt::ISODateWithMs);
    e.end = QDateTime::fromString(q.value(f + 4).toString(), Qt::ISODateWithMs);
    e.place = q.value(f + 5).toString();
    e.capacity = q.value(f + 6).toInt();
    e.openToFlowing = q.value(f + 7).toBool();
    e.description = q.value(f + 8).toString();
    e.organisation = q.value(f + 9).toString();
    e.cancelled = q.value(f + 10).toBool();
    e.source = q.value(f + 11).toString();
    return e;
}

std::optional<EventInfo> read(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM events e WHERE e.id = ?").arg(columns()));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return fromQuery(q);
}

QString utc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace EventRows

EventStore::EventStore(Database &db, const Clock &clock, EventStoreSettings settings)
    : m_db(db), m_clock(clock), m_settings(std::move(settings))
{
}

std::optional<EventInfo> EventStore::event(const QString &id) const
{
    return EventRows::read(m_db.connection(), id);
}

bool EventStore::logChange(QSqlDatabase &db, const QString &registrationId, const QString &change, QString *error)
{
    QSqlQuery r(db);
    r.prepare(QStringLiteral("SELECT r.event_id, r.issuer, r.member_id, r.name, r.organisation, r.kind, e.title, "
                             "e.kind, e.start_utc FROM registrations r JOIN events e ON e.id = r.event_id "
                             "WHERE r.id = ?"));
    r.addBindValue(registrationId);
    if (!run(r, error))
        return false;
    if (!r.next()) {
        *error = QStringLiteral("registration %1 vanished").arg(registrationId);
        return false;
    }
    const QDateTime now = m_clock.now();
    const QString stamp = EventRows::utc(now);
    const QString localDate = now.toLocalTime().date().toString(Qt::ISODate);
    const QString id = OutboxRecord::newRecordId();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO registration_log(id, registration_id, change, changed_utc, local_date) "
                             "VALUES(?, ?, ?, ?, ?)"));
    for (const QString &v : {id, registrationId, change, stamp, localDate})
        q.addBindValue(v);
    if (!run(q, error))
        return false;
    const QJsonObject payload{
        {QStringLiteral("id"), id},
        {QStringLiteral("registration_id"), registrationId},
        {QStringLiteral("change"), change},
        {QStringLiteral("event_id"), r.value(0).toString()},
        {QStringLiteral("event_title"), r.value(6).toString()},
        {QStringLiteral("event_kind"), r.value(7).toString()},
        {QStringLiteral("event_start_utc"), r.value(8).toString()},
        {QStringLiteral("issuer"), r.value(1).toString()},
        {QStringLiteral("member_id"), r.value(2).toString()},
        {QStringLiteral("name"), r.value(3).toString()},
        {QStringLiteral("organisation"), r.value(4).toString()},
        {QStringLiteral("kind"), r.value(5).toString()},
        {QStringLiteral("centre_id"), m_settings.centreId},
        {QStringLiteral("kiosk_id"), m_settings.kioskId},
        {QStringLiteral("changed_utc"), stamp},
        {QStringLiteral("local_date"), localDate},
    };
    const QString kind = change == u"cancelled" ? QStringLiteral("registration_cancelled")
        : change == u"promoted"                 ? QStringLiteral("registration_promoted")
                                                : QStringLiteral("registration");
    return Outbox::append(db, {id, kind, payload, stamp, now.toLocalTime().date()}, error);
}

bool EventStore::promoteWaiting(QSqlDatabase &db, const EventInfo &event, int *promoted, QString *error)
{
    QSqlQuery w(db);
    w.prepare(QStringLiteral("SELECT id FROM registrations WHERE event_id = ? AND status = 'waitlisted' "
                             "ORDER BY rowid"));
    w.addBindValue(event.id);
    if (!run(w, error))
        return false;
    QStringList waiting;
    while (w.next())
        waiting << w.value(0).toString();
    const int registered = countStatus(db, event.id, QStringLiteral("registered"));
    const QString stamp = EventRows::utc(m_clock.now());
    for (const QString &id : RegistrationRules::promotions(event, m_clock.now(), registered, waiting)) {
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE registrations SET status = 'registered', promoted_utc = ?, updated_utc = ? "
                                 "WHERE id = ?"));
        u.addBindValue(stamp);
        u.addBindValue(stamp);
        u.addBindValue(id);
        if (!run(u, error) || !logChange(db, id, QStringLiteral("promoted"), error))
            return false;
        ++*promoted;
        qCInfo(lcStorage).noquote() << "registration" << id << "promoted from the waitlist of" << event.id;
    }
    return true;
}

bool EventStore::markRegistrations(QSqlDatabase &db, const QString &eventId, bool cancelled, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE registrations SET event_cancelled = ?, updated_utc = ? WHERE event_id = ?"));
    q.addBindValue(cancelled ? 1 : 0);
    q.addBindValue(EventRows::utc(m_clock.now()));
    q.addBindValue(eventId);
    return run(q, error);
}

bool EventStore::writeEvent(QSqlDatabase &db, const EventInfo &e, bool insert, QString *error)
{
    QSqlQuery q(db);
    q.prepare(insert ? QStringLiteral("INSERT INTO events(title, kind, start_utc, end_utc, place, capacity, "
                                      "open_to_flowing, description, organisation, cancelled, source, updated_utc, id) "
                                      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                     : QStringLiteral("UPDATE events SET title = ?, kind = ?, start_utc = ?, end_utc = ?, place = ?, "
                                      "capacity = ?, open_to_flowing = ?, description = ?, organisation = ?, "
                                      "cancelled = ?, source = ?, updated_utc = ? WHERE id = ?"));
    for (const QVariant &v : {text(e.title), text(e.kind), QVariant(EventRows::utc(e.start)),
                              QVariant(EventRows::utc(e.end)), text(e.place),
                              e.capacity > 0 ? QVariant(e.capacity) : QVariant(), QVariant(e.openToFlowing ? 1 : 0),
                              text(e.description), text(e.organisation), QVariant(e.cancelled ? 1 : 0),
                              QVariant(e.source), QVariant(EventRows::utc(m_clock.now())), QVariant(e.id)})
        q.addBindValue(v);
    return run(q, error);
}

EventImportSummary EventStore::importDistributed(const QList<EventInfo> &events)
{
    EventImportSummary s;
    const QDateTime now = m_clock.now();
    s.ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        QSet<QString> listed;
        for (EventInfo e : events) {
            e.source = QStringLiteral("share");
            listed.insert(e.id);
            const std::optional<EventInfo> old = EventRows::read(db, e.id);
            if (old && old->source != u"share") {
                s.problems << QStringLiteral("活动编号 %1 与本机创建的活动重复，未导入").arg(e.id);
                continue;
            }
            // Compare as stored (UTC, no sub-second noise) so an unchanged file changes nothing.
            const bool same = old && EventRows::utc(old->start) == EventRows::utc(e.start)
                && EventRows::utc(old->end) == EventRows::utc(e.end) && old->title == e.title && old->kind == e.kind
                && old->place == e.place && old->capacity == e.capacity && old->openToFlowing == e.openToFlowing
                && old->description == e.description && old->organisation == e.organisation
                && old->cancelled == e.cancelled;
            if (same)
                continue;
            if (!writeEvent(db, e, !old, error))
                return false;
            ++(old ? s.updated : s.added);
            if (old && old->cancelled != e.cancelled) {
                if (!markRegistrations(db, e.id, e.cancelled, error))
                    return false;
                if (e.cancelled)
                    ++s.cancelled;
            }
            if (old && !promoteWaiting(db, e, &s.promoted, error))
                return false;
        }
        // Gone from the file before it started: the committee withdrew it.
        QSqlQuery gone(db);
        gone.prepare(QStringLiteral("SELECT id FROM events WHERE source = 'share' AND cancelled = 0 AND start_utc > ?"));
        gone.addBindValue(EventRows::utc(now));
        if (!run(gone, error))
            return false;
        QStringList withdrawn;
        while (gone.next()) {
            if (!listed.contains(gone.value(0).toString()))
                withdrawn << gone.value(0).toString();
        }
        for (const QString &id : withdrawn) {
            QSqlQuery c(db);
            c.prepare(QStringLiteral("UPDATE events SET cancelled = 1, updated_utc = ? WHERE id = ?"));
            c.addBindValue(EventRows::utc(now));
            c.addBindValue(id);
            if (!run(c, error) || !markRegistrations(db, id, true, error))
                return false;
            ++s.cancelled;
        }
        return true;
    });
    if (!s.ok) {
        m_error = m_db.errorString();
        s.problems << QStringLiteral("活动导入失败：%1").arg(m_error);
        qCWarning(lcStorage).noquote() << "events import failed:" << m_error;
    } else if (s.added || s.updated || s.cancelled) {
        qCInfo(lcStorage) << "events imported: added" << s.added << "updated" << s.updated << "cancelled"
                          << s.cancelled << "promoted" << s.promoted;
    }
    return s;
}

bool EventStore::eventOutbox(QSqlDatabase &db, const EventInfo &e, const QString &action, QString *error)
{
    const QDateTime now = m_clock.now();
    const QString stamp = EventRows::utc(now);
    const QString id = OutboxRecord::newRecordId();
    const QJsonObject payload{
        {QStringLiteral("id"), id},
        {QStringLiteral("action"), action},
        {QStringLiteral("event_id"), e.id},
        {QStringLiteral("title"), e.title},
        {QStringLiteral("kind"), e.kind},
        {QStringLiteral("start_utc"), EventRows::utc(e.start)},
        {QStringLiteral("end_utc"), EventRows::utc(e.end)},
        {QStringLiteral("place"), e.place},
        {QStringLiteral("capacity"), e.capacity},
        {QStringLiteral("open_to_flowing"), e.openToFlowing},
        {QStringLiteral("description"), e.description},
        {QStringLiteral("organisation"), e.organisation},
        {QStringLiteral("cancelled"), e.cancelled},
        {QStringLiteral("centre_id"), m_settings.centreId},
        {QStringLiteral("kiosk_id"), m_settings.kioskId},
        {QStringLiteral("changed_utc"), stamp},
        {QStringLiteral("local_date"), now.toLocalTime().date().toString(Qt::ISODate)},
    };
    return Outbox::append(db, {id, QStringLiteral("event"), payload, stamp, now.toLocalTime().date()}, error);
}

std::optional<EventInfo> EventStore::saveStaffEvent(EventInfo e, QString *error)
{
    const bool creating = e.id.isEmpty();
    if (creating)
        e.id = QStringLiteral("kiosk-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.source = QStringLiteral("kiosk");
    QStringList problems = EventCatalog::validate(e);
    const std::optional<EventInfo> old = creating ? std::nullopt : event(e.id);
    if (!creating && !old)
        problems << QStringLiteral("活动不存在");
    if (old && old->source != u"kiosk")
        problems << QStringLiteral("上级下发的活动只能由上级修改");
    if (creating && e.end.isValid() && e.end <= m_clock.now())
        problems << QStringLiteral("不能创建已经结束的活动");
    if (old) {
        e.cancelled = old->cancelled; // cancelling is cancelEvent()'s job
        const int registered = countStatus(m_db.connection(), e.id, QStringLiteral("registered"));
        if (e.capacity > 0 && e.capacity < registered)
            problems << QStringLiteral("名额不能少于已报名人数（%1 人）").arg(registered);
    }
    if (!problems.isEmpty()) {
        *error = problems.join(QStringLiteral("；"));
        return std::nullopt;
    }
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        int promoted = 0;
        return writeEvent(db, e, creating, err) && (creating || promoteWaiting(db, e, &promoted, err))
            && eventOutbox(db, e, creating ? QStringLiteral("created") : QStringLiteral("updated"), err);
    });
    if (!ok) {
        m_error = m_db.errorString();
        *error = QStringLiteral("保存活动失败：%1").arg(m_error);
        qCWarning(lcStorage).noquote() << "staff event not saved:" << m_error;
        return std::nullopt;
    }
    qCInfo(lcStorage).noquote() << "staff event" << (creating ? "created" : "updated") << e.id;
    return e;
}

bool EventStore::cancelEvent(const QString &eventId, QString *error)
{
    std::optional<EventInfo> e = event(eventId);
    if (!e) {
        *error = QStringLiteral("活动不存在");
        return false;
    }
    if (e->source != u"kiosk") {
        *error = QStringLiteral("上级下发的活动只能由上级取消");
        return false;
    }
    if (e->cancelled) {
        *error = QStringLiteral("该活动已取消");
        return false;
    }
    e->cancelled = true;
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        return writeEvent(db, *e, false, err) && markRegistrations(db, e->id, true, err)
            && eventOutbox(db, *e, QStringLiteral("cancelled"), err);
    });
    if (!ok) {
        m_error = m_db.errorString();
        *error = QStringLiteral("取消活动失败：%1").arg(m_error);
        return false;
    }
    qCInfo(lcStorage).noquote() << "staff cancelled event" << eventId;
    return true;
}

RegistrationOutcome EventStore::registerMember(const QString &eventId, const MemberRef &member)
{
    RegistrationOutcome out;
    const QDateTime now = m_clock.now();
    // Decision and write in one IMMEDIATE transaction: the seat count cannot change in between.
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        const std::optional<EventInfo> e = EventRows::read(db, eventId);
        if (!e) {
            out.code = QStringLiteral("unknown_event");
            out.reason = QStringLiteral("未找到该活动，请刷新后再试");
            return true;
        }
        out.eventTitle = e->title;
        const auto [existingId, current] = activeRegistration(db, eventId, member);
        const int registered = countStatus(db, eventId, QStringLiteral("registered"));
        const RegistrationDecision d = RegistrationRules::canRegister(*e, now, member.flowing, current, registered);
        out.code = d.code;
        out.reason = d.reason;
        if (!d.allowed)
            return true; // nothing to write
        out.recordId = OutboxRecord::newRecordId();
        const QString stamp = EventRows::utc(now);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO registrations(id, event_id, issuer, member_id, name, organisation, kind, "
                                 "status, created_utc, local_date, updated_utc, centre_id, kiosk_id) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QString &v : {out.recordId, eventId, member.issuer, member.memberId, member.name,
                                 member.organisation,
                                 member.flowing ? QStringLiteral("flowing") : QStringLiteral("member"),
                                 statusName(d.status), stamp, now.toLocalTime().date().toString(Qt::ISODate), stamp,
                                 m_settings.centreId, m_settings.kioskId})
            q.addBindValue(text(v));
        if (!run(q, error) || !logChange(db, out.recordId, statusName(d.status), error))
            return false;
        out.ok = true;
        out.status = d.status;
        if (d.status == RegistrationStatus::Waitlisted)
            out.position = countStatus(db, eventId, QStringLiteral("waitlisted"));
        return true;
    });
    if (!ok) {
        m_error = m_db.errorString();
        out = {};
        out.code = QStringLiteral("storage");
        out.reason = QStringLiteral("系统暂时无法保存报名，请稍后再试或联系工作人员");
        qCCritical(lcStorage).noquote() << "registration not saved:" << m_error;
        return out;
    }
    if (out.ok)
        qCInfo(lcStorage).noquote() << "registration" << out.recordId << statusName(out.status) << eventId;
    return out;
}

RegistrationOutcome EventStore::cancelRegistration(const QString &eventId, const MemberRef &member)
{
    RegistrationOutcome out;
    const QDateTime now = m_clock.now();
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        const std::optional<EventInfo> e = EventRows::read(db, eventId);
        if (!e) {
            out.code = QStringLiteral("unknown_event");
            out.reason = QStringLiteral("未找到该活动，请刷新后再试");
            return true;
        }
        out.eventTitle = e->title;
        const auto [id, current] = activeRegistration(db, eventId, member);
        const RegistrationDecision d = RegistrationRules::canCancel(*e, now, current);
        out.code = d.code;
        out.reason = d.reason;
        if (!d.allowed)
            return true;
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE registrations SET status = 'cancelled', updated_utc = ? WHERE id = ?"));
        u.addBindValue(EventRows::utc(now));
        u.addBindValue(id);
        if (!run(u, error) || !logChange(db, id, QStringLiteral("cancelled"), error))
            return false;
        out.ok = true;
        out.status = RegistrationStatus::Cancelled;
        out.recordId = id;
        // A freed seat goes to the first on the waitlist, in the same transaction.
        return current != RegistrationStatus::Registered || promoteWaiting(db, *e, &out.promoted, error);
    });
    if (!ok) {
        m_error = m_db.errorString();
        out = {};
        out.code = QStringLiteral("storage");
        out.reason = QStringLiteral("系统暂时无法取消报名，请稍后再试或联系工作人员");
        qCCritical(lcStorage).noquote() << "cancellation not saved:" << m_error;
        return out;
    }
    if (out.ok)
        qCInfo(lcStorage).noquote() << "registration" << out.recordId << "cancelled; promoted" << out.promoted;
    return out;
}

QList<EventListing> EventStore::listings(const QString &where, const QVariantList &binds, const MemberRef *member,
                                         bool onlyMine) const
{
    QList<EventListing> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
                  "SELECT %1,"
                  " (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'registered'),"
                  " (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted'),"
                  " ifnull(m.status, ''), m.promoted_utc IS NOT NULL,"
                  " (SELECT count(*) FROM registrations w WHERE w.event_id = e.id AND w.status = 'waitlisted'"
                  "  AND w.rowid <= m.rowid) "
                  "FROM events e LEFT JOIN registrations m ON m.event_id = e.id AND m.issuer = ? AND m.member_id = ? "
                  " AND m.status <> 'cancelled' "
                  "WHERE %2 %3 ORDER BY e.start_utc, e.id")
                  .arg(EventRows::columns(), where,
                       onlyMine ? QStringLiteral("AND m.id IS NOT NULL")
                                : QStringLiteral("AND (e.cancelled = 0 OR m.id IS NOT NULL)")));
    q.addBindValue(member ? member->issuer : QString());
    q.addBindValue(member ? member->memberId : QString());
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "events query failed:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        EventListing l;
        l.event = EventRows::fromQuery(q);
        l.registered = q.value(12).toInt();
        l.waitlisted = q.value(13).toInt();
        l.seatsLeft = RegistrationRules::seatsLeft(l.event.capacity, l.registered);
        l.myStatus = statusFrom(q.value(14).toString());
        l.myPromoted = l.myStatus == RegistrationStatus::Registered && q.value(15).toBool();
        l.myPosition = l.myStatus == RegistrationStatus::Waitlisted ? q.value(16).toInt() : 0;
        out << l;
    }
    return out;
}

QList<EventListing> EventStore::upcoming(const QDateTime &now, const MemberRef *member, int days) const
{
    return listings(QStringLiteral("e.end_utc > ? AND e.start_utc <= ?"),
                    {EventRows::utc(now), EventRows::utc(now.addDays(days))}, member, false);
}

QList<EventListing> EventStore::registrationsOn(const QDate &day, const MemberRef &member) const
{
    const QDateTime from(day, QTime(0, 0));
    return listings(QStringLiteral("e.start_utc >= ? AND e.start_utc < ?"),
                    {EventRows::utc(from), EventRows::utc(from.addDays(1))}, &member, true);
}
