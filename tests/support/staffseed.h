#pragma once
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>

class Database;
class FixedClock;

// A small, known story in a kiosk database for the staff exports (issue 9), written through the
// real services (check-in, 报到, events, quizzes, videos) so the exports read what a kiosk writes.
// Times are Beijing time; tests run with TZ=Asia/Shanghai so "local" is that too.
namespace StaffSeed {

inline const QString centre = QStringLiteral("c1");
inline const QString kiosk = QStringLiteral("k1");
inline const QString issuer = QStringLiteral("street-1");
inline const QString eventTitle = QStringLiteral("主题党日：学习党章");

// Must run before anything reads the time zone (a static initialiser in each test).
void useBeijingTime();
inline QDateTime beijing(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone(8 * 3600));
}

// The attendance the story makes, as the export shows it (name, member id, organisation, kind,
// Beijing time, event, method, centre, kiosk), in time order.
QList<QStringList> attendanceRows();

// Writes the story; `clock` is moved along and left at 2026-11-22 08:00.
bool seed(Database &db, FixedClock &clock, QString *error);

// The records of `db` as batches on `share` (records/...), merged into `centralPath` as
// `dangqun-admin merge` does.
bool mergeToCentral(Database &db, const QString &share, const QString &centralPath, QString *error);

// The story in `dir`/kiosk.sqlite, and merged into `dir`/central.sqlite through `dir`/share.
struct Databases
{
    QString kiosk;
    QString central;
};
bool seedBoth(const QString &dir, Databases *out, QString *error);

// audit_log's actions, oldest first.
QStringList auditActions(Database &db);

} // namespace StaffSeed
