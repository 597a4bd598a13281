#include "quizbank.h"
#include "quizpaper.h"
#include "quizrun.h"
#include "quizwrongbook.h"

#include <QRandomGenerator>
#include <QTest>

// The rules of taking a quiz: scoring of each type, drawing papers (mix, tags, no repeats,
// deterministic with a seeded generator, recent questions drawn less often), the time limit,
// the modes, and the 错题本.
class TestQuizRules : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0{QDate(2026, 7, 1), QTime(9, 30)};

    static QuizQuestion make(const QString &id, QuizQuestion::Type type, QList<int> answer,
                             QStringList tags = {QStringLiteral("党章")})
    {
        QuizQuestion q;
        q.bankId = QStringLiteral("b");
        q.id = id;
        q.type = type;
        q.stem = QStringLiteral("题 ") + id;
        if (type != QuizQuestion::Type::Judge)
            q.options = {QStringLiteral("甲"), QStringLiteral("乙"), QStringLiteral("丙"), QStringLiteral("丁")};
        q.answer = std::move(answer);
        q.explanation = QStringLiteral("解析");
        q.source = QStringLiteral("出处");
        q.tags = std::move(tags);
        return q;
    }

    // 30 single (half tagged 准则), 10 multiple, 10 judge.
    static QList<QuizQuestion> pool()
    {
        QList<QuizQuestion> p;
        for (int i = 0; i < 30; ++i)
            p << make(QStringLiteral("s%1").arg(i), QuizQuestion::Type::Single, {i % 4},
                      {i % 2 ? QStringLiteral("准则") : QStringLiteral("党章")});
        for (int i = 0; i < 10; ++i)
            p << make(QStringLiteral("m%1").arg(i), QuizQuestion::Type::Multiple, {0, 2});
        for (int i = 0; i < 10; ++i)
            p << make(QStringLiteral("j%1").arg(i), QuizQuestion::Type::Judge, {i % 2});
        return p;
    }

    static QStringList keys(const QList<QuizQuestion> &qs)
    {
        QStringList out;
        for (const QuizQuestion &q : qs)
            out << q.key();
        return out;
    }

