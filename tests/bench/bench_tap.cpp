// bench_tap (issue 23): tap to the next page fully painted, as a member feels it. The demo kiosk
// (sample videos, question banks, events) runs offscreen; every step is a mouse press and release
// on the window at a control's centre (tests/support/windowtap.h refuses hidden or covered
// controls), never a controller call. A step ends at the first frame swapped after the page it
// leads to is complete: the StackView settled, every Loader in the window Ready (or inactive) and
// no Image still loading. Each walk is made `rounds` times in portrait and in landscape; the first
// round is reported apart (it compiles each page once per process start).
// Usage: bench_tap [ROUNDS=7]        (a Release build; a benchmark, never a ctest)
#include "clock.h"
#include "demosetup.h"
#include "kioskconfig.h"
#include "kioskharness.h"
#include "videosamples.h"
#include "windowtap.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <map>

namespace {

// Something still on its way to the screen under `item`: a Loader loading, an Image decoding,
// a StackView in a transition.
bool pending(QQuickItem *item)
{
    if (!item->isVisible())
        return false;
    if (item->inherits("QQuickLoader") && item->property("active").toBool()
        && item->property("status").toInt() == 2 /* Loading */)
        return true;
    if (item->inherits("QQuickImageBase") && item->property("status").toInt() == 2 /* Loading */)
        return true;
    if (item->inherits("QQuickStackView") && item->property("busy").toBool())
        return true;
    const auto children = item->childItems();
    return std::any_of(children.begin(), children.end(), [](QQuickItem *c) { return pending(c); });
}

// What pending() waits for, for the message of a step that never completes.
QString pendingName(QQuickItem *item)
{
    if (!item->isVisible())
        return {};
    const auto children = item->childItems();
    for (QQuickItem *c : children)
        if (const QString n = pendingName(c); !n.isEmpty())
            return n;
    if (pending(item))
        return QStringLiteral("%1 \"%2\" %3").arg(QString::fromLatin1(item->metaObject()->className()), item->objectName(),
                                                   item->property("source").toString());
    return {};
}

// A visible item of that name (pages left in the StackView keep theirs, hidden).
bool shown(QQuickItem *item, const QString &name)
{
    if (!item->isVisible())
        return false;
    if (item->objectName() == name)
        return true;
    const auto children = item->childItems();
    return std::any_of(children.begin(), children.end(), [&name](QQuickItem *c) { return shown(c, name); });
}

bool shown(QQuickWindow *window, const QString &name)
{
    return shown(window->contentItem(), name);
}

struct Step
{
    QString label;   // row name
    QString control; // objectName to tap; "<prefix>*": the first tappable item whose name starts so;
                     // "text:<label>": the first tappable item whose text property is <label>
    QString expect;  // objectName that must be visible when the step is done
};

// The first tappable item, in tree order, that `matches`.
// (Any visible one with tappable = false, to say why it cannot be tapped.)
template<typename Match>
QQuickItem *findTappable(QQuickItem *root, const Match &matches, bool tappable = true)
{
    if (!root->isVisible())
        return nullptr;
    if (matches(root) && (!tappable || WindowTap::whyNotTappable(root->window(), root).isEmpty()))
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = findTappable(child, matches, tappable))
            return found;
    return nullptr;
}

QQuickItem *findControl(QQuickWindow *window, const QString &selector)
{
    if (selector.startsWith(QLatin1String("text:"))) {
        const QString label = selector.mid(5);
        return findTappable(window->contentItem(), [&label](QQuickItem *i) { return i->property("text").toString() == label; });
    }
    if (selector.endsWith(u'*')) {
        const QString prefix = selector.chopped(1);
        return findTappable(window->contentItem(), [&prefix](QQuickItem *i) { return i->objectName().startsWith(prefix); });
    }
    return findItem(window, selector);
}

class Walker
{
public:
    explicit Walker(QQuickWindow *window)
        : m_window(window)
    {
        QObject::connect(window, &QQuickWindow::frameSwapped, window, [this] { m_lastSwap = m_clock.nsecsElapsed(); },
                         Qt::QueuedConnection);
        m_clock.start();
    }

