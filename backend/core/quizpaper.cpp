#include "quizpaper.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace {

// Weighted sampling without replacement (Efraimidis and Spirakis): every candidate gets the key
// u^(1/w) for a uniform u, and the k largest keys win. One pass, and the order of the winners
// by key is itself a weighted random order.
QList<QuizQuestion> sample(const QList<const QuizQuestion *> &candidates, int count, const QSet<QString> &recent,
                           QRandomGenerator &rng)
{
    QList<std::pair<double, const QuizQuestion *>> keyed;
    keyed.reserve(candidates.size());
    for (const QuizQuestion *q : candidates) {
        const double w = recent.contains(q->key()) ? QuizPaper::RecentWeight : 1.0;
        const double u = std::max(rng.generateDouble(), 1e-12);
        keyed.append({std::pow(u, 1.0 / w), q});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<QuizQuestion> out;
    for (qsizetype i = 0; i < keyed.size() && i < count; ++i)
        out.append(*keyed.at(i).second);
    return out;
}

} // namespace

bool QuizPaper::hasAnyTag(const QuizQuestion &q, const QStringList &tags)
{
    return tags.isEmpty() || std::any_of(tags.begin(), tags.end(), [&](const QString &t) { return q.tags.contains(t); });
}

QList<QuizQuestion> QuizPaper::drawTest(const QList<QuizQuestion> &pool, const QuizTestSpec &spec,
                                        const QSet<QString> &recent, QRandomGenerator &rng)
{
    QList<QuizQuestion> paper;
    const struct { QuizQuestion::Type type; int count; } mix[] = {
        {QuizQuestion::Type::Single, spec.single},
        {QuizQuestion::Type::Multiple, spec.multiple},
        {QuizQuestion::Type::Judge, spec.judge}};
    for (const auto &m : mix) {
        QList<const QuizQuestion *> candidates;
        for (const QuizQuestion &q : pool) {
            if (q.type == m.type && hasAnyTag(q, spec.tags))
                candidates.append(&q);
        }
        paper += sample(candidates, m.count, recent, rng);
    }
    return paper;
}

QList<QuizQuestion> QuizPaper::drawAny(const QList<QuizQuestion> &pool, int count, const QSet<QString> &recent,
                                       QRandomGenerator &rng)
{
    QList<const QuizQuestion *> candidates;
    for (const QuizQuestion &q : pool)
        candidates.append(&q);
    return sample(candidates, count, recent, rng);
}
