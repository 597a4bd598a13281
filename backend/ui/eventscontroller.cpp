#include "eventscontroller.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "storagethread.h"

#include <QDir>
#include <QLocale>

EventsController::EventsController(const KioskConfig &config, const Clock &clock, StorageThread &storage,
                                   MemberSession *session, QObject *parent)
    : QObject(parent), m_config(config), m_clock(clock), m_storage(storage), m_session(session)
{
    // A new member sees their own standing; the next member nothing of the last one's.
    if (m_session)
        connect(m_session, &MemberSession::changed, this, [this] {
            clearResult();
            refresh();
        });
    reload();
}

namespace {
RegistrationOutcome unavailable(const QString &reason)
{
    RegistrationOutcome r;
    r.code = QStringLiteral("storage");
    r.reason = reason;
    return r;
}
} // namespace

MemberRef EventsController::member() const
{
    if (!m_session || !m_session->active())
        return {};
    return {m_session->issuer(), m_session->memberId(), m_session->name(), m_session->organisation(),
            m_session->flowing()};
}

std::function<EventsController::Snapshot(Database *)> EventsController::query(bool importFirst) const
{
    const Clock *clock = &m_clock;
    const EventStoreSettings settings{m_config.centreId, m_config.kioskId};
    const QString file = QDir(m_config.contentDir).filePath(QStringLiteral("events/events.json"));
    const MemberRef who = member();
    return [clock, settings, file, who, importFirst](Database *db) {
        Snapshot s;
        if (!db) {
            s.problems << QStringLiteral("系统暂时无法读取活动（数据库不可用），请联系工作人员");
            return s;
        }
        EventStore store(*db, *clock, settings);
        if (importFirst && !file.isEmpty()) {
            const EventCatalogResult catalog = EventCatalog::load(file);
            for (const QString &p : catalog.problems)
                qCWarning(lcUi).noquote() << "events.json:" << p;
            // The valid events are used even when others in the file are broken.
            const EventImportSummary summary = store.importDistributed(catalog.events);
            s.problems << summary.problems;
            if (!catalog.ok())
                s.problems << QStringLiteral("活动文件中有 %1 处问题，相关活动未显示").arg(catalog.problems.size());
        }
        const QDateTime now = clock->now();
        s.upcoming = store.upcoming(now, who.memberId.isEmpty() ? nullptr : &who);
        if (!who.memberId.isEmpty())
            s.today = store.registrationsOn(now.toLocalTime().date(), who);
        return s;
    };
}

void EventsController::reload()
{
    m_storage.call<Snapshot>(this, query(true), [this](const Snapshot &s) {
        m_importProblems = s.problems;
        apply(s);
    });
}

void EventsController::refresh()
{
    m_storage.call<Snapshot>(this, query(false), [this](const Snapshot &s) { apply(s); });
}

void EventsController::apply(const Snapshot &s)
{
    const QDateTime now = m_clock.now();
    const bool flowing = m_session && m_session->active() && m_session->flowing();
    const bool identified = m_session && m_session->active();
    m_events.clear();
    m_todayOpen.clear();
    m_todayMine.clear();
    m_todayAll.clear();
    for (const EventListing &l : s.upcoming) {
        const QVariantMap card = present(l, now, flowing);
        m_events << card;
        if (card.value(QStringLiteral("group")).toString() == u"today" && !l.event.cancelled)
            m_todayAll << card;
        if (identified && card.value(QStringLiteral("group")).toString() == u"today" && card.value(QStringLiteral("canRegister")).toBool())
            m_todayOpen << card;
    }
    for (const EventListing &l : s.today)
        m_todayMine << present(l, now, flowing);
    m_notice = (s.problems.isEmpty() ? m_importProblems : s.problems).join(QLatin1Char('\n'));
    m_loaded = true;
    emit eventsChanged();
}

void EventsController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void EventsController::clearResult()
{
    if (m_result.isEmpty())
        return;
    m_result.clear();
    emit resultChanged();
}

void EventsController::registerFor(const QString &eventId)
{
    if (m_busy)
        return;
    const MemberRef who = member();
    if (who.memberId.isEmpty()) {
        m_result = {{QStringLiteral("ok"), false},
                    {QStringLiteral("title"), QStringLiteral("请先确认身份")},
                    {QStringLiteral("message"), QStringLiteral("请扫描党员码或使用手机号确认身份后再报名")}};
        emit resultChanged();
        return;
    }
    setBusy(true);
    const Clock *clock = &m_clock;
    const EventStoreSettings settings{m_config.centreId, m_config.kioskId};
    m_storage.call<RegistrationOutcome>(
        this,
        [clock, settings, eventId, who](Database *db) {
            if (!db)
                return unavailable(QStringLiteral("系统暂时无法报名（数据库不可用），请联系工作人员"));
            return EventStore(*db, *clock, settings).registerMember(eventId, who);
        },
        [this](const RegistrationOutcome &r) {
            setBusy(false);
            m_result = presentOutcome(r, false);
            emit resultChanged();
            emit finished(m_result);
            refresh();
        });
}

void EventsController::cancel(const QString &eventId)
{
    const MemberRef who = member();
    if (m_busy || who.memberId.isEmpty())
        return;
    setBusy(true);
    const Clock *clock = &m_clock;
    const EventStoreSettings settings{m_config.centreId, m_config.kioskId};
    m_storage.call<RegistrationOutcome>(
        this,
        [clock, settings, eventId, who](Database *db) {
            if (!db)
                return unavailable(QStringLiteral("系统暂时无法取消报名（数据库不可用），请联系工作人员"));
            return EventStore(*db, *clock, settings).cancelRegistration(eventId, who);
        },
        [this](const RegistrationOutcome &r) {
            setBusy(false);
            m_result = presentOutcome(r, true);
            emit resultChanged();
            emit finished(m_result);
            refresh();
        });
}

