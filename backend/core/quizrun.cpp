#include "quizrun.h"

#include <algorithm>
#include <cmath>

QuizRun::QuizRun(QuizMode mode, QList<QuizQuestion> questions, QDateTime started, int timeLimitSeconds, int passMark)
    : m_mode(mode)
    , m_questions(std::move(questions))
    , m_started(std::move(started))
    , m_timeLimitSeconds(std::max(0, timeLimitSeconds))
    , m_passMark(passMark)
{
    if (m_questions.isEmpty()) {
        m_finished = true;
        m_finishedAt = m_started;
    }
}

QString QuizRun::modeName(QuizMode m)
{
    switch (m) {
    case QuizMode::Daily: return QStringLiteral("daily");
    case QuizMode::Test: return QStringLiteral("test");
    case QuizMode::Challenge: return QStringLiteral("challenge");
    case QuizMode::WrongBook: return QStringLiteral("wrongbook");
    }
    return {};
}

QString QuizRun::modeLabel(QuizMode m)
{
    switch (m) {
    case QuizMode::Daily: return QStringLiteral("每日一练");
    case QuizMode::Test: return QStringLiteral("专项测试");
    case QuizMode::Challenge: return QStringLiteral("挑战答题");
    case QuizMode::WrongBook: return QStringLiteral("错题本");
    }
    return {};
}

int QuizRun::secondsLeft(const QDateTime &now) const
{
    if (!timed())
        return 0;
    return int(std::max<qint64>(0, (now.msecsTo(deadline()) + 999) / 1000));
}

bool QuizRun::isCorrect(const QuizQuestion &q, const QList<int> &given)
{
    QList<int> sorted = given;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return !sorted.isEmpty() && sorted == q.answer;
}

bool QuizRun::answer(const QList<int> &given, const QDateTime &now)
{
    if (m_finished)
        return false;
    if (expireIfDue(now))
        return false;
    QList<int> sorted = given;
    std::sort(sorted.begin(), sorted.end());
    const QuizQuestion &q = current();
    const bool right = isCorrect(q, sorted);
    m_answers.append({q.key(), sorted, right});
    const bool last = m_answers.size() == m_questions.size();
    if (last || (m_mode == QuizMode::Challenge && !right)) {
        m_finished = true;
        m_finishedAt = now;
    }
    return right;
}

bool QuizRun::expireIfDue(const QDateTime &now)
{
    if (m_finished || !timed() || now < deadline())
        return false;
    m_timedOut = true;
    finish(deadline());
    return true;
}

void QuizRun::finish(const QDateTime &now)
{
    if (m_finished)
        return;
    m_finished = true;
    m_finishedAt = now;
}

void QuizRun::abandon(const QDateTime &now)
{
    if (m_finished)
        return;
    m_abandoned = true;
    finish(now);
}

QuizScore QuizRun::score() const
{
    QuizScore s;
    s.answered = int(m_answers.size());
    s.correct = int(std::count_if(m_answers.begin(), m_answers.end(), [](const QuizAnswer &a) { return a.correct; }));
    // A challenge is as long as the member got; any other paper counts every question drawn.
    s.total = m_mode == QuizMode::Challenge ? s.answered : total();
    s.score = s.total > 0 ? int(std::lround(100.0 * s.correct / s.total)) : 0;
    s.passMark = m_mode == QuizMode::Test ? m_passMark : 0;
    s.passed = s.passMark > 0 && s.score >= s.passMark;
    s.timedOut = m_timedOut;
    s.abandoned = m_abandoned;
    if (m_abandoned) {
        s.score = 0;
        s.passed = false;
    }
    return s;
}

QList<std::pair<QuizQuestion, QuizAnswer>> QuizRun::review() const
{
    QList<std::pair<QuizQuestion, QuizAnswer>> out;
    for (qsizetype i = 0; i < m_questions.size(); ++i) {
        if (i < m_answers.size()) {
            if (!m_answers.at(i).correct)
                out.append({m_questions.at(i), m_answers.at(i)});
        } else if (m_mode != QuizMode::Challenge && !m_abandoned) {
            out.append({m_questions.at(i), QuizAnswer{m_questions.at(i).key(), {}, false}});
        }
    }
    return out;
}
