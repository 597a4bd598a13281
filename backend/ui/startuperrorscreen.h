#pragma once
#include <QObject>
#include <QString>
#include <memory>

#include "kioskconfig.h"

class KioskLockdown;
class QQmlApplicationEngine;
class QQuickWindow;
class SystemdNotifier;

// What the kiosk shows when start-up is refused (a wrong configuration key, a database it must
// not touch): a full-screen page in Chinese naming the key, the problem and whom to call
// (qml/ConfigErrorWindow.qml), locked down like the kiosk itself. The process stays up, and tells
// systemd it is ready and alive, so the service does not crash-loop into the same error; the
// staff fix the file and restart the service.
class StartupErrorScreen : public QObject
{
    Q_OBJECT

public:
    StartupErrorScreen(ConfigError error, QString configPath, QObject *parent = nullptr);
    ~StartupErrorScreen() override;

    // Loads the page; `fullscreen` as on the kiosk. False (with the reason in the log) when even
    // this page cannot be shown.
    bool show(bool fullscreen);
    QQuickWindow *window() const { return m_window; }

private:
    ConfigError m_error;
    QString m_configPath;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    std::unique_ptr<KioskLockdown> m_lockdown;
    SystemdNotifier *m_notifier = nullptr;
    QQuickWindow *m_window = nullptr;
};
