// The staff 统计 section (issue 19), offscreen: signed in, the section reached by tapping its
// button, the three Qt Charts drawn from the seeded numbers, no QML warnings; the rendering is
// saved as a PNG (STATS_PNG_DIR, else the test's temp folder) for a person to look at.
// Qt Charts draws through the widgets module: this test links it, so QTEST_MAIN makes the
// QApplication the kiosk itself runs (app/main.cpp).
#include "admincontroller.h"
#include "clock.h"
#include "database.h"
#include "itemfinder.h"
#include "kioskharness.h"
#include "pinhash.h"
#include "qmlwarningguard.h"
#include "staffseed.h"
#include "statscontroller.h"

#include <QApplication>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const bool beijing = (StaffSeed::useBeijingTime(), true);
}

class TestAdminStats : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FixedClock m_clock{StaffSeed::beijing(2026, 11, 22, 10, 0)};

    // Pixels of `colour` (within a small tolerance) inside `item` as rendered, every second pixel
    // of every second row.
    static int pixelsOf(const QImage &shot, QQuickItem *item, QColor colour)
    {
        const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height())) & QRectF(shot.rect());
        int n = 0;
        for (int y = int(r.top()); y < int(r.bottom()) && y < shot.height(); y += 2) {
            for (int x = int(r.left()); x < int(r.right()) && x < shot.width(); x += 2) {
                const QColor c = shot.pixelColor(x, y);
                n += qAbs(c.red() - colour.red()) < 12 && qAbs(c.green() - colour.green()) < 12
                    && qAbs(c.blue() - colour.blue()) < 12;
            }
        }
        return n;
    }

