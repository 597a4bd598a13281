#include "checkinrules.h"
#include "eventcatalog.h"
#include "registrationrules.h"

#include <QTest>

// The 报名 rules and events.json (issue 7), with a fixed "now" and the boundary minutes:
// registration and cancellation close at the start, capacity then waitlist, promotion in order,
// no double registration, 流动党员 refused with a reason where an event is closed to them, the
// page's today/this week/later grouping and the 三会一课 periods.
class TestEventRules : public QObject
{
    Q_OBJECT

private:
    // 2026-12-02 is a Wednesday.
    const QDateTime m_start{QDate(2026, 12, 2), QTime(14, 0)};

    EventInfo event(int capacity = 2, bool openToFlowing = true)
    {
        EventInfo e;
        e.id = QStringLiteral("ev-1");
        e.title = QStringLiteral("12月主题党日");
        e.kind = QStringLiteral("主题党日");
        e.start = m_start;
        e.end = m_start.addSecs(2 * 3600);
        e.capacity = capacity;
        e.openToFlowing = openToFlowing;
        return e;
    }
    QDateTime minutesBefore(int m) const { return m_start.addSecs(-60 * m); }

private slots:
    void registrationClosesAtTheStart()
    {
        const EventInfo e = event();
        const auto before = RegistrationRules::canRegister(e, minutesBefore(1), false, RegistrationStatus::None, 0);
        QVERIFY(before.allowed);
        QCOMPARE(before.status, RegistrationStatus::Registered);
        const auto lastSecond = RegistrationRules::canRegister(e, m_start.addSecs(-1), false, RegistrationStatus::None, 0);
        QVERIFY(lastSecond.allowed);
        const auto atStart = RegistrationRules::canRegister(e, m_start, false, RegistrationStatus::None, 0);
        QVERIFY(!atStart.allowed);
        QCOMPARE(atStart.code, QStringLiteral("started"));
        QVERIFY(atStart.reason.contains(QStringLiteral("截止")));
        QVERIFY(!RegistrationRules::canRegister(e, m_start.addSecs(60), false, RegistrationStatus::None, 0).allowed);
        QVERIFY(!RegistrationRules::canRegister(e, e.end.addSecs(60), false, RegistrationStatus::None, 0).allowed);
    }

