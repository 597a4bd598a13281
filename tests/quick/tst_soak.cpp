#include "checkincontroller.h"
#include "clock.h"
#include "heapsettings.h"
#include "idlemonitor.h"
#include "issuerkey.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "membercode.h"
#include "membersession.h"
#include "qmlwarningguard.h"
#include "quizcontroller.h"
#include "signedcodes.h"
#include "videoplayercontroller.h"
#include "windowtap.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <malloc.h>
#include <unistd.h>

// Many members one after another, offscreen, as a kiosk sees a busy day (issues 11 and 24):
// check in with a member code, watch a video for a moment, take a quiz, go home, the idle
// timeout, the attract screen, a touch. Afterwards: no QML warning, no objects left behind in the
// window, and resident memory (RSS, after every visit) flat after the warm-up (the first 10 % of
// the visits): its highest value after the warm-up within 4 % of it in a short run, 2 % in a long
// soak (1,000 visits or more), where the least-squares slope over the last half of the visits
// must also be indistinguishable from zero. Last, the kiosk's heap setting (HeapSettings) is in
// force: the cause of issue 24's growth.
//
// Three variants (data rows): plain; 大字模式 switched on at the start of every visit; the video
// left playing when the member walks away (the idle timeout ends the session, not 返回). Every
// visit waits for conditions only (pages built, the video's position moving, the session ended),
// never for a length of time: the idle timeout is long while the "member" uses the kiosk and
// short once they leave.
//
// SOAK_SESSIONS sets the number of visits of each row (36 in the suite); SOAK_REPORT_EVERY how
// often a line with RSS and the heap figures is printed (100); SOAK_CSV names a file for RSS and
// the heap figures of every visit (each row rewrites it). One row only: `tst_soak
// visits:largeType`. The long soak (not in CI) is tests/soak/long-soak.sh. Diagnostics:
// SOAK_MALLOC_STATS=1 prints glibc's malloc_stats() (every arena) with each report;
// SOAK_MALLOC_TRIM=1 calls malloc_trim(0) after every visit and reports RSS before and after
// (memory freed but kept resident); SOAK_EXIT_AFTER_VISITS=1 ends the process with everything
// still allocated right after the visits (no destructors), so that `heaptrack` lists what the
// visits left behind as "leaked" (compare two runs with `heaptrack_print -d`).
// The code goes to the check-in controller the way the scanner hands it over; the camera
// pipeline has its own tests.
class TestSoak : public QObject
{
    Q_OBJECT

