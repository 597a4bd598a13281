#pragma once
#include <QList>
#include <QSet>
#include <QString>

#include "quizbank.h"

class QRandomGenerator;

// Draws papers from a question pool. The random generator is a collaborator, so a seeded one
// gives the same paper every time (tests, screenshots). No question appears twice in a paper;
// questions the member saw recently (by QuizQuestion::key()) are drawn less often, not never,
// so a small bank still fills a paper.
class QuizPaper
{
public:
    // How much less likely a recently seen question is to be drawn than a fresh one.
    static constexpr double RecentWeight = 0.2;

    // A 专项测试: the spec's mix of types among the questions carrying any of its tags, in the
    // usual exam order (单选, 多选, 判断). Fewer questions come back when the pool is short
    // (the validator refuses such specs, so only an empty pool does this in practice).
    static QList<QuizQuestion> drawTest(const QList<QuizQuestion> &pool, const QuizTestSpec &spec,
                                        const QSet<QString> &recent, QRandomGenerator &rng);
    // `count` questions of any type, in random order (每日一练).
    static QList<QuizQuestion> drawAny(const QList<QuizQuestion> &pool, int count, const QSet<QString> &recent,
                                       QRandomGenerator &rng);

    static bool hasAnyTag(const QuizQuestion &q, const QStringList &tags);
};