    void capacityThenWaitlist()
    {
        const EventInfo e = event(2);
        QCOMPARE(RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::None, 1).status,
                 RegistrationStatus::Registered);
        const auto full = RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::None, 2);
        QVERIFY(full.allowed);
        QCOMPARE(full.status, RegistrationStatus::Waitlisted);
        QCOMPARE(full.code, QStringLiteral("waitlisted"));
        // More registered than seats (capacity lowered upstream): still the waitlist.
        QCOMPARE(RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::None, 3).status,
                 RegistrationStatus::Waitlisted);
        // No limit.
        QCOMPARE(RegistrationRules::canRegister(event(0), minutesBefore(60), false, RegistrationStatus::None, 500).status,
                 RegistrationStatus::Registered);
    }

    void seatsLeft()
    {
        QCOMPARE(RegistrationRules::seatsLeft(0, 10), -1);
        QCOMPARE(RegistrationRules::seatsLeft(5, 3), 2);
        QCOMPARE(RegistrationRules::seatsLeft(5, 5), 0);
        QCOMPARE(RegistrationRules::seatsLeft(5, 7), 0);
    }

    void noDoubleRegistration()
    {
        const EventInfo e = event();
        const auto again = RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::Registered, 1);
        QVERIFY(!again.allowed);
        QCOMPARE(again.code, QStringLiteral("already_registered"));
        const auto waiting = RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::Waitlisted, 2);
        QVERIFY(!waiting.allowed);
        QCOMPARE(waiting.code, QStringLiteral("already_waitlisted"));
        // After cancelling, registering again is a new registration.
        QVERIFY(RegistrationRules::canRegister(e, minutesBefore(60), false, RegistrationStatus::Cancelled, 0).allowed);
    }

    void flowingMembersWhereClosed()
    {
        const EventInfo closed = event(10, false);
        const auto refused = RegistrationRules::canRegister(closed, minutesBefore(60), true, RegistrationStatus::None, 0);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.code, QStringLiteral("flowing"));
        QVERIFY(refused.reason.contains(QStringLiteral("流动党员")));
        QVERIFY(RegistrationRules::canRegister(closed, minutesBefore(60), false, RegistrationStatus::None, 0).allowed);
        QVERIFY(RegistrationRules::canRegister(event(10, true), minutesBefore(60), true, RegistrationStatus::None, 0).allowed);
    }

    void cancelledEventRefusesRegistration()
    {
        EventInfo e = event();
        e.cancelled = true;
        const auto d = RegistrationRules::canRegister(e, minutesBefore(600), false, RegistrationStatus::None, 0);
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, QStringLiteral("cancelled_event"));
    }

    void cancelUntilTheStart()
    {
        const EventInfo e = event();
        const auto ok = RegistrationRules::canCancel(e, minutesBefore(1), RegistrationStatus::Registered);
        QVERIFY(ok.allowed);
        QCOMPARE(ok.status, RegistrationStatus::Cancelled);
        QVERIFY(RegistrationRules::canCancel(e, m_start.addSecs(-1), RegistrationStatus::Waitlisted).allowed);
        const auto atStart = RegistrationRules::canCancel(e, m_start, RegistrationStatus::Registered);
        QVERIFY(!atStart.allowed);
        QCOMPARE(atStart.code, QStringLiteral("started"));
        QVERIFY(!RegistrationRules::canCancel(e, m_start.addSecs(60), RegistrationStatus::Registered).allowed);
        const auto none = RegistrationRules::canCancel(e, minutesBefore(60), RegistrationStatus::None);
        QCOMPARE(none.code, QStringLiteral("not_registered"));
        QVERIFY(!RegistrationRules::canCancel(e, minutesBefore(60), RegistrationStatus::Cancelled).allowed);
    }

    void promotionInOrder()
    {
        const EventInfo e = event(3);
        const QStringList waiting = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QCOMPARE(RegistrationRules::promotions(e, minutesBefore(10), 2, waiting), QStringList{QStringLiteral("a")});
        QCOMPARE(RegistrationRules::promotions(e, minutesBefore(10), 1, waiting),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(RegistrationRules::promotions(e, minutesBefore(10), 3, waiting).isEmpty());
        QVERIFY(RegistrationRules::promotions(e, minutesBefore(10), 4, waiting).isEmpty());
        // Unlimited now: everyone waiting.
        QCOMPARE(RegistrationRules::promotions(event(0), minutesBefore(10), 9, waiting), waiting);
        // From the start on, a freed seat is of no use to anyone: no promotion.
        QCOMPARE(RegistrationRules::promotions(e, m_start.addSecs(-1), 0, waiting).size(), 3);
        QVERIFY(RegistrationRules::promotions(e, m_start, 0, waiting).isEmpty());
        EventInfo cancelled = e;
        cancelled.cancelled = true;
        QVERIFY(RegistrationRules::promotions(cancelled, minutesBefore(10), 0, waiting).isEmpty());
    }

    void grouping()
    {
        const QDateTime now(QDate(2026, 12, 2), QTime(8, 0)); // Wednesday
        QCOMPARE(RegistrationRules::group(QDateTime(QDate(2026, 12, 2), QTime(23, 59)), now), QStringLiteral("today"));
        QCOMPARE(RegistrationRules::group(QDateTime(QDate(2026, 12, 3), QTime(0, 0)), now), QStringLiteral("week"));
        QCOMPARE(RegistrationRules::group(QDateTime(QDate(2026, 12, 6), QTime(23, 59)), now), QStringLiteral("week"));
        QCOMPARE(RegistrationRules::group(QDateTime(QDate(2026, 12, 7), QTime(0, 0)), now), QStringLiteral("later"));
        // On a Sunday, tomorrow is already next week.
        const QDateTime sunday(QDate(2026, 12, 6), QTime(8, 0));
        QCOMPARE(RegistrationRules::group(QDateTime(QDate(2026, 12, 7), QTime(9, 0)), sunday), QStringLiteral("later"));
    }

    void checkinWindowBoundaries()
    {
        // The binding rule the attendance relies on (CheckinRules::eventAt): 30 min before to the end.
        const EventInfo e = event();
        const QList<EventWindow> w{{e.id, e.title, e.kind, e.start, e.end, false}};
        QVERIFY(!CheckinRules::eventAt(minutesBefore(31), w));
        QVERIFY(CheckinRules::eventAt(minutesBefore(30), w));
        QVERIFY(CheckinRules::eventAt(e.end, w));
        QVERIFY(!CheckinRules::eventAt(e.end.addSecs(60), w));
    }

    void periods()
    {
        using R = RegularityRules;
        const auto month = R::periodContaining(QDate(2026, 2, 14), R::Cadence::Monthly);
        QCOMPARE(month.first, QDate(2026, 2, 1));
        QCOMPARE(month.last, QDate(2026, 2, 28));
        QCOMPARE(month.label, QStringLiteral("2026年2月"));
        const auto q3 = R::periodContaining(QDate(2026, 9, 30), R::Cadence::Quarterly);
        QCOMPARE(q3.first, QDate(2026, 7, 1));
        QCOMPARE(q3.last, QDate(2026, 9, 30));
        QCOMPARE(q3.label, QStringLiteral("2026年第3季度"));
        QCOMPARE(R::periodContaining(QDate(2026, 10, 1), R::Cadence::Quarterly).first, QDate(2026, 10, 1));
        QCOMPARE(R::expectations().size(), 4);
    }

    void heldScheduledNotHeld()
    {
        using R = RegularityRules;
        const auto period = R::periodContaining(m_start.date(), R::Cadence::Monthly);
        EventInfo e = event();
        QCOMPARE(R::state({e}, period, minutesBefore(1)), R::State::Scheduled);
        QCOMPARE(R::state({e}, period, m_start), R::State::Held);
        QCOMPARE(R::state({}, period, m_start), R::State::NotHeld);
        EventInfo cancelled = e;
        cancelled.cancelled = true;
        QCOMPARE(R::state({cancelled}, period, m_start.addDays(1)), R::State::NotHeld);
        EventInfo lastMonth = e;
        lastMonth.start = QDateTime(QDate(2026, 11, 30), QTime(23, 59));
        lastMonth.end = lastMonth.start.addSecs(60);
        QCOMPARE(R::state({lastMonth}, period, m_start), R::State::NotHeld);
        QCOMPARE(R::stateName(R::State::NotHeld), QStringLiteral("not_held"));
    }

    void catalogParses()
    {
        const QByteArray json = R"({"format": 1, "events": [
            {"id": "2026-12-ztdr", "title": "12月主题党日", "kind": "主题党日",
             "start": "2026-12-05T09:00:00+08:00", "end": "2026-12-05T11:00:00+08:00",
             "place": "二楼会议室", "capacity": 40, "open_to_flowing": false,
             "description": "学习党章", "organisation": "幸福社区第一党支部"},
            {"id": "dk-1", "title": "党课", "kind": "党课", "start": "2026-12-06T14:00", "end": "2026-12-06T15:30",
             "cancelled": true}
        ]})";
        const EventCatalogResult r = EventCatalog::parse(json);
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.events.size(), 2);
        const EventInfo &a = r.events.at(0);
        QCOMPARE(a.start.toUTC(), QDateTime(QDate(2026, 12, 5), QTime(1, 0), Qt::UTC));
        QCOMPARE(a.capacity, 40);
        QVERIFY(!a.openToFlowing);
        QCOMPARE(a.organisation, QStringLiteral("幸福社区第一党支部"));
        const EventInfo &b = r.events.at(1);
        QCOMPARE(b.start, QDateTime(QDate(2026, 12, 6), QTime(14, 0))); // no offset: local time
        QCOMPARE(b.capacity, 0);
        QVERIFY(b.openToFlowing);
        QVERIFY(b.cancelled);
        // A bare array is accepted too.
        QCOMPARE(EventCatalog::parse(R"([{"id":"x","title":"t","kind":"党课","start":"2026-12-06T14:00",
                                        "end":"2026-12-06T15:00"}])").events.size(), 1);
    }

    void catalogRefusesBadEvents_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QString>("problem");
        const QByteArray ok = R"("id":"e1","title":"t","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T15:00")";
        QTest::newRow("unknown kind") << QByteArray(R"({"id":"e1","title":"t","kind":"联欢会","start":"2026-12-06T14:00","end":"2026-12-06T15:00"})")
                                      << QStringLiteral("活动类型");
        QTest::newRow("end before start") << QByteArray(R"({"id":"e1","title":"t","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T13:00"})")
                                          << QStringLiteral("结束时间必须晚于");
        QTest::newRow("equal times") << QByteArray(R"({"id":"e1","title":"t","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T14:00"})")
                                     << QStringLiteral("结束时间必须晚于");
        QTest::newRow("bad time") << QByteArray(R"({"id":"e1","title":"t","kind":"党课","start":"明天","end":"2026-12-06T15:00"})")
                                  << QStringLiteral("开始时间无效");
        QTest::newRow("no title") << QByteArray(R"({"id":"e1","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T15:00"})")
                                  << QStringLiteral("title");
        QTest::newRow("bad id") << QByteArray(R"({"id":"a b","title":"t","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T15:00"})")
                                << QStringLiteral("编号");
        QTest::newRow("negative capacity") << QByteArray("{" + ok + R"(,"capacity":-3})") << QStringLiteral("名额");
        QTest::newRow("fractional capacity") << QByteArray("{" + ok + R"(,"capacity":2.5})") << QStringLiteral("整数");
        QTest::newRow("flowing not bool") << QByteArray("{" + ok + R"(,"open_to_flowing":"yes"})") << QStringLiteral("true 或 false");
        QTest::newRow("unknown key") << QByteArray("{" + ok + R"(,"colour":"red"})") << QStringLiteral("未知字段");
    }
    void catalogRefusesBadEvents()
    {
        QFETCH(QByteArray, event);
        QFETCH(QString, problem);
        const QByteArray json = R"({"events":[)" + event + "]}";
        const EventCatalogResult r = EventCatalog::parse(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.problems.join(u'\n').contains(problem), qPrintable(r.problems.join(u'\n')));
        QVERIFY(r.problems.first().startsWith(QStringLiteral("第 1 个活动")));
    }

    void catalogRefusesBrokenFiles()
    {
        QVERIFY(!EventCatalog::parse("{not json").ok());
        QVERIFY(!EventCatalog::parse(R"({"format": 2, "events": []})").ok());
        QVERIFY(!EventCatalog::parse(R"({"items": []})").ok());
        const EventCatalogResult dup = EventCatalog::parse(R"({"events":[
            {"id":"e1","title":"t","kind":"党课","start":"2026-12-06T14:00","end":"2026-12-06T15:00"},
            {"id":"e1","title":"u","kind":"党课","start":"2026-12-07T14:00","end":"2026-12-07T15:00"}]})");
        QCOMPARE(dup.events.size(), 1);
        QVERIFY(dup.problems.join(u'\n').contains(QStringLiteral("重复")));
        QVERIFY(EventCatalog::load(QStringLiteral("/nonexistent/events.json")).ok()); // none published yet
    }

    void sampleFileIsValid()
    {
        const EventCatalogResult r =
            EventCatalog::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/events/events.json"));
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u'\n')));
        QVERIFY(r.events.size() >= 5);
    }
};

QTEST_GUILESS_MAIN(TestEventRules)
#include "tst_eventrules.moc"
