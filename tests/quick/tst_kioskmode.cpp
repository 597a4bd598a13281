#include "clock.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "kiosklockdown.h"
#include "layoutcheck.h"
#include "membersession.h"
#include "notifylistener.h"
#include "qmlwarningguard.h"
#include "startuperrorscreen.h"

#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

// The kiosk left alone and the kiosk under attack (issue 10): the attract screen after the idle
// timeout (today's announcements only, today's sessions, any touch leaves it), and the lockdown
// that ignores window close, Alt+F4, Ctrl+Q and Esc until the staff screen asks to exit.
class TestKioskMode : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;

    static void write(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(data), data.size());
    }

    // Content on 2026-07-01: one story in its dates, one notice that ended yesterday, one that
    // starts tomorrow; one session this afternoon.
    KioskConfig configWithContent(const QString &name)
    {
        KioskConfig c = KioskHarness::config(m_dir.filePath(name));
        c.contentDir = m_dir.filePath(name + QStringLiteral("/content"));
        write(QDir(c.contentDir).filePath(QStringLiteral("announcements/announcements.json")), R"({"format": 1, "announcements": [
            {"id": "story", "kind": "先进典型", "title": "老党员王秀兰的志愿服务", "text": "三十年如一日。",
             "show_from": "2026-06-01", "show_until": "2026-12-31"},
            {"id": "expired", "kind": "通知", "title": "六月党费收缴", "text": "已结束。",
             "show_from": "2026-06-01", "show_until": "2026-06-30"},
            {"id": "future", "kind": "通知", "title": "明天的通知", "text": "还没开始。",
             "show_from": "2026-07-02", "show_until": "2026-07-31"}]})");
        write(QDir(c.contentDir).filePath(QStringLiteral("events/events.json")), R"({"format": 1, "events": [
            {"id": "ztdr-07", "title": "七月主题党日", "kind": "主题党日", "start": "2026-07-01T14:00:00",
             "end": "2026-07-01T16:00:00", "place": "二楼会议室"}]})");
        return c;
    }

    static void tap(QQuickWindow *window, QPoint at)
    {
        QTest::mouseClick(window, Qt::LeftButton, {}, at);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void attractScreenAfterIdleShowsTodaysContent()
    {
        const KioskConfig c = configWithContent(QStringLiteral("attract"));
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 300));
        QVERIFY(ui.window);
        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
        // Nobody touches the home screen for the idle timeout: the attract screen covers it.
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("attract"), 5000);
        QQuickItem *attract = findItem(ui.window, QStringLiteral("attract"));
        QVERIFY(attract && attract->isVisible());
        QCOMPARE(attract->width(), ui.window->width());
        QCOMPARE(attract->height(), ui.window->height());
        QCOMPARE(findItem(attract, QStringLiteral("attractCentre"))->property("text").toString(),
                 QStringLiteral("幸福社区党群服务中心"));
        QCOMPARE(findItem(attract, QStringLiteral("attractInvite"))->property("text").toString(),
                 QStringLiteral("请触摸屏幕开始"));
        // Only the story within its dates: not the expired notice, not tomorrow's.
        QQuickItem *slides = findItem(attract, QStringLiteral("attractSlides"));
        QCOMPARE(slides->property("count").toInt(), 1);
        QTRY_VERIFY(findItem(slides, QStringLiteral("attractTitle")));
        QCOMPARE(findItem(slides, QStringLiteral("attractTitle"))->property("text").toString(),
                 QStringLiteral("老党员王秀兰的志愿服务"));
        // Today's session.
        QTRY_VERIFY(findItem(attract, QStringLiteral("attractEvent-ztdr-07")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void anyTouchReturnsHome()
    {
        const KioskConfig c = configWithContent(QStringLiteral("touch"));
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 300));
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("attract"), 5000);
        // A touch right where the 扫码签到 tile is underneath: home, and the tile is not pressed.
        QQuickItem *scanTile = findItem(ui.window, QStringLiteral("tile-scan"));
        QVERIFY(scanTile);
        const QPoint onTile = scanTile->mapToScene(QPointF(scanTile->width() / 2, scanTile->height() / 2)).toPoint();
        tap(ui.window, onTile);
        QCOMPARE(ui.page(), QStringLiteral("home"));
        QVERIFY(!findItem(ui.window, QStringLiteral("attract"))->isVisible());
        QVERIFY_NO_QML_WARNINGS();
    }

    void memberSessionEndsBeforeTheAttractScreen()
    {
        const KioskConfig c = configWithContent(QStringLiteral("session"));
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 300));
        ui.services().session().begin(QStringLiteral("street-1"), QStringLiteral("M1"), QStringLiteral("张三"),
                                      QStringLiteral("第一党支部"), false);
        ui.kiosk().setLargeType(true);
        ui.show(QStringLiteral("events"));
        QTRY_COMPARE(ui.page(), QStringLiteral("events"));
        // First timeout: the member's page, session and large type go; the empty home screen.
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("home"), 5000);
        QVERIFY(!ui.services().session().active());
        QVERIFY(!ui.kiosk().largeType());
        // Second: the attract screen.
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("attract"), 5000);
        QVERIFY_NO_QML_WARNINGS();
    }

    void shortcutsAndCloseAreIgnored()
    {
        const KioskConfig c = KioskHarness::config(m_dir.filePath(QStringLiteral("lockdown")));
        KioskHarness ui(c, m_clock);
        QVERIFY(ui.window);
        KioskLockdown lockdown(ui.window);
        QObject::connect(&ui.kiosk(), &Kiosk::exitApproved, &lockdown, &KioskLockdown::allowExit);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.show(QStringLiteral("events"));
        QTRY_COMPARE(ui.page(), QStringLiteral("events"));

        QTest::keyClick(ui.window, Qt::Key_F4, Qt::AltModifier);
        QTest::keyClick(ui.window, Qt::Key_Q, Qt::ControlModifier);
        QTest::keyClick(ui.window, Qt::Key_Escape);
        QCloseEvent close;
        QCoreApplication::sendEvent(ui.window, &close);
        QVERIFY(!close.isAccepted());
        QVERIFY(!ui.window->close()); // what a compositor's close button does
        QCOMPARE(lockdown.blockedCount(), 5);
        QTest::qWait(100);
        QVERIFY(ui.window->isVisible());
        QCOMPARE(ui.page(), QStringLiteral("events"));

        // Ordinary typing still reaches the kiosk (the filter eats only the escapes).
        QTest::keyClick(ui.window, Qt::Key_A);
        QCOMPARE(lockdown.blockedCount(), 5);

        // The staff screen's exit: now a close goes through.
        ui.kiosk().requestExit();
        QVERIFY(ui.kiosk().exitRequested());
        QCloseEvent allowed;
        QCoreApplication::sendEvent(ui.window, &allowed);
        QVERIFY(allowed.isAccepted());
        QVERIFY_NO_QML_WARNINGS();
    }

    void configErrorIsExplainedOnScreen()
    {
        // Under systemd (Type=notify) the page reports ready, so the service neither times out
        // nor restarts into the same error.
        const QByteArray socket = "@dangqun-kioskmode-" + QByteArray::number(QCoreApplication::applicationPid());
        NotifyListener systemd(socket);
        QVERIFY(systemd.ok());
        qputenv("NOTIFY_SOCKET", socket);
        StartupErrorScreen screen({QStringLiteral("kiosk/idle_timeout_s"), QStringLiteral("“3”无效：应为 10 到 3600 之间的整数")},
                                  QStringLiteral("/etc/dangqun-kiosk/kiosk.ini"));
        QVERIFY(screen.show(false));
        qunsetenv("NOTIFY_SOCKET");
        QQuickWindow *window = screen.window();
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QByteArray ready = systemd.next();
        QVERIFY2(ready.startsWith("READY=1\nSTATUS=") && ready.contains("kiosk/idle_timeout_s"), ready.constData());
        QCOMPARE(findItem(window, QStringLiteral("configErrorKey"))->property("text").toString(),
                 QStringLiteral("有误的配置项：kiosk/idle_timeout_s"));
        QVERIFY(findItem(window, QStringLiteral("configErrorProblem"))->property("text").toString().contains(
            QStringLiteral("10 到 3600")));
        QVERIFY(findItem(window, QStringLiteral("configErrorHelp"))->property("text").toString().contains(
            QStringLiteral("请联系服务中心工作人员")));
        const QStringList problems = LayoutCheck::problems(window, QStringLiteral("config error"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // Locked down like the kiosk: it stays up until the service is restarted.
        QTest::keyClick(window, Qt::Key_F4, Qt::AltModifier);
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
    }
};

// The Pinyin keyboard (issue 4) is set up before QTEST_MAIN creates the application.
static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);

QTEST_MAIN(TestKioskMode)
#include "tst_kioskmode.moc"
