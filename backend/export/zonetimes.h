#pragma once
#include <QDateTime>
#include <QTimeZone>
#include <limits>

// Stored UTC stamps ("2026-11-20T01:05:00.000Z", design.md §4) shown as wall-clock time in the
// centre's zone (issue 19: never the zone of the PC running the export). The stored format is
// fixed, so it is read field by field; and the zone's offset is looked up per UTC day (a zone
// changes offset at most once a day), per hour on a day it does: with 100,000 rows, Qt's
// parser and a zone look-up per row were most of an export's time (bench_export).
class ZoneTimes
{
public:
    explicit ZoneTimes(QTimeZone zone) : m_zone(std::move(zone)) { }

    const QTimeZone &zone() const { return m_zone; }
    // The instant at the zone's offset then (its date() and time() are the wall clock there);
    // null for an empty stamp.
    QDateTime at(QStringView utc);
    // The offset in seconds east of UTC at `secsSinceEpoch`.
    int offsetAt(qint64 secsSinceEpoch);

private:
    QTimeZone m_zone;
    qint64 m_day = std::numeric_limits<qint64>::min();
    qint64 m_hour = std::numeric_limits<qint64>::min();
    int m_dayOffset = 0;
    bool m_dayUniform = false;
    int m_hourOffset = 0;
};
