// Staff entry (issue 9): the PIN hash, the lockout and its persistence, the audit rows.
#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "loginguard.h"
#include "pinhash.h"
#include "staffseed.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestStaff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    static QStringList auditActions(Database &db) { return StaffSeed::auditActions(db); }
    static int outboxCount(Database &db, const QString &kind)
    {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = ?"));
        q.addBindValue(kind);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private slots:
    void pinHashRoundTrip()
    {
        const QString hash = PinHash::hash(QStringLiteral("246810"));
        QVERIFY(hash.startsWith(QLatin1String("$argon2id$")));
        QVERIFY(!hash.contains(QLatin1String("246810")));
        QVERIFY(PinHash::looksLikeHash(hash));
        QVERIFY(PinHash::verify(hash, QStringLiteral("246810")));
        QVERIFY(!PinHash::verify(hash, QStringLiteral("246811")));
        QVERIFY(!PinHash::verify(hash, QString()));
        // Salted: the same PIN twice gives two different strings that both verify.
        const QString again = PinHash::hash(QStringLiteral("246810"));
        QVERIFY(again != hash);
        QVERIFY(PinHash::verify(again, QStringLiteral("246810")));
    }

    void pinRules()
    {
        QVERIFY(PinHash::isValidPin(QStringLiteral("1234")));
        QVERIFY(!PinHash::isValidPin(QStringLiteral("123")));
        QVERIFY(!PinHash::isValidPin(QStringLiteral("12a4")));
        QVERIFY(!PinHash::isValidPin(QStringLiteral("1234567890123")));
        QVERIFY(PinHash::hash(QStringLiteral("12")).isEmpty());
        QVERIFY(!PinHash::verify(QStringLiteral("not a hash"), QStringLiteral("1234")));
    }

    void lockoutGrowsAndSurvivesRestart()
    {
        const QString hash = PinHash::hash(QStringLiteral("1357"));
        FixedClock clock(QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC));
        {
            Database db(dbPath("guard.sqlite"));
            QVERIFY2(db.open(), qPrintable(db.errorString()));
            AuditLog audit(db, clock, QStringLiteral("c1"), QStringLiteral("k1"));
            LoginGuard guard(db, clock, audit);
            for (int i = 1; i < LoginGuard::MaxFailures; ++i) {
                const LoginAttempt a = guard.attempt(QStringLiteral("0000"), hash);
                QCOMPARE(a.outcome, LoginAttempt::Outcome::WrongPin);
                QCOMPARE(a.failuresLeft, LoginGuard::MaxFailures - i);
                QVERIFY(a.message.contains(QString::number(a.failuresLeft)));
            }
            const LoginAttempt fifth = guard.attempt(QStringLiteral("0000"), hash);
            QCOMPARE(fifth.outcome, LoginAttempt::Outcome::Locked);
            QCOMPARE(fifth.lockedSeconds, LoginGuard::lockDuration(1));
            // Locked: even the right PIN is not looked at.
            QCOMPARE(guard.attempt(QStringLiteral("1357"), hash).outcome, LoginAttempt::Outcome::Locked);
        }
        clock.advance(10'000);
        {
            // A restart (new connection, new guard) keeps the lock and its remaining time.
            Database db(dbPath("guard.sqlite"));
            QVERIFY(db.open());
            AuditLog audit(db, clock, QStringLiteral("c1"), QStringLiteral("k1"));
            LoginGuard guard(db, clock, audit);
            QCOMPARE(guard.lockedSeconds(), LoginGuard::lockDuration(1) - 10);
            QCOMPARE(guard.attempt(QStringLiteral("1357"), hash).outcome, LoginAttempt::Outcome::Locked);
            clock.advance(LoginGuard::lockDuration(1) * 1000);
            QCOMPARE(guard.lockedSeconds(), 0);
            // Five more wrong PINs: the second lock is longer than the first.
            LoginAttempt last;
            for (int i = 0; i < LoginGuard::MaxFailures; ++i)
                last = guard.attempt(QStringLiteral("9999"), hash);
            QCOMPARE(last.outcome, LoginAttempt::Outcome::Locked);
            QCOMPARE(last.lockedSeconds, LoginGuard::lockDuration(2));
            QVERIFY(LoginGuard::lockDuration(2) > LoginGuard::lockDuration(1));
            clock.advance(LoginGuard::lockDuration(2) * 1000);
            QVERIFY(guard.attempt(QStringLiteral("1357"), hash).ok());
            QCOMPARE(guard.failures(), 0);
            // A right PIN clears the history: the next lock is the short one again.
            for (int i = 0; i < LoginGuard::MaxFailures; ++i)
                last = guard.attempt(QStringLiteral("9999"), hash);
            QCOMPARE(last.lockedSeconds, LoginGuard::lockDuration(1));

            const QStringList actions = auditActions(db);
            QCOMPARE(actions.count(AuditLog::LoginFailed), 3 * LoginGuard::MaxFailures);
            QCOMPARE(actions.count(AuditLog::Lockout), 3);
            QCOMPARE(actions.count(AuditLog::Login), 1);
            QCOMPARE(outboxCount(db, QStringLiteral("audit")), actions.size());
        }
    }

    void lockDurationsAreCapped()
    {
        QCOMPARE(LoginGuard::lockDuration(1), 60);
        QCOMPARE(LoginGuard::lockDuration(3), 240);
        QCOMPARE(LoginGuard::lockDuration(50), 3600);
    }

    void noPinConfigured()
    {
        Database db(dbPath("nopin.sqlite"));
        QVERIFY(db.open());
        FixedClock clock(QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC));
        AuditLog audit(db, clock, QStringLiteral("c1"), QStringLiteral("k1"));
        LoginGuard guard(db, clock, audit);
        const LoginAttempt a = guard.attempt(QStringLiteral("1234"), QString());
        QCOMPARE(a.outcome, LoginAttempt::Outcome::NotConfigured);
        QVERIFY(a.message.contains(QLatin1String("set-pin")));
    }

    void auditRowForEachAction()
    {
        Database db(dbPath("audit.sqlite"));
        QVERIFY(db.open());
        FixedClock clock(QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC));
        AuditLog audit(db, clock, QStringLiteral("c1"), QStringLiteral("k1"));
        const QStringList actions = {AuditLog::Export, AuditLog::EventChange, AuditLog::SyncNow,
                                     AuditLog::PrintCards, AuditLog::Logout, AuditLog::Exit};
        for (const QString &a : actions) {
            clock.advance(1000);
            QVERIFY(audit.record(a, QStringLiteral("detail of ") + a));
        }
        QCOMPARE(auditActions(db), actions);
        const QList<AuditEntry> recent = audit.recent(2);
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.at(0).action, AuditLog::Exit);
        QCOMPARE(recent.at(0).detail, QStringLiteral("detail of exit"));
        QCOMPARE(recent.at(0).time, clock.now().toLocalTime());
        QCOMPARE(outboxCount(db, QStringLiteral("audit")), actions.size());
    }
};

QTEST_GUILESS_MAIN(TestStaff)
#include "tst_staff.moc"
