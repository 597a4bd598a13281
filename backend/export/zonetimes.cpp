#include "zonetimes.h"

namespace {

int zoneOffset(const QTimeZone &zone, qint64 secs)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC));
}

} // namespace

int ZoneTimes::offsetAt(qint64 secs)
{
    const qint64 day = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    if (day != m_day) {
        m_day = day;
        m_dayOffset = zoneOffset(m_zone, day * 86400);
        m_dayUniform = m_dayOffset == zoneOffset(m_zone, day * 86400 + 86399);
    }
    if (m_dayUniform)
        return m_dayOffset;
    const qint64 hour = secs >= 0 ? secs / 3600 : (secs - 3599) / 3600;
    if (hour != m_hour) {
        m_hour = hour;
        m_hourOffset = zoneOffset(m_zone, hour * 3600);
    }
    return m_hourOffset;
}

QDateTime ZoneTimes::at(QStringView s)
{
    if (s.isEmpty())
        return {};
    const auto num = [&s](int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; ++i)
            v = v * 10 + (s.at(i).unicode() - '0');
        return v;
    };
    QDateTime t;
    if (s.size() >= 20 && s.at(4) == u'-' && s.at(10) == u'T' && s.endsWith(u'Z')) {
        const int ms = s.size() >= 24 && s.at(19) == u'.' ? num(20, 3) : 0;
        t = QDateTime(QDate(num(0, 4), num(5, 2), num(8, 2)), QTime(num(11, 2), num(14, 2), num(17, 2), ms), Qt::UTC);
    }
    if (!t.isValid()) // anything else (an offset, no seconds): Qt's parser
        t = QDateTime::fromString(s.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    return t.toOffsetFromUtc(offsetAt(t.toSecsSinceEpoch()));
}
