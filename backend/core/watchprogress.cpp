#include "watchprogress.h"

#include <QStringList>
#include <algorithm>

WatchProgress::WatchProgress(qint64 durationMs) : m_durationMs(qMax<qint64>(0, durationMs)) { }

void WatchProgress::observe(qint64 positionMs, bool accruing)
{
    positionMs = qMax<qint64>(0, positionMs);
    if (accruing && m_lastMs >= 0 && positionMs > m_lastMs && positionMs - m_lastMs <= maxStepMs)
        addPlayed(m_lastMs, positionMs);
    m_lastMs = positionMs;
}

qint64 WatchProgress::clampSeek(qint64 targetMs, bool restricted) const
{
    qint64 t = qMax<qint64>(0, targetMs);
    if (m_durationMs > 0)
        t = qMin(t, m_durationMs);
    if (restricted)
        t = qMin(t, furthestMs());
    return t;
}

void WatchProgress::addPlayed(qint64 fromMs, qint64 toMs)
{
    fromMs = qMax<qint64>(0, fromMs);
    if (toMs <= fromMs)
        return;
    // Insert and merge: the list stays sorted and disjoint, so the union is a plain sum.
    WatchInterval merged{fromMs, toMs};
    QList<WatchInterval> out;
    out.reserve(m_intervals.size() + 1);
    bool placed = false;
    for (const WatchInterval &i : std::as_const(m_intervals)) {
        if (i.endMs < merged.startMs) {
            out.append(i);
        } else if (i.startMs > merged.endMs) {
            if (!placed) {
                out.append(merged);
                placed = true;
            }
            out.append(i);
        } else {
            merged.startMs = qMin(merged.startMs, i.startMs);
            merged.endMs = qMax(merged.endMs, i.endMs);
        }
    }
    if (!placed)
        out.append(merged);
    m_intervals = std::move(out);
}

void WatchProgress::restore(const QList<WatchInterval> &played, qint64 positionMs)
{
    m_intervals.clear();
    for (const WatchInterval &i : played)
        addPlayed(i.startMs, i.endMs);
    m_lastMs = qMax<qint64>(0, positionMs);
}

qint64 WatchProgress::watchedMs() const
{
    qint64 sum = 0;
    for (const WatchInterval &i : m_intervals) {
        const qint64 end = m_durationMs > 0 ? qMin(i.endMs, m_durationMs) : i.endMs;
        if (end > i.startMs)
            sum += end - i.startMs;
    }
    return sum;
}

qint64 WatchProgress::furthestMs() const
{
    return m_intervals.isEmpty() ? 0 : m_intervals.constLast().endMs;
}

int WatchProgress::percent() const
{
    if (m_durationMs <= 0)
        return 0;
    return int(qMin<qint64>(100, watchedMs() * 100 / m_durationMs));
}

bool WatchProgress::isWatched() const
{
    // Integer arithmetic: 90% exactly is watched, 89.9% is not, with no rounding in between.
    return m_durationMs > 0 && watchedMs() * 10 >= m_durationMs * 9;
}

qint64 WatchProgress::resumePositionMs() const
{
    if (m_lastMs <= 0)
        return 0;
    if (m_durationMs > 0 && m_lastMs >= m_durationMs - endMarginMs)
        return 0; // it ended last time: start again
    return m_lastMs;
}

QString WatchProgress::intervalsText() const
{
    QStringList parts;
    for (const WatchInterval &i : m_intervals)
        parts << QStringLiteral("%1-%2").arg(i.startMs).arg(i.endMs);
    return parts.join(QLatin1Char(','));
}

std::optional<QList<WatchInterval>> WatchProgress::parseIntervals(const QString &text)
{
    QList<WatchInterval> out;
    if (text.trimmed().isEmpty())
        return out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        const QStringList ends = part.trimmed().split(QLatin1Char('-'));
        if (ends.size() != 2)
            return std::nullopt;
        bool okA = false;
        bool okB = false;
        const qint64 a = ends.at(0).toLongLong(&okA);
        const qint64 b = ends.at(1).toLongLong(&okB);
        if (!okA || !okB || a < 0 || b < a)
            return std::nullopt;
        out.append({a, b});
    }
    return out;
}
