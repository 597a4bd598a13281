#pragma once
#include <QByteArray>
#include <QTest>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

// A datagram socket bound like systemd's $NOTIFY_SOCKET, to receive what the kiosk sends with
// the sd_notify protocol. A name starting with "@" binds in the abstract namespace.
class NotifyListener
{
public:
    explicit NotifyListener(const QByteArray &name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (size_t(name.size()) >= sizeof(addr.sun_path))
            return;
        std::memcpy(addr.sun_path, name.constData(), size_t(name.size()));
        socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(name.size()));
        if (name.startsWith('@'))
            addr.sun_path[0] = '\0';
        else
            len += 1;
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), len) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifyListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NotifyListener(const NotifyListener &) = delete;
    NotifyListener &operator=(const NotifyListener &) = delete;

    bool ok() const { return m_fd >= 0; }

    // One datagram if one is waiting, else empty (never blocks).
    QByteArray receive()
    {
        char buf[1024];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        return n > 0 ? QByteArray(buf, int(n)) : QByteArray();
    }

    // The next datagram, processing events while waiting up to `ms` (timers send from the loop).
    QByteArray next(int ms = 5000)
    {
        QByteArray out;
        if (!QTest::qWaitFor([&] { return !(out = receive()).isEmpty(); }, ms))
            return {};
        return out;
    }

private:
    int m_fd = -1;
};
