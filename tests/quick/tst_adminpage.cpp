// The staff screen, offscreen (issue 9): a 3-second press on the centre's name, a wrong PIN, the
// right PIN, today's figures, an export to the share's folder read back by openpyxl, the audit
// trail of it all, 退出终端, and the session ending on its own when left alone.
#include "admincontroller.h"
#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "issuerkey.h"
#include "itemfinder.h"
#include "kioskharness.h"
#include "membercardcodes.h"
#include "membercode.h"
#include "pinhash.h"
#include "qmlwarningguard.h"
#include "sharemarker.h"
#include "signedcodes.h"
#include "staffseed.h"
#include "xlsxreader.h"
#include "windowtap.h"
#include "membersession.h"

#include <QQuickWindow>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const bool beijing = (StaffSeed::useBeijingTime(), true);
}

class TestAdminPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    KioskConfig m_config;
    FixedClock m_clock{StaffSeed::beijing(2026, 11, 22, 10, 0)};
    std::unique_ptr<KioskHarness> m_ui;

    AdminController &admin() { return m_ui->services().admin(); }
    QQuickItem *item(const QString &name) const { return findItem(m_ui->window, name); }
    QString text(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i ? i->property("text").toString() : QString();
    }
    // The centre of a visible item, scrolled into its Flickable's view first.
    QPoint centreOf(const QString &name)
    {
        m_ui->window->grabWindow(); // polish the layouts
        QQuickItem *i = item(name);
        if (!i || !i->isVisible())
            return {-1, -1};
        for (QQuickItem *p = i->parentItem(); p; p = p->parentItem()) {
            if (p->inherits("QQuickFlickable")) {
                const qreal y = i->mapToItem(p->property("contentItem").value<QQuickItem *>(), QPointF()).y();
                const qreal most = qMax<qreal>(0, p->property("contentHeight").toReal() - p->height());
                p->setProperty("contentY", qBound<qreal>(0, y - p->height() / 3, most));
                m_ui->window->grabWindow();
                break;
            }
        }
        return i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint();
    }
    void tap(const QString &name)
    {
        const QPoint at = centreOf(name);
        QVERIFY2(QRect(0, 0, m_ui->window->width(), m_ui->window->height()).contains(at),
                 qPrintable(name + QStringLiteral(" at %1,%2").arg(at.x()).arg(at.y())));
        QTest::mouseClick(m_ui->window, Qt::LeftButton, {}, at);
    }
    // A StackView ignores touches while it slides a page in: wait for the admin page to stand.
    void waitForPageToSettle()
    {
        QQuickItem *page = item(QStringLiteral("admin"));
        QVERIFY(page);
        QQuickItem *stack = page->parentItem();
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QTRY_COMPARE(page->mapToScene(QPointF()).x(), 0.0);
    }
    void typePin(const QString &pin)
    {
        for (QChar d : pin)
            tap(QStringLiteral("key-") + d);
        tap(QStringLiteral("pinSubmit"));
    }
    QStringList auditActions() const
    {
        Database db(m_config.databasePath());
        return db.open() ? StaffSeed::auditActions(db) : QStringList{QStringLiteral("cannot open")};
    }
    QString shareExports() const { return QDir(m_config.sharePath).filePath(QStringLiteral("exports/c1")); }

