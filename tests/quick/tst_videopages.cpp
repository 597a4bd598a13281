#include "clock.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "membersession.h"
#include "qmlwarningguard.h"
#include "storagethread.h"
#include "videolibrarymodel.h"
#include "videomanifest.h"
#include "videoplayercontroller.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

Q_IMPORT_QML_PLUGIN(DangqunPlugin)

// The 廉政教育 pages offscreen, with the generated sample videos: the library grid by category
// with progress for a checked-in member, the player (title, subtitles, counting text), the
// "还在观看吗？" prompt before the idle timeout, a failure back to the library, both
// orientations, and no QML warning.
class TestVideoPages : public QObject
{
    Q_OBJECT

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;

    struct Ui
    {
        Ui() = default;
        Ui(Ui &&) = default;
        ~Ui()
        {
            if (player)
                player->close();
            if (storage)
                storage->stop();
        }
        std::unique_ptr<StorageThread> storage;
        std::unique_ptr<MemberSession> session;
        std::unique_ptr<VideoLibraryModel> library;
        std::unique_ptr<VideoPlayerController> player;
        std::unique_ptr<Kiosk> kiosk;
        std::unique_ptr<QQmlApplicationEngine> engine;
        std::unique_ptr<QmlWarningGuard> guard;
        QQuickWindow *window = nullptr;
        QString page() const { return window->property("currentPage").toString(); }
    };

