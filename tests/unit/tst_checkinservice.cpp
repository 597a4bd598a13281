#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "issuerkey.h"
#include "membercode.h"
#include "outbox.h"
#include "roster.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The check-in rules on a real SQLite file: one check-in a day, repeats answered with the first
// time, event binding, refusals recorded as failed scans (hash only), manual check-in, and every
// record with its outbox row.
class TestCheckinService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(9, 0))};
    IssuerKey m_local = IssuerKey::generate(QStringLiteral("street-1"));
    IssuerKey m_other = IssuerKey::generate(QStringLiteral("street-2"));
    IssuerKey m_stranger = IssuerKey::generate(QStringLiteral("street-1")); // same id, wrong key

    struct Fixture
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<MemberCodeVerifier> verifier;
        std::unique_ptr<CheckinService> service;
    };

    Fixture make(bool oncePerDay = true)
    {
        Fixture f;
        f.db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("k%1.sqlite").arg(++m_n)));
        if (!f.db->open())
            qFatal("database: %s", qPrintable(f.db->errorString()));
        f.verifier = std::make_unique<MemberCodeVerifier>(m_clock);
        f.verifier->addTrustedIssuer(m_local.issuer(), m_local.publicKey());
        f.verifier->addTrustedIssuer(m_other.issuer(), m_other.publicKey());
        f.service = std::make_unique<CheckinService>(
            *f.db, *f.verifier, m_clock,
            CheckinSettings{QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("street-1"), oncePerDay});
        return f;
    }

    QString code(const IssuerKey &key, const QString &mid, const QString &name,
                 MemberCode::Kind kind = MemberCode::Kind::Member)
    {
        MemberCode c;
        c.memberId = mid;
        c.name = name;
        c.org = QStringLiteral("幸福社区第一党支部");
        c.kind = kind;
        c.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QString error;
        const QString text = key.sign(c, &error);
        if (text.isEmpty())
            qFatal("sign: %s", qPrintable(error));
        return text;
    }

    static int count(Fixture &f, const QString &sql)
    {
        QSqlQuery q(f.db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static void addEvent(Fixture &f, const QString &id, const QDateTime &start, const QDateTime &end)
    {
        QSqlQuery q(f.db->connection());
        q.prepare(QStringLiteral("INSERT INTO events(id, title, kind, start_utc, end_utc) VALUES(?, ?, '主题党日', ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(QStringLiteral("11月主题党日"));
        q.addBindValue(start.toUTC().toString(Qt::ISODateWithMs));
        q.addBindValue(end.toUTC().toString(Qt::ISODateWithMs));
        QVERIFY(q.exec());
    }

private slots:
    void init() { m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(9, 0))); }

    void checksInOncePerDay()
    {
        Fixture f = make();
        const QString text = code(m_local, QStringLiteral("m001"), QStringLiteral("张三明"));
        const CheckinResult first = f.service->checkInCode(text);
        QCOMPARE(first.outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(first.name, QStringLiteral("张三明"));
        QCOMPARE(first.method, QStringLiteral("qr"));
        QVERIFY(!first.flowing);
        QVERIFY(!first.recordId.isEmpty());

        m_clock.advance(3 * 3600 * 1000); // 12:00
        const CheckinResult again = f.service->checkInCode(text);
        QCOMPARE(again.outcome, CheckinResult::Outcome::AlreadyCheckedIn);
        QCOMPARE(again.time.toString(QStringLiteral("HH:mm")), QStringLiteral("09:00"));
        QVERIFY(again.reason.contains(QStringLiteral("09:00")));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 1);
        QCOMPARE(Outbox(*f.db).pendingCount(), 1);

        m_clock.advance(24 * 3600 * 1000); // the next day
        QCOMPARE(f.service->checkInCode(text).outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 2);
        QCOMPARE(Outbox(*f.db).pendingCount(), 2);
    }

    void everyScanCountsWhenConfigured()
    {
        Fixture f = make(false);
        const QString text = code(m_local, QStringLiteral("m001"), QStringLiteral("张三明"));
        QCOMPARE(f.service->checkInCode(text).outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(f.service->checkInCode(text).outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 2);
    }

    void outboxRecordMatchesCheckin()
    {
        Fixture f = make();
        const CheckinResult r = f.service->checkInCode(code(m_local, QStringLiteral("m002"), QStringLiteral("李四")));
        const QList<OutboxEntry> pending = Outbox(*f.db).pending(10);
        QCOMPARE(pending.size(), 1);
        const OutboxRecord &rec = pending[0].record;
        QCOMPARE(rec.kind, QStringLiteral("checkin"));
        QCOMPARE(rec.recordId, r.recordId);
        QCOMPARE(rec.payload.value(QStringLiteral("member_id")).toString(), QStringLiteral("m002"));
        QCOMPARE(rec.payload.value(QStringLiteral("name")).toString(), QStringLiteral("李四"));
        QCOMPARE(rec.payload.value(QStringLiteral("method")).toString(), QStringLiteral("qr"));
        QCOMPARE(rec.payload.value(QStringLiteral("local_date")).toString(), QStringLiteral("2026-11-27"));
        QCOMPARE(rec.localDate, QDate(2026, 11, 27));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE id = '%1'").arg(r.recordId)), 1);
    }

    void otherIssuerAndFlowingKindAreFlowing()
    {
        Fixture f = make();
        const QString other = code(m_other, QStringLiteral("x9"), QStringLiteral("王五"));
        const QString flowing = code(m_local, QStringLiteral("f1"), QStringLiteral("赵六"), MemberCode::Kind::Flowing);
        // Not known here yet: 流动党员报到 first (issue 4), nothing recorded.
        for (const QString &text : {other, flowing}) {
            const CheckinResult r = f.service->checkInCode(text);
            QCOMPARE(r.outcome, CheckinResult::Outcome::NeedsReport);
            QVERIFY(r.flowing);
            QVERIFY(!r.name.isEmpty());
        }
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 0);
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO members(issuer, member_id, name, organisation, kind, source, "
                                      "updated_utc) VALUES('street-2', 'x9', '王五', '', 'flowing', 'report', ''), "
                                      "('street-1', 'f1', '赵六', '', 'flowing', 'report', '')")));
        QVERIFY(f.service->checkInCode(other).flowing);
        QVERIFY(f.service->checkInCode(flowing).flowing);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE kind = 'flowing'")), 2);
    }

    void refusalsAreRecordedAsFailedScansWithoutTheText()
    {
        Fixture f = make();
        const QString forged = code(m_stranger, QStringLiteral("m001"), QStringLiteral("张三明"));
        const CheckinResult r = f.service->checkInCode(forged);
        QCOMPARE(r.outcome, CheckinResult::Outcome::Refused);
        QCOMPARE(r.verdict, QStringLiteral("bad_signature"));
        QVERIFY(!r.reason.isEmpty());
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 0);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM failed_scans")), 1);
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(forged.toUtf8(), QCryptographicHash::Sha256).toHex());
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM failed_scans WHERE text_sha256 = '%1'").arg(hash)), 1);
        const OutboxEntry e = Outbox(*f.db).pending(1).constFirst();
        QCOMPARE(e.record.kind, QStringLiteral("failed_scan"));
        QVERIFY(!QString::fromUtf8(QJsonDocument(e.record.payload).toJson()).contains(QStringLiteral("张三明")));
    }

    void notAMemberCode()
    {
        Fixture f = make();
        const CheckinResult r = f.service->checkInCode(QStringLiteral("https://example.org/some/qr"));
        QCOMPARE(r.outcome, CheckinResult::Outcome::NotMemberCode);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM failed_scans WHERE verdict = 'not_member_code'")), 1);
    }

    void injectionAndEmojiAreData()
    {
        Fixture f = make();
        const QString evil = QStringLiteral("'; DROP TABLE members;--🙂");
        const CheckinResult r = f.service->checkInCode(code(m_local, QStringLiteral("m003"), evil));
        QCOMPARE(r.outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(r.name, evil);
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM checkins")) && q.next());
        QCOMPARE(q.value(0).toString(), evil);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM members")), 0); // table still there
    }

    void scanInEventWindowBindsToEvent()
    {
        Fixture f = make();
        const QDateTime start(QDate(2026, 11, 27), QTime(10, 0));
        addEvent(f, QStringLiteral("ev1"), start, start.addSecs(2 * 3600));
        const QString text = code(m_local, QStringLiteral("m001"), QStringLiteral("张三明"));

        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(9, 20))); // 40 min early: a plain visit
        const CheckinResult visit = f.service->checkInCode(text);
        QCOMPARE(visit.outcome, CheckinResult::Outcome::CheckedIn);
        QVERIFY(visit.eventId.isEmpty());

        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(9, 35))); // inside the 30-min lead
        const CheckinResult attend = f.service->checkInCode(text);
        QCOMPARE(attend.outcome, CheckinResult::Outcome::CheckedIn); // the visit does not swallow it
        QCOMPARE(attend.eventId, QStringLiteral("ev1"));
        QCOMPARE(attend.eventTitle, QStringLiteral("11月主题党日"));

        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(11, 0)));
        QCOMPARE(f.service->checkInCode(text).outcome, CheckinResult::Outcome::AlreadyCheckedIn);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE event_id = 'ev1'")), 1);

        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(12, 1))); // after the end: no binding
        QVERIFY(f.service->checkInCode(code(m_local, QStringLiteral("m009"), QStringLiteral("孙七"))).eventId.isEmpty());
    }

    void manualCheckinByPhone()
    {
        Fixture f = make();
        const RosterResult roster = Roster::fromCsv(
            "member_id,name,phone,organisation,kind\n"
            "m001,张三明,13812345678,第一党支部,member\n"
            "m002,李四,13900001111,第二党支部,member\n");
        QVERIFY2(roster.ok(), qPrintable(roster.errors.join(QLatin1Char('\n'))));
        QString error;
        QVERIFY2(f.service->importRoster(roster.members, &error), qPrintable(error));

        QVERIFY(f.service->membersByPhone(QStringLiteral("13000000000")).isEmpty());
        const QList<MemberMatch> found = f.service->membersByPhone(QStringLiteral("13812345678"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].name, QStringLiteral("张三明"));
        const CheckinResult r = f.service->checkInManual(found[0].issuer, found[0].memberId);
        QCOMPARE(r.outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(r.method, QStringLiteral("manual"));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE method = 'manual'")), 1);
        // The same member scanning later that day is a repeat, whatever the method.
        QCOMPARE(f.service->checkInCode(code(m_local, QStringLiteral("m001"), QStringLiteral("张三明"))).outcome,
                 CheckinResult::Outcome::AlreadyCheckedIn);
        QCOMPARE(f.service->checkInManual(QStringLiteral("street-1"), QStringLiteral("nobody")).outcome,
                 CheckinResult::Outcome::Refused);
    }
};

QTEST_GUILESS_MAIN(TestCheckinService)
#include "tst_checkinservice.moc"
