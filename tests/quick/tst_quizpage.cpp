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

#include <QDir>
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
        while (ui.services().quiz().view() == u"question" && ++guard < 200) {
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
            QTRY_VERIFY(ui.services().quiz().view() != u"question" || ui.services().quiz().question().value(QStringLiteral("index")).toInt() != index);
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
        ui.show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui.page(), QStringLiteral("quiz"));
        QTRY_VERIFY(ui.services().quiz().loaded());
        ui.services().quiz().startTest(0);
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        QVERIFY(ui.services().quiz().timed());
        QTest::qWait(1500); // several idle timeouts without a touch
        QCOMPARE(ui.page(), QStringLiteral("quiz"));
        QCOMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        ui.services().quiz().handIn();
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("results"));
        QTRY_COMPARE_WITH_TIMEOUT(ui.page(), QStringLiteral("home"), 3000);
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
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        QVERIFY(ui.services().quiz().timed());
        auto *countdown = findItem(ui.window, QStringLiteral("quizCountdown"));
        QVERIFY(countdown);
        QCOMPARE(countdown->property("text").toString(), QStringLiteral("剩余 15:00"));
        QCOMPARE(ui.services().quiz().question().value(QStringLiteral("total")).toInt(), 20);

        takePaper(ui, {1, 4, 12});
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("results"));
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
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        takePaper(ui, {0, 19});
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("results"));
        QTRY_COMPARE(ui.services().quiz().result().value(QStringLiteral("saved")).toBool(), true);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("savedText")));
        QVERIFY(findItem(ui.window, QStringLiteral("savedText"))->property("text").toString().contains(QStringLiteral("成绩已记录")));
        QCOMPARE(ui.services().quiz().result().value(QStringLiteral("score")).toInt(), 90);

        // Back to the menu: the two wrong answers wait in the 错题本.
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("menuButton"))));
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("menu"));
        QTRY_COMPARE(ui.services().quiz().wrongBookCount(), 2);
        QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("mode-wrongbook"))));
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        QCOMPARE(ui.services().quiz().question().value(QStringLiteral("total")).toInt(), 2);
        const QuizQuestion *q = questionById(ui.services().quiz().question().value(QStringLiteral("id")).toString());
        QVERIFY(q);
        for (int c : q->answer)
            QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("option-%1").arg(c))));
        if (q->type == QuizQuestion::Type::Multiple)
            QVERIFY(tap(ui.window, findItem(ui.window, QStringLiteral("submitButton"))));
        // The 错题本 shows the answer, its explanation and source right away.
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("feedback"));
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
        QTRY_COMPARE(ui.services().quiz().view(), QStringLiteral("question"));
        ui.services().session().end();
        QCOMPARE(ui.services().quiz().view(), QStringLiteral("menu"));
        QVERIFY(ui.services().quiz().question().isEmpty());
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestQuizPage)
#include "tst_quizpage.moc"