    Ui load(KioskConfig::Orientation o, int idleMs = 60000)
    {
        KioskConfig c;
        c.dataDir = m_dir.filePath(QStringLiteral("data"));
        c.mediaDir = QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR);
        c.centreId = QStringLiteral("c1");
        c.centreName = QStringLiteral("幸福社区党群服务中心");
        c.kioskId = QStringLiteral("k1");
        c.orientation = o;
        Ui ui;
        ui.session = std::make_unique<MemberSession>();
        ui.storage = std::make_unique<StorageThread>(c.databasePath());
        ui.library = std::make_unique<VideoLibraryModel>(VideoManifest::load(c.mediaDir), ui.storage.get(),
                                                         ui.session.get());
        new QAbstractItemModelTester(ui.library.get(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     ui.library.get());
        ui.player = std::make_unique<VideoPlayerController>(VideoStoreSettings{c.centreId, c.kioskId}, m_clock,
                                                            *ui.storage, ui.session.get(), ui.library.get(), false);
        ui.kiosk = std::make_unique<Kiosk>(c, m_clock, false);
        ui.kiosk->setServices(nullptr, nullptr, ui.session.get());
        ui.kiosk->setVideos(ui.library.get(), ui.player.get());
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

    static void openVideos(Ui &ui)
    {
        show(ui, QStringLiteral("videos"));
        QTRY_COMPARE(ui.page(), QStringLiteral("videos"));
        QTest::qWait(800); // the StackView transition, before anything is tapped
    }

    static void tap(Ui &ui, QQuickItem *item)
    {
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(ui.window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
    }

    static QStringList ids() { return {QStringLiteral("lianzheng-01"), QStringLiteral("jingshi-01"), QStringLiteral("dangzhang-01")}; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR "/videos.json")),
                 "sample videos not generated (target sample_media)");
    }

    void libraryInBothOrientations_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait);
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape);
    }
    void libraryInBothOrientations()
    {
        QFETCH(int, orientation);
        Ui ui = load(KioskConfig::Orientation(orientation));
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QCOMPARE(ui.library->categories(),
                 (QStringList{QStringLiteral("廉政教育"), QStringLiteral("警示教育"), QStringLiteral("党章党规")}));
        show(ui, QStringLiteral("videos"));
        QTRY_COMPARE(ui.page(), QStringLiteral("videos"));
        QTest::qWait(800); // the StackView transition
        if (qEnvironmentVariableIsSet("VIDEOPAGES_SHOT"))
            ui.window->grabWindow().save(qEnvironmentVariable("VIDEOPAGES_SHOT") + QString::number(orientation) + QStringLiteral(".png"));
        QList<QRectF> rects;
        const QRectF windowRect(0, 0, ui.window->width(), ui.window->height());
        for (const QString &id : ids()) {
            QQuickItem *card = nullptr;
            QTRY_VERIFY((card = findItem(ui.window, QStringLiteral("video-") + id)));
            const QRectF r = card->mapRectToScene(QRectF(0, 0, card->width(), card->height()));
            QVERIFY2(r.width() >= 300 && r.height() >= 200,
                     qPrintable(QStringLiteral("%1 %2x%3").arg(id).arg(r.width()).arg(r.height())));
            // Sections scroll vertically; across, every card is inside the window.
            QVERIFY2(r.left() >= 0 && r.right() <= windowRect.right(), qPrintable(id));
            for (const QRectF &other : rects)
                QVERIFY2(!other.intersects(r), qPrintable(id));
            rects << r;
        }
        // Nobody checked in: no progress on the cards.
        auto *progress = findItem(findItem(ui.window, QStringLiteral("video-jingshi-01")), QStringLiteral("videoProgressText"));
        QVERIFY(progress);
        QVERIFY(!progress->isVisible());
        QVERIFY_NO_QML_WARNINGS();
    }

    void memberSeesProgressAndPlays()
    {
        Ui ui = load(KioskConfig::Orientation::Portrait);
        ui.session->begin(QStringLiteral("street-1"), QStringLiteral("M001"), QStringLiteral("张三"),
                          QStringLiteral("一支部"), false);
        openVideos(ui);
        QQuickItem *card = nullptr;
        QTRY_VERIFY((card = findItem(ui.window, QStringLiteral("video-jingshi-01"))));
        auto *progress = findItem(card, QStringLiteral("videoProgressText"));
        QTRY_COMPARE(progress->property("text").toString(), QStringLiteral("未开始"));
        QVERIFY(progress->isVisible());

        tap(ui, card);
        QTRY_COMPARE_WITH_TIMEOUT(ui.player->status(), VideoPlayerController::Status::Playing, 10'000);
        QQuickItem *title = nullptr;
        QTRY_VERIFY((title = findItem(ui.window, QStringLiteral("playerTitle"))));
        QCOMPARE(title->property("text").toString(), QStringLiteral("警钟长鸣 以案为鉴"));
        auto *subtitle = findItem(ui.window, QStringLiteral("subtitleText"));
        QTRY_COMPARE_WITH_TIMEOUT(subtitle->property("text").toString(), QStringLiteral("这是一部警示教育短片。"), 5000);
        if (qEnvironmentVariableIsSet("VIDEOPAGES_SHOT"))
            ui.window->grabWindow().save(qEnvironmentVariable("VIDEOPAGES_SHOT") + QStringLiteral("player.png"));
        auto *counting = findItem(ui.window, QStringLiteral("countingText"));
        QVERIFY(counting->property("text").toString().contains(QStringLiteral("满 90% 计入 0.5 学时")));

        // Pause with the big button, then back to the library: progress saved and shown.
        tap(ui, findItem(ui.window, QStringLiteral("playPauseButton")));
        QTRY_COMPARE(ui.player->status(), VideoPlayerController::Status::Paused);
        tap(ui, findItem(ui.window, QStringLiteral("playerBack")));
        QTRY_COMPARE(ui.player->status(), VideoPlayerController::Status::Closed);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("video-jingshi-01")));
        card = findItem(ui.window, QStringLiteral("video-jingshi-01"));
        QTRY_VERIFY(findItem(card, QStringLiteral("videoProgressText"))->property("text").toString().startsWith(QStringLiteral("已观看")));
        QVERIFY_NO_QML_WARNINGS();
    }

    void stillWatchingPromptBeforeTimeout()
    {
        // Idle timeout 4 s: the prompt comes 1 s before it; a tap keeps the video going.
        Ui ui = load(KioskConfig::Orientation::Landscape, 4000);
        openVideos(ui);
        QQuickItem *card = nullptr;
        QTRY_VERIFY((card = findItem(ui.window, QStringLiteral("video-lianzheng-01"))));
        tap(ui, card);
        QTRY_COMPARE_WITH_TIMEOUT(ui.player->status(), VideoPlayerController::Status::Playing, 10'000);
        QQuickItem *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = findItem(ui.window, QStringLiteral("stillWatchingPrompt"))) && prompt->isVisible(), 8000);
        QCOMPARE(ui.page(), QStringLiteral("videos"));
        if (qEnvironmentVariableIsSet("VIDEOPAGES_SHOT"))
            ui.window->grabWindow().save(qEnvironmentVariable("VIDEOPAGES_SHOT") + QStringLiteral("prompt.png"));
        tap(ui, findItem(prompt, QStringLiteral("keepWatchingButton")));
        QTRY_VERIFY(!prompt->isVisible());
        QCOMPARE(ui.player->status(), VideoPlayerController::Status::Playing);
        // Nobody answers the next prompt: the kiosk goes home and the player closes.
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("home"), 10'000);
        QTRY_COMPARE(ui.player->status(), VideoPlayerController::Status::Closed);
        QVERIFY_NO_QML_WARNINGS();
    }

    void failureGoesBackToLibrary()
    {
        Ui ui = load(KioskConfig::Orientation::Portrait);
        openVideos(ui);
        ui.player->open(QStringLiteral("no-such-video"));
        QCOMPARE(ui.player->status(), VideoPlayerController::Status::Failed);
        QQuickItem *failure = nullptr;
        QTRY_VERIFY2((failure = findItem(ui.window, QStringLiteral("playerFailure"))) && failure->isVisible(),
                     qPrintable(QmlWarningGuard::messages().join(u'\n')));
        QVERIFY(findItem(failure, QStringLiteral("failureMessage"))->property("text").toString().contains(QStringLiteral("未找到该视频")));
        ui.player->close();
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("video-lianzheng-01")));
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestVideoPages)
#include "tst_videopages.moc"