private slots:
    void initTestCase() { QVERIFY(beijing); }

    void drawsTheThreeCharts_data()
    {
        QTest::addColumn<bool>("landscape");
        QTest::newRow("portrait") << false;
        QTest::newRow("landscape") << true;
    }
    void drawsTheThreeCharts()
    {
        QFETCH(bool, landscape);
        QVERIFY(qobject_cast<QApplication *>(QCoreApplication::instance()));
        const QString root = m_dir.filePath(landscape ? QStringLiteral("landscape") : QStringLiteral("portrait"));
        KioskConfig config = KioskHarness::config(
            root, landscape ? KioskConfig::Orientation::Landscape : KioskConfig::Orientation::Portrait);
        config.adminPinHash = PinHash::hash(QStringLiteral("2468"));
        {
            Database db(config.databasePath());
            QVERIFY2(db.open(), qPrintable(db.errorString()));
            FixedClock seedClock(StaffSeed::beijing(2026, 11, 19, 8, 0));
            QString error;
            QVERIFY2(StaffSeed::seed(db, seedClock, &error), qPrintable(error));
            QVERIFY2(StaffSeed::seedStatistics(db, &error), qPrintable(error));
        }
        KioskHarness ui(config, m_clock);
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        AdminController &admin = ui.services().admin();
        ui.show(QStringLiteral("admin"));
        QTRY_COMPARE(ui.page(), QStringLiteral("admin"));
        admin.login(QStringLiteral("2468"));
        QTRY_VERIFY_WITH_TIMEOUT(admin.loggedIn(), 30000);
        QVERIFY(!findItem(ui.window, QStringLiteral("statsCheckins"))); // not loaded until shown

        // A StackView ignores touches while it slides a page in: wait for the admin page to stand.
        QQuickItem *page = findItem(ui.window, QStringLiteral("admin"));
        QVERIFY(page);
        QQuickItem *stack = page->parentItem();
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QTRY_COMPARE(page->mapToScene(QPointF()).x(), 0.0);
        QQuickItem *button = nullptr;
        QTRY_VERIFY((button = findItem(ui.window, QStringLiteral("section-5"))) && button->isVisible());
        QCOMPARE(button->property("text").toString(), QStringLiteral("统计"));
        // With a sixth section the column still fits above the footer: 退出终端 stays reachable.
        QQuickItem *exit = findItem(ui.window, QStringLiteral("exitKiosk"));
        QVERIFY(exit);
        QVERIFY2(exit->mapToScene(QPointF(0, exit->height())).y() <= page->mapToScene(QPointF(0, page->height())).y(),
                 qPrintable(QStringLiteral("退出终端 ends at %1, the page at %2")
                                .arg(exit->mapToScene(QPointF(0, exit->height())).y())
                                .arg(page->mapToScene(QPointF(0, page->height())).y())));
        ui.window->grabWindow(); // polish the layouts before tapping
        QTest::mouseClick(ui.window, Qt::LeftButton, {},
                          button->mapToScene(QPointF(button->width() / 2, button->height() / 2)).toPoint());

        QTRY_COMPARE(page->property("section").toInt(), 5);
        StatsController *stats = admin.stats();
        QTRY_VERIFY2_WITH_TIMEOUT(stats->state() == StatsController::State::Ready,
                                  qPrintable(QStringLiteral("state %1; %2").arg(int(stats->state()))
                                                 .arg(QmlWarningGuard::messages().join(u'\n'))), 30000);
        QCOMPARE(stats->dayLabels().size(), 30);
        QCOMPARE(stats->checkinTotal(), 11);
        QCOMPARE(stats->studyDone(), 1);
        QCOMPARE(stats->organisations(), (QStringList{QStringLiteral("幸福社区第一党支部"),
                                                      QStringLiteral("幸福社区第二党支部"), QStringLiteral("未注明")}));
        QCOMPARE(stats->groupMeeting(), (QVariantList{0, 2, 0}));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("statsCheckins")));
        QTRY_COMPARE(findItem(ui.window, QStringLiteral("statsCheckinsTitle"))->property("text").toString(),
                     QStringLiteral("近30天签到（10月24日 至 11月22日，共 11 人次）"));
        for (const char *name : {"statsCheckins", "statsStudy", "statsMeetings"}) {
            QQuickItem *chart = findItem(ui.window, QString::fromLatin1(name));
            QVERIFY2(chart && chart->isVisible() && chart->width() > 400 && chart->height() > 300, name);
        }

        // What staff see: the check-in bars (本地 red), the study ring (完成 green), the 三会一课
        // bars (党小组会 gold). A chart repaints a frame or two after its data changes: grab
        // until the bars are there (a legend's colour square alone is far fewer pixels).
        QQuickItem *checkins = findItem(ui.window, QStringLiteral("statsCheckins"));
        QQuickItem *study = findItem(ui.window, QStringLiteral("statsStudy"));
        QImage shot;
        QTRY_VERIFY_WITH_TIMEOUT((shot = ui.window->grabWindow(), pixelsOf(shot, checkins, QColor(0xC8, 0x10, 0x2E)) > 300
                                  && pixelsOf(shot, study, QColor(0x1E, 0x7B, 0x34)) > 300),
                                 30000);
        const QString dir = qEnvironmentVariable("STATS_PNG_DIR", m_dir.path());
        QVERIFY(shot.save(QDir(dir).filePath(landscape ? QStringLiteral("adminstats-landscape.png")
                                                       : QStringLiteral("adminstats-portrait.png"))));
        // The 三会一课 chart is below the fold in portrait: scrolled into view and grabbed too.
        QQuickItem *meetings = findItem(ui.window, QStringLiteral("statsMeetings"));
        for (QQuickItem *p = meetings->parentItem(); p; p = p->parentItem()) {
            if (p->inherits("QQuickFlickable")) {
                p->setProperty("contentY", qMax<qreal>(0, p->property("contentHeight").toReal() - p->height()));
                break;
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT((shot = ui.window->grabWindow(), pixelsOf(shot, meetings, QColor(0xE0, 0xB0, 0x4A)) > 200),
                                 30000);
        QVERIFY(shot.save(QDir(dir).filePath(landscape ? QStringLiteral("adminstats-landscape-2.png")
                                                       : QStringLiteral("adminstats-portrait-2.png"))));
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestAdminStats)
#include "tst_adminstats.moc"
