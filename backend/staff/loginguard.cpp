#include "loginguard.h"
#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "pinhash.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

QDateTime parseUtc(const QString &s)
{
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs);
}

} // namespace

LoginGuard::LoginGuard(Database &db, const Clock &clock, AuditLog &audit) : m_db(db), m_clock(clock), m_audit(audit)
{
}

qint64 LoginGuard::lockDuration(int lockouts)
{
    const int doublings = qBound(0, lockouts - 1, 6);
    return qMin<qint64>(60LL << doublings, 3600);
}

QString LoginGuard::lockedMessage(qint64 seconds)
{
    const qint64 minutes = (seconds + 59) / 60;
    return QStringLiteral("密码错误次数过多，请 %1 分钟后再试").arg(minutes);
}

LoginGuard::State LoginGuard::load(const QSqlDatabase &db)
{
    State s;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT failures, lockouts, locked_until_utc FROM admin_guard WHERE id = 1")) && q.next()) {
        s.failures = q.value(0).toInt();
        s.lockouts = q.value(1).toInt();
        s.lockedUntilUtc = q.value(2).toString();
    }
    return s;
}

int LoginGuard::failures() const
{
    return load(m_db.connection()).failures;
}

qint64 LoginGuard::lockedSeconds() const
{
    const QDateTime until = parseUtc(load(m_db.connection()).lockedUntilUtc);
    if (!until.isValid())
        return 0;
    const qint64 ms = m_clock.now().msecsTo(until);
    return ms > 0 ? (ms + 999) / 1000 : 0;
}

LoginAttempt LoginGuard::attempt(const QString &pin, const QString &pinHash)
{
    LoginAttempt a;
    if (pinHash.isEmpty()) {
        a.outcome = LoginAttempt::Outcome::NotConfigured;
        a.message = QStringLiteral("本机未设置管理密码，请用 dangqun-admin set-pin 设置");
        return a;
    }
    if (const qint64 left = lockedSeconds(); left > 0) {
        a.outcome = LoginAttempt::Outcome::Locked;
        a.lockedSeconds = left;
        a.message = lockedMessage(left);
        return a;
    }
    // The slow hash runs outside the write transaction: check-ins wait for nobody.
    const bool right = PinHash::verify(pinHash, pin);
    State s;
    const QDateTime now = m_clock.now();
    const bool saved = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        s = load(db); // inside the write lock: two keypads cannot both use the same try
        if (right) {
            s = State{};
        } else {
            ++s.failures;
            if (s.failures >= MaxFailures) {
                ++s.lockouts;
                s.failures = 0;
                a.lockedSeconds = lockDuration(s.lockouts);
                s.lockedUntilUtc = now.addSecs(a.lockedSeconds).toUTC().toString(Qt::ISODateWithMs);
            }
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO admin_guard(id, failures, lockouts, locked_until_utc, updated_utc) "
                                 "VALUES(1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, "
                                 "lockouts = excluded.lockouts, locked_until_utc = excluded.locked_until_utc, "
                                 "updated_utc = excluded.updated_utc"));
        q.addBindValue(s.failures);
        q.addBindValue(s.lockouts);
        q.addBindValue(s.lockedUntilUtc.isEmpty() ? QStringLiteral("") : s.lockedUntilUtc); // NOT NULL column
        q.addBindValue(now.toUTC().toString(Qt::ISODateWithMs));
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        if (right)
            return m_audit.append(db, AuditLog::Login, QString(), error);
        if (!m_audit.append(db, AuditLog::LoginFailed, QString(), error))
            return false;
        return a.lockedSeconds == 0
            || m_audit.append(db, AuditLog::Lockout, QStringLiteral("%1 s").arg(a.lockedSeconds), error);
    });
    if (!saved) {
        // Refuse entry: a guard that cannot count must not let anyone in uncounted.
        qCWarning(lcStorage).noquote() << "login attempt not recorded:" << m_db.errorString();
        a.outcome = LoginAttempt::Outcome::StorageError;
        a.lockedSeconds = 0;
        a.message = QStringLiteral("系统暂时无法验证密码，请稍后再试");
        return a;
    }
    if (right) {
        a.outcome = LoginAttempt::Outcome::Ok;
        return a;
    }
    if (a.lockedSeconds > 0) {
        a.outcome = LoginAttempt::Outcome::Locked;
        a.message = lockedMessage(a.lockedSeconds);
        qCWarning(lcStorage) << "admin entry locked for" << a.lockedSeconds << "s";
        return a;
    }
    a.outcome = LoginAttempt::Outcome::WrongPin;
    a.failuresLeft = MaxFailures - s.failures;
    a.message = QStringLiteral("密码错误，还可尝试 %1 次").arg(a.failuresLeft);
    return a;
}