EventsController::Outcome EventsController::outcome() const
{
    return m_result.isEmpty() ? Outcome::None
                              : Outcome(m_result.value(QStringLiteral("outcome"), int(Outcome::Refused)).toInt());
}

QVariantMap EventsController::presentOutcome(const RegistrationOutcome &r, bool cancelling)
{
    QString title;
    QString message = r.reason;
    if (!r.ok) {
        title = cancelling ? QStringLiteral("未能取消报名") : QStringLiteral("未能报名");
    } else if (cancelling) {
        title = QStringLiteral("已取消报名");
        message = QStringLiteral("已取消“%1”的报名").arg(r.eventTitle);
    } else if (r.status == RegistrationStatus::Waitlisted) {
        title = QStringLiteral("已登记候补");
        message = QStringLiteral("“%1”名额已满，您是候补第 %2 位；有名额空出时按顺序递补").arg(r.eventTitle).arg(r.position);
    } else {
        title = QStringLiteral("报名成功");
        message = QStringLiteral("已报名“%1”，请准时参加，到场扫码签到").arg(r.eventTitle);
    }
    return {{QStringLiteral("ok"), r.ok},
            {QStringLiteral("title"), title},
            {QStringLiteral("message"), message},
            {QStringLiteral("code"), r.code},
            {QStringLiteral("waitlisted"), r.status == RegistrationStatus::Waitlisted},
            {QStringLiteral("outcome"), int(!r.ok                                          ? Outcome::Refused
                                            : cancelling                                   ? Outcome::Cancelled
                                            : r.status == RegistrationStatus::Waitlisted ? Outcome::Waitlisted
                                                                                         : Outcome::Registered)}};
}

QVariantMap EventsController::present(const EventListing &l, const QDateTime &now, bool flowing)
{
    static const QLocale zh(QLocale::Chinese, QLocale::China);
    const EventInfo &e = l.event;
    const QDateTime start = e.start.toLocalTime();
    const QDateTime end = e.end.toLocalTime();
    const QString group = RegistrationRules::group(e.start, now);
    const QString groupTitle = group == u"today" ? QStringLiteral("今天")
        : group == u"week"                       ? QStringLiteral("本周")
                                                 : QStringLiteral("以后");
    QString seats;
    if (l.seatsLeft < 0)
        seats = QStringLiteral("不限名额");
    else if (l.seatsLeft > 0)
        seats = QStringLiteral("剩余 %1 个名额（共 %2）").arg(l.seatsLeft).arg(e.capacity);
    else
        seats = l.waitlisted > 0 ? QStringLiteral("名额已满，%1 人候补").arg(l.waitlisted) : QStringLiteral("名额已满，可登记候补");
    QString status;
    QString statusText;
    switch (l.myStatus) {
    case RegistrationStatus::Registered:
        status = QStringLiteral("registered");
        statusText = l.myPromoted ? QStringLiteral("已报名（已由候补转为正式）") : QStringLiteral("已报名");
        break;
    case RegistrationStatus::Waitlisted:
        status = QStringLiteral("waitlisted");
        statusText = QStringLiteral("候补第 %1 位").arg(l.myPosition);
        break;
    default:
        break;
    }
    if (e.cancelled)
        statusText = QStringLiteral("活动已取消") + (status.isEmpty() ? QString() : QStringLiteral("（您的报名已保留记录）"));
    const bool started = now >= e.start;
    const RegistrationDecision may = RegistrationRules::canRegister(e, now, flowing, l.myStatus, l.registered);
    const bool sameDay = start.date() == end.date();
    return {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("title"), e.title},
        {QStringLiteral("kind"), e.kind},
        {QStringLiteral("place"), e.place},
        {QStringLiteral("description"), e.description},
        {QStringLiteral("group"), group},
        {QStringLiteral("groupTitle"), groupTitle},
        {QStringLiteral("dateText"), zh.toString(start.date(), QStringLiteral("M月d日 dddd"))},
        {QStringLiteral("timeText"), start.toString(QStringLiteral("HH:mm")) + QStringLiteral("–")
                                        + (sameDay ? end.toString(QStringLiteral("HH:mm"))
                                                   : zh.toString(end, QStringLiteral("M月d日 HH:mm")))},
        {QStringLiteral("seatsText"), seats},
        {QStringLiteral("seatsLeft"), l.seatsLeft},
        {QStringLiteral("full"), l.seatsLeft == 0},
        {QStringLiteral("openToFlowing"), e.openToFlowing},
        {QStringLiteral("flowingText"), e.openToFlowing ? QStringLiteral("流动党员可报名") : QStringLiteral("仅限本支部在册党员")},
        {QStringLiteral("cancelled"), e.cancelled},
        {QStringLiteral("started"), started},
        {QStringLiteral("status"), status},
        {QStringLiteral("statusText"), statusText},
        {QStringLiteral("canRegister"), may.allowed},
        {QStringLiteral("refusal"), may.allowed ? QString() : may.reason},
        {QStringLiteral("canCancel"), RegistrationRules::canCancel(e, now, l.myStatus).allowed},
    };
}
