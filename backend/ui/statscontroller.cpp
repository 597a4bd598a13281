#include "statscontroller.h"
#include "clock.h"
#include "staffstatistics.h"
#include "storagethread.h"

StatsController::StatsController(StorageThread &storage, const Clock &clock, QObject *parent)
    : QObject(parent), m_storage(storage), m_clock(clock)
{
}

StatsController::~StatsController() = default;

QStringList StatsController::meetingKinds() const
{
    QStringList out;
    for (int m = 0; m < StaffStatistics::MeetingKinds; ++m)
        out << StaffStatistics::meetingKind(StaffStatistics::Meeting(m));
    return out;
}

void StatsController::refresh()
{
    m_state = State::Loading;
    emit changed();
    const Clock &clock = m_clock;
    m_storage.call<StaffStatistics>(this, [&clock](Database *db) {
        return db ? StaffStatistics::load(*db, clock.now(), clock.localDate()) : StaffStatistics{};
    }, [this](StaffStatistics s) { apply(s); });
}

void StatsController::apply(const StaffStatistics &s)
{
    m_dayLabels.clear();
    m_local.clear();
    m_flowing.clear();
    m_dayMaximum = 0;
    m_checkinTotal = 0;
    for (const StaffStatistics::Day &d : s.days) {
        // The day of the month: 30 labels fit under the chart; the range is in the title.
        m_dayLabels << QString::number(d.date.day());
        m_local << d.local;
        m_flowing << d.flowing;
        m_dayMaximum = std::max(m_dayMaximum, d.local + d.flowing);
        m_checkinTotal += d.local + d.flowing;
    }
    m_dayRange = s.days.isEmpty() ? QString()
                                  : QStringLiteral("%1 至 %2").arg(s.days.constFirst().date.toString(QStringLiteral("M月d日")),
                                                                  s.days.constLast().date.toString(QStringLiteral("M月d日")));
    m_rosterMembers = s.rosterMembers;
    m_studyDone = s.studyDone;
    m_studyStarted = s.studyStarted;
    m_studyNone = s.studyNone;
    m_studyTarget = s.studyTarget;
    m_year = s.quarterFrom.isValid() ? s.quarterFrom.year() : 0;
    m_quarter = s.quarterFrom.isValid() ? QStringLiteral("%1年第%2季度").arg(s.quarterFrom.year()).arg((s.quarterFrom.month() + 2) / 3)
                                        : QString();
    m_organisations.clear();
    for (QVariantList &h : m_held)
        h.clear();
    m_meetingMaximum = 0;
    for (const StaffStatistics::Organisation &o : s.meetings) {
        m_organisations << o.name;
        int sum = 0;
        for (int m = 0; m < StaffStatistics::MeetingKinds; ++m) {
            m_held[m] << o.held[m];
            sum += o.held[m];
        }
        m_meetingMaximum = std::max(m_meetingMaximum, sum);
    }
    m_state = s.ok ? State::Ready : State::Failed;
    emit changed();
}
