#pragma once
#include <QDateTime>

// Time is a collaborator: every rule that depends on "now" (one check-in a day, event windows,
// idle timeouts in tests) asks a Clock, so tests run at any date without waiting.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    // The kiosk's local calendar date, as stored next to every UTC timestamp (design.md §4).
    QDate localDate() const { return now().toLocalTime().date(); }
    // UTC ISO-8601 with explicit offset, e.g. 2026-11-27T02:11:50.123Z.
    QString utcStamp() const { return now().toUTC().toString(Qt::ISODateWithMs); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTime(); }
};

// A clock that only moves when told to: for tests and for --screenshots (stable pictures).
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime start) : m_now(std::move(start)) { }
    QDateTime now() const override { return m_now; }
    void set(const QDateTime &t) { m_now = t; }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};
