#pragma once
#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

// Talks to systemd's service manager (sd_notify protocol: one datagram per message on the
// AF_UNIX socket named by $NOTIFY_SOCKET, "@..." meaning the abstract namespace). READY=1 once
// the window is up, then WATCHDOG=1 from a QTimer on the GUI thread: when the GUI's event loop
// hangs the pings stop and systemd (WatchdogSec=) restarts the kiosk. Without $NOTIFY_SOCKET
// (a developer's run) every call is a no-op. Written here rather than linking libsystemd: the
// protocol is one sendto() and the kiosk then runs the same on machines without it.
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    // `socketPath` as in $NOTIFY_SOCKET; `watchdogUsec` as in $WATCHDOG_USEC (0 = no watchdog).
    SystemdNotifier(QString socketPath, qint64 watchdogUsec, QObject *parent = nullptr);
    // From the environment systemd sets. WATCHDOG_PID is deliberately not checked: under cage
    // the service's main process is cage, and the unit sets NotifyAccess=all for us.
    static SystemdNotifier *fromEnvironment(QObject *parent = nullptr);

    bool enabled() const { return !m_socketPath.isEmpty(); }
    int pingIntervalMs() const { return m_ping.interval(); }

    bool notify(const QByteArray &state); // false when not enabled or the send failed
    // READY=1 with `status` (what `systemctl status` shows), and the watchdog pings from now on
    // (at half the watchdog interval, as systemd recommends, so one late ping is not a restart).
    void ready(const QString &status = QStringLiteral("党群服务中心自助终端运行中"));

private:
    QString m_socketPath;
    QTimer m_ping;
};
