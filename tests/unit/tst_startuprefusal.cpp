#include "notifylistener.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The real binary with a wrong configuration (issue 10). As systemd starts it (--fullscreen, a
// $NOTIFY_SOCKET) it must not exit into a crash loop: it shows the explanation, reports ready
// with the problem as its status, and is still running until it is stopped. Without
// --fullscreen (a developer's run) it exits with code 2 as before.
class TestStartupRefusal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString badConfig()
    {
        const QString path = m_dir.filePath(QStringLiteral("kiosk.ini"));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write("[centre]\nid=c1\nname=幸福社区党群服务中心\nissuer=street-1\n[kiosk]\nid=k1\nidle_timeout_s=3\n"
                    "[share]\npath=share\nid=s1\n");
        return path;
    }

private slots:
    void developerRunExitsWithTheMessage()
    {
        QProcess p;
        p.setProcessEnvironment([] {
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.remove(QStringLiteral("NOTIFY_SOCKET"));
            return env;
        }());
        p.start(QStringLiteral(DANGQUN_KIOSK), {QStringLiteral("--config"), badConfig()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("kiosk/idle_timeout_s")));
    }

    void kioskModeStaysUpAndTellsSystemd()
    {
        const QByteArray socket = "@dangqun-refusal-" + QByteArray::number(QCoreApplication::applicationPid());
        NotifyListener systemd(socket);
        QVERIFY(systemd.ok());
        QProcess p;
        p.setProcessEnvironment([&] {
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("NOTIFY_SOCKET"), QString::fromLatin1(socket));
            return env;
        }());
        p.start(QStringLiteral(DANGQUN_KIOSK), {QStringLiteral("--config"), badConfig(), QStringLiteral("--fullscreen")});
        QVERIFY(p.waitForStarted());
        const QByteArray ready = systemd.next(30000);
        QVERIFY2(ready.startsWith("READY=1\nSTATUS=") && ready.contains("kiosk/idle_timeout_s"), ready.constData());
        // Ready with the explanation on screen, and still there: systemd has nothing to restart.
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(TestStartupRefusal)
#include "tst_startuprefusal.moc"