    // Milliseconds from the tap to the first frame showing the finished page; <0 when refused.
    double run(const Step &step, QString *why)
    {
        QQuickItem *control = findControl(m_window, step.control);
        *why = control ? WindowTap::whyNotTappable(m_window, control) : step.control + QStringLiteral(": not found");
        if (!control && step.control.startsWith(QLatin1String("text:"))) {
            // Say why the control a member would look for cannot be tapped.
            const QString label = step.control.mid(5);
            if (QQuickItem *i = findTappable(m_window->contentItem(), [&label](QQuickItem *c) {
                    return c->property("text").toString() == label; }, false))
                *why = step.control + QStringLiteral(": ") + WindowTap::whyNotTappable(m_window, i);
        }
        if (!why->isEmpty())
            return -1;
        const qint64 pressed = m_clock.nsecsElapsed();
        WindowTap::tap(m_window, control);
        QElapsedTimer limit;
        limit.start();
        qint64 complete = -1;
        while (limit.elapsed() < 30'000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (complete < 0) {
                if (shown(m_window, step.expect) && !pending(m_window->contentItem())) {
                    complete = m_clock.nsecsElapsed();
                    m_window->update(); // the finished page must reach the screen at least once
                }
            } else if (m_lastSwap > complete) {
                return (m_lastSwap - pressed) / 1e6;
            }
        }
        const bool target = shown(m_window, step.expect);
        *why = QStringLiteral("%1 never appeared complete after tapping %2 (%3; still pending: %4)")
                   .arg(step.expect, step.control, target ? QStringLiteral("shown") : QStringLiteral("not shown"),
                        pendingName(m_window->contentItem()));
        return -1;
    }

