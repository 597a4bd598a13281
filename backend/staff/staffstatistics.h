#pragma once
#include <QDate>
#include <QList>
#include <QString>

class Database;

// The staff screen's 统计 page (issue 19), from this kiosk's database: check-ins a day over the
// last 30 days, how far the roster's members are with this year's 学时, and the 三会一课 each
// branch held this quarter. Plain data: the page draws it with Qt Charts, the tests read it.
struct StaffStatistics
{
    struct Day
    {
        QDate date;
        int local = 0;
        int flowing = 0;
    };
    // 三会一课: 支部党员大会, 支委会, 党小组会, 党课, in EventCatalog's words.
    enum Meeting { PartyCongress, Committee, GroupMeeting, PartyLecture, MeetingKinds };
    struct Organisation
    {
        QString name;                 // the event's branch; "未注明" when staff left it empty
        int held[MeetingKinds] = {};  // sessions that have started, not cancelled
    };

    QList<Day> days;                  // oldest first, every day present (0 when nobody came)
    int rosterMembers = 0;            // 在册党员 on the roster
    int studyDone = 0;                // reached ReportBuilder::annualStudyHours this year
    int studyStarted = 0;             // some 学时, not yet all
    int studyNone = 0;                // none yet
    double studyTarget = 0;
    QList<Organisation> meetings;     // by name
    QDate quarterFrom;
    QDate quarterTo;
    bool ok = false;                  // false: a query failed (logged)

    static QString meetingKind(Meeting m); // 党员大会, 支委会, 党小组会, 党课
    static QDate quarterStart(const QDate &day);
    // `now` decides "held" (a session counts once it has started); `today` is its local date (the
    // kiosk's, as stored with every record, design.md §4).
    static StaffStatistics load(Database &db, const QDateTime &now, const QDate &today, int dayCount = 30);
};
