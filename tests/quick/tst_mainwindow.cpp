#include "checkincontroller.h"
#include "kioskkeyboard.h"
#include "reportcontroller.h"
#include "eventscontroller.h"
#include "clock.h"
#include "membersession.h"
#include "quizcontroller.h"
#include "scansource.h"
#include "storagethread.h"
#include "videolibrarymodel.h"
#include "videoplayercontroller.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "itemfinder.h"
#include "qmlwarningguard.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QTemporaryDir>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

Q_IMPORT_QML_PLUGIN(DangqunPlugin)

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
        KioskConfig c;
        c.dataDir = m_dir.filePath(QStringLiteral("data"));
        c.trustedIssuersDir = m_dir.filePath(QStringLiteral("issuers"));
        c.issuerId = QStringLiteral("street-1");
        c.centreId = QStringLiteral("c1");
        c.centreName = QStringLiteral("幸福社区党群服务中心");
        c.kioskId = QStringLiteral("k1");
        c.orientation = o;
        return c;
    }

    struct Ui
    {
        Ui() = default;
        Ui(Ui &&) = default;
        ~Ui()
        {
            if (storage)
                storage->stop(); // before the controllers it answers are destroyed
        }
        std::unique_ptr<StorageThread> storage;
        std::unique_ptr<MemberSession> session;
        std::unique_ptr<CheckinController> checkin;
        std::unique_ptr<QuizController> quiz;
        std::unique_ptr<ReportController> report;
        std::unique_ptr<EventsController> events;
        std::unique_ptr<ScanSource> source;
        std::unique_ptr<VideoLibraryModel> videoLibrary;
        std::unique_ptr<VideoPlayerController> videoPlayer;
        std::unique_ptr<Kiosk> kiosk;
        std::unique_ptr<QQmlApplicationEngine> engine;
        std::unique_ptr<QmlWarningGuard> guard;
        QQuickWindow *window = nullptr;
        QString page() const { return window->property("currentPage").toString(); }
    };

    Ui load(const KioskConfig &c, int idleMs = 60000)
    {
        Ui ui;
        ui.session = std::make_unique<MemberSession>();
        ui.storage = std::make_unique<StorageThread>(c.databasePath());
        ui.checkin = std::make_unique<CheckinController>(c, m_clock, *ui.storage, ui.session.get());
        ui.quiz = std::make_unique<QuizController>(c, m_clock, *ui.storage, ui.session.get());
        ui.report = std::make_unique<ReportController>(c, m_clock, *ui.storage, ui.session.get());
        ui.events = std::make_unique<EventsController>(c, m_clock, *ui.storage, ui.session.get());
        // No camera on a test machine: the page must say so and offer manual check-in.
        ui.source = std::make_unique<ScanSource>(m_dir.filePath(QStringLiteral("no-such-file.png")), QString());
        // No videos.json in the test's media folder: the library says there is nothing to watch.
        ui.videoLibrary = std::make_unique<VideoLibraryModel>(VideoManifest::load(c.mediaDir), ui.storage.get(),
                                                              ui.session.get());
        ui.videoPlayer = std::make_unique<VideoPlayerController>(VideoStoreSettings{c.centreId, c.kioskId}, m_clock,
                                                                 *ui.storage, ui.session.get(),
                                                                 ui.videoLibrary.get(), false);
        ui.kiosk = std::make_unique<Kiosk>(c, m_clock, false);
        ui.kiosk->setServices(ui.checkin.get(), ui.source.get(), ui.session.get());
        ui.kiosk->setQuiz(ui.quiz.get());
        ui.kiosk->setReport(ui.report.get());
        ui.kiosk->setEvents(ui.events.get());
        ui.kiosk->setVideos(ui.videoLibrary.get(), ui.videoPlayer.get());
        ui.kiosk->setIdleTimeoutMs(idleMs);
        ui.engine = std::make_unique<QQmlApplicationEngine>();
        ui.guard = std::make_unique<QmlWarningGuard>(ui.engine.get());
        ui.engine->addImportPath(QStringLiteral("qrc:/"));
        ui.engine->setInitialProperties({{QStringLiteral("kiosk"), QVariant::fromValue(ui.kiosk.get())}});
        ui.engine->load(QUrl(QStringLiteral("qrc:/Dangqun/Main.qml")));
        if (!ui.engine->rootObjects().isEmpty())
            ui.window = qobject_cast<QQuickWindow *>(ui.engine->rootObjects().constFirst());
        return ui;
    }

    static void show(Ui &ui, const QString &page)
    {
        QMetaObject::invokeMethod(ui.window, "showPage", Q_ARG(QVariant, page));
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
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("issuers")));
    }

    void opensEveryPageAndComesBack()
    {
        Ui ui = load(config());
        QVERIFY(ui.window);
        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
        const QStringList pages = ui.window->property("pageNames").toStringList();
        QCOMPARE(pages.size(), 6);
        for (const QString &p : pages) {
            show(ui, p);
            QTRY_COMPARE(ui.page(), p);
        }
        show(ui, QStringLiteral("home"));
        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
        QVERIFY_NO_QML_WARNINGS();
    }

    // 活动报名 is a page of its own now (issue 7), not the 建设中 placeholder.
    void eventsPageReplacesPlaceholder()
    {
        Ui ui = load(config());
        show(ui, QStringLiteral("events"));
        QTRY_COMPARE(ui.page(), QStringLiteral("events"));
        QVERIFY(!findItem(ui.window, QStringLiteral("placeholderNotice")));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("eventsNotice")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void idleTimeoutReturnsHome()
    {
        Ui ui = load(config(), 300);
        show(ui, QStringLiteral("quiz"));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        // Touching keeps the page open...
        for (int i = 0; i < 4; ++i) {
            QTest::qWait(150);
            QTest::mouseMove(ui.window, QPoint(10 + i, 400));
            QCOMPARE(ui.page(), QStringLiteral("quiz"));
        }
        // ...and leaving it alone brings the kiosk home, with the member's page destroyed.
        QPointer<QQuickItem> quizPage = findItem(ui.window, QStringLiteral("quiz"));
        QVERIFY(quizPage);
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("home"), 2000);
        QTRY_VERIFY(quizPage.isNull());
        QVERIFY_NO_QML_WARNINGS();
    }

    void headerShowsCentreAndTime()
    {
        Ui ui = load(config());
        auto *name = findItem(ui.window, QStringLiteral("centreName"));
        QVERIFY(name);
        QCOMPARE(name->property("text").toString(), QStringLiteral("幸福社区党群服务中心"));
        QCOMPARE(ui.kiosk->timeText(), QStringLiteral("09:30"));
        QCOMPARE(ui.kiosk->dateText(), QStringLiteral("2026年7月1日 星期三"));
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
        Ui ui = load(config(KioskConfig::Orientation(orientation)));
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        const bool portrait = orientation == int(KioskConfig::Orientation::Portrait);
        QCOMPARE(ui.window->width(), portrait ? 1080 : 1920);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("tile-scan")));
        checkHomeLayout(ui.window);
        QVERIFY_NO_QML_WARNINGS();
    }
};

// The Pinyin keyboard (issue 4) is set up before QTEST_MAIN creates the application.
static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