    static inline void *volatile s_sink = nullptr; // keeps a malloc the compiler cannot drop

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));

    // The idle timeout while the member uses the kiosk (a page built slowly on a loaded machine
    // must not count as leaving) and once they have left (nothing to wait for).
    static constexpr int usingIdleMs = 60000;
    static constexpr int leftIdleMs = 50;
    // From this many visits on (the long soak), resident memory after the warm-up may rise by
    // 2 % at most, at any visit, and the slope over the last half must be indistinguishable from
    // zero. A short run's warm-up (3 or 4 visits) leaves caches filling (glyphs of quiz questions
    // not shown yet, SQLite pages): 4 % there, which the defect of issue 24 exceeded (+8.8 % and
    // +13.9 % in 36 visits).
    static constexpr int longSoakVisits = 1000;
    static constexpr double maxGrowthPercentLong = 2.0;
    // The suite's short run: 6 %, between a good build (+2.4 % to +4.3 % measured, the last after
    // the merge of the check-in screens, which failed the earlier 4 %) and the defect above.
    static constexpr double maxGrowthPercentShort = 6.0;

    static qint64 residentKb()
    {
        QFile statm(QStringLiteral("/proc/self/statm"));
        if (!statm.open(QIODevice::ReadOnly))
            return -1;
        const QList<QByteArray> fields = statm.readAll().split(' ');
        return fields.size() > 1 ? fields.at(1).toLongLong() * (sysconf(_SC_PAGESIZE) / 1024) : -1;
    }

    // Items in the visual tree (pages made by a StackView have no QObject parent) plus the
    // QObjects owned by them: what a leak of pages, delegates or dialogs would grow.
    static int objectCount(QQuickItem *item)
    {
        int n = 1 + int(item->findChildren<QObject *>(Qt::FindDirectChildrenOnly).size());
        const auto children = item->childItems();
        for (QQuickItem *child : children)
            n += objectCount(child);
        return n;
    }

    QString code(int n) const
    {
        return signedMemberCode(m_key, QStringLiteral("SK%1").arg(n, 5, 10, QLatin1Char('0')),
                                QStringLiteral("党员%1").arg(n));
    }

    // Waits for `done` while the "member" keeps touching the screen, as a member using the
    // kiosk does.
    static bool whileTouching(KioskHarness &ui, const std::function<bool()> &done, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; !done(); ++i) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QTest::mouseMove(ui.window, QPoint(40 + i % 2, 40));
            QTest::qWait(20);
        }
        return true;
    }

    // One member's visit. Returns false (with a QTest failure recorded) when a step fails.
    static bool failed(int n, const char *step)
    {
        qWarning("visit %d failed at: %s", n, step);
        return false;
    }

    // Opens a page as a tile would and waits until it exists (pages reset their controller
    // when they are made, so nothing may be started on it before).
    static bool open(KioskHarness &ui, const QString &page)
    {
        ui.show(page);
        return whileTouching(ui, [&] { return ui.page() == page && findItem(ui.window, page); });
    }

    // The window's idle monitor, found on the home screen (the video player has another one
    // inside its page).
    static IdleMonitor *windowIdle(KioskHarness &ui)
    {
        const auto monitors = ui.window->findChildren<IdleMonitor *>();
        return monitors.size() == 1 ? monitors.first() : nullptr;
    }

    struct Variant
    {
        bool largeType = false;
        bool videoLeftPlaying = false;
    };

    bool watchVideo(KioskHarness &ui, int n)
    {
        if (!open(ui, QStringLiteral("videos")))
            return failed(n, "video library");
        VideoPlayerController &player = ui.services().videoPlayer();
        player.open(QStringLiteral("lianzheng-01"));
        // Watching: the picture moves on by a fifth of a second (the member's progress counts).
        const qint64 from = player.position();
        if (!whileTouching(ui, [&] {
                return player.status() == VideoPlayerController::Status::Playing && player.position() >= from + 200;
            }))
            return failed(n, "video playing");
        return true;
    }

    bool takeQuiz(KioskHarness &ui, int n)
    {
        if (!open(ui, QStringLiteral("quiz")))
            return failed(n, "quiz page");
        QuizController &quiz = ui.services().quiz();
        quiz.startTest(0);
        if (!whileTouching(ui, [&] { return quiz.view() == QuizController::View::Question; })) {
            qWarning("quiz view %s, message %s, page %s", QMetaEnum::fromType<QuizController::View>().valueToKey(int(quiz.view())), qPrintable(quiz.message()),
                     qPrintable(ui.page()));
            return failed(n, "quiz question");
        }
        quiz.choose(0);
        quiz.handIn();
        if (!whileTouching(ui, [&] { return quiz.view() == QuizController::View::Results; }))
            return failed(n, "quiz results");
        return true;
    }

    bool visit(KioskHarness &ui, IdleMonitor *idle, int n, Variant variant)
    {
        idle->setTimeout(usingIdleMs);
        if (variant.largeType) {
            // 大字模式 from the home screen's toggle, as a member taps it; it lasts the visit.
            const QString why = WindowTap::tap(ui.window, QStringLiteral("largeTypeToggle"));
            if (!why.isEmpty()) {
                qWarning("%s", qPrintable(why));
                return failed(n, "大字模式 toggle");
            }
            if (!whileTouching(ui, [&] { return ui.kiosk().largeType(); }))
                return failed(n, "大字模式 on");
        }
        if (!open(ui, QStringLiteral("scan")))
            return failed(n, "scan page");
        QSignalSpy finished(&ui.services().checkin(), &CheckinController::finished);
        ui.services().checkin().submitCode(code(n));
        if (!whileTouching(ui, [&] { return !finished.isEmpty(); }) || !finished.first().first().toMap().value(QStringLiteral("success")).toBool())
            return failed(n, "check-in");

        if (variant.videoLeftPlaying) {
            // The quiz first, then a video the member walks away from while it plays.
            if (!takeQuiz(ui, n) || !watchVideo(ui, n))
                return false;
        } else {
            if (!watchVideo(ui, n))
                return false;
            ui.services().videoPlayer().close();
            if (!takeQuiz(ui, n))
                return false;
            ui.show(QStringLiteral("home"));
        }

        // Left alone: the session ends, then the attract screen; a touch brings home back.
        idle->setTimeout(leftIdleMs);
        if (!QTest::qWaitFor([&] { return !ui.services().session().active(); }, 20000))
            return failed(n, "session ended by the idle timeout");
        if (ui.services().videoPlayer().status() != VideoPlayerController::Status::Closed)
            return failed(n, "video closed with the session");
        if (!QTest::qWaitFor([&] { return ui.page() == u"attract"; }, 20000))
            return failed(n, "attract screen");
        idle->setTimeout(usingIdleMs);
        QTest::mouseClick(ui.window, Qt::LeftButton, {}, QPoint(ui.window->width() / 2, ui.window->height() / 2));
        return QTest::qWaitFor([&] { return ui.page() == u"home" && !ui.kiosk().largeType(); }, 20000)
            || failed(n, "touch did not leave the attract screen");
    }

    // y = a + b x by least squares over y[from..]: b and its standard error. RSS after one visit
    // is not independent of the last (the allocator grows in steps), so the error is widened by
    // the lag-1 autocorrelation r of the residuals, sqrt((1 + r) / (1 - r)), as for an AR(1)
    // series; without that, steps would pass for a significant slope.
    struct Slope
    {
        double perVisit = 0;
        double error = 0;
    };
    static Slope leastSquares(const QList<qint64> &y, qsizetype from)
    {
        const qsizetype n = y.size() - from;
        if (n < 4)
            return {};
        double mx = 0, my = 0;
        for (qsizetype i = from; i < y.size(); ++i) {
            mx += double(i);
            my += double(y.at(i));
        }
        mx /= double(n);
        my /= double(n);
        double sxx = 0, sxy = 0;
        for (qsizetype i = from; i < y.size(); ++i) {
            sxx += (double(i) - mx) * (double(i) - mx);
            sxy += (double(i) - mx) * (double(y.at(i)) - my);
        }
        const double b = sxy / sxx;
        QList<double> residuals;
        double sse = 0;
        for (qsizetype i = from; i < y.size(); ++i) {
            residuals.append(double(y.at(i)) - (my + b * (double(i) - mx)));
            sse += residuals.last() * residuals.last();
        }
        double lagged = 0;
        for (qsizetype i = 1; i < residuals.size(); ++i)
            lagged += residuals.at(i) * residuals.at(i - 1);
        const double r = sse > 0 ? std::clamp(lagged / sse, 0.0, 0.9) : 0.0;
        return {b, std::sqrt(sse / double(n - 2) / sxx * (1 + r) / (1 - r))};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR "/videos.json")),
                 "sample videos not generated (target sample_media)");
    }

    void visits_data()
    {
        QTest::addColumn<bool>("largeType");
        QTest::addColumn<bool>("videoLeftPlaying");
        QTest::newRow("plain") << false << false;
        QTest::newRow("largeType") << true << false;
        QTest::newRow("videoLeftPlaying") << false << true;
    }

    void visits()
    {
        QFETCH(bool, largeType);
        QFETCH(bool, videoLeftPlaying);
        const char *row = QTest::currentDataTag();
        const int sessions = qEnvironmentVariableIsSet("SOAK_SESSIONS") ? qEnvironmentVariableIntValue("SOAK_SESSIONS") : 36;
        QVERIFY2(sessions >= 20, "SOAK_SESSIONS: at least 20 visits");
        const int reportEvery = qEnvironmentVariableIsSet("SOAK_REPORT_EVERY") ? qEnvironmentVariableIntValue("SOAK_REPORT_EVERY") : 100;
        // Allocator pools and caches settle over the first visits; growth is measured after.
        const int warmUp = std::max(1, sessions / 10);

        KioskConfig c = KioskHarness::config(m_dir.filePath(QString::fromLatin1(row)));
        c.mediaDir = QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR);
        c.contentDir = m_dir.filePath(QString::fromLatin1(row) + QStringLiteral("/content"));
        QVERIFY(QDir().mkpath(c.contentDir + QStringLiteral("/quiz")));
        QVERIFY(QFile::copy(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"),
                            c.contentDir + QStringLiteral("/quiz/dangzhang-dangui.json")));
        QVERIFY(m_key.save(c.trustedIssuersDir));
        // The kiosk's own timeout under 2 s: no idle warning, whose 10 s countdown (and as long again
        // before the attract screen) would make every visit 20 s; the test sets the window's monitor
        // itself, 60 s while the member uses the kiosk and 50 ms once they leave.
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 1000));
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QTRY_VERIFY(ui.services().quiz().loaded());
        IdleMonitor *idle = windowIdle(ui);
        QVERIFY(idle);

        QFile csv(qEnvironmentVariable("SOAK_CSV"));
        if (!csv.fileName().isEmpty()) {
            QVERIFY2(csv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text), qPrintable(csv.fileName()));
            csv.write("visit,rss_kb,heap_in_use_kb,heap_arena_kb\n");
        }
        QList<qint64> rss; // kB after each visit; rss[i] after visit i + 1
        rss.reserve(sessions);
        int objectsAfterWarmUp = 0;
        QElapsedTimer clock;
        clock.start();
        for (int n = 1; n <= sessions; ++n) {
            QVERIFY2(visit(ui, idle, n, {largeType, videoLeftPlaying}),
                     qPrintable(QStringLiteral("visit %1 of %2").arg(n).arg(sessions)));
            if (qEnvironmentVariableIntValue("SOAK_MALLOC_TRIM") == 1) {
                const qint64 before = residentKb();
                QElapsedTimer t;
                t.start();
                malloc_trim(0);
                const qint64 ns = t.nsecsElapsed();
                if (n % reportEvery == 0)
                    qInfo("soak %s: visit %d RSS %lld kB before malloc_trim, %lld kB after (%.2f ms)", row, n, before, residentKb(), ns / 1e6);
            }
            if (qEnvironmentVariableIntValue("SOAK_MALLOC_STATS") == 1 && n % reportEvery == 0)
                malloc_stats();
            rss.append(residentKb());
            const struct mallinfo2 heap = mallinfo2();
            // Heap in use: live malloc blocks; heap arena: what malloc holds from the system (in
            // use + free). RSS rising with the arena but not with the in-use figure is memory
            // freed but kept resident by malloc; both rising together is memory something keeps.
            const size_t inUseKb = (heap.uordblks + heap.hblkhd) / 1024;
            const size_t arenaKb = (heap.arena + heap.hblkhd) / 1024;
            if (csv.isOpen()) {
                csv.write(QStringLiteral("%1,%2,%3,%4\n").arg(n).arg(rss.last()).arg(inUseKb).arg(arenaKb).toLatin1());
                csv.flush();
            }
            if (n == warmUp)
                objectsAfterWarmUp = objectCount(ui.window->contentItem());
            if (n % reportEvery == 0 || n == sessions)
                qInfo("soak %s: visit %d RSS %lld kB heap in use %zu kB heap arena %zu kB (%.2f s a visit)", row, n,
                      rss.last(), inUseKb, arenaKb, double(clock.elapsed()) / 1000.0 / n);
        }
        if (qEnvironmentVariableIntValue("SOAK_EXIT_AFTER_VISITS") == 1) {
            fflush(stdout);
            std::exit(0); // heaptrack: what is still allocated now is reported as leaked
        }

        const qint64 base = rss.at(warmUp - 1);
        const qint64 peak = *std::max_element(rss.cbegin() + warmUp, rss.cend());
        const double growth = 100.0 * double(rss.last() - base) / double(base);
        const double peakGrowth = 100.0 * double(peak - base) / double(base);
        const Slope slope = leastSquares(rss, rss.size() / 2);
        const int objects = objectCount(ui.window->contentItem());
        qInfo("soak %s: %d visits: RSS %lld kB after the warm-up (%d visits), %lld kB at the end (%+.2f%%), "
              "highest %lld kB (%+.2f%%); slope over the last half %+.0f ± %.0f kB per 100 visits; "
              "objects in the window %d -> %d",
              row, sessions, base, warmUp, rss.last(), growth, peak, peakGrowth, 100 * slope.perVisit,
              100 * slope.error, objectsAfterWarmUp, objects);
        QVERIFY_NO_QML_WARNINGS();
        QCOMPARE(objects, objectsAfterWarmUp);
        // Before the fix (HeapSettings) the malloc heaps grew in steps of several MB within a few
        // dozen visits: the highest RSS after the warm-up catches that in a short run too.
        const double maxGrowth = sessions >= longSoakVisits ? maxGrowthPercentLong : maxGrowthPercentShort;
        QVERIFY2(peakGrowth <= maxGrowth,
                 qPrintable(QStringLiteral("resident memory grew by more than %1 % after the warm-up").arg(maxGrowth)));
        // In a short run the last half still fills caches (glyphs of new quiz questions, SQLite
        // pages); a long soak must show no growth that the noise cannot explain.
        if (sessions >= longSoakVisits)
            QVERIFY2(slope.perVisit <= 2 * slope.error,
                     "resident memory still climbing over the last half of the visits (slope above twice its error)");

        // The kiosk's heap (HeapSettings, applied by KioskServices): a freed large block must not
        // raise the size from which blocks are mapped of their own, as glibc does by default.
        void *big = malloc(4 << 20);
        QVERIFY(big);
        memset(big, 1, 4 << 20);
        s_sink = big;
        free(big);
        void *block = malloc(HeapSettings::mmapThresholdBytes * 2);
        s_sink = block;
        // glibc marks a chunk mapped of its own with bit 0x2 of the size word before it. Asked of
        // this block itself: the process-wide count (mallinfo2().hblks) also moves with the
        // video threads' frames, which made this check fail with a video left playing.
        const bool mapped = block && (reinterpret_cast<const size_t *>(block)[-1] & 0x2);
        free(block);
        QVERIFY2(mapped, "a 256 KiB block came from a heap after a 4 MiB block was freed");
    }
};

static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);
// Qt Test stops a test function after 5 minutes; a long soak needs longer.
static const int s_timeout = [] {
    const int sessions = qEnvironmentVariableIntValue("SOAK_SESSIONS");
    if (sessions > 0 && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(std::max(300, sessions * 10) * 1000));
    return 0;
}();

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
