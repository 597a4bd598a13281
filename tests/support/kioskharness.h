#pragma once
#include <QString>
#include <memory>

#include "kioskconfig.h"
#include "kioskservices.h"

class Clock;
class Kiosk;
class QQmlApplicationEngine;
class QQuickWindow;
class QmlWarningGuard;

// The whole kiosk, offscreen, for page tests: the same KioskServices composition as
// app/main.cpp, a QML engine loading qrc:/Dangqun/Main.qml, and a QmlWarningGuard collecting
// every QML warning (check with QVERIFY_NO_QML_WARNINGS()).
class KioskHarness
{
public:
    // A config for a test kiosk under `root`: data in root/<dataName>, trusted issuers in
    // root/issuers (created), issuer street-1, centre c1 幸福社区党群服务中心, kiosk k1.
    static KioskConfig config(const QString &root,
                              KioskConfig::Orientation orientation = KioskConfig::Orientation::Portrait,
                              const QString &dataName = QStringLiteral("data"));
    // Test defaults: no camera (a missing file, so the page offers manual check-in), no audio.
    static KioskServicesOptions options(const KioskConfig &config, int idleTimeoutMs = 60000);

    KioskHarness(const KioskConfig &config, const Clock &clock);
    KioskHarness(const KioskConfig &config, const Clock &clock, const KioskServicesOptions &options);
    ~KioskHarness();

    QQuickWindow *window = nullptr; // null when Main.qml failed to load
    KioskServices &services() { return *m_services; }
    Kiosk &kiosk() { return m_services->kiosk(); }
    QQmlApplicationEngine &engine() { return *m_engine; }

    QString page() const;                // the page the window shows
    void show(const QString &page) const; // as a tap on a home tile would
    QStringList pageNames() const;

private:
    std::unique_ptr<KioskServices> m_services;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    std::unique_ptr<QmlWarningGuard> m_guard;
};