private slots:
    void scoringSingle()
    {
        const QuizQuestion q = make(QStringLiteral("s"), QuizQuestion::Type::Single, {2});
        QVERIFY(QuizRun::isCorrect(q, {2}));
        QVERIFY(!QuizRun::isCorrect(q, {1}));
        QVERIFY(!QuizRun::isCorrect(q, {}));
        QVERIFY(!QuizRun::isCorrect(q, {1, 2}));
    }

    void scoringMultipleIsAllOrNothing()
    {
        const QuizQuestion q = make(QStringLiteral("m"), QuizQuestion::Type::Multiple, {0, 2, 3});
        QVERIFY(QuizRun::isCorrect(q, {3, 0, 2})); // order of tapping does not matter
        QVERIFY(!QuizRun::isCorrect(q, {0, 2}));   // missing one: no credit at all
        QVERIFY(!QuizRun::isCorrect(q, {0, 1, 2, 3}));
        QVERIFY(!QuizRun::isCorrect(q, {}));
        QCOMPARE(q.answerText({3, 0, 2}), QStringLiteral("ACD"));
    }

    void scoringJudge()
    {
        const QuizQuestion q = make(QStringLiteral("j"), QuizQuestion::Type::Judge, {1});
        QVERIFY(QuizRun::isCorrect(q, {1}));
        QVERIFY(!QuizRun::isCorrect(q, {0}));
        QCOMPARE(q.answerText({1}), QStringLiteral("错误"));
        QCOMPARE(q.answerText({}), QStringLiteral("未作答"));
    }

    void paperScoreAndPassMark()
    {
        QList<QuizQuestion> qs;
        for (int i = 0; i < 5; ++i)
            qs << make(QStringLiteral("s%1").arg(i), QuizQuestion::Type::Single, {0});
        QuizRun run(QuizMode::Test, qs, m_t0, 900, 80);
        for (int i = 0; i < 5; ++i)
            run.answer({i == 2 ? 1 : 0}, m_t0.addSecs(10 * i));
        QVERIFY(run.finished());
        const QuizScore s = run.score();
        QCOMPARE(s.correct, 4);
        QCOMPARE(s.total, 5);
        QCOMPARE(s.score, 80);
        QVERIFY(s.passed); // 80 reaches a pass mark of 80
        QCOMPARE(run.review().size(), 1);
        QCOMPARE(run.review().constFirst().first.id, QStringLiteral("s2"));
        QCOMPARE(run.review().constFirst().second.given, QList<int>{1});
    }

    void drawRespectsTheMixAndNeverRepeats()
    {
        QuizTestSpec spec;
        spec.single = 6;
        spec.multiple = 3;
        spec.judge = 4;
        QRandomGenerator rng(42);
        for (int round = 0; round < 50; ++round) {
            const QList<QuizQuestion> paper = QuizPaper::drawTest(pool(), spec, {}, rng);
            QCOMPARE(paper.size(), 13);
            const QStringList k = keys(paper);
            QCOMPARE(QSet<QString>(k.begin(), k.end()).size(), 13);
            for (int i = 0; i < 13; ++i) {
                const auto expected = i < 6 ? QuizQuestion::Type::Single
                                            : (i < 9 ? QuizQuestion::Type::Multiple : QuizQuestion::Type::Judge);
                QCOMPARE(paper.at(i).type, expected);
            }
        }
    }

    void drawRespectsTags()
    {
        QuizTestSpec spec;
        spec.tags = {QStringLiteral("准则")};
        spec.single = 15;
        spec.multiple = 0;
        spec.judge = 0;
        QRandomGenerator rng(7);
        const QList<QuizQuestion> paper = QuizPaper::drawTest(pool(), spec, {}, rng);
        QCOMPARE(paper.size(), 15);
        for (const QuizQuestion &q : paper)
            QVERIFY(q.tags.contains(QStringLiteral("准则")));
    }

    void drawIsDeterministicWithASeed()
    {
        const QuizTestSpec spec = QuizBank::defaultTest();
        QRandomGenerator a(2026);
        QRandomGenerator b(2026);
        QRandomGenerator c(2027);
        const QStringList first = keys(QuizPaper::drawTest(pool(), spec, {}, a));
        QCOMPARE(keys(QuizPaper::drawTest(pool(), spec, {}, b)), first);
        QVERIFY(keys(QuizPaper::drawTest(pool(), spec, {}, c)) != first);
        QRandomGenerator d(5);
        QRandomGenerator e(5);
        QCOMPARE(keys(QuizPaper::drawAny(pool(), 5, {}, d)), keys(QuizPaper::drawAny(pool(), 5, {}, e)));
    }

    void recentQuestionsAreDrawnLessOften()
    {
        // Half the singles were seen recently; over many seeded draws they appear far less often.
        QSet<QString> recent;
        for (int i = 0; i < 15; ++i)
            recent.insert(QStringLiteral("b/s%1").arg(i));
        QuizTestSpec spec;
        spec.single = 5;
        spec.multiple = 0;
        spec.judge = 0;
        QRandomGenerator rng(99);
        int seen = 0;
        int fresh = 0;
        for (int round = 0; round < 400; ++round) {
            for (const QuizQuestion &q : QuizPaper::drawTest(pool(), spec, recent, rng))
                (recent.contains(q.key()) ? seen : fresh) += 1;
        }
        QCOMPARE(seen + fresh, 2000);
        QVERIFY2(seen * 3 < fresh, qPrintable(QStringLiteral("seen %1 fresh %2").arg(seen).arg(fresh)));
        QVERIFY(seen > 0); // less often, not never
    }

    void shortPoolGivesWhatItHas()
    {
        QuizTestSpec spec;
        spec.single = 50;
        QRandomGenerator rng(1);
        QCOMPARE(QuizPaper::drawTest(pool(), spec, {}, rng).size(), 30 + spec.multiple + spec.judge);
    }

    void timeLimitExpirySubmitsWhatWasAnswered()
    {
        QList<QuizQuestion> qs;
        for (int i = 0; i < 4; ++i)
            qs << make(QStringLiteral("s%1").arg(i), QuizQuestion::Type::Single, {0});
        QuizRun run(QuizMode::Test, qs, m_t0, 60, 80);
        QVERIFY(run.timed());
        QCOMPARE(run.secondsLeft(m_t0), 60);
        QVERIFY(run.answer({0}, m_t0.addSecs(10)));
        QVERIFY(!run.answer({1}, m_t0.addSecs(20)));
        QCOMPARE(run.secondsLeft(m_t0.addMSecs(59500)), 1);
        QVERIFY(!run.expireIfDue(m_t0.addSecs(59)));
        QVERIFY(!run.finished());
        // Time is up: an answer given now is not taken, and the paper is handed in as it was.
        QVERIFY(!run.answer({0}, m_t0.addSecs(61)));
        QVERIFY(run.finished());
        QCOMPARE(run.finishedAt(), m_t0.addSecs(60));
        const QuizScore s = run.score();
        QVERIFY(s.timedOut);
        QCOMPARE(s.answered, 2);
        QCOMPARE(s.correct, 1);
        QCOMPARE(s.total, 4);
        QCOMPARE(s.score, 25);
        QVERIFY(!s.passed);
        QCOMPARE(run.review().size(), 3); // the wrong one and the two never reached
        QVERIFY(run.review().at(2).second.given.isEmpty());
    }

    void expireIfDueWithoutFurtherAnswers()
    {
        QuizRun run(QuizMode::Test, {make(QStringLiteral("s"), QuizQuestion::Type::Single, {0})}, m_t0, 900, 80);
        QVERIFY(run.expireIfDue(m_t0.addSecs(900)));
        QVERIFY(run.finished());
        QCOMPARE(run.score().answered, 0);
        QCOMPARE(run.score().score, 0);
        QVERIFY(!run.expireIfDue(m_t0.addSecs(901))); // only once
    }

    void untimedModesNeverExpire()
    {
        QuizRun run(QuizMode::Daily, {make(QStringLiteral("s"), QuizQuestion::Type::Single, {0})}, m_t0);
        QVERIFY(!run.timed());
        QVERIFY(!run.expireIfDue(m_t0.addDays(1)));
        QVERIFY(run.revealsAnswers());
        QCOMPARE(run.score().passMark, 0);
        QVERIFY(!QuizRun(QuizMode::Test, {}, m_t0, 60, 80).revealsAnswers());
    }

    void challengeEndsAtTheFirstWrongAnswer()
    {
        QuizRun run(QuizMode::Challenge, pool().mid(0, 8), m_t0);
        for (int i = 0; i < 3; ++i)
            QVERIFY(run.answer(run.current().answer, m_t0));
        QVERIFY(!run.finished());
        QVERIFY(!run.answer({(run.current().answer.constFirst() + 1) % 4}, m_t0));
        QVERIFY(run.finished());
        const QuizScore s = run.score();
        QCOMPARE(s.correct, 3); // the streak
        QCOMPARE(s.total, 4);
        QCOMPARE(run.review().size(), 1); // only the one that ended it
    }

    void wrongBookPromotionAndRemoval()
    {
        const QString key = QStringLiteral("b/s1");
        std::optional<WrongBookEntry> e;
        QCOMPARE(QuizWrongBook::apply(e, key, true), QuizWrongBook::Change::None); // right, not in book
        QVERIFY(!e);
        QCOMPARE(QuizWrongBook::apply(e, key, false), QuizWrongBook::Change::Added);
        QCOMPARE(*e, (WrongBookEntry{key, 0, 1}));
        QCOMPARE(QuizWrongBook::apply(e, key, true), QuizWrongBook::Change::Counted);
        QCOMPARE(e->rightStreak, 1);
        // Wrong again: the count of right answers starts over.
        QCOMPARE(QuizWrongBook::apply(e, key, false), QuizWrongBook::Change::Reset);
        QCOMPARE(*e, (WrongBookEntry{key, 0, 2}));
        QCOMPARE(QuizWrongBook::apply(e, key, true), QuizWrongBook::Change::Counted);
        QCOMPARE(QuizWrongBook::apply(e, key, true), QuizWrongBook::Change::Removed);
        QVERIFY(!e);
    }
};

QTEST_GUILESS_MAIN(TestQuizRules)
#include "tst_quizrules.moc"
