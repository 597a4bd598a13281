#include "clock.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "qmlwarningguard.h"

#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

// The window, offscreen: pages open and close, the idle timeout brings the kiosk home, both
// orientations lay out without overlapping tiles, and no QML warning is printed.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;

    KioskConfig config(KioskConfig::Orientation o = KioskConfig::Orientation::Portrait)
    {
        return KioskHarness::config(m_dir.path(), o);
    }

    std::unique_ptr<KioskHarness> load(const KioskConfig &c, int idleMs = 60000)
    {
        return std::make_unique<KioskHarness>(c, m_clock, KioskHarness::options(c, idleMs));
    }

    // Every tile of the home screen is inside the window, at least 88 px in both directions,
    // and no two overlap.
    static void checkHomeLayout(QQuickWindow *window)
    {
        QList<QRectF> rects;
        const QStringList tiles = {QStringLiteral("tile-scan"), QStringLiteral("tile-videos"),
                                   QStringLiteral("tile-quiz"), QStringLiteral("tile-events"),
                                   QStringLiteral("tile-report")};
        for (const QString &name : tiles) {
            auto *item = findItem(window, name);
            QVERIFY2(item, qPrintable(name));
            const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
            QVERIFY2(r.width() >= 88 && r.height() >= 88, qPrintable(name));
            QVERIFY2(QRectF(0, 0, window->width(), window->height()).contains(r), qPrintable(name));
            for (const QRectF &other : rects)
                QVERIFY2(!other.intersects(r), qPrintable(name));
            rects << r;
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void opensEveryPageAndComesBack()
    {
        auto ui = load(config());
        QVERIFY(ui->window);
        QTRY_COMPARE(ui->page(), QStringLiteral("home"));
        const QStringList pages = ui->window->property("pageNames").toStringList();
        QCOMPARE(pages.size(), 8); // seven pages (with 我的学习) and the attract screen
        for (const QString &p : pages) {
            ui->show(p);
            QTRY_COMPARE(ui->page(), p);
        }
        ui->show(QStringLiteral("home"));
        QTRY_COMPARE(ui->page(), QStringLiteral("home"));
        QVERIFY_NO_QML_WARNINGS();
    }

    // 活动报名 is a page of its own now (issue 7), not the 建设中 placeholder.
    void eventsPageReplacesPlaceholder()
    {
        auto ui = load(config());
        ui->show(QStringLiteral("events"));
        QTRY_COMPARE(ui->page(), QStringLiteral("events"));
        QVERIFY(!findItem(ui->window, QStringLiteral("placeholderNotice")));
        QTRY_VERIFY(findItem(ui->window, QStringLiteral("eventsNotice")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void idleTimeoutReturnsHome()
    {
        auto ui = load(config(), 300);
        ui->show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui->page(), QStringLiteral("quiz"));
        // Touching keeps the page open...
        for (int i = 0; i < 4; ++i) {
            QTest::qWait(150);
            QTest::mouseMove(ui->window, QPoint(10 + i, 400));
            QCOMPARE(ui->page(), QStringLiteral("quiz"));
        }
        // ...and leaving it alone brings the kiosk home, with the member's page destroyed.
        QPointer<QQuickItem> quizPage = findItem(ui->window, QStringLiteral("quiz"));
        QVERIFY(quizPage);
        QTRY_COMPARE_WITH_TIMEOUT(ui->page(), QStringLiteral("home"), 2000);
        QTRY_VERIFY(quizPage.isNull());
        QVERIFY_NO_QML_WARNINGS();
    }

    void headerShowsCentreAndTime()
    {
        auto ui = load(config());
        auto *name = findItem(ui->window, QStringLiteral("centreName"));
        QVERIFY(name);
        QCOMPARE(name->property("text").toString(), QStringLiteral("幸福社区党群服务中心"));
        QCOMPARE(ui->kiosk().timeText(), QStringLiteral("09:30"));
        QCOMPARE(ui->kiosk().dateText(), QStringLiteral("2026年7月1日 星期三"));
    }

    void layoutBothOrientations_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait);
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape);
    }
    void layoutBothOrientations()
    {
        QFETCH(int, orientation);
        auto ui = load(config(KioskConfig::Orientation(orientation)));
        QVERIFY(ui->window);
        QVERIFY(QTest::qWaitForWindowExposed(ui->window));
        const bool portrait = orientation == int(KioskConfig::Orientation::Portrait);
        QCOMPARE(ui->window->width(), portrait ? 1080 : 1920);
        QTRY_VERIFY(findItem(ui->window, QStringLiteral("tile-scan")));
        checkHomeLayout(ui->window);
        QVERIFY_NO_QML_WARNINGS();
    }
};

// The Pinyin keyboard (issue 4) is set up before QTEST_MAIN creates the application.
static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
