#include "notifylistener.h"
#include "systemdnotifier.h"

#include <QTest>
#include <QTemporaryDir>
#include <unistd.h>

// The sd_notify datagrams systemd's Type=notify and WatchdogSec= rely on (issue 10): READY=1
// once, then WATCHDOG=1 from the event loop's timer, to a path socket or an abstract one.
class TestSystemdNotifier : public QObject
{
    Q_OBJECT

private slots:
    void pathSocketReceivesReadyThenPings()
    {
        QTemporaryDir dir;
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("notify")));
        NotifyListener listener(path);
        QVERIFY(listener.ok());
        // WatchdogSec=0.2s: pings every 100 ms.
        SystemdNotifier notifier(QString::fromLocal8Bit(path), 200'000);
        QVERIFY(notifier.enabled());
        QCOMPARE(notifier.pingIntervalMs(), 100);
        notifier.ready();
        QVERIFY(listener.next().startsWith("READY=1\n"));
        QCOMPARE(listener.next(), QByteArray("WATCHDOG=1"));
        // The later pings come from the timer, i.e. only while the event loop runs.
        QCOMPARE(listener.next(), QByteArray("WATCHDOG=1"));
        QCOMPARE(listener.next(), QByteArray("WATCHDOG=1"));
    }

    void abstractSocket()
    {
        const QByteArray name = "@dangqun-test-notify-" + QByteArray::number(::getpid());
        NotifyListener listener(name);
        QVERIFY(listener.ok());
        SystemdNotifier notifier(QString::fromLatin1(name), 0);
        notifier.ready();
        QVERIFY(listener.next().startsWith("READY=1"));
        QVERIFY(notifier.notify("STOPPING=1"));
        QCOMPARE(listener.next(), QByteArray("STOPPING=1"));
        QCOMPARE(notifier.pingIntervalMs(), 0); // no watchdog configured: no pings
        QTest::qWait(50);
        QVERIFY(listener.receive().isEmpty());
    }

    void withoutSystemdEverythingIsANoOp()
    {
        qunsetenv("NOTIFY_SOCKET");
        std::unique_ptr<SystemdNotifier> notifier(SystemdNotifier::fromEnvironment());
        QVERIFY(!notifier->enabled());
        QVERIFY(!notifier->notify("READY=1"));
        notifier->ready();
    }

    void fromEnvironment()
    {
        qputenv("NOTIFY_SOCKET", "/run/systemd/notify");
        qputenv("WATCHDOG_USEC", "30000000");
        std::unique_ptr<SystemdNotifier> notifier(SystemdNotifier::fromEnvironment());
        QVERIFY(notifier->enabled());
        QCOMPARE(notifier->pingIntervalMs(), 15000);
        qunsetenv("NOTIFY_SOCKET");
        qunsetenv("WATCHDOG_USEC");
    }

    void unreachableSocketFailsWithoutCrashing()
    {
        SystemdNotifier notifier(QStringLiteral("/nonexistent/notify"), 0);
        QVERIFY(!notifier.notify("READY=1"));
    }
};

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
