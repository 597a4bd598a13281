// The kiosk's composition root: reads options and configuration, opens the database, builds
// the services and hands them to QML. No business rules live here.
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "demoevents.h"
#include "demosetup.h"
#include "feedbacksounds.h"
#include "membercode.h"
#include "roster.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "kioskservices.h"
#include "zonefile.h"
#include "quizcontroller.h"
#include "kioskkeyboard.h"
#include "kiosklockdown.h"
#include "logging.h"
#include "screenshotter.h"
#include "startuperrorscreen.h"
#include "systemdnotifier.h"
#include "videosamples.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QCameraDevice>
#include <QMediaDevices>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimeZone>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(DangqunPlugin)

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitConfig = 2, ExitDatabase = 3, ExitUi = 4 };

// Stable screenshots: the same date and time on every run.
QDateTime screenshotTime()
{
    return QDateTime(QDate(2026, 7, 1), QTime(9, 30));
}

bool wantsScreenshots(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--screenshots") == 0 || qstrncmp(argv[i], "--screenshots=", 14) == 0)
            return true;
    }
    return false;
}

QString samplesDir()
{
    // An installed kiosk ships its samples under /usr/share; a build tree uses the sources.
    const QString env = qEnvironmentVariable("DANGQUN_SAMPLES_DIR");
    if (!env.isEmpty())
        return env;
    const QString installed = QStringLiteral("/usr/share/dangqun-kiosk/samples");
    if (QFileInfo(installed).isDir())
        return installed;
    return QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples");
}

// The demo roster feeds manual check-in by phone number.
void importDemoRoster(Database &database, const KioskConfig &config, const QString &path)
{
    const RosterResult roster = Roster::load(path);
    SystemClock clock;
    MemberCodeVerifier noKeys(clock);
    CheckinService importer(database, noKeys, clock,
                            {config.centreId, config.kioskId, config.issuerId, config.oncePerDay});
    QString error;
    if (!roster.ok() || !importer.importRoster(roster.members, &error))
        qCWarning(lcApp).noquote() << "demo roster not imported:" << roster.errors << error;
}

void fatal(const QString &message)
{
    std::fprintf(stderr, "dangqun-kiosk: %s\n", qPrintable(message));
    qCCritical(lcApp).noquote() << message;
}