private:
    QQuickWindow *m_window;
    QElapsedTimer m_clock;
    qint64 m_lastSwap = 0;
};

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return qQNaN();
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * (v.size() - 1) + 0.5)));
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_CONTROLS_STYLE", "Basic");
    QGuiApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false\nkiosk.*.debug=false"));
    const int rounds = argc > 1 ? std::max(2, atoi(argv[1])) : 7;

    // Each walk starts and ends on the home screen; "back" controls are the pages' own.
    // Each walk starts on the home screen; after it the kiosk is sent home unmeasured.
    const QString home = QStringLiteral("text:返回首页");
    const QList<QList<Step>> walks{
        {{QStringLiteral("home -> 扫码签到"), QStringLiteral("tile-scan"), QStringLiteral("scan")},
         {QStringLiteral("扫码签到 -> 手机号签到"), QStringLiteral("manualButton"), QStringLiteral("phoneField")}},
        {{QStringLiteral("home -> 扫码签到 "), QStringLiteral("tile-scan"), QStringLiteral("scan")},
         {QStringLiteral("扫码签到 -> home (返回首页)"), home, QStringLiteral("home")}},
        {{QStringLiteral("home -> 廉政视频"), QStringLiteral("tile-videos"), QStringLiteral("videos")},
         {QStringLiteral("视频列表 -> 播放"), QStringLiteral("video-*"), QStringLiteral("playerTitle")},
         {QStringLiteral("播放 -> 视频列表"), QStringLiteral("playerBack"), QStringLiteral("videosBack")},
         {QStringLiteral("视频列表 -> home (返回首页)"), QStringLiteral("videosBack"), QStringLiteral("home")}},
        {{QStringLiteral("home -> 党章党规测试"), QStringLiteral("tile-quiz"), QStringLiteral("quiz")},
         {QStringLiteral("测试 -> home (返回首页)"), QStringLiteral("quizHomeButton"), QStringLiteral("home")}},
        {{QStringLiteral("home -> 党章党规测试 "), QStringLiteral("tile-quiz"), QStringLiteral("quiz")},
         {QStringLiteral("测试 -> 每日一练第一题"), QStringLiteral("mode-daily"), QStringLiteral("quizStem")}},
        {{QStringLiteral("home -> 活动报名"), QStringLiteral("tile-events"), QStringLiteral("events")},
         {QStringLiteral("活动列表 -> 活动详情"), QStringLiteral("eventCard-*"), QStringLiteral("eventDetail")},
         {QStringLiteral("活动详情 -> 活动列表"), QStringLiteral("backToListButton"), QStringLiteral("events")},
         {QStringLiteral("活动列表 -> home (返回首页)"), home, QStringLiteral("home")}},
        {{QStringLiteral("home -> 流动党员报到"), QStringLiteral("tile-report"), QStringLiteral("report")},
         {QStringLiteral("报到 -> home (返回首页)"), home, QStringLiteral("home")}},
    };

    QFile loadavg(QStringLiteral("/proc/loadavg"));
    loadavg.open(QIODevice::ReadOnly);
    std::printf("bench_tap: %d rounds per orientation, offscreen, demo content; load average %s\n", rounds,
                loadavg.readAll().trimmed().constData());
    int failures = 0;
    for (const auto orientation : {KioskConfig::Orientation::Portrait, KioskConfig::Orientation::Landscape}) {
        QTemporaryDir dir;
        DemoSetup demo(dir.path(), QStringLiteral(KIOSK_SAMPLES_DIR));
        if (!demo.prepare()) {
            std::fprintf(stderr, "demo setup failed: %s\n", qPrintable(demo.errorString()));
            return 2;
        }
        ConfigError error;
        std::optional<KioskConfig> config = KioskConfig::load(demo.configPath(), &error);
        if (!config) {
            std::fprintf(stderr, "demo config refused\n");
            return 2;
        }
        config->orientation = orientation;
        // The sample videos generated at build time, as `dangqun-kiosk --demo` installs them.
        QString mediaError;
        if (!VideoSamples::installIfMissing(VideoSamples::sourceDir(QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR)),
                                            config->mediaDir, &mediaError))
            std::fprintf(stderr, "sample videos: %s\n", qPrintable(mediaError));
        SystemClock clock;
        KioskServicesOptions options = KioskHarness::options(*config, 3'600'000);
        KioskHarness kiosk(*config, clock, options);
        if (!kiosk.window) {
            std::fprintf(stderr, "Main.qml did not load\n");
            return 4;
        }
        kiosk.window->show();
        if (!QTest::qWaitForWindowExposed(kiosk.window))
            std::fprintf(stderr, "window not exposed\n");
        Walker walker(kiosk.window);
        const char *name = orientation == KioskConfig::Orientation::Portrait ? "portrait" : "landscape";
        std::map<QString, QList<double>> later;
        std::map<QString, double> first;
        QStringList order;
        for (int round = 0; round < rounds; ++round) {
            for (const auto &walk : walks) {
                for (const Step &step : walk) {
                    QString why;
                    const double ms = walker.run(step, &why);
                    if (ms < 0) {
                        std::fprintf(stderr, "%s, round %d: %s: %s\n", name, round + 1, qPrintable(step.label), qPrintable(why));
                        ++failures;
                        break;
                    }
                    if (!order.contains(step.label))
                        order << step.label;
                    if (round == 0)
                        first[step.label] = ms;
                    else
                        later[step.label] << ms;
                }
                // Home again, unmeasured, ready for the next walk.
                if (!shown(kiosk.window, QStringLiteral("home"))) {
                    kiosk.show(QStringLiteral("home"));
                    QElapsedTimer settle;
                    settle.start();
                    while ((!shown(kiosk.window, QStringLiteral("home")) || pending(kiosk.window->contentItem()))
                           && settle.elapsed() < 30'000)
                        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
                }
            }
        }
        std::printf("\n%s %dx%d\n| step | first tap ms | median ms | p90 ms |\n|---|---:|---:|---:|\n", name,
                    kiosk.window->width(), kiosk.window->height());
        for (const QString &label : order)
            std::printf("| %s | %.0f | %.0f | %.0f |\n", qPrintable(label), first[label], percentile(later[label], 0.5),
                        percentile(later[label], 0.9));
    }
    return failures == 0 ? 0 : 1;
}
