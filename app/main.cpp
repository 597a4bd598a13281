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
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFont>
#include <QApplication>
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
#include <ctime>

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

// A folder the package installs under <prefix>/share/dangqun-kiosk (found next to the running
// binary, <prefix>/bin), or else this build tree's folder: an installed kiosk never depends on
// the tree it was built in.
QString installedOrBuilt(const QString &name, const QString &builtIn)
{
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/dangqun-kiosk/") + name);
    return QFileInfo(installed).isDir() ? QDir::cleanPath(installed) : builtIn;
}

QString samplesDir()
{
    const QString env = qEnvironmentVariable("DANGQUN_SAMPLES_DIR");
    if (!env.isEmpty())
        return env;
    return installedOrBuilt(QStringLiteral("samples"), QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples"));
}

// The command line. --help and --version are answered before any window system is touched
// (a QCoreApplication), so they work on a machine with no display, e.g. over ssh.
struct Options
{
    QCommandLineParser parser;
    const QCommandLineOption config{QStringLiteral("config"), QStringLiteral("Kiosk configuration (INI)."),
                                    QStringLiteral("FILE"), QStringLiteral("/etc/dangqun-kiosk/kiosk.ini")};
    const QCommandLineOption demo{QStringLiteral("demo"),
                                  QStringLiteral("Run with a self-contained demo installation (see --data-dir).")};
    const QCommandLineOption dataDir{
        QStringLiteral("data-dir"), QStringLiteral("Folder of the demo installation."), QStringLiteral("DIR"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("dangqun-kiosk-demo"))};
    const QCommandLineOption shots{QStringLiteral("screenshots"),
                                   QStringLiteral("Render every page in both orientations to PNG files in DIR and exit."),
                                   QStringLiteral("DIR")};
    const QCommandLineOption fullscreen{QStringLiteral("fullscreen"), QStringLiteral("Show the kiosk full screen.")};
    const QCommandLineOption cameraFile{QStringLiteral("camera-file"),
                                        QStringLiteral("Play a video or image file as if it were the camera."),
                                        QStringLiteral("FILE")};
    const QCommandLineOption exitWhenReady{QStringLiteral("exit-when-ready"),
                                           QStringLiteral("Print \"ready MS\" when the home screen's first frame is shown, "
                                                          "then exit (the start-up benchmark).")};
    const QCommandLineOption screenSize{
        QStringLiteral("screen-size"),
        QStringLiteral("Window size WxH, e.g. 1366x768 (a panel to try without it); with --screenshots, render "
                       "every page at that size only."),
        QStringLiteral("WxH")};
    Options()
    {
        parser.setApplicationDescription(QStringLiteral("党群服务中心自助终端 (Party-mass service centre kiosk)"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({config, demo, dataDir, shots, fullscreen, cameraFile, exitWhenReady, screenSize});
    }
};

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("dangqun-kiosk"));
    QCoreApplication::setOrganizationName(QStringLiteral("dangqun"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
}

bool wantsInfoOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *info : {"-h", "-?", "--help", "--help-all", "-v", "--version"}) {
            if (qstrcmp(argv[i], info) == 0)
                return true;
        }
    }
    return false;
}

// --help / --version: printed by QCommandLineParser, which then exits the process.
int printInfo(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    Options options;
    options.parser.process(app);
    return ExitOk;
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

    if (wantsInfoOnly(argc, argv))
        return printInfo(argc, argv);
    // Chinese input on the touchscreen: our Pinyin keyboard in every text field (issue 4).
    KioskKeyboard::prepareEnvironment();
    // A QApplication, not a QGuiApplication: the staff 统计 page's Qt Charts ChartView draws
    // through Qt's graphics-view (widgets) module, which crashes without one (issue 19).
    QApplication app(argc, argv);
    setApplicationNames();
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 28));

    Options opts;
    QCommandLineParser &parser = opts.parser;
    const QCommandLineOption &configOpt = opts.config;
    const QCommandLineOption &demoOpt = opts.demo;
    const QCommandLineOption &dataDirOpt = opts.dataDir;
    const QCommandLineOption &shotsOpt = opts.shots;
    const QCommandLineOption &fullscreenOpt = opts.fullscreen;
    const QCommandLineOption &cameraFileOpt = opts.cameraFile;
    const QCommandLineOption &readyOpt = opts.exitWhenReady;
    const QCommandLineOption &screenSizeOpt = opts.screenSize;
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
        const QString samples = installedOrBuilt(QStringLiteral("media"), QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR));
        if (!VideoSamples::installIfMissing(VideoSamples::sourceDir(samples), config->mediaDir, &error))
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
    options.voiceDir = FeedbackSounds::defaultVoiceDir(installedOrBuilt(QStringLiteral("voice"), QStringLiteral(KIOSK_VOICE_DIR)));
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
            // Wall ms since main(), then the process's CPU ms (every thread) at the first frame:
            // the benchmark compares the CPU with a minimal Qt Quick window's (bench_hello).
            timespec cpu{};
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
            std::printf("ready %lld %.1f\n", qlonglong(sinceStart.elapsed()), cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6);
            std::fflush(stdout);
            QCoreApplication::exit(ExitOk);
        }, Qt::SingleShotConnection);
    }
    return app.exec(); // ~KioskServices stops the sync and storage threads first
}
