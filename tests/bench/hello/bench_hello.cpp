// bench_hello: a minimal Qt Quick window (one Chinese text), the baseline of the kiosk's cold
// start (design.md §8: the kiosk may cost at most 2x its CPU time). Built the way a Qt user builds
// a hello window (qt_add_qml_module, compiled QML); prints "ready <ms>" at its first frame and
// exits, like `dangqun-kiosk --exit-when-ready`.
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QUrl>
#include <cstdio>
#include <ctime>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.load(QUrl(QStringLiteral("qrc:/BenchHello/Main.qml")));
    auto *window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window)
        return 4;
    QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&sinceStart] {
        // Wall ms since main(), then the process's CPU ms (every thread) at the first frame.
        timespec cpu{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        std::printf("ready %lld %.1f\n", qlonglong(sinceStart.elapsed()), cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6);
        std::fflush(stdout);
        QCoreApplication::exit(0);
    }, Qt::SingleShotConnection);
    return app.exec();
}
