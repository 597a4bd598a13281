#include "checkincontroller.h"
#include "clock.h"
#include "database.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "kioskharness.h"
#include "membersession.h"
#include "qmlwarningguard.h"
#include "quizbank.h"
#include "quizcontroller.h"
#include "scansource.h"
#include "storagethread.h"
#include "windowtap.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtQuickTest/quicktest.h>

// The quiz pages, offscreen, driven by taps only: a 专项测试 from the menu to the results, as a
// visitor (practice, nothing recorded) and as a checked-in member (recorded with its outbox row,
// wrong answers in the 错题本, which can then be practised). Set QUIZ_SHOTS_DIR to keep pictures
// of the question, answer and results screens in both orientations.
class TestQuizPage : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    QuizBank m_bank;
    int m_n = 0;

    std::unique_ptr<KioskHarness> load(KioskConfig::Orientation orientation, int idleMs = 60000)
    {
        KioskConfig c = KioskHarness::config(m_dir.path(), orientation, QStringLiteral("data%1").arg(++m_n));
        c.contentDir = m_dir.filePath(QStringLiteral("content"));
        auto ui = std::make_unique<KioskHarness>(c, m_clock, KioskHarness::options(c, idleMs));
        ui->services().quiz().setSeed(7);
        return ui;
    }

    // Scrolls the nearest Flickable so the item is in view, then taps its centre.
    static bool tap(QQuickWindow *window, QQuickItem *item)
    {
        if (!item || !item->isVisible())
            return false;
        // New delegates (the next question's options) are placed by their layout at the next polish.
        if (!QTest::qWaitFor([&] { return item->width() > 0 && item->height() > 0; }))
            return false;
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem())
            QQuickTest::qWaitForItemPolished(p);
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            QQuickItem *content = p->property("contentItem").value<QQuickItem *>();
            const QRectF r = item->mapRectToItem(content, QRectF(0, 0, item->width(), item->height()));
            const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - p->height());
            p->setProperty("contentY", std::clamp<qreal>(r.center().y() - p->height() / 2, 0, maxY));
            break;
        }
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        if (!QRectF(0, 0, window->width(), window->height()).contains(c))
            return false;
        QTest::mouseClick(window, Qt::LeftButton, {}, c.toPoint());
        return true;
    }

    static bool whileTouching(KioskHarness &ui, const std::function<bool()> &done, int timeoutMs = 30'000)
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

    // Like a finger: scrolls the question (as a member may) to bring an option into view, then
    // taps it through the window, refused when off-screen or covered.
    static QString fingerTapOption(QQuickWindow *window, int option)
    {
        return fingerTapScrolled(window, QStringLiteral("option-%1").arg(option));
    }
    static QString fingerTapScrolled(QQuickWindow *window, const QString &name)
    {
        QQuickItem *item = findItem(window, name);
        if (!item || !QTest::qWaitFor([&] { return item->width() > 0 && item->height() > 0; }))
            return name + QStringLiteral(" missing");
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem())
            QQuickTest::qWaitForItemPolished(p);
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            QQuickItem *content = p->property("contentItem").value<QQuickItem *>();
            const QRectF r = item->mapRectToItem(content, QRectF(0, 0, item->width(), item->height()));
            const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - p->height());
            p->setProperty("contentY", std::clamp<qreal>(r.center().y() - p->height() / 2, 0, maxY));
            break;
        }
        return WindowTap::tap(window, item);
    }
    // A control of the action bar: never scrolled to, it must simply be there.
    static QString fingerTapFixed(QQuickWindow *window, const QString &name)
    {
        QQuickItem *item = findItem(window, name);
        if (!item)
            return name + QStringLiteral(" missing");
        QTest::qWaitFor([&] { return item->isVisible() && item->width() > 0; });
        for (QQuickItem *p = item; p; p = p->parentItem())
            QQuickTest::qWaitForItemPolished(p);
        window->grabWindow();
        return WindowTap::tap(window, item);
    }

    // The StackView slides a page in: taps land where things are only once it stands still.
    static void waitSettled(KioskHarness &ui)
    {
        QQuickItem *page = findItem(ui.window, QStringLiteral("quiz"));
        QVERIFY(page);
        // A StackView ignores touches while it is busy with a transition.
        QQuickItem *stack = page->parentItem();
        while (stack && !stack->inherits("QQuickStackView"))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QTRY_COMPARE(page->mapToScene(QPointF(0, 0)).x(), 0.0);
    }

    const QuizQuestion *questionById(const QString &id) const
    {
        for (const QuizQuestion &q : m_bank.questions) {
            if (q.id == id)
                return &q;
        }
        return nullptr;
    }

    static void shoot(KioskHarness &ui, const QString &name)
    {
        const QString dir = qEnvironmentVariable("QUIZ_SHOTS_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        const QString orientation = ui.window->width() < ui.window->height() ? QStringLiteral("portrait") : QStringLiteral("landscape");
        QTest::qWait(100);
        ui.window->grabWindow().save(QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(name, orientation)));
    }

    // Answers the paper on screen by tapping: right except for the questions numbered in `wrong`.
    void takePaper(KioskHarness &ui, const QSet<int> &wrong)
    {
        int guard = 0;
        bool shotQuestion = false;
        bool shotMultiple = false;
        while (ui.services().quiz().view() == QuizController::View::Question && ++guard < 200) {
            const QVariantMap q = ui.services().quiz().question();
            const int index = q.value(QStringLiteral("index")).toInt();
            const QuizQuestion *bankQuestion = questionById(q.value(QStringLiteral("id")).toString());
            QVERIFY(bankQuestion);
            QCOMPARE(q.value(QStringLiteral("progressText")).toString(),
                     QStringLiteral("第 %1/%2 题").arg(index + 1).arg(q.value(QStringLiteral("total")).toInt()));
            auto *progress = findItem(ui.window, QStringLiteral("quizProgress"));
            QVERIFY(progress);
            QTRY_COMPARE(progress->property("text").toString(), q.value(QStringLiteral("progressText")).toString());
            QList<int> choice = bankQuestion->answer;
            if (wrong.contains(index))
                choice = {(bankQuestion->answer.constFirst() + 1) % int(bankQuestion->choices().size())};
            // Option cards are large touch targets with large text.
            auto *first = findItem(ui.window, QStringLiteral("option-0"));
            QVERIFY(first);
            QVERIFY(first->height() >= 88);
            if (!shotQuestion) {
                shoot(ui, QStringLiteral("quiz-question"));
                shotQuestion = true;
            }
            const bool multiple = bankQuestion->type == QuizQuestion::Type::Multiple;
            for (int c : choice)
                QVERIFY2(tap(ui.window, findItem(ui.window, QStringLiteral("option-%1").arg(c))), qPrintable(bankQuestion->id));
            if (multiple) {
                QTRY_COMPARE(ui.services().quiz().selected().size(), choice.size());
                if (!shotMultiple) {
                    shoot(ui, QStringLiteral("quiz-multiple"));
                    shotMultiple = true;
                }
                QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("submitButton"))));
            }
            QTRY_VERIFY(ui.services().quiz().view() != QuizController::View::Question || ui.services().quiz().question().value(QStringLiteral("index")).toInt() != index);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("issuers")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("content/quiz")));
        const QString sample = QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json");
        QVERIFY(QFile::copy(sample, m_dir.filePath(QStringLiteral("content/quiz/dangzhang-dangui.json"))));
        const QuizBankResult r = QuizBankReader::load(sample);
        QVERIFY(r.ok());
        m_bank = r.bank;
    }

    // The idle timeout does not end a timed paper while it runs (the paper's own limit does);
    // once the results are shown, it brings the kiosk home again.
    void idleTimeoutWaitsForATimedPaper()
    {
        auto harness = load(KioskConfig::Orientation::Portrait, 400);
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        // Getting to the paper takes longer than one 400 ms timeout on a loaded machine (the bank
        // loads on the storage thread): a finger stays on the screen until the paper is up, as a
        // member's would, so the timeout cannot end the visit before the test begins.
        QVERIFY(whileTouching(ui, [&] {
            if (ui.page() != u"quiz")
                ui.show(QStringLiteral("quiz"));
            else if (ui.services().quiz().loaded() && ui.services().quiz().view() == QuizController::View::Menu)
                ui.services().quiz().startTest(0);
            return ui.page() == u"quiz" && ui.services().quiz().view() == QuizController::View::Question;
        }));
        QVERIFY(ui.services().quiz().timed());
        QVERIFY(ui.services().quiz().paperRunning());
        // Proving that nothing happens takes time by nature: several idle timeouts pass untouched.
        QTest::qWait(1500);
        QCOMPARE(ui.page(), QStringLiteral("quiz"));
        QCOMPARE(ui.services().quiz().view(), QuizController::View::Question);
        ui.services().quiz().handIn();
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        // Once the results are shown the timeout applies again (however slow the machine).
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("home"), 30'000);
        QVERIFY_NO_QML_WARNINGS();
    }

    void visitorTakesATestByTapping_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait);
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape);
    }
    void visitorTakesATestByTapping()
    {
        QFETCH(int, orientation);
        auto harness = load(KioskConfig::Orientation(orientation));
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("tile-quiz"))));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        QCOMPARE(ui.services().quiz().questionCount(), int(m_bank.questions.size()));
        auto *notice = findItem(ui.window, QStringLiteral("recordingNotice"));
        QVERIFY(notice);
        QVERIFY(notice->property("text").toString().contains(QStringLiteral("扫码签到")));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("test-0")));
        shoot(ui, QStringLiteral("quiz-menu"));

        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("test-0"))));
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        QVERIFY(ui.services().quiz().timed());
        auto *countdown = findItem(ui.window, QStringLiteral("quizCountdown"));
        QVERIFY(countdown);
        QCOMPARE(countdown->property("text").toString(), QStringLiteral("剩余 15:00"));
        QCOMPARE(ui.services().quiz().question().value(QStringLiteral("total")).toInt(), 20);

        takePaper(ui, {1, 4, 12});
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        shoot(ui, QStringLiteral("quiz-results"));
        QQuickItem *score = nullptr; // in the review list's header, made when the list is first laid out
        QTRY_VERIFY((score = findItem(ui.window, QStringLiteral("quizScore"))) != nullptr);
        QTRY_COMPARE(score->property("text").toString(), QStringLiteral("85 分"));
        QCOMPARE(findItem(ui.window, QStringLiteral("quizVerdict"))->property("text").toString(), QStringLiteral("合格"));
        QTRY_COMPARE(findItem(ui.window, QStringLiteral("reviewList"))->property("count").toInt(), 3);
        QVERIFY(findItem(ui.window, QStringLiteral("savedText"))->property("text").toString().contains(QStringLiteral("不记录")));

        // Practice leaves no record.
        ui.services().storage().stop();
        Database db(ui.services().config().databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM quiz_attempts) + (SELECT count(*) FROM outbox)")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY_NO_QML_WARNINGS();
    }

    void memberIsRecordedAndPractisesTheWrongBook()
    {
        auto harness = load(KioskConfig::Orientation::Portrait);
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.services().session().begin(QStringLiteral("street-1"), QStringLiteral("XF0001"), QStringLiteral("张三明"),
                          QStringLiteral("幸福社区第一党支部"), false);
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("tile-quiz"))));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("test-0")));
        QVERIFY(ui.services().quiz().recording());
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("test-0"))));
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        takePaper(ui, {0, 19});
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        QTRY_COMPARE(ui.services().quiz().result().value(QStringLiteral("saved")).toBool(), true);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("savedText")));
        QVERIFY(findItem(ui.window, QStringLiteral("savedText"))->property("text").toString().contains(QStringLiteral("成绩已记录")));
        QCOMPARE(ui.services().quiz().result().value(QStringLiteral("score")).toInt(), 90);

        // Back to the menu: the two wrong answers wait in the 错题本.
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("menuButton"))));
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Menu);
        QTRY_COMPARE(ui.services().quiz().wrongBookCount(), 2);
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("mode-wrongbook"))));
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        QCOMPARE(ui.services().quiz().question().value(QStringLiteral("total")).toInt(), 2);
        const QuizQuestion *q = questionById(ui.services().quiz().question().value(QStringLiteral("id")).toString());
        QVERIFY(q);
        for (int c : q->answer)
            QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("option-%1").arg(c))));
        if (q->type == QuizQuestion::Type::Multiple)
            QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("submitButton"))));
        // The 错题本 shows the answer, its explanation and source right away.
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Feedback);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("feedbackPanel"))->isVisible());
        QVERIFY(findItem(ui.window, QStringLiteral("feedbackTitle"))->property("text").toString().startsWith(QStringLiteral("回答正确")));
        shoot(ui, QStringLiteral("quiz-feedback"));
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("nextButton"))));
        QTRY_COMPARE(ui.services().quiz().question().value(QStringLiteral("index")).toInt(), 1);

        ui.services().storage().stop();
        Database db(ui.services().config().databasePath());
        QVERIFY(db.open());
        QSqlQuery s(db.connection());
        QVERIFY(s.exec(QStringLiteral("SELECT count(*), max(score), max(mode) FROM quiz_attempts")) && s.next());
        QCOMPARE(s.value(0).toInt(), 1);
        QCOMPARE(s.value(1).toInt(), 90);
        QCOMPARE(s.value(2).toString(), QStringLiteral("test"));
        QVERIFY(s.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'quiz_attempt'")) && s.next());
        QCOMPARE(s.value(0).toInt(), 1);
        QVERIFY_NO_QML_WARNINGS();
    }

    // 结束 asks first; a practice ended after one answer shows 未完成, no score, no review of
    // the questions never reached, and records nothing (issue 17: it was "20 分" and a 错题回顾
    // listing four unanswered questions as wrong).
    void quittingEarlyAsksAndRecordsNoScore()
    {
        auto harness = load(KioskConfig::Orientation::Landscape);
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.services().session().begin(QStringLiteral("street-1"), QStringLiteral("XF0003"), QStringLiteral("王五"),
                                      QStringLiteral("幸福社区第一党支部"), false);
        ui.show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("mode-daily")));
        QCOMPARE(fingerTapScrolled(ui.window, QStringLiteral("mode-daily")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        const QuizQuestion *q = questionById(ui.services().quiz().question().value(QStringLiteral("id")).toString());
        QVERIFY(q);
        for (int c : q->answer)
            QCOMPARE(fingerTapOption(ui.window, c), QString());
        if (q->type == QuizQuestion::Type::Multiple)
            QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("submitButton")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Feedback);
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("nextButton")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);

        // 结束 asks; 继续答题 goes back to the same question.
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("quitButton")), QString());
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("endConfirm"))->isVisible());
        QCOMPARE(ui.services().quiz().view(), QuizController::View::Question);
        QVERIFY(findItem(ui.window, QStringLiteral("endConfirmText"))->property("text").toString().contains(QStringLiteral("已答 1 题")));
        QVERIFY(!WindowTap::whyNotTappable(ui.window, findItem(ui.window, QStringLiteral("quitButton"))).isEmpty());
        shoot(ui, QStringLiteral("quiz-end-confirm"));
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("endCancel")), QString());
        QTRY_VERIFY(!findItem(ui.window, QStringLiteral("endConfirm"))->isVisible());
        QCOMPARE(ui.services().quiz().view(), QuizController::View::Question);

        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("quitButton")), QString());
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("endConfirmButton")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        QQuickItem *score = nullptr;
        QTRY_VERIFY((score = findItem(ui.window, QStringLiteral("quizScore"))) && score->isVisible());
        QCOMPARE(score->property("text").toString(), QStringLiteral("未完成"));
        QCOMPARE(ui.services().quiz().result().value(QStringLiteral("review")).toList().size(), 0);
        QVERIFY(!findItem(ui.window, QStringLiteral("reviewTitle"))->isVisible());
        const QString counts = findItem(ui.window, QStringLiteral("quizCounts"))->property("text").toString();
        QVERIFY2(counts.contains(QStringLiteral("已答 1 题")), qPrintable(counts));
        QVERIFY(!findItem(ui.window, QStringLiteral("quizVerdict"))->property("text").toString().contains(QStringLiteral("答对")));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("savedText"))->property("text").toString().contains(QStringLiteral("不计成绩")));
        shoot(ui, QStringLiteral("quiz-ended-early"));

        ui.services().storage().stop();
        Database db(ui.services().config().databasePath());
        QVERIFY(db.open());
        QSqlQuery c(db.connection());
        QVERIFY(c.exec(QStringLiteral("SELECT (SELECT count(*) FROM quiz_attempts) + (SELECT count(*) FROM outbox)")) && c.next());
        QCOMPARE(c.value(0).toInt(), 0);
        QVERIFY_NO_QML_WARNINGS();
    }

    // A 每日一练 answered by taps to its results, where 下一题 is tapped where it is, never
    // scrolled to: at 1280x720 landscape and at 1080x1920 in 大字模式 (issue 17: it was pushed
    // below the screen edge). Every answer is wrong, so every feedback is the long one.
    void feedbackActionsStayOnScreen_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("largeType");
        QTest::newRow("1280x720") << QSize(1280, 720) << false;
        QTest::newRow("1280x720 大字") << QSize(1280, 720) << true;
        QTest::newRow("1080x1920 大字") << QSize(1080, 1920) << true;
        QTest::newRow("1920x1080 大字") << QSize(1920, 1080) << true;
    }
    void feedbackActionsStayOnScreen()
    {
        QFETCH(QSize, size);
        QFETCH(bool, largeType);
        auto harness = load(size.width() > size.height() ? KioskConfig::Orientation::Landscape : KioskConfig::Orientation::Portrait);
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        ui.window->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QTRY_COMPARE(ui.window->contentItem()->size(), QSizeF(size));
        ui.kiosk().setLargeType(largeType);
        ui.show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("mode-daily")));
        QCOMPARE(fingerTapScrolled(ui.window, QStringLiteral("mode-daily")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        int answered = 0;
        while (ui.services().quiz().view() == QuizController::View::Question && answered < 10) {
            const QuizQuestion *q = questionById(ui.services().quiz().question().value(QStringLiteral("id")).toString());
            QVERIFY(q);
            const int wrongChoice = (q->answer.constFirst() + 1) % int(q->choices().size());
            QCOMPARE(fingerTapOption(ui.window, wrongChoice), QString());
            if (q->type == QuizQuestion::Type::Multiple)
                QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("submitButton")), QString());
            QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Feedback);
            if (answered == 0)
                shoot(ui, QStringLiteral("quiz-feedback-%1x%2%3").arg(size.width()).arg(size.height()).arg(largeType ? QStringLiteral("-large") : QString()));
            ++answered;
            QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("nextButton")), QString());
            QTRY_VERIFY(ui.services().quiz().view() != QuizController::View::Feedback);
        }
        QCOMPARE(answered, 5);
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        QTRY_COMPARE(findItem(ui.window, QStringLiteral("quizScore"))->property("text").toString(), QStringLiteral("0 分"));
        QVERIFY_NO_QML_WARNINGS();
    }

    // Multiple choice, answered with one of its right options only: the feedback marks in words
    // what was chosen and right (选对) and what was missed (漏选), not colour alone.
    void multipleChoiceFeedbackShowsWhatWasMissed()
    {
        auto harness = load(KioskConfig::Orientation::Landscape);
        KioskHarness &ui = *harness;
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("mode-challenge")));
        QCOMPARE(fingerTapScrolled(ui.window, QStringLiteral("mode-challenge")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        // 挑战答题 goes on while the answers are right: right ones until a multiple choice comes.
        const QuizQuestion *q = nullptr;
        for (int guard = 0; guard < 80; ++guard) {
            QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
            q = questionById(ui.services().quiz().question().value(QStringLiteral("id")).toString());
            QVERIFY(q);
            if (q->type == QuizQuestion::Type::Multiple && q->answer.size() >= 2)
                break;
            for (int c : q->answer)
                QCOMPARE(fingerTapOption(ui.window, c), QString());
            if (q->type == QuizQuestion::Type::Multiple)
                QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("submitButton")), QString());
            QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Feedback);
            QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("nextButton")), QString());
        }
        QVERIFY(q && q->type == QuizQuestion::Type::Multiple);
        QCOMPARE(ui.services().quiz().questionType(), QuizController::QuestionType::Multiple);
        const int chosen = q->answer.constFirst();
        const int missed = q->answer.constLast();
        QCOMPARE(fingerTapOption(ui.window, chosen), QString());
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("submitButton")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Feedback);
        const QList<int> verdicts = ui.services().quiz().optionVerdicts();
        QCOMPARE(verdicts.value(chosen), int(QuizController::OptionVerdict::ChosenRight));
        QCOMPARE(verdicts.value(missed), int(QuizController::OptionVerdict::Missed));
        auto verdictText = [&](int option) {
            QQuickItem *card = findItem(ui.window, QStringLiteral("option-%1").arg(option));
            QQuickItem *label = card ? findItem(card, QStringLiteral("optionVerdict")) : nullptr;
            return label && label->isVisible() ? label->property("text").toString() : QString();
        };
        QTRY_VERIFY2(verdictText(missed).contains(QStringLiteral("漏选")), qPrintable(verdictText(missed)));
        QVERIFY2(verdictText(chosen).contains(QStringLiteral("选对")), qPrintable(verdictText(chosen)));
        for (int i = 0; i < q->choices().size(); ++i) {
            if (!q->answer.contains(i))
                QCOMPARE(verdictText(i), QString());
        }
        shoot(ui, QStringLiteral("quiz-multiple-feedback"));
        QCOMPARE(fingerTapFixed(ui.window, QStringLiteral("nextButton")), QString());
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Results);
        QVERIFY_NO_QML_WARNINGS();
    }

    void sessionEndClearsThePaper()
    {
        auto harness = load(KioskConfig::Orientation::Portrait);
        KioskHarness &ui = *harness;
        ui.services().session().begin(QStringLiteral("street-1"), QStringLiteral("XF0002"), QStringLiteral("李四"), QString(), false);
        QMetaObject::invokeMethod(ui.window, "showPage", Q_ARG(QVariant, QStringLiteral("quiz")));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        waitSettled(ui);
        QTRY_VERIFY(ui.services().quiz().loaded());
        ui.services().quiz().startDaily();
        QTRY_COMPARE(ui.services().quiz().view(), QuizController::View::Question);
        ui.services().session().end();
        QCOMPARE(ui.services().quiz().view(), QuizController::View::Menu);
        QVERIFY(ui.services().quiz().question().isEmpty());
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestQuizPage)
#include "tst_quizpage.moc"
