#pragma once
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

class Clock;
class Database;

struct AuditEntry
{
    QString id;
    QString action;    // see AuditLog's constants
    QString detail;    // what was done, in words (file name, event title, ...)
    QDateTime time;    // local time
};

// Every staff action on the kiosk (issue 9): login, failed login, lockout, export, event change,
// sync now, exit. A row in audit_log plus an outbox record, in one transaction, so the office sees
// who did what on which kiosk even if the kiosk is later wiped. Not thread-safe: use on the thread
// that opened the Database.
class AuditLog
{
public:
    static inline const QString Login = QStringLiteral("login");
    static inline const QString LoginFailed = QStringLiteral("login_failed");
    static inline const QString Lockout = QStringLiteral("lockout");
    static inline const QString Logout = QStringLiteral("logout");
    static inline const QString Export = QStringLiteral("export");
    static inline const QString EventChange = QStringLiteral("event_change");
    static inline const QString SyncNow = QStringLiteral("sync_now");
    static inline const QString PrintCards = QStringLiteral("print_cards");
    static inline const QString Exit = QStringLiteral("exit");

    AuditLog(Database &db, const Clock &clock, QString centreId, QString kioskId);

    bool record(const QString &action, const QString &detail, QString *error = nullptr);
    // For callers already inside Database::transaction() (LoginGuard: the failure count and
    // its audit row are one change).
    bool append(QSqlDatabase &db, const QString &action, const QString &detail, QString *error);

    QList<AuditEntry> recent(int limit) const;

private:
    Database &m_db;
    const Clock &m_clock;
    QString m_centreId;
    QString m_kioskId;
};
