#pragma once
#include <QDate>
#include <QList>
#include <QPair>
#include <QString>

class Database;

// The 今日 section of the staff screen: today's check-ins (本地 / 流动), who they are (masked),
// per event, and the refused scans by reason, from this kiosk's database.
// One person checked in today, as the staff screen lists them (name masked, design.md §4).
struct TodayVisitor
{
    QString maskedName;
    QString organisation;
    bool flowing = false;
    QString time;       // local HH:mm of their first check-in today
    QString eventTitle; // the event they checked in to, or empty
};

struct TodaySummary
{
    int local = 0;
    int flowing = 0;
    QList<QPair<QString, int>> perEvent;     // event title, check-ins
    QList<QPair<QString, int>> failedScans;  // reason (Chinese), count
    QList<TodayVisitor> visitors;            // who is here today, latest first, one row per person

    static TodaySummary load(Database &db, const QDate &day);
    static QString verdictLabel(const QString &verdict); // bad_signature -> 签名无效, ...
};
