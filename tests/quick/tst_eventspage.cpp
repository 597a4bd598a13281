#include "checkincontroller.h"
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "eventscontroller.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "kioskharness.h"
#include "membercode.h"
#include "membersession.h"
#include "roster.h"
#include "scansource.h"
#include "storagethread.h"
#include "itemfinder.h"
#include "qmlwarningguard.h"
#include "windowtap.h"

#include <QDir>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 活动报名 offscreen, by tapping (issue 7): a member checks in and registers with one tap on
// the greeting, which then lists the registration; a second member identifies by phone number
// on the 活动报名 page and is waitlisted for the last seat; the first cancels; the second sees
// the promotion on their card.
class TestEventsPage : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    KioskConfig m_config;
    std::unique_ptr<KioskHarness> m_ui;
    QQuickWindow *m_window = nullptr;
    MemberSession *m_session = nullptr;
    CheckinController *m_checkin = nullptr;
    EventsController *m_events = nullptr;

    QString page() const { return m_window->property("currentPage").toString(); }
    void show(const QString &name) { QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)); }
    QQuickItem *item(const QString &name) const { return findItem(m_window, name); }
    QString text(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i ? i->property("text").toString() : QString();
    }
    bool shown(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible();
    }
    // Waits until the page stands still (a StackView ignores touches while it slides a page
    // in), renders a frame so the layouts are polished, scrolls the item into view and taps its
    // centre. The item is looked up again after each frame: the lists of cards are rebuilt
    // whenever the storage thread answers.
    void tap(const QString &name)
    {
        QPointer<QQuickItem> i = item(name);
        QVERIFY2(i && i->isVisible(), qPrintable(name));
        // The page's StackView (a modal of the page lives on the window, outside it).
        QQuickItem *stack = item(QStringLiteral("events")) ? item(QStringLiteral("events")) : i.data();
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QQuickItem *current = stack->property("currentItem").value<QQuickItem *>();
        QVERIFY(current);
        QTRY_COMPARE(current->mapToScene(QPointF(0, 0)).x(), 0.0);
        m_window->grabWindow();
        i = item(name);
        QVERIFY2(i && i->isVisible(), qPrintable(name));
        for (QQuickItem *p = i->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            QQuickItem *content = p->property("contentItem").value<QQuickItem *>();
            const QRectF r = i->mapRectToItem(content, QRectF(0, 0, i->width(), i->height()));
            const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - p->height());
            p->setProperty("contentY", std::clamp<qreal>(r.center().y() - p->height() / 2, 0, maxY));
            break;
        }
        m_window->grabWindow();
        i = item(name);
        QVERIFY2(i && i->isVisible(), qPrintable(name));
        const QPointF centre = i->mapToScene(QPointF(i->width() / 2, i->height() / 2));
        QVERIFY2(QRectF(0, 0, m_window->width(), m_window->height()).contains(centre), qPrintable(name));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    }

    // As a finger taps: at the control's centre on the window, refused (test fails) when the
    // control is off-screen or covered. Waits for the page to stand still and the control to be
    // there first; never scrolls for the member.
    void fingerTap(const QString &name)
    {
        QTRY_VERIFY2(shown(name), qPrintable(name));
        QQuickItem *stack = item(QStringLiteral("events")) ? item(QStringLiteral("events")) : item(name);
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QTRY_VERIFY2(WindowTap::whyNotTappable(m_window, item(name)).isEmpty(),
                     qPrintable(WindowTap::whyNotTappable(m_window, item(name))));
        QVERIFY_TAP(m_window, name);
    }
    QRectF sceneRect(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i ? i->mapRectToScene(QRectF(0, 0, i->width(), i->height())) : QRectF();
    }
    int outboxCount(const QString &kind) const
    {
        Database db(m_config.databasePath());
        if (!db.open())
            return -1;
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = ?"));
        q.addBindValue(kind);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

    // The card's status line (已报名 / 候补第 n 位 ...), found under the card.
    QString cardStatus(const QString &eventId) const
    {
        QQuickItem *card = item(QStringLiteral("eventCard-") + eventId);
        QQuickItem *status = card ? findItem(card, QStringLiteral("statusText")) : nullptr;
        return status ? status->property("text").toString() : QString();
    }
    void signInDirectly(const QString &id, const QString &name)
    {
        m_session->end();
        show(QStringLiteral("home"));
        m_session->begin(QStringLiteral("street-1"), id, name, QStringLiteral("幸福社区第一党支部"), false);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("content/events")));
        m_config = KioskHarness::config(m_dir.path());
        m_config.contentDir = m_dir.filePath(QStringLiteral("content"));
        m_config.resultScreenSeconds = 120; // the test, not a timer, decides when to leave

        // One seat left at 14:00 today, and one later this week.
        QFile events(m_dir.filePath(QStringLiteral("content/events/events.json")));
        QVERIFY(events.open(QIODevice::WriteOnly));
        events.write(R"({"format": 1, "events": [
            {"id": "ev-today", "title": "党课：学习党章", "kind": "党课", "start": "2026-07-01T14:00:00",
             "end": "2026-07-01T15:30:00", "place": "多功能厅", "capacity": 1},
            {"id": "ev-week", "title": "主题党日", "kind": "主题党日", "start": "2026-07-03T09:00:00",
             "end": "2026-07-03T11:00:00", "place": "二楼会议室", "capacity": 30}]})");
        events.close();

        {
            Database db(m_config.databasePath());
            QVERIFY(db.open());
            MemberCodeVerifier verifier(m_clock);
            CheckinService importer(db, verifier, m_clock, {m_config.centreId, m_config.kioskId, m_config.issuerId, true});
            QString error;
            const QList<RosterMember> roster = {
                {QStringLiteral("XF0001"), QStringLiteral("张三明"), QStringLiteral("13800001001"),
                 QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
                {QStringLiteral("XF0002"), QStringLiteral("李秀英"), QStringLiteral("13800001002"),
                 QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")}};
            QVERIFY2(importer.importRoster(roster, &error), qPrintable(error));
        }

        m_ui = std::make_unique<KioskHarness>(m_config, m_clock);
        QVERIFY(m_ui->window);
        m_window = m_ui->window;
        m_session = &m_ui->services().session();
        m_checkin = &m_ui->services().checkin();
        m_events = &m_ui->services().events();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_VERIFY(m_events->loaded());
    }

    void cleanupTestCase()
    {
        m_ui.reset();
    }

    void listGroupsTodayAndThisWeek()
    {
        show(QStringLiteral("events"));
        QTRY_COMPARE(page(), QStringLiteral("events"));
        QTRY_VERIFY(item(QStringLiteral("eventCard-ev-today")));
        QVERIFY(item(QStringLiteral("eventCard-ev-week")));
        const QVariantList events = m_events->events();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).toMap().value(QStringLiteral("groupTitle")).toString(), QStringLiteral("今天"));
        QCOMPARE(events.at(1).toMap().value(QStringLiteral("groupTitle")).toString(), QStringLiteral("本周"));
        QVERIFY(text(QStringLiteral("seatsText")).contains(QStringLiteral("剩余 1 个名额")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void registerFromTheGreeting()
    {
        show(QStringLiteral("scan"));
        QTRY_COMPARE(page(), QStringLiteral("scan"));
        m_checkin->lookupPhone(QStringLiteral("13800001001"));
        QTRY_COMPARE(m_checkin->matches().size(), 1);
        m_checkin->confirmManual(0);
        QTRY_VERIFY(shown(QStringLiteral("resultCard")));
        QTRY_VERIFY(shown(QStringLiteral("greetingRegister-ev-today")));
        tap(QStringLiteral("greetingRegister-ev-today"));
        QTRY_VERIFY(text(QStringLiteral("greetingEventResult")).contains(QStringLiteral("报名成功")));
        QTRY_VERIFY(shown(QStringLiteral("greetingRegistration")));
        QVERIFY(text(QStringLiteral("greetingRegistration")).contains(QStringLiteral("党课：学习党章")));
        QVERIFY(text(QStringLiteral("greetingRegistration")).contains(QStringLiteral("已报名")));
        QVERIFY(!item(QStringLiteral("greetingRegister-ev-today")) || !shown(QStringLiteral("greetingRegister-ev-today")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void secondMemberIdentifiesByPhoneAndIsWaitlisted()
    {
        m_session->end();
        show(QStringLiteral("events"));
        QTRY_COMPARE(page(), QStringLiteral("events"));
        QTRY_VERIFY(text(QStringLiteral("seatsText")).contains(QStringLiteral("名额已满")));
        tap(QStringLiteral("eventCard-ev-today"));
        QTRY_VERIFY(shown(QStringLiteral("identifyPhoneButton")));
        tap(QStringLiteral("identifyPhoneButton"));
        for (const QChar digit : QStringLiteral("13800001002"))
            tap(QStringLiteral("key-") + digit);
        QTRY_VERIFY(shown(QStringLiteral("identifyMatch")));
        tap(QStringLiteral("identifyMatch"));
        QTRY_VERIFY(m_session->active());
        QCOMPARE(m_session->memberId(), QStringLiteral("XF0002"));
        QTRY_VERIFY(shown(QStringLiteral("confirmRegisterButton")));
        tap(QStringLiteral("confirmRegisterButton"));
        QTRY_COMPARE(text(QStringLiteral("eventResultTitle")), QStringLiteral("已登记候补"));
        QVERIFY(text(QStringLiteral("eventResultMessage")).contains(QStringLiteral("候补第 1 位")));
        tap(QStringLiteral("eventResultOk"));
        QTRY_VERIFY(!shown(QStringLiteral("eventResult")));
        tap(QStringLiteral("backToListButton"));
        QTRY_COMPARE(cardStatus(QStringLiteral("ev-today")), QStringLiteral("候补第 1 位"));
        QVERIFY_NO_QML_WARNINGS();
    }

    void firstMemberCancelsAndTheWaitlistMovesUp()
    {
        signInDirectly(QStringLiteral("XF0001"), QStringLiteral("张三明"));
        show(QStringLiteral("events"));
        QTRY_COMPARE(cardStatus(QStringLiteral("ev-today")), QStringLiteral("已报名"));
        tap(QStringLiteral("eventCard-ev-today"));
        QTRY_VERIFY(shown(QStringLiteral("cancelRegistrationButton")));
        QVERIFY(!shown(QStringLiteral("confirmRegisterButton")));
        tap(QStringLiteral("cancelRegistrationButton"));
        tap(QStringLiteral("confirmCancelButton"));
        QTRY_COMPARE(text(QStringLiteral("eventResultTitle")), QStringLiteral("已取消报名"));
        tap(QStringLiteral("eventResultOk"));

        signInDirectly(QStringLiteral("XF0002"), QStringLiteral("李秀英"));
        show(QStringLiteral("events"));
        QTRY_COMPARE(page(), QStringLiteral("events"));
        QTRY_VERIFY(cardStatus(QStringLiteral("ev-today")).contains(QStringLiteral("由候补转为正式")));
        QVERIFY_NO_QML_WARNINGS();
    }

    // 报名, then 取消报名 by taps on the window: the undo is not where 确认报名 was, it asks first
    // (and "不取消" keeps the registration), its answer does not look like a registration, and
    // the cancellation is recorded once.
    void cancellingAsksFirstAndIsRecordedOnce()
    {
        signInDirectly(QStringLiteral("XF0001"), QStringLiteral("张三明"));
        show(QStringLiteral("events"));
        QTRY_COMPARE(page(), QStringLiteral("events"));
        const int cancelledBefore = outboxCount(QStringLiteral("registration_cancelled"));
        fingerTap(QStringLiteral("eventCard-ev-week"));
        fingerTap(QStringLiteral("confirmRegisterButton"));
        const QRectF registerAt = sceneRect(QStringLiteral("confirmRegisterButton"));
        QTRY_COMPARE(text(QStringLiteral("eventResultTitle")), QStringLiteral("报名成功"));
        QVERIFY(!shown(QStringLiteral("cancelledSeal")));
        fingerTap(QStringLiteral("eventResultOk"));
        QTRY_VERIFY(shown(QStringLiteral("cancelRegistrationButton")));
        QTRY_VERIFY(!sceneRect(QStringLiteral("cancelRegistrationButton")).intersects(registerAt));
        QVERIFY(shown(QStringLiteral("registeredText")));

        // Asked first; 不取消 keeps it.
        fingerTap(QStringLiteral("cancelRegistrationButton"));
        QTRY_VERIFY(shown(QStringLiteral("cancelConfirm")));
        QVERIFY(text(QStringLiteral("cancelConfirmText")).contains(QStringLiteral("主题党日")));
        QVERIFY(!WindowTap::whyNotTappable(m_window, item(QStringLiteral("backToListButton"))).isEmpty()); // modal
        fingerTap(QStringLiteral("keepRegistrationButton"));
        QTRY_VERIFY(!shown(QStringLiteral("cancelConfirm")));
        QCOMPARE(outboxCount(QStringLiteral("registration_cancelled")), cancelledBefore);

        fingerTap(QStringLiteral("cancelRegistrationButton"));
        fingerTap(QStringLiteral("confirmCancelButton"));
        QTRY_COMPARE(text(QStringLiteral("eventResultTitle")), QStringLiteral("已取消报名"));
        QCOMPARE(m_events->outcome(), EventsController::Outcome::Cancelled);
        QVERIFY(shown(QStringLiteral("cancelledSeal"))); // not the green tick of a registration
        if (qEnvironmentVariableIsSet("EVENTS_SHOTS_DIR"))
            m_window->grabWindow().save(qEnvironmentVariable("EVENTS_SHOTS_DIR") + QStringLiteral("/events-cancelled.png"));
        fingerTap(QStringLiteral("eventResultOk"));
        QTRY_COMPARE(outboxCount(QStringLiteral("registration_cancelled")), cancelledBefore + 1);
        QTRY_VERIFY(shown(QStringLiteral("confirmRegisterButton")));
        QVERIFY(!shown(QStringLiteral("cancelRegistrationButton")));
        QCOMPARE(outboxCount(QStringLiteral("registration_cancelled")), cancelledBefore + 1);
        fingerTap(QStringLiteral("backToListButton"));
        QVERIFY_NO_QML_WARNINGS();
    }

    void registrationClosedAtTheStart()
    {
        m_clock.set(QDateTime(QDate(2026, 7, 1), QTime(14, 0)));
        signInDirectly(QStringLiteral("XF0001"), QStringLiteral("张三明"));
        show(QStringLiteral("events"));
        QTRY_COMPARE(page(), QStringLiteral("events"));
        QTRY_VERIFY(item(QStringLiteral("eventCard-ev-today")));
        tap(QStringLiteral("eventCard-ev-today"));
        QTRY_VERIFY(shown(QStringLiteral("refusalText")));
        QVERIFY(text(QStringLiteral("refusalText")).contains(QStringLiteral("截止")));
        QVERIFY(!shown(QStringLiteral("confirmRegisterButton")));
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestEventsPage)
#include "tst_eventspage.moc"
