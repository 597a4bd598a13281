#pragma once
#include <QDateTime>
#include <QList>
#include <QString>

#include "registrationrules.h"

class Database;

// One line of an event's attendance list for staff.
struct AttendanceRow
{
    QString issuer;
    QString memberId;
    QString name;          // full name: staff only
    QString organisation;
    bool flowing = false;
    QString method;        // qr | manual; empty for a no-show
    QDateTime checkedIn;   // invalid for a no-show
    QString registration;  // registered | walk_in | no_show
};

// One row of the 三会一课 overview: for an organisation and a regular kind, this period's state.
struct RegularRow
{
    QString organisation;
    QString kind;
    QString period;        // 2026年7月, 2026年第3季度
    QDate periodFirst;
    QDate periodLast;
    RegularityRules::State state = RegularityRules::State::NotHeld;
    int events = 0;        // sessions of the kind in the period (not cancelled)
    int attendees = 0;     // check-ins bound to them
};

// Staff-facing queries about events (the staff screen itself is issue 9): who came to an event
// (registered or walked in, and who registered but did not come), and whether each branch held
// its 党员大会, 支委会, 党课 and 主题党日 this period.
class EventReports
{
public:
    explicit EventReports(Database &db);

    QList<AttendanceRow> attendance(const QString &eventId) const;
    // Organisations: every branch named by an event or by the local roster.
    QList<RegularRow> regularOverview(const QDateTime &now) const;

private:
    Database &m_db;
};
