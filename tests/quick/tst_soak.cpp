#include "checkincontroller.h"
#include "clock.h"
#include "issuerkey.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "membercode.h"
#include "membersession.h"
#include "qmlwarningguard.h"
#include "signedcodes.h"
#include "quizcontroller.h"
#include "videoplayercontroller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <unistd.h>

// Many members one after another, offscreen, as a kiosk sees a busy day (issue 11): check in
// with a member code, watch a video for a moment, take a quiz, go home, the idle timeout, the
// attract screen, a touch. Afterwards: no QML warning, no objects left behind in the window,
// and resident memory flat (within 10%) from the end of the warm-up to the end.
//
// SOAK_SESSIONS sets the number (50 in the suite; 1000 on demand:
// `SOAK_SESSIONS=1000 build/release/tests/quick/tst_soak`). The code goes to the check-in
// controller the way the scanner hands it over; the camera pipeline has its own tests.
class TestSoak : public QObject
{
    Q_OBJECT

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));

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
    // kiosk does. The idle timeout is short here (1 s) so the idle steps of each visit are quick,
    // yet long enough that a page built on a busy machine does not count as the member leaving.
    static bool whileTouching(KioskHarness &ui, const std::function<bool()> &done, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; !done(); ++i) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QTest::mouseMove(ui.window, QPoint(40 + i % 2, 40));
            QTest::qWait(30);
        }
        return true;
    }

    // One member's visit. Returns false (with a QTest failure recorded) when a step fails.
    static bool failed(int n, const char *step)
    {
        qWarning("session %d failed at: %s", n, step);
        return false;
    }

    // Opens a page as a tile would and waits until it exists (pages reset their controller
    // when they are made, so nothing may be started on it before).
    static bool open(KioskHarness &ui, const QString &page)
    {
        ui.show(page);
        return whileTouching(ui, [&] { return ui.page() == page && findItem(ui.window, page); });
    }

    bool session(KioskHarness &ui, int n)
    {
        if (!open(ui, QStringLiteral("scan")))
            return failed(n, "scan page");
        QSignalSpy finished(&ui.services().checkin(), &CheckinController::finished);
        ui.services().checkin().submitCode(code(n));
        if (!whileTouching(ui, [&] { return !finished.isEmpty(); }) || !finished.first().first().toMap().value(QStringLiteral("success")).toBool())
            return failed(n, "check-in");

        if (!open(ui, QStringLiteral("videos")))
            return failed(n, "video library");
        VideoPlayerController &player = ui.services().videoPlayer();
        player.open(QStringLiteral("lianzheng-01"));
        if (!whileTouching(ui, [&] { return player.status() == VideoPlayerController::Status::Playing; }))
            return failed(n, "video playing");
        QElapsedTimer watching;
        watching.start();
        whileTouching(ui, [&] { return watching.elapsed() > 300; });
        player.close();

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

        ui.show(QStringLiteral("home"));
        // Left alone: the session ends, then the attract screen; a touch brings home back.
        if (!QTest::qWaitFor([&] { return !ui.services().session().active(); }, 5000))
            return failed(n, "session ended by the idle timeout");
        if (!QTest::qWaitFor([&] { return ui.page() == u"attract"; }, 5000))
            return failed(n, "attract screen");
        QTest::mouseClick(ui.window, Qt::LeftButton, {}, QPoint(ui.window->width() / 2, ui.window->height() / 2));
        return QTest::qWaitFor([&] { return ui.page() == u"home"; }, 5000) || failed(n, "touch did not leave the attract screen");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR "/videos.json")),
                 "sample videos not generated (target sample_media)");
    }

    void manySessions()
    {
        const int sessions = qEnvironmentVariableIsSet("SOAK_SESSIONS") ? qEnvironmentVariableIntValue("SOAK_SESSIONS") : 50;
        // Allocator pools and caches settle over the first visits; growth is measured after.
        const int warmUp = std::max(20, sessions / 10);
        KioskConfig c = KioskHarness::config(m_dir.path());
        c.mediaDir = QStringLiteral(KIOSK_SAMPLE_MEDIA_DIR);
        c.contentDir = m_dir.filePath(QStringLiteral("content"));
        QVERIFY(QDir().mkpath(c.contentDir + QStringLiteral("/quiz")));
        QVERIFY(QFile::copy(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"),
                            c.contentDir + QStringLiteral("/quiz/dangzhang-dangui.json")));
        QVERIFY(m_key.save(c.trustedIssuersDir));
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 1000));
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QTRY_VERIFY(ui.services().quiz().loaded());

        qint64 rssAfterWarmUp = 0;
        int objectsAfterWarmUp = 0;
        for (int n = 1; n <= sessions; ++n) {
            QVERIFY2(session(ui, n), qPrintable(QStringLiteral("session %1 of %2").arg(n).arg(sessions)));
            if (n == warmUp) {
                rssAfterWarmUp = residentKb();
                objectsAfterWarmUp = objectCount(ui.window->contentItem());
            }
        }
        const qint64 rss = residentKb();
        const int objects = objectCount(ui.window->contentItem());
        qInfo("%d sessions: RSS %lld kB after %d, %lld kB at the end (%+.1f%%); objects in the window %d -> %d",
              sessions, rssAfterWarmUp, warmUp, rss, 100.0 * double(rss - rssAfterWarmUp) / double(rssAfterWarmUp),
              objectsAfterWarmUp, objects);
        QVERIFY(rssAfterWarmUp > 0);
        QVERIFY2(rss <= rssAfterWarmUp * 11 / 10, "resident memory grew by more than 10%");
        QCOMPARE(objects, objectsAfterWarmUp);
        QVERIFY_NO_QML_WARNINGS();
    }
};

static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);
// Qt Test stops a test function after 5 minutes; a long soak (about 3 s a visit) needs longer.
static const int s_timeout = [] {
    const int sessions = qEnvironmentVariableIntValue("SOAK_SESSIONS");
    if (sessions > 0 && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(std::max(300, sessions * 10) * 1000));
    return 0;
}();

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
