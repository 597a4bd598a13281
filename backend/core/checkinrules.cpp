#include "checkinrules.h"

std::optional<EventWindow> CheckinRules::eventAt(const QDateTime &now, const QList<EventWindow> &events)
{
    std::optional<EventWindow> best;
    for (const EventWindow &e : events) {
        if (e.cancelled || !e.start.isValid() || !e.end.isValid() || e.end < e.start)
            continue;
        const QDateTime opens = e.start.addSecs(-60 * earlyMinutes);
        if (now < opens || now > e.end)
            continue;
        if (!best || e.start > best->start)
            best = e;
    }
    return best;
}

bool CheckinRules::isRepeat(bool oncePerDay, const QString &earlierEventId, const QString &thisEventId)
{
    return oncePerDay && earlierEventId == thisEventId;
}
