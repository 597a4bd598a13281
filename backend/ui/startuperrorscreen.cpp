#include "startuperrorscreen.h"
#include "kiosklockdown.h"
#include "logging.h"
#include "systemdnotifier.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>

StartupErrorScreen::StartupErrorScreen(ConfigError error, QString configPath, QObject *parent)
    : QObject(parent), m_error(std::move(error)), m_configPath(std::move(configPath))
{
}

StartupErrorScreen::~StartupErrorScreen()
{
    m_lockdown.reset(); // before the engine takes the window with it
}

bool StartupErrorScreen::show(bool fullscreen)
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    m_engine->setInitialProperties({{QStringLiteral("configKey"), m_error.key},
                                    {QStringLiteral("problem"), m_error.message},
                                    {QStringLiteral("configPath"), m_configPath}});
    m_engine->load(QUrl(QStringLiteral("qrc:/Dangqun/ConfigErrorWindow.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        qCCritical(lcApp) << "the start-up error page did not load";
        return false;
    }
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!m_window)
        return false;
    m_lockdown = std::make_unique<KioskLockdown>(m_window);
    if (fullscreen)
        KioskLockdown::showFullScreen(m_window);
    m_notifier = SystemdNotifier::fromEnvironment(this);
    m_notifier->ready(QStringLiteral("启动检查未通过：") + m_error.toString());
    qCCritical(lcApp).noquote() << "start-up refused, showing the explanation:" << m_error.toString();
    return true;
}
