#include "clock.h"
#include "database.h"
#include "kioskkey.h"
#include "receiptservice.h"
#include "receiptverifier.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// What a receipt states comes from the kiosk's own records (issue 12): the check-in with its
// event and the day's 学时; the year's days, events by kind and video 学时, at this centre only.
class TestReceiptService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(2, 0), Qt::UTC)};
    const ReceiptSettings m_settings{QStringLiteral("c1"), QStringLiteral("幸福街道党群服务中心"), QStringLiteral("k1")};
    int m_n = 0;

    bool exec(const QString &sql, const QVariantList &values)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec();
    }

    bool checkin(const QString &mid, const QString &utc, const QString &eventId = {}, const QString &centre = QStringLiteral("c1"))
    {
        const QDateTime t = QDateTime::fromString(utc, Qt::ISODate);
        return exec(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, event_id, "
                                   "centre_id, kiosk_id, checked_utc, local_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"),
                    {QStringLiteral("ck-%1").arg(++m_n), QStringLiteral("district-9"), mid, QStringLiteral("欧阳晓明"),
                     QStringLiteral("外区支部"), QStringLiteral("flowing"), QStringLiteral("qr"),
                     eventId.isEmpty() ? QVariant() : QVariant(eventId), centre, QStringLiteral("k1"),
                     t.toString(Qt::ISODateWithMs), t.toLocalTime().date().toString(Qt::ISODate)});
    }

    bool event(const QString &id, const QString &title, const QString &kind)
    {
        return exec(QStringLiteral("INSERT INTO events(id, title, kind, start_utc, end_utc) VALUES (?,?,?,?,?)"),
                    {id, title, kind, QStringLiteral("2026-01-01T00:00:00Z"), QStringLiteral("2026-01-01T02:00:00Z")});
    }

    bool credit(const QString &video, double hours, const QString &date, const QString &centre = QStringLiteral("c1"))
    {
        return exec(QStringLiteral("INSERT INTO video_credits(id, issuer, member_id, name, video_id, title, credit, watched_ms, "
                                   "duration_ms, centre_id, kiosk_id, credited_utc, local_date) "
                                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                    {QStringLiteral("vc-%1").arg(++m_n), QStringLiteral("district-9"), QStringLiteral("M1"),
                     QStringLiteral("欧阳晓明"), video, video, hours, 1000, 1000, centre, QStringLiteral("k1"),
                     date + QStringLiteral("T01:00:00.000Z"), date});
    }

    ReceiptService service() { return ReceiptService(*m_db, m_clock, m_settings); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("kiosk.sqlite")));
        QVERIFY(m_db->open());
        QVERIFY(event(QStringLiteral("e1"), QStringLiteral("主题党日：学习贯彻二十届三中全会精神专题研讨会（第二场）"),
                      QStringLiteral("主题党日")));
        QVERIFY(event(QStringLiteral("e2"), QStringLiteral("党课"), QStringLiteral("党课")));
        QVERIFY(event(QStringLiteral("e3"), QStringLiteral("志愿服务"), QStringLiteral("志愿服务")));
        // This year: three days, two events (主题党日 twice on two days, 党课 once)...
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2026-03-01T01:00:00Z"), QStringLiteral("e1")));
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2026-03-01T06:00:00Z"), QStringLiteral("e2")));
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2026-11-27T01:30:00Z"), QStringLiteral("e1")));
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2026-06-10T01:00:00Z")));
        // ...and what must not count: last year, another centre, another member.
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2025-12-31T01:00:00Z"), QStringLiteral("e3")));
        QVERIFY(checkin(QStringLiteral("M1"), QStringLiteral("2026-05-05T01:00:00Z"), QStringLiteral("e3"), QStringLiteral("c2")));
        QVERIFY(checkin(QStringLiteral("M2"), QStringLiteral("2026-05-06T01:00:00Z"), QStringLiteral("e3")));
        QVERIFY(credit(QStringLiteral("v1"), 0.5, QStringLiteral("2026-11-27")));
        QVERIFY(credit(QStringLiteral("v2"), 1.25, QStringLiteral("2026-04-01")));
        QVERIFY(credit(QStringLiteral("v3"), 2, QStringLiteral("2025-04-01")));
        QVERIFY(credit(QStringLiteral("v4"), 3, QStringLiteral("2026-04-02"), QStringLiteral("c2")));
    }

    void attendanceOfToday()
    {
        QString error;
        const auto r = service().attendance(QStringLiteral("district-9"), QStringLiteral("M1"), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->kind, Receipt::Kind::Attendance);
        QCOMPARE(r->name, QStringLiteral("欧阳晓明"));
        QCOMPARE(r->time, QDateTime(QDate(2026, 11, 27), QTime(1, 30), Qt::UTC));
        QCOMPARE(r->eventKind, QStringLiteral("主题党日"));
        // The long title is cut to keep the QR small.
        QCOMPARE(r->eventTitle.size(), ReceiptService::MaxTitleCharacters);
        QVERIFY(r->eventTitle.endsWith(QStringLiteral("…")));
        QCOMPARE(*r->hours, 0.5);
        QCOMPARE(r->centreName, m_settings.centreName);
    }

    void attendanceOfARecord()
    {
        QString error;
        const auto r = service().attendance(QStringLiteral("district-9"), QStringLiteral("M1"), QStringLiteral("ck-2"), &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->eventTitle, QStringLiteral("党课"));
        QVERIFY(!r->hours); // nothing credited on 2026-03-01
        // Another member's record is not this member's receipt.
        QVERIFY(!service().attendance(QStringLiteral("district-9"), QStringLiteral("M2"), QStringLiteral("ck-2"), &error));
        QVERIFY(!error.isEmpty());
    }

    void noCheckinToday()
    {
        QString error;
        QVERIFY(!service().attendance(QStringLiteral("district-9"), QStringLiteral("M2"), {}, &error));
        QVERIFY(error.contains(QStringLiteral("签到")));
    }

    void annualSummary()
    {
        QString error;
        const auto r = service().annual(QStringLiteral("district-9"), QStringLiteral("M1"), &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->year, 2026);
        QCOMPARE(r->checkinDays, 3);
        const QList<QPair<QString, int>> events{{QStringLiteral("主题党日"), 1}, {QStringLiteral("党课"), 1}};
        QCOMPARE(r->eventsByKind, events); // e1 attended twice counts as one 主题党日 event
        QCOMPARE(r->videoHours, 1.75);
        QCOMPARE(r->videosWatched, 2);
        QCOMPARE(r->time, m_clock.now());

        // Signed and verified, it states the same.
        const auto key = KioskKey::loadOrCreate(m_dir.filePath(QStringLiteral("data")), QStringLiteral("c1"),
                                                QStringLiteral("k1"), &error);
        QVERIFY2(key, qPrintable(error));
        ReceiptVerifier v;
        v.addTrustedKiosk(QStringLiteral("c1"), QStringLiteral("k1"), key->publicKey());
        const ReceiptVerdict verdict = v.verify(key->sign(*r));
        QVERIFY2(verdict.ok(), qPrintable(verdict.reason));
        QCOMPARE(verdict.receipt, *r);
    }

    void annualWithNothingIsRefused()
    {
        QString error;
        QVERIFY(!service().annual(QStringLiteral("district-9"), QStringLiteral("nobody"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReceiptService)
#include "tst_receiptservice.moc"
