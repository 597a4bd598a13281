#include "registrationrules.h"

namespace {

RegistrationDecision refuse(const char *code, const QString &reason)
{
    return {false, RegistrationStatus::None, QString::fromLatin1(code), reason};
}

} // namespace

int RegistrationRules::seatsLeft(int capacity, int registered)
{
    if (capacity <= 0)
        return -1;
    return qMax(0, capacity - registered);
}

RegistrationDecision RegistrationRules::canRegister(const EventInfo &event, const QDateTime &now, bool flowing,
                                                    RegistrationStatus current, int registered)
{
    if (event.cancelled)
        return refuse("cancelled_event", QStringLiteral("该活动已取消"));
    // Registration closes at the start: at the very minute the session begins the list is final.
    if (now >= event.start)
        return refuse("started", QStringLiteral("活动已开始，报名已截止"));
    if (current == RegistrationStatus::Registered)
        return refuse("already_registered", QStringLiteral("您已报名该活动，无需重复报名"));
    if (current == RegistrationStatus::Waitlisted)
        return refuse("already_waitlisted", QStringLiteral("您已在该活动的候补名单中"));
    if (flowing && !event.openToFlowing)
        return refuse("flowing",
                      QStringLiteral("该活动仅面向本支部在册党员，暂不接受流动党员报名；欢迎参加面向流动党员开放的活动"));
    if (seatsLeft(event.capacity, registered) == 0)
        return {true, RegistrationStatus::Waitlisted, QStringLiteral("waitlisted"),
                QStringLiteral("名额已满，已为您登记候补，有名额空出时按顺序递补")};
    return {true, RegistrationStatus::Registered, QStringLiteral("ok"), QString()};
}

RegistrationDecision RegistrationRules::canCancel(const EventInfo &event, const QDateTime &now,
                                                  RegistrationStatus current)
{
    if (current != RegistrationStatus::Registered && current != RegistrationStatus::Waitlisted)
        return refuse("not_registered", QStringLiteral("您没有报名该活动"));
    if (event.cancelled)
        return refuse("cancelled_event", QStringLiteral("该活动已取消，无需再取消报名"));
    if (now >= event.start)
        return refuse("started", QStringLiteral("活动已开始，不能再取消报名"));
    return {true, RegistrationStatus::Cancelled, QStringLiteral("ok"), QString()};
}

QStringList RegistrationRules::promotions(const EventInfo &event, const QDateTime &now, int registered,
                                          const QStringList &waitlistOldestFirst)
{
    if (event.cancelled || now >= event.start)
        return {};
    const int free = seatsLeft(event.capacity, registered);
    if (free < 0)
        return waitlistOldestFirst; // the limit was lifted: everyone waiting gets in
    return waitlistOldestFirst.mid(0, free);
}

QString RegistrationRules::group(const QDateTime &start, const QDateTime &now)
{
    const QDate day = start.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day <= today)
        return QStringLiteral("today");
    const QDate sunday = today.addDays(7 - today.dayOfWeek());
    return day <= sunday ? QStringLiteral("week") : QStringLiteral("later");
}

QList<RegularityRules::Expectation> RegularityRules::expectations()
{
    return {{QStringLiteral("党员大会"), Cadence::Quarterly},
            {QStringLiteral("支委会"), Cadence::Monthly},
            {QStringLiteral("党课"), Cadence::Quarterly},
            {QStringLiteral("主题党日"), Cadence::Monthly}};
}

RegularityRules::Period RegularityRules::periodContaining(const QDate &date, Cadence cadence)
{
    if (cadence == Cadence::Monthly) {
        const QDate first(date.year(), date.month(), 1);
        return {first, first.addMonths(1).addDays(-1),
                QStringLiteral("%1年%2月").arg(date.year()).arg(date.month())};
    }
    const int quarter = (date.month() - 1) / 3 + 1;
    const QDate first(date.year(), (quarter - 1) * 3 + 1, 1);
    return {first, first.addMonths(3).addDays(-1), QStringLiteral("%1年第%2季度").arg(date.year()).arg(quarter)};
}

RegularityRules::State RegularityRules::state(const QList<EventInfo> &eventsOfKind, const Period &period,
                                              const QDateTime &now)
{
    bool scheduled = false;
    for (const EventInfo &e : eventsOfKind) {
        const QDate day = e.start.toLocalTime().date();
        if (e.cancelled || day < period.first || day > period.last)
            continue;
        if (e.start <= now)
            return State::Held;
        scheduled = true;
    }
    return scheduled ? State::Scheduled : State::NotHeld;
}

QString RegularityRules::stateName(State s)
{
    switch (s) {
    case State::Held:
        return QStringLiteral("held");
    case State::Scheduled:
        return QStringLiteral("scheduled");
    case State::NotHeld:
        break;
    }
    return QStringLiteral("not_held");
}
