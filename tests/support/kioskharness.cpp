#include "kioskharness.h"

#include "kiosk.h"
#include "qmlwarningguard.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>

Q_IMPORT_QML_PLUGIN(DangqunPlugin)

KioskConfig KioskHarness::config(const QString &root, KioskConfig::Orientation orientation, const QString &dataName)
{
    const QDir dir(root);
    dir.mkpath(QStringLiteral("issuers"));
    dir.mkpath(dataName);
    KioskConfig c;
    c.dataDir = dir.filePath(dataName);
    c.trustedIssuersDir = dir.filePath(QStringLiteral("issuers"));
    c.issuerId = QStringLiteral("street-1");
    c.centreId = QStringLiteral("c1");
    c.centreName = QStringLiteral("幸福社区党群服务中心");
    c.kioskId = QStringLiteral("k1");
    c.orientation = orientation;
    return c;
}

KioskServicesOptions KioskHarness::options(const KioskConfig &config, int idleTimeoutMs)
{
    KioskServicesOptions o;
    // No camera on a test machine: the scan page must say so and offer manual check-in.
    o.scanFile = QDir(config.dataDir).filePath(QStringLiteral("no-camera.png"));
    o.playAudio = false;
    o.idleTimeoutMs = idleTimeoutMs;
    return o;
}

KioskHarness::KioskHarness(const KioskConfig &config, const Clock &clock)
    : KioskHarness(config, clock, options(config))
{
}

KioskHarness::KioskHarness(const KioskConfig &config, const Clock &clock, const KioskServicesOptions &options)
{
    m_services = std::make_unique<KioskServices>(config, clock, clock, options);
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_guard = std::make_unique<QmlWarningGuard>(m_engine.get());
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    m_engine->setInitialProperties({{QStringLiteral("kiosk"), QVariant::fromValue(&m_services->kiosk())}});
    m_engine->load(QUrl(QStringLiteral("qrc:/Dangqun/Main.qml")));
    if (!m_engine->rootObjects().isEmpty())
        window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
}

KioskHarness::~KioskHarness()
{
    // Threads first (their results must not reach destroyed controllers), then the window that
    // binds to the controllers, then the controllers.
    m_services->stop();
    m_engine.reset();
    m_guard.reset();
    m_services.reset();
}

QString KioskHarness::page() const
{
    return window ? window->property("currentPage").toString() : QString();
}

void KioskHarness::show(const QString &page) const
{
    QMetaObject::invokeMethod(window, "showPage", Q_ARG(QVariant, page));
}

QStringList KioskHarness::pageNames() const
{
    return window ? window->property("pageNames").toStringList() : QStringList();
}
