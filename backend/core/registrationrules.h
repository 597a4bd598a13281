#pragma once
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "eventcatalog.h"

// A member's standing for one event.
enum class RegistrationStatus { None, Registered, Waitlisted, Cancelled };

// What the rules decided about a request (register or cancel): allowed or not and why.
struct RegistrationDecision
{
    bool allowed = false;
    RegistrationStatus status = RegistrationStatus::None; // for a registration: where it lands
    QString code;   // stable id for logs and tests: ok, cancelled_event, started, flowing, ...
    QString reason; // Chinese, shown to the member when refused
};

// The 报名 rules of issue 7, free of storage and UI and tested with a fixed clock:
// capacity then waitlist; registration closes at the start; cancel until the start; no double
// registration; events closed to 流动党员 refuse them with a reason; a freed seat goes to the
// first on the waitlist.
class RegistrationRules
{
public:
    // `current`: the member's present standing for the event; `registered`: seats taken.
    static RegistrationDecision canRegister(const EventInfo &event, const QDateTime &now, bool flowing,
                                            RegistrationStatus current, int registered);
    static RegistrationDecision canCancel(const EventInfo &event, const QDateTime &now, RegistrationStatus current);

    // Seats left, or -1 when the event has no limit.
    static int seatsLeft(int capacity, int registered);
    // Which of the waitlist (oldest first) move up when `registered` seats of `capacity` are
    // taken; before the start only (afterwards nobody can use the seat any more).
    static QStringList promotions(const EventInfo &event, const QDateTime &now, int registered,
                                  const QStringList &waitlistOldestFirst);

    // How the 活动报名 page groups an event: "today", "week" (the rest of this Monday–Sunday
    // week) or "later", by the kiosk's local date.
    static QString group(const QDateTime &start, const QDateTime &now);
};

// The regular meetings the policy expects of every branch (三会一课 and 主题党日): 党员大会 and
// 党课 each quarter, 支委会 and 主题党日 each month. Feeds the staff overview.
class RegularityRules
{
public:
    enum class Cadence { Monthly, Quarterly };
    struct Expectation
    {
        QString kind;
        Cadence cadence;
    };
    struct Period
    {
        QDate first;
        QDate last;
        QString label; // 2026年7月, 2026年第3季度
    };
    enum class State { Held, Scheduled, NotHeld };

    static QList<Expectation> expectations();
    static Period periodContaining(const QDate &date, Cadence cadence);
    // For one organisation and kind, the events of the period (not cancelled ones only count):
    // held when one has started by `now`, scheduled when one is still to come, else not held.
    static State state(const QList<EventInfo> &eventsOfKind, const Period &period, const QDateTime &now);
    static QString stateName(State s);
};
