#pragma once
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

// A session a scan can be bound to (the events issue fills these from the distribution and
// from staff; the binding rule lives here).
struct EventWindow
{
    QString id;
    QString title;
    QString kind;
    QDateTime start;
    QDateTime end;
    bool cancelled = false;
};

// The check-in rules of design.md §3/§6, free of storage and UI so they are tested exhaustively.
class CheckinRules
{
public:
    // A scan from 30 minutes before an event's start until its end checks in to that event.
    static constexpr int earlyMinutes = 30;

    // The event a scan at `now` belongs to: among the windows that contain `now`, the one that
    // started most recently (a member arriving early for the 14:00 session while the 9:00 one is
    // still running belongs to the 14:00 one once it is within its 30-minute lead).
    static std::optional<EventWindow> eventAt(const QDateTime &now, const QList<EventWindow> &events);

    // Whether an earlier check-in of the same member makes this scan a repeat: with
    // once-per-day, the same calendar day and the same event binding (no event counts as one
    // binding), so a morning visit does not swallow the afternoon 主题党日 attendance.
    static bool isRepeat(bool oncePerDay, const QString &earlierEventId, const QString &thisEventId);
};
