#pragma once
#include <QSqlDatabase>
#include <QString>

class AuditLog;
class Clock;
class Database;

struct LoginAttempt
{
    enum class Outcome { Ok, WrongPin, Locked, NotConfigured, StorageError };
    Outcome outcome = Outcome::StorageError;
    int failuresLeft = 0;     // wrong PINs still allowed before the next lock
    qint64 lockedSeconds = 0; // when locked: how long until the keypad accepts a PIN again
    QString message;          // Chinese, for the keypad
    bool ok() const { return outcome == Outcome::Ok; }
};

// Guards the admin PIN (issue 9): after MaxFailures wrong PINs in a row entry is locked, each lock
// longer than the last (lockDuration), and the count survives a restart because it lives in the
// database: pulling the plug must not buy a guesser five more tries. A right PIN clears it all.
// Every attempt is audited in the same transaction as the count. Not thread-safe.
class LoginGuard
{
public:
    static constexpr int MaxFailures = 5;

    LoginGuard(Database &db, const Clock &clock, AuditLog &audit);

    // Verifies `pin` against `pinHash` (PinHash) unless entry is locked; records the outcome.
    LoginAttempt attempt(const QString &pin, const QString &pinHash);
    // Seconds until entry is possible again; 0 when not locked.
    qint64 lockedSeconds() const;
    int failures() const;

    // 1 min, 2, 4, 8, ... capped at an hour: a staff member who mistyped waits a little; a
    // guesser gets about 24 tries a day.
    static qint64 lockDuration(int lockouts);
    static QString lockedMessage(qint64 seconds);

private:
    struct State
    {
        int failures = 0;
        int lockouts = 0;
        QString lockedUntilUtc;
    };
    static State load(const QSqlDatabase &db);

    Database &m_db;
    const Clock &m_clock;
    AuditLog &m_audit;
};
