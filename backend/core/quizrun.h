#pragma once
#include <QDateTime>
#include <QList>
#include <QString>

#include "quizbank.h"

// The four ways to take questions (issue 6, design.md §6).
enum class QuizMode {
    Daily,     // 每日一练: 5 questions, the answer shown after each
    Test,      // 专项测试: a configured paper, time limit, pass mark, review at the end
    Challenge, // 挑战答题: until the first wrong answer
    WrongBook, // 错题本: the member's wrong answers, practised again
};

struct QuizAnswer
{
    QString questionKey;
    QList<int> given; // sorted; empty = not answered (time ran out)
    bool correct = false;
};

struct QuizScore
{
    int correct = 0;
    int answered = 0;
    int total = 0;     // questions in the paper (a challenge counts those it reached)
    int score = 0;     // 0..100, rounded
    int passMark = 0;  // 0 = this mode has none
    bool passed = false;
    bool timedOut = false;
    // Ended by the member before the last question (结束 in a practice mode): the answers given
    // stand, but there is no score to speak of (issue 17: 1 of 5 answered is not "20 分").
    bool abandoned = false;
};

// One paper being taken: which question is next, what was answered, when time runs out, and
// the score. Pure rules, clock passed in: the controller asks, the screen shows.
class QuizRun
{
public:
    QuizRun(QuizMode mode, QList<QuizQuestion> questions, QDateTime started, int timeLimitSeconds = 0,
            int passMark = 0);

    static constexpr int DailyCount = 5;

    QuizMode mode() const { return m_mode; }
    static QString modeName(QuizMode m);   // daily | test | challenge | wrongbook
    static QString modeLabel(QuizMode m);  // 每日一练 | 专项测试 | 挑战答题 | 错题本

    bool finished() const { return m_finished; }
    int index() const { return int(m_answers.size()); } // the current question
    int total() const { return int(m_questions.size()); }
    const QuizQuestion &current() const { return m_questions.at(index()); }
    const QList<QuizQuestion> &questions() const { return m_questions; }
    const QList<QuizAnswer> &answers() const { return m_answers; }
    QDateTime started() const { return m_started; }
    QDateTime finishedAt() const { return m_finishedAt; }

    // Whether the right answer and explanation are shown after each question (all but 专项测试).
    bool revealsAnswers() const { return m_mode != QuizMode::Test; }
    bool timed() const { return m_timeLimitSeconds > 0; }
    QDateTime deadline() const { return m_started.addSecs(m_timeLimitSeconds); }
    int secondsLeft(const QDateTime &now) const;

    // Records the answer to the current question and moves on; returns whether it was right.
    // An answer after the deadline is not taken: the paper is finished with what was answered
    // before (expire) and false is returned. A challenge ends at its first wrong answer.
    bool answer(const QList<int> &given, const QDateTime &now);
    // Ends a timed paper whose time is up; unanswered questions count as wrong. True if it did.
    bool expireIfDue(const QDateTime &now);
    // Ends the paper now (the member chose 交卷 early); unanswered questions count as wrong.
    void finish(const QDateTime &now);
    // Ends a practice before its last question: no score, and questions never reached are not
    // "wrong" (they are left out of the review).
    void abandon(const QDateTime &now);
    bool abandoned() const { return m_abandoned; }

    QuizScore score() const;
    // The questions answered wrongly or not at all, with what was given (for the review).
    QList<std::pair<QuizQuestion, QuizAnswer>> review() const;

    // All-or-nothing: the selection must be exactly the answer (multiple choice included).
    static bool isCorrect(const QuizQuestion &q, const QList<int> &given);

private:
    QuizMode m_mode;
    QList<QuizQuestion> m_questions;
    QList<QuizAnswer> m_answers;
    QDateTime m_started;
    QDateTime m_finishedAt;
    int m_timeLimitSeconds;
    int m_passMark;
    bool m_finished = false;
    bool m_timedOut = false;
    bool m_abandoned = false;
};
