#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "eventreports.h"
#include "eventstore.h"
#include "membercode.h"
#include "outbox.h"
#include "roster.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <latch>

// Events and 报名 on a real SQLite file: every registration, cancellation and promotion a
// record with its outbox row; waitlist promotion in order; the distributed events import
// (changed, cancelled, withdrawn upstream); staff create/edit/cancel; attendance marked
// registered or walk-in; the 三会一课 overview; and two connections racing for the last seat.
class TestEventStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 2), QTime(9, 0))}; // a Wednesday
    const QDateTime m_start{QDate(2026, 12, 2), QTime(14, 0)};

    struct Fixture
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<EventStore> store;
    };

    Fixture make(QString *path = nullptr)
    {
        Fixture f;
        const QString file = m_dir.filePath(QStringLiteral("e%1.sqlite").arg(++m_n));
        if (path)
            *path = file;
        f.db = std::make_unique<Database>(file);
        if (!f.db->open())
            qFatal("database: %s", qPrintable(f.db->errorString()));
        f.store = std::make_unique<EventStore>(*f.db, m_clock, EventStoreSettings{QStringLiteral("c1"), QStringLiteral("k1")});
        return f;
    }

    EventInfo event(const QString &id, int capacity, bool openToFlowing = true)
    {
        EventInfo e;
        e.id = id;
        e.title = QStringLiteral("主题党日 ") + id;
        e.kind = QStringLiteral("主题党日");
        e.start = m_start;
        e.end = m_start.addSecs(7200);
        e.place = QStringLiteral("二楼会议室");
        e.capacity = capacity;
        e.openToFlowing = openToFlowing;
        e.organisation = QStringLiteral("第一党支部");
        return e;
    }

    static MemberRef member(const QString &id, bool flowing = false)
    {
        return {QStringLiteral("street-1"), id, QStringLiteral("党员") + id, QStringLiteral("第一党支部"), flowing};
    }

    static int count(Fixture &f, const QString &sql)
    {
        QSqlQuery q(f.db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static QString status(Fixture &f, const QString &eventId, const QString &memberId)
    {
        QSqlQuery q(f.db->connection());
        q.prepare(QStringLiteral("SELECT status FROM registrations WHERE event_id = ? AND member_id = ? "
                                 "ORDER BY rowid DESC LIMIT 1"));
        q.addBindValue(eventId);
        q.addBindValue(memberId);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init() { m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(9, 0))); }

    void registrationIsARecordWithItsOutboxRow()
    {
        Fixture f = make();
        QVERIFY(f.store->importDistributed({event(QStringLiteral("e1"), 2)}).ok);
        const RegistrationOutcome r = f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("m1")));
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.status, RegistrationStatus::Registered);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM registration_log")), 1);
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT o.kind, o.payload FROM outbox o JOIN registration_log l ON l.id = o.record_id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("registration"));
        const QString payload = q.value(1).toString();
        for (const char *key : {"registration_id", "event_id", "changed_utc", "local_date", "centre_id", "kiosk_id"})
            QVERIFY2(payload.contains(QLatin1String(key)), key);
        QVERIFY(payload.contains(r.recordId));
    }

    void doubleRegistrationRefusedWithoutARecord()
    {
        Fixture f = make();
        f.store->importDistributed({event(QStringLiteral("e1"), 2)});
        QVERIFY(f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("m1"))).ok);
        const RegistrationOutcome again = f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("m1")));
        QVERIFY(!again.ok);
        QCOMPARE(again.code, QStringLiteral("already_registered"));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox")), 1);
        // The database refuses a second active row even if a caller skipped the rule.
        QSqlQuery q(f.db->connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO registrations(id, event_id, issuer, member_id, name, organisation, "
                                       "kind, status, created_utc, local_date, updated_utc, centre_id, kiosk_id) "
                                       "VALUES('x', 'e1', 'street-1', 'm1', 'n', 'o', 'member', 'waitlisted', '', '', "
                                       "'', 'c1', 'k1')")));
    }

    void waitlistThenPromotionInOrderOnCancel()
    {
        Fixture f = make();
        f.store->importDistributed({event(QStringLiteral("e1"), 1)});
        QCOMPARE(f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("a"))).status,
                 RegistrationStatus::Registered);
        const RegistrationOutcome b = f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("b")));
        QCOMPARE(b.status, RegistrationStatus::Waitlisted);
        QCOMPARE(b.position, 1);
        const RegistrationOutcome c = f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("c")));
        QCOMPARE(c.position, 2);
        const MemberRef mc = member(QStringLiteral("c"));
        QCOMPARE(f.store->upcoming(m_clock.now(), &mc).first().myPosition, 2);

        m_clock.set(m_start.addSecs(-60)); // the last minute before the start
        const RegistrationOutcome cancel = f.store->cancelRegistration(QStringLiteral("e1"), member(QStringLiteral("a")));
        QVERIFY(cancel.ok);
        QCOMPARE(cancel.promoted, 1);
        QCOMPARE(status(f, QStringLiteral("e1"), QStringLiteral("a")), QStringLiteral("cancelled"));
        QCOMPARE(status(f, QStringLiteral("e1"), QStringLiteral("b")), QStringLiteral("registered"));
        QCOMPARE(status(f, QStringLiteral("e1"), QStringLiteral("c")), QStringLiteral("waitlisted"));
        QCOMPARE(f.store->upcoming(m_clock.now(), &mc).first().myPosition, 1);
        const MemberRef mb = member(QStringLiteral("b"));
        const EventListing lb = f.store->upcoming(m_clock.now(), &mb).first();
        QCOMPARE(lb.myStatus, RegistrationStatus::Registered);
        QVERIFY(lb.myPromoted);
        // registered a, waitlisted b, waitlisted c, cancelled a, promoted b: five records.
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox")), 5);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'registration_cancelled'")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'registration_promoted'")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox o LEFT JOIN registration_log l "
                                         "ON l.id = o.record_id WHERE l.id IS NULL")), 0);

        // At the start, cancelling is closed.
        m_clock.set(m_start);
        const RegistrationOutcome late = f.store->cancelRegistration(QStringLiteral("e1"), member(QStringLiteral("b")));
        QVERIFY(!late.ok);
        QCOMPARE(late.code, QStringLiteral("started"));
        const RegistrationOutcome lateRegistration =
            f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("d")));
        QCOMPARE(lateRegistration.code, QStringLiteral("started"));
    }

    void cancellingAWaitlistedPlacePromotesNobody()
    {
        Fixture f = make();
        f.store->importDistributed({event(QStringLiteral("e1"), 1)});
        f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("a")));
        f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("b")));
        f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("c")));
        const RegistrationOutcome r = f.store->cancelRegistration(QStringLiteral("e1"), member(QStringLiteral("b")));
        QVERIFY(r.ok);
        QCOMPARE(r.promoted, 0);
        QCOMPARE(status(f, QStringLiteral("e1"), QStringLiteral("c")), QStringLiteral("waitlisted"));
        // Registering again after cancelling: a new registration at the back of the queue.
        const RegistrationOutcome again = f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("b")));
        QCOMPARE(again.status, RegistrationStatus::Waitlisted);
        QCOMPARE(again.position, 2);
    }

    void flowingRefusedWhereClosed()
    {
        Fixture f = make();
        f.store->importDistributed({event(QStringLiteral("e1"), 5, false)});
        const RegistrationOutcome r =
            f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("f1"), true));
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("flowing"));
        QVERIFY(r.reason.contains(QStringLiteral("流动党员")));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM registrations")), 0);
    }

    void importUpdatesCancelsAndWithdraws()
    {
        Fixture f = make();
        EventInfo a = event(QStringLiteral("a"), 1);
        EventInfo b = event(QStringLiteral("b"), 5);
        EventInfo c = event(QStringLiteral("c"), 5);
        EventImportSummary s = f.store->importDistributed({a, b, c});
        QCOMPARE(s.added, 3);
        QCOMPARE(f.store->importDistributed({a, b, c}).updated, 0); // unchanged: nothing written
        f.store->registerMember(QStringLiteral("a"), member(QStringLiteral("m1")));
        f.store->registerMember(QStringLiteral("a"), member(QStringLiteral("m2")));
        f.store->registerMember(QStringLiteral("b"), member(QStringLiteral("m1")));
        f.store->registerMember(QStringLiteral("c"), member(QStringLiteral("m1")));

        a.capacity = 2;                 // raised upstream: the waitlist moves up
        a.place = QStringLiteral("一楼活动室");
        b.cancelled = true;             // cancelled upstream
        s = f.store->importDistributed({a, b}); // c withdrawn (gone before its start)
        QVERIFY(s.ok);
        QCOMPARE(s.updated, 2);
        QCOMPARE(s.cancelled, 2);
        QCOMPARE(s.promoted, 1);
        QCOMPARE(status(f, QStringLiteral("a"), QStringLiteral("m2")), QStringLiteral("registered"));
        QCOMPARE(f.store->event(QStringLiteral("a"))->place, QStringLiteral("一楼活动室"));
        QVERIFY(f.store->event(QStringLiteral("b"))->cancelled);
        QVERIFY(f.store->event(QStringLiteral("c"))->cancelled);
        // Registrations of cancelled events are kept and marked, and the member sees them.
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM registrations WHERE event_cancelled = 1 "
                                         "AND status = 'registered'")), 2);
        const MemberRef m1 = member(QStringLiteral("m1"));
        const QList<EventListing> mine = f.store->registrationsOn(m_start.date(), m1);
        QCOMPARE(mine.size(), 3);
        int cancelledSeen = 0;
        for (const EventListing &l : mine)
            cancelledSeen += l.event.cancelled ? 1 : 0;
        QCOMPARE(cancelledSeen, 2);
        // Someone without a registration does not see cancelled events at all.
        const MemberRef stranger = member(QStringLiteral("zz"));
        QCOMPARE(f.store->upcoming(m_clock.now(), &stranger).size(), 1);
        QCOMPARE(f.store->registerMember(QStringLiteral("b"), stranger).code, QStringLiteral("cancelled_event"));

        // Past events that drop out of the file are history, not withdrawals.
        m_clock.set(m_start.addDays(1));
        QCOMPARE(f.store->importDistributed({}).cancelled, 0);
        QVERIFY(!f.store->event(QStringLiteral("a"))->cancelled);
        // Un-cancelled upstream: the mark goes away.
        m_clock.set(m_start.addDays(-1));
        b.cancelled = false;
        f.store->importDistributed({a, b});
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM registrations WHERE event_id = 'b' AND event_cancelled = 0")), 1);
    }

    void staffCreateEditCancel()
    {
        Fixture f = make();
        QString error;
        EventInfo e = event(QString(), 1);
        e.kind = QStringLiteral("党课");
        std::optional<EventInfo> saved = f.store->saveStaffEvent(e, &error);
        QVERIFY2(saved, qPrintable(error));
        QVERIFY(saved->id.startsWith(QStringLiteral("kiosk-")));
        QCOMPARE(saved->source, QStringLiteral("kiosk"));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'event'")), 1);

        // Validation: a bad kind, end before start, an event already over.
        EventInfo bad = e;
        bad.kind = QStringLiteral("联欢会");
        QVERIFY(!f.store->saveStaffEvent(bad, &error));
        QVERIFY(error.contains(QStringLiteral("活动类型")));
        bad = e;
        bad.end = bad.start.addSecs(-60);
        QVERIFY(!f.store->saveStaffEvent(bad, &error));
        bad = e;
        bad.start = m_clock.now().addDays(-1);
        bad.end = m_clock.now().addSecs(-60);
        QVERIFY(!f.store->saveStaffEvent(bad, &error));
        QVERIFY(error.contains(QStringLiteral("已经结束")));

        // Edit: capacity raised promotes the waitlist; never below those registered.
        f.store->registerMember(saved->id, member(QStringLiteral("a")));
        f.store->registerMember(saved->id, member(QStringLiteral("b")));
        f.store->registerMember(saved->id, member(QStringLiteral("c")));
        EventInfo edit = *saved;
        edit.capacity = 2;
        QVERIFY2(f.store->saveStaffEvent(edit, &error), qPrintable(error));
        QCOMPARE(status(f, saved->id, QStringLiteral("b")), QStringLiteral("registered"));
        QCOMPARE(status(f, saved->id, QStringLiteral("c")), QStringLiteral("waitlisted"));
        edit.capacity = 1;
        QVERIFY(!f.store->saveStaffEvent(edit, &error));
        QVERIFY(error.contains(QStringLiteral("已报名人数")));

        // Distributed events are edited upstream only.
        f.store->importDistributed({event(QStringLiteral("share-1"), 3)});
        EventInfo shared = *f.store->event(QStringLiteral("share-1"));
        QVERIFY(!f.store->saveStaffEvent(shared, &error));
        QVERIFY(!f.store->cancelEvent(QStringLiteral("share-1"), &error));
        QVERIFY(error.contains(QStringLiteral("上级")));

        QVERIFY2(f.store->cancelEvent(saved->id, &error), qPrintable(error));
        QVERIFY(f.store->event(saved->id)->cancelled);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM registrations WHERE event_cancelled = 1")), 3);
        QVERIFY(!f.store->cancelEvent(saved->id, &error)); // already cancelled
        QVERIFY(!f.store->cancelEvent(QStringLiteral("nope"), &error));
    }

    void attendanceMarksRegisteredAndWalkIns()
    {
        Fixture f = make();
        f.store->importDistributed({event(QStringLiteral("e1"), 10)});
        f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("m1")));
        f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("m3"))); // will not come
        QList<RosterMember> roster;
        for (const char *id : {"m1", "m2", "m3"})
            roster << RosterMember{QString::fromLatin1(id), QStringLiteral("张三"), QStringLiteral("1380000000") + QLatin1Char(id[1]),
                                   QStringLiteral("第一党支部"), QStringLiteral("member")};
        MemberCodeVerifier verifier(m_clock);
        CheckinService checkin(*f.db, verifier, m_clock,
                               {QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("street-1"), true});
        QString error;
        QVERIFY2(checkin.importRoster(roster, &error), qPrintable(error));
        m_clock.set(m_start.addSecs(-30 * 60)); // the first minute of the check-in window
        const CheckinResult a = checkin.checkInManual(QStringLiteral("street-1"), QStringLiteral("m1"));
        QCOMPARE(a.eventId, QStringLiteral("e1"));
        QCOMPARE(a.eventRegistration, QStringLiteral("registered"));
        m_clock.set(m_start.addSecs(600));
        const CheckinResult b = checkin.checkInManual(QStringLiteral("street-1"), QStringLiteral("m2"));
        QCOMPARE(b.eventRegistration, QStringLiteral("walk_in"));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'checkin' AND "
                                         "json_extract(payload, '$.registration') = 'walk_in'")), 1);

        const QList<AttendanceRow> rows = EventReports(*f.db).attendance(QStringLiteral("e1"));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).memberId, QStringLiteral("m1"));
        QCOMPARE(rows.at(0).registration, QStringLiteral("registered"));
        QCOMPARE(rows.at(0).method, QStringLiteral("manual"));
        QCOMPARE(rows.at(1).registration, QStringLiteral("walk_in"));
        QCOMPARE(rows.at(2).memberId, QStringLiteral("m3"));
        QCOMPARE(rows.at(2).registration, QStringLiteral("no_show"));
        QVERIFY(!rows.at(2).checkedIn.isValid());
    }

    void regularOverviewPerOrganisation()
    {
        Fixture f = make();
        EventInfo ztdr = event(QStringLiteral("z"), 0); // 主题党日 of 第一党支部 today 14:00
        EventInfo dk = event(QStringLiteral("dk"), 0);
        dk.kind = QStringLiteral("党课");
        dk.start = QDateTime(QDate(2026, 10, 15), QTime(9, 0)); // earlier this quarter
        dk.end = dk.start.addSecs(3600);
        EventInfo zwh = event(QStringLiteral("zwh"), 0);
        zwh.kind = QStringLiteral("支委会");
        zwh.organisation = QStringLiteral("第二党支部");
        zwh.start = QDateTime(QDate(2026, 11, 20), QTime(9, 0)); // last month: does not count
        zwh.end = zwh.start.addSecs(3600);
        EventInfo cancelledDydh = event(QStringLiteral("dydh"), 0);
        cancelledDydh.kind = QStringLiteral("党员大会");
        cancelledDydh.start = QDateTime(QDate(2026, 12, 1), QTime(9, 0));
        cancelledDydh.end = cancelledDydh.start.addSecs(3600);
        cancelledDydh.cancelled = true;
        QVERIFY(f.store->importDistributed({ztdr, dk, zwh, cancelledDydh}).ok);

        auto find = [](const QList<RegularRow> &rows, const QString &org, const QString &kind) {
            for (const RegularRow &r : rows) {
                if (r.organisation == org && r.kind == kind)
                    return r;
            }
            return RegularRow{};
        };
        QList<RegularRow> rows = EventReports(*f.db).regularOverview(m_clock.now());
        QCOMPARE(rows.size(), 8); // two organisations x four kinds
        const QString first = QStringLiteral("第一党支部");
        const QString second = QStringLiteral("第二党支部");
        QCOMPARE(find(rows, first, QStringLiteral("主题党日")).state, RegularityRules::State::Scheduled);
        QCOMPARE(find(rows, first, QStringLiteral("主题党日")).period, QStringLiteral("2026年12月"));
        QCOMPARE(find(rows, first, QStringLiteral("党课")).state, RegularityRules::State::Held);
        QCOMPARE(find(rows, first, QStringLiteral("党课")).period, QStringLiteral("2026年第4季度"));
        QCOMPARE(find(rows, first, QStringLiteral("党员大会")).state, RegularityRules::State::NotHeld);
        QCOMPARE(find(rows, first, QStringLiteral("支委会")).state, RegularityRules::State::NotHeld);
        QCOMPARE(find(rows, second, QStringLiteral("支委会")).state, RegularityRules::State::NotHeld);

        m_clock.set(m_start); // the 主题党日 has begun: held
        rows = EventReports(*f.db).regularOverview(m_clock.now());
        QCOMPARE(find(rows, first, QStringLiteral("主题党日")).state, RegularityRules::State::Held);
        QCOMPARE(find(rows, first, QStringLiteral("主题党日")).events, 1);
    }

    // Two kiosks' worth of connections ask for the last seat at the same moment: BEGIN
    // IMMEDIATE serialises the decisions, so exactly one is registered and one waitlisted.
    void raceForTheLastSeat()
    {
        QString path;
        Fixture f = make(&path);
        f.store->importDistributed({event(QStringLiteral("e1"), 2)});
        QVERIFY(f.store->registerMember(QStringLiteral("e1"), member(QStringLiteral("first"))).ok);

        for (int round = 0; round < 20; ++round) {
            const QString eventId = QStringLiteral("race-%1").arg(round);
            f.store->importDistributed({event(QStringLiteral("e1"), 2), event(eventId, 1)});
            std::latch ready(2);
            RegistrationOutcome results[2];
            QList<QThread *> threads;
            for (int i = 0; i < 2; ++i) {
                threads << QThread::create([&, i] {
                    Database db(path);
                    if (!db.open())
                        return;
                    EventStore store(db, m_clock, {QStringLiteral("c1"), QStringLiteral("k%1").arg(i)});
                    ready.arrive_and_wait();
                    results[i] = store.registerMember(eventId, member(QStringLiteral("racer%1").arg(i)));
                });
                threads.last()->start();
            }
            for (QThread *t : threads) {
                QVERIFY(t->wait(30000));
                delete t;
            }
            QVERIFY2(results[0].ok && results[1].ok, qPrintable(results[0].reason + results[1].reason));
            QCOMPARE(int(results[0].status == RegistrationStatus::Registered)
                         + int(results[1].status == RegistrationStatus::Registered), 1);
            QCOMPARE(int(results[0].status == RegistrationStatus::Waitlisted)
                         + int(results[1].status == RegistrationStatus::Waitlisted), 1);
            QSqlQuery q(f.db->connection());
            q.prepare(QStringLiteral("SELECT status, count(*) FROM registrations WHERE event_id = ? GROUP BY status "
                                     "ORDER BY status"));
            q.addBindValue(eventId);
            QVERIFY(q.exec());
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("registered"));
            QCOMPARE(q.value(1).toInt(), 1);
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("waitlisted"));
            QCOMPARE(q.value(1).toInt(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
