#include "clock.h"
#include "database.h"
#include "kioskkey.h"
#include "membersession.h"
#include "receiptcontroller.h"
#include "receiptverifier.h"
#include "storagethread.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The receipt on screen, without QML (issue 12): made on the storage thread for the member of the
// session, signed with the kiosk's key, gone when the member leaves.
class TestReceiptController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(2, 0), Qt::UTC)};
    const ReceiptSettings m_settings{QStringLiteral("c1"), QStringLiteral("幸福街道党群服务中心"), QStringLiteral("k1")};
    std::optional<KioskKey> m_key;

    QString dbPath() const { return m_dir.filePath(QStringLiteral("kiosk.sqlite")); }

    static bool settle(ReceiptController &c)
    {
        return QTest::qWaitFor([&] { return !c.busy(); }, 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Database db(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, centre_id, kiosk_id, "
                "checked_utc, local_date) VALUES ('ck1', 'district-9', 'M1', '欧阳晓明', '外区支部', 'flowing', 'qr', "
                "'c1', 'k1', '2026-11-27T01:30:00.000Z', '2026-11-27')")));
        QString error;
        m_key = KioskKey::loadOrCreate(m_dir.filePath(QStringLiteral("data")), QStringLiteral("c1"), QStringLiteral("k1"), &error);
        QVERIFY2(m_key, qPrintable(error));
    }

    void attendanceForTheSessionMember()
    {
        StorageThread storage(dbPath());
        MemberSession session;
        ReceiptController c(m_clock, storage, &session, m_settings, m_key);
        QVERIFY(c.available());
        session.begin(QStringLiteral("district-9"), QStringLiteral("M1"), QStringLiteral("欧阳晓明"), QStringLiteral("外区支部"), true);
        QSignalSpy changed(&c, &ReceiptController::changed);
        c.requestAttendance();
        QVERIFY(c.shown());
        QVERIFY(settle(c));
        QVERIFY2(c.error().isEmpty(), qPrintable(c.error()));
        QCOMPARE(c.title(), QStringLiteral("签到回执"));
        QVERIFY(c.lines().contains(QStringLiteral("欧**明同志"))); // masked on screen
        QVERIFY(!c.lines().join(u' ').contains(QStringLiteral("欧阳晓明")));

        ReceiptVerifier v;
        v.addTrustedKiosk(QStringLiteral("c1"), QStringLiteral("k1"), m_key->publicKey());
        const ReceiptVerdict verdict = v.verify(c.text());
        QVERIFY2(verdict.ok(), qPrintable(verdict.reason));
        QCOMPARE(verdict.receipt.name, QStringLiteral("欧阳晓明"));

        // The member leaves: nothing of theirs stays on the screen.
        session.end();
        QVERIFY(!c.shown());
        QVERIFY(c.text().isEmpty());
        QVERIFY(c.lines().isEmpty());
        storage.stop();
    }

    void annualForTheSessionMember()
    {
        StorageThread storage(dbPath());
        MemberSession session;
        ReceiptController c(m_clock, storage, &session, m_settings, m_key);
        session.begin(QStringLiteral("district-9"), QStringLiteral("M1"), QStringLiteral("欧阳晓明"), QStringLiteral("外区支部"), true);
        c.requestAnnual();
        QVERIFY(settle(c));
        QCOMPARE(c.title(), QStringLiteral("2026 年度汇总回执"));
        QVERIFY(c.text().startsWith(QLatin1String("DQR1.")));
        QVERIFY(c.lines().join(u'\n').contains(QStringLiteral("签到 1 天")));
        storage.stop();
    }

    void refusedWithAReason()
    {
        StorageThread storage(dbPath());
        MemberSession session;
        {
            ReceiptController c(m_clock, storage, &session, m_settings, m_key);
            c.requestAttendance(); // nobody checked in
            QVERIFY(c.shown());
            QVERIFY(c.text().isEmpty());
            QVERIFY(c.error().contains(QStringLiteral("签到")));

            session.begin(QStringLiteral("street-1"), QStringLiteral("M9"), QStringLiteral("张三"), QStringLiteral("一支部"), false);
            c.requestAttendance(); // in a session, but no check-in today
            QVERIFY(settle(c));
            QVERIFY(c.text().isEmpty());
            QVERIFY(!c.error().isEmpty());
        }
        ReceiptController keyless(m_clock, storage, &session, m_settings, std::nullopt, QStringLiteral("no key"));
        QVERIFY(!keyless.available());
        keyless.requestAttendance();
        QVERIFY(keyless.text().isEmpty());
        QVERIFY(!keyless.error().isEmpty());
        storage.stop();
    }
};

QTEST_GUILESS_MAIN(TestReceiptController)
#include "tst_receiptcontroller.moc"