// A start-up refusal (configuration, database). On the kiosk (--fullscreen, as the systemd unit
// starts it) the explanation stays on screen instead: exiting would only make systemd start the
// kiosk again into the same error, and a member would see a flickering black screen.
int refuseStart(const ConfigError &error, const QString &configPath, bool kioskMode, int exitCode)
{
    fatal(error.toString());
    if (!kioskMode)
        return exitCode;
    StartupErrorScreen screen(error, configPath);
    if (!screen.show(true))
        return exitCode;
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    readZoneFileOnce(); // local times on screen and in exports; see zonefile.h
    QElapsedTimer sinceStart; // for --exit-when-ready
    sinceStart.start();
    // Screenshots are taken offscreen, whatever display the machine has.
    if (wantsScreenshots(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Our own controls are styled by Theme; the Basic style keeps them the same everywhere.
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    // Chinese input on the touchscreen: our Pinyin keyboard in every text field (issue 4).
    KioskKeyboard::prepareEnvironment();
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("dangqun-kiosk"));
    QGuiApplication::setOrganizationName(QStringLiteral("dangqun"));
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 28));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("党群服务中心自助终端 (Party-mass service centre kiosk)"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOpt(QStringLiteral("config"), QStringLiteral("Kiosk configuration (INI)."),
                                       QStringLiteral("FILE"), QStringLiteral("/etc/dangqun-kiosk/kiosk.ini"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
                                     QStringLiteral("Run with a self-contained demo installation (see --data-dir)."));
    const QCommandLineOption dataDirOpt(
        QStringLiteral("data-dir"), QStringLiteral("Folder of the demo installation."), QStringLiteral("DIR"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("dangqun-kiosk-demo")));
    const QCommandLineOption shotsOpt(QStringLiteral("screenshots"),
                                      QStringLiteral("Render every page in both orientations to PNG files in DIR and exit."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption fullscreenOpt(QStringLiteral("fullscreen"), QStringLiteral("Show the kiosk full screen."));
    const QCommandLineOption cameraFileOpt(QStringLiteral("camera-file"),
                                           QStringLiteral("Play a video or image file as if it were the camera."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption readyOpt(QStringLiteral("exit-when-ready"),
                                      QStringLiteral("Print \"ready MS\" when the home screen's first frame is shown, then exit "
                                                     "(the start-up benchmark)."));
    const QCommandLineOption screenSizeOpt(
        QStringLiteral("screen-size"),
        QStringLiteral("Window size WxH, e.g. 1366x768 (a panel to try without it); with --screenshots, render "
                       "every page at that size only."),
        QStringLiteral("WxH"));
    parser.addOptions({configOpt, demoOpt, dataDirOpt, shotsOpt, fullscreenOpt, cameraFileOpt, readyOpt, screenSizeOpt});
    parser.process(app);
    QSize screenSize;
    if (parser.isSet(screenSizeOpt)) {
        const QStringList wh = parser.value(screenSizeOpt).split(u'x');
        bool okW = false;
        bool okH = false;
        if (wh.size() == 2)
            screenSize = QSize(wh.at(0).toInt(&okW), wh.at(1).toInt(&okH));
        if (!okW || !okH || screenSize.width() < 320 || screenSize.height() < 320 || screenSize.width() > 7680
            || screenSize.height() > 7680) {
            fatal(QStringLiteral("--screen-size: expected WxH, e.g. 1366x768, got \"%1\"").arg(parser.value(screenSizeOpt)));
            return ExitUsage;
        }
    }

    QString configPath = parser.value(configOpt);
    QString demoCameraFile;
    QString demoRoster;
    if (parser.isSet(demoOpt)) {
        DemoSetup demo(parser.value(dataDirOpt), samplesDir());
        if (!demo.prepare()) {
            fatal(demo.errorString());
            return ExitConfig;
        }
        if (!parser.isSet(configOpt))
            configPath = demo.configPath();
        // Without a camera the demo shows the first sample member's code, so a check-in happens.
        demoCameraFile = QDir(demo.memberCodesDir()).filePath(QStringLiteral("XF0001.png"));
        demoRoster = demo.rosterPath();
    }

    const bool kioskMode = parser.isSet(fullscreenOpt) && !parser.isSet(shotsOpt);
    ConfigError configError;
    const auto config = KioskConfig::load(configPath, &configError);
    if (!config)
        return refuseStart(configError, configPath, kioskMode, ExitConfig);

    // The demo plays the sample videos generated at build time (media/make-samples.sh).
    if (parser.isSet(demoOpt)) {
        QString error;
        if (!VideoSamples::installIfMissing(VideoSamples::sourceDir(QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR)),
                                            config->mediaDir, &error))
            qCWarning(lcApp).noquote() << error;
    }

    // Open (and migrate) once here, so a refused database stops start-up with its message
    // before any window appears; the storage thread then keeps its own connection.
    {
        Database database(config->databasePath());
        if (!database.open())
            return refuseStart({QStringLiteral("paths/data_dir"), database.errorString()}, configPath, kioskMode,
                               ExitDatabase);
        if (!demoRoster.isEmpty())
            importDemoRoster(database, *config, demoRoster);
    }

    const bool screenshots = parser.isSet(shotsOpt);
    SystemClock systemClock;
    FixedClock fixedClock(screenshotTime());
    const Clock &clock = screenshots ? static_cast<const Clock &>(fixedClock) : systemClock;

    // The demo's sessions are dated relative to its clock, so there is always something today.
    if (parser.isSet(demoOpt)) {
        QString error;
        if (!DemoEvents::write(config->contentDir, clock.now(), &error))
            qCWarning(lcApp).noquote() << error;
    }
    KioskServicesOptions options;
    options.scanFile = parser.isSet(cameraFileOpt) ? parser.value(cameraFileOpt) : config->cameraFile;
    if (options.scanFile.isEmpty() && QMediaDevices::videoInputs().isEmpty())
        options.scanFile = demoCameraFile;
    options.playAudio = !screenshots;
    options.demo = parser.isSet(demoOpt);
    options.voiceDir = FeedbackSounds::defaultVoiceDir(QStringLiteral(KIOSK_VOICE_DIR));
    KioskServices services(*config, clock, systemClock, options);
    if (screenshots)
        services.quiz().setSeed(2026); // the same papers in every set of screenshots
    else
        services.startSync();
    Kiosk &kiosk = services.kiosk();

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("kiosk"), QVariant::fromValue(&kiosk)}});
    engine.load(QUrl(QStringLiteral("qrc:/Dangqun/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        fatal(QStringLiteral("无法加载界面 (Main.qml)"));
        return ExitUi;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());

    if (screenSize.isValid() && !screenshots)
        window->resize(screenSize);
    if (screenshots) {
        Screenshotter shooter(window);
        const QStringList files = screenSize.isValid() ? shooter.capture(parser.value(shotsOpt), screenSize)
                                                       : shooter.capture(parser.value(shotsOpt));
        if (files.isEmpty()) {
            fatal(shooter.errorString());
            return ExitUi;
        }
        std::printf("%lld screenshots written to %s\n", qlonglong(files.size()), qPrintable(parser.value(shotsOpt)));
        return ExitOk;
    }
    // Kiosk mode: full screen, no decorations, close and Alt+F4/Ctrl+Q/Esc ignored (issue 10).
    std::unique_ptr<KioskLockdown> lockdown;
    if (parser.isSet(fullscreenOpt)) {
        lockdown = std::make_unique<KioskLockdown>(window);
        KioskLockdown::showFullScreen(window);
    }
    // The staff screen's 退出终端 is the only way out; exit code 0, so systemd leaves it stopped.
    QObject::connect(&kiosk, &Kiosk::exitApproved, &app, [&lockdown] {
        if (lockdown)
            lockdown->allowExit();
        QCoreApplication::exit(ExitOk);
    }, Qt::QueuedConnection);
    // systemd (Type=notify, WatchdogSec=): ready now, then WATCHDOG=1 from this thread's event
    // loop, so a hung interface is restarted. Nothing happens outside systemd.
    SystemdNotifier::fromEnvironment(&app)->ready();
    if (parser.isSet(readyOpt)) {
        // The first frame on screen is the moment a member can touch the home screen.
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&sinceStart] {
            std::printf("ready %lld\n", qlonglong(sinceStart.elapsed()));
            std::fflush(stdout);
            QCoreApplication::exit(ExitOk);
        }, Qt::SingleShotConnection);
    }
    return app.exec(); // ~KioskServices stops the sync and storage threads first
}