private slots:
    void initTestCase()
    {
        // Known, not fixed (issue 17): the section StackLayout and its Flickable's contentHeight
        // polish each other twice, and Qt Quick Layouts stops the loop with this warning (the
        // page lays out; the tests below check what it shows).
        QmlWarningGuard::tolerate({QStringLiteral("AdminPage.qml"), QStringLiteral("Polish loop detected")});
        QVERIFY(beijing);
        m_config = KioskHarness::config(m_dir.path());
        m_config.adminPinHash = PinHash::hash(QStringLiteral("2468"));
        m_config.sharePath = m_dir.filePath(QStringLiteral("share"));
        m_config.contentDir = m_dir.filePath(QStringLiteral("content"));
        // The office's signed codes for two of the three roster members (打印党员证).
        const IssuerKey key = IssuerKey::generate(StaffSeed::issuer);
        QVERIFY(key.save(m_config.trustedIssuersDir));
        QStringList codes;
        codes << signedMemberCode(key, QStringLiteral("m001"), QStringLiteral("张三丰"))
              << signedMemberCode(key, QStringLiteral("m002"), QStringLiteral("李四光"));
        QVERIFY(QDir().mkpath(m_config.contentDir + QStringLiteral("/cards")));
        // A distributed roster with a bad row: 内容问题 must name it (the members stay as seeded).
        QVERIFY(QDir().mkpath(m_config.contentDir + QStringLiteral("/roster")));
        QFile roster(m_config.contentDir + QStringLiteral("/roster/roster.csv"));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write("member_id,name,phone,organisation,kind\nm009,赵九,12345,幸福社区第一党支部,member\n");
        roster.close();
        QFile cards(m_config.contentDir + QStringLiteral("/cards/member-codes.json"));
        QVERIFY(cards.open(QIODevice::WriteOnly));
        cards.write(MemberCardCodes::toJson(codes));
        cards.close();
        m_config.shareId = QStringLiteral("street-share");
        QDir().mkpath(m_config.sharePath);
        QFile marker(QDir(m_config.sharePath).filePath(ShareMarker::fileName()));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write(ShareMarker::content(m_config.shareId));
        marker.close();
        {
            Database db(m_config.databasePath());
            QVERIFY2(db.open(), qPrintable(db.errorString()));
            FixedClock seedClock(StaffSeed::beijing(2026, 11, 19, 8, 0));
            QString error;
            QVERIFY2(StaffSeed::seed(db, seedClock, &error), qPrintable(error));
        }
        m_ui = std::make_unique<KioskHarness>(m_config, m_clock);
        QVERIFY(m_ui->window);
        QVERIFY(QTest::qWaitForWindowExposed(m_ui->window));
    }

    void cleanupTestCase() { m_ui.reset(); }

    void shortPressDoesNothing()
    {
        QCOMPARE(m_ui->page(), QStringLiteral("home"));
        tap(QStringLiteral("staffEntry"));
        QTest::qWait(200); // a tap, not a hold: nothing is scheduled to happen
        QCOMPARE(m_ui->page(), QStringLiteral("home"));
    }

    void longPressOpensThePinPad()
    {
        // A member is still signed in when staff come: their banner must not stay above the
        // staff login, nor their data be one tap away.
        m_ui->services().session().begin(QStringLiteral("street-1"), QStringLiteral("m002"), QStringLiteral("李四光"),
                                         QStringLiteral("幸福社区第一党支部"), false);
        QTRY_VERIFY(item(QStringLiteral("sessionBanner")) && item(QStringLiteral("sessionBanner"))->isVisible());
        const QPoint at = centreOf(QStringLiteral("staffEntry"));
        QTest::mousePress(m_ui->window, Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->page(), QStringLiteral("admin"), 15000);
        QTest::mouseRelease(m_ui->window, Qt::LeftButton, {}, at);
        waitForPageToSettle();
        QVERIFY(!admin().loggedIn());
        QVERIFY(item(QStringLiteral("pinSubmit"))->isVisible());
        QVERIFY(!m_ui->services().session().active());
        QTRY_VERIFY(!item(QStringLiteral("sessionBanner"))->isVisible());
        QVERIFY(!item(QStringLiteral("noPinPanel"))->isVisible());
        QVERIFY_NO_QML_WARNINGS();
    }

    void wrongPinIsRefused()
    {
        typePin(QStringLiteral("1111"));
        QTRY_VERIFY_WITH_TIMEOUT(text(QStringLiteral("pinMessage")).contains(QStringLiteral("密码错误")), 20000);
        QVERIFY(text(QStringLiteral("pinMessage")).contains(QString::number(4))); // 4 tries left
        QVERIFY(!admin().loggedIn());
        QCOMPARE(m_ui->page(), QStringLiteral("admin"));
    }

    void rightPinOpensTheStaffScreen()
    {
        typePin(QStringLiteral("2468"));
        QTRY_VERIFY_WITH_TIMEOUT(admin().loggedIn(), 20000);
        // 今日 (2026-11-22): 张三丰 checked in at 08:00, nobody else.
        QTRY_COMPARE(admin().localToday(), 1);
        QCOMPARE(admin().flowingToday(), 0);
        QVERIFY(item(QStringLiteral("todayLocal"))->isVisible());
        // 今日 says who is here, not only how many: the member, masked, with the time.
        QTRY_COMPARE(admin().visitors()->count(), 1);
        QQuickItem *row = nullptr;
        QTRY_VERIFY((row = item(QStringLiteral("visitor-0"))) && row->isVisible());
        QCOMPARE(findItem(row, QStringLiteral("visitorName"))->property("text").toString(), QStringLiteral("张*丰"));
        QVERIFY(text(QStringLiteral("visitorsHeading")).contains(QStringLiteral("1 人")));
        if (qEnvironmentVariableIsSet("ADMIN_SHOTS_DIR"))
            m_ui->window->grabWindow().save(qEnvironmentVariable("ADMIN_SHOTS_DIR") + QStringLiteral("/admin-today.png"));
        QVERIFY_NO_QML_WARNINGS();
    }

    void exportToTheShareFolder()
    {
        tap(QStringLiteral("section-4"));
        // Real dates filled in (this month up to today), not grey examples that look real.
        QTRY_COMPARE(item(QStringLiteral("exportFromField"))->property("text").toString(), QStringLiteral("2026-11-01"));
        QCOMPARE(item(QStringLiteral("exportToField"))->property("text").toString(), QStringLiteral("2026-11-22"));
        QCOMPARE(item(QStringLiteral("exportFromField"))->property("placeholderText").toString(), QString());
        QTRY_VERIFY(!admin().targets().isEmpty());
        QCOMPARE(admin().targets().constFirst().toMap().value(QStringLiteral("path")).toString(), shareExports());
        tap(QStringLiteral("exportKind-0"));   // 签到记录
        tap(QStringLiteral("exportFormat-0")); // Excel
        tap(QStringLiteral("exportTarget-0")); // 共享文件夹
        tap(QStringLiteral("exportStart"));
        QTRY_VERIFY_WITH_TIMEOUT(text(QStringLiteral("exportMessage")).startsWith(QStringLiteral("已导出")), 30000);
        QVERIFY(!admin().exporting());
        const QStringList files = QDir(shareExports()).entryList({QStringLiteral("*.xlsx")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.constFirst(), QStringLiteral("签到记录_2026-11-01_至_2026-11-22.xlsx"));
        const XlsxContent x = readXlsx(QDir(shareExports()).filePath(files.constFirst()));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(reportBody(x.sheets.value(0).rows), StaffSeed::attendanceRows());
        QTRY_VERIFY(auditActions().contains(AuditLog::Export));
        QVERIFY_NO_QML_WARNINGS();
    }

    void contentProblemsNameTheRosterRow()
    {
        tap(QStringLiteral("section-3"));
        QTRY_VERIFY(text(QStringLiteral("contentProblems")).contains(QStringLiteral("处问题")));
        QTRY_VERIFY(text(QStringLiteral("rosterProblem")).contains(QStringLiteral("roster.csv")));
        QVERIFY_NO_QML_WARNINGS();
    }

    // 打印党员证: one PDF with the two members whose signed codes the office sent, once.
    void printCardsToTheShareFolder()
    {
        tap(QStringLiteral("section-4"));
        QTRY_VERIFY(!admin().targets().isEmpty());
        tap(QStringLiteral("exportTarget-0"));
        tap(QStringLiteral("printCards"));
        QTRY_VERIFY_WITH_TIMEOUT(text(QStringLiteral("cardsMessage")).startsWith(QStringLiteral("已生成 2 张党员证")), 20000);
        QCOMPARE(QDir(shareExports()).entryList({QStringLiteral("党员证-*.pdf")}, QDir::Files).size(), 1);
        QTRY_VERIFY(auditActions().contains(AuditLog::PrintCards));
        tap(QStringLiteral("printCards"));
        QTRY_VERIFY(text(QStringLiteral("cardsMessage")).startsWith(QStringLiteral("没有可打印的党员证")));
        QCOMPARE(QDir(shareExports()).entryList({QStringLiteral("党员证-*.pdf")}, QDir::Files).size(), 1);
        QVERIFY_NO_QML_WARNINGS();
    }

    void eventChangesAreAudited()
    {
        QSignalSpy changed(&admin(), &AdminController::eventsChanged);
        admin().saveEvent({{QStringLiteral("title"), QStringLiteral("党课：廉洁自律")},
                           {QStringLiteral("kind"), QStringLiteral("党课")},
                           {QStringLiteral("date"), QStringLiteral("2026-11-25")},
                           {QStringLiteral("start"), QStringLiteral("14:00")},
                           {QStringLiteral("end"), QStringLiteral("15:30")},
                           {QStringLiteral("place"), QStringLiteral("二楼会议室")}});
        QTRY_VERIFY(admin().eventMessage().startsWith(QStringLiteral("已保存")));
        QTRY_VERIFY(auditActions().contains(AuditLog::EventChange));
        QString id;
        QTRY_VERIFY([&] {
            for (const QVariant &e : admin().events()) {
                if (e.toMap().value(QStringLiteral("title")) == QStringLiteral("党课：廉洁自律"))
                    id = e.toMap().value(QStringLiteral("id")).toString();
            }
            return !id.isEmpty();
        }());
        admin().cancelEvent(id);
        QTRY_COMPARE(auditActions().count(AuditLog::EventChange), 2);
        // A bad time is refused with a sentence, and nothing is written.
        admin().saveEvent({{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("date"), QStringLiteral("明天")}});
        QVERIFY(admin().eventMessage().contains(QStringLiteral("日期")));
        QCOMPARE(auditActions().count(AuditLog::EventChange), 2);
    }

    void exitIsAuditedThenRequested()
    {
        QSignalSpy exit(&admin(), &AdminController::exitRequested);
        tap(QStringLiteral("exitKiosk"));
        // A modal: the page's controls behind it cannot be tapped, its own buttons can.
        QTRY_VERIFY(item(QStringLiteral("exitConfirmDialog"))->isVisible());
        QVERIFY(!WindowTap::whyNotTappable(m_ui->window, item(QStringLiteral("section-0"))).isEmpty());
        if (qEnvironmentVariableIsSet("ADMIN_SHOTS_DIR"))
            m_ui->window->grabWindow().save(qEnvironmentVariable("ADMIN_SHOTS_DIR") + QStringLiteral("/admin-exit.png"));
        QVERIFY_TAP(m_ui->window, QStringLiteral("exitConfirm"));
        QVERIFY(exit.wait(10000));
        const QStringList actions = auditActions();
        QCOMPARE(actions.count(AuditLog::LoginFailed), 1);
        QCOMPARE(actions.count(AuditLog::Login), 1);
        QCOMPARE(actions.last(), AuditLog::Exit);
    }

    void sessionEndsWhenLeftAlone()
    {
        admin().setIdleTimeoutMs(300);
        admin().touch();
        QTRY_VERIFY_WITH_TIMEOUT(!admin().loggedIn(), 10000);
        QTRY_COMPARE(m_ui->page(), QStringLiteral("home"));
        QTRY_VERIFY(auditActions().contains(AuditLog::Logout));
        QVERIFY_NO_QML_WARNINGS();
    }

    // A kiosk without a PIN: no PIN pad to type into, one line on how to set one.
    void noPinNoPinPad()
    {
        m_ui.reset();
        KioskConfig c = KioskHarness::config(m_dir.path(), KioskConfig::Orientation::Landscape, QStringLiteral("nopin"));
        QVERIFY(c.adminPinHash.isEmpty());
        KioskHarness ui(c, m_clock);
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.show(QStringLiteral("admin"));
        QTRY_COMPARE(ui.page(), QStringLiteral("admin"));
        QQuickItem *panel = nullptr;
        QTRY_VERIFY((panel = findItem(ui.window, QStringLiteral("noPinPanel"))) && panel->isVisible());
        QQuickItem *pin = findItem(ui.window, QStringLiteral("pinSubmit"));
        QVERIFY(!pin || !pin->isVisible());
        QQuickItem *key = findItem(ui.window, QStringLiteral("key-1"));
        QVERIFY(!key || !key->isVisible());
        QQuickItem *hint = findItem(ui.window, QStringLiteral("noPinHint"));
        QVERIFY(hint->property("text").toString().contains(QStringLiteral("set-pin")));
        QCOMPARE(hint->property("lineCount").toInt(), 1);
        QQuickItem *stack = findItem(ui.window, QStringLiteral("admin"));
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool()); // a sliding StackView ignores touches
        QTRY_VERIFY(WindowTap::whyNotTappable(ui.window, findItem(ui.window, QStringLiteral("noPinBack"))).isEmpty());
        if (qEnvironmentVariableIsSet("ADMIN_SHOTS_DIR"))
            ui.window->grabWindow().save(qEnvironmentVariable("ADMIN_SHOTS_DIR") + QStringLiteral("/admin-nopin.png"));
        QVERIFY_TAP(ui.window, QStringLiteral("noPinBack"));
        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestAdminPage)
#include "tst_adminpage.moc"
