#pragma once
#include <QDate>
#include <QList>
#include <QPair>
#include <QString>

class Database;

// The 今日 section of the staff screen: today's check-ins (本地 / 流动), per event, and the
// refused scans by reason, from this kiosk's database.
struct TodaySummary
{
    int local = 0;
    int flowing = 0;
    QList<QPair<QString, int>> perEvent;     // event title, check-ins
    QList<QPair<QString, int>> failedScans;  // reason (Chinese), count

    static TodaySummary load(Database &db, const QDate &day);
    static QString verdictLabel(const QString &verdict); // bad_signature -> 签名无效, ...
};
