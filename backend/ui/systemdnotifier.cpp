#include "systemdnotifier.h"
#include "logging.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

SystemdNotifier::SystemdNotifier(QString socketPath, qint64 watchdogUsec, QObject *parent)
    : QObject(parent), m_socketPath(std::move(socketPath))
{
    if (watchdogUsec > 0) {
        m_ping.setInterval(int(std::clamp<qint64>(watchdogUsec / 2000, 1, 3'600'000)));
        connect(&m_ping, &QTimer::timeout, this, [this] { notify("WATCHDOG=1"); });
    }
}

SystemdNotifier *SystemdNotifier::fromEnvironment(QObject *parent)
{
    const QString socket = qEnvironmentVariable("NOTIFY_SOCKET");
    const qint64 usec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong();
    return new SystemdNotifier(socket, usec, parent);
}

bool SystemdNotifier::notify(const QByteArray &state)
{
    if (!enabled())
        return false;
    const QByteArray path = m_socketPath.toLocal8Bit();
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= qsizetype(sizeof(addr.sun_path))) {
        qCWarning(lcApp) << "NOTIFY_SOCKET too long:" << m_socketPath;
        return false;
    }
    std::memcpy(addr.sun_path, path.constData(), size_t(path.size()));
    socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));
    if (path.startsWith('@'))
        addr.sun_path[0] = '\0'; // abstract namespace: no terminating NUL counted
    else
        len += 1;
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        qCWarning(lcApp) << "sd_notify: socket():" << std::strerror(errno);
        return false;
    }
    const ssize_t sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&addr), len);
    const int err = errno;
    ::close(fd);
    if (sent != state.size()) {
        qCWarning(lcApp) << "sd_notify" << state << "failed:" << std::strerror(err);
        return false;
    }
    return true;
}

void SystemdNotifier::ready(const QString &status)
{
    if (!enabled())
        return;
    notify("READY=1\nSTATUS=" + status.toUtf8());
    if (m_ping.interval() > 0 && !m_ping.isActive()) {
        notify("WATCHDOG=1");
        m_ping.start();
    }
    qCInfo(lcApp) << "systemd notified: ready; watchdog ping every" << m_ping.interval() << "ms";
}
