#include "studycontroller.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "storagethread.h"

namespace {

QString when(const QDateTime &utc)
{
    static const QStringList weekdays = {QStringLiteral("一"), QStringLiteral("二"), QStringLiteral("三"),
                                         QStringLiteral("四"), QStringLiteral("五"), QStringLiteral("六"),
                                         QStringLiteral("日")};
    const QDateTime t = utc.toLocalTime();
    return QStringLiteral("%1月%2日 星期%3 %4")
        .arg(t.date().month())
        .arg(t.date().day())
        .arg(weekdays.at(t.date().dayOfWeek() - 1), t.time().toString(QStringLiteral("HH:mm")));
}

} // namespace

StudyController::StudyController(int targetHours, const Clock &clock, StorageThread &storage, MemberSession *session,
                                 QObject *parent)
    : QObject(parent), m_targetHours(targetHours), m_clock(clock), m_storage(storage), m_session(session)
{
    if (m_session)
        connect(m_session, &MemberSession::ended, this, &StudyController::clear);
}

QString StudyController::hoursText() const
{
    // 学时 are credited in tenths at most (videos.json); “3”, “3.5”, never “3.50”.
    return QString::number(m_summary.hours, 'f', 1).remove(QStringLiteral(".0"));
}

double StudyController::progress() const
{
    return m_targetHours > 0 ? std::min(1.0, m_summary.hours / m_targetHours) : 0.0;
}

QString StudyController::scoreText(int score)
{
    return score < 0 ? QStringLiteral("暂无") : QStringLiteral("%1 分").arg(score);
}

QList<StudyListModel::Row> StudyController::checkinRows(const QList<StudyCheckin> &checkins)
{
    QList<StudyListModel::Row> rows;
    for (const StudyCheckin &c : checkins)
        rows.append({c.eventTitle.isEmpty() ? QStringLiteral("到中心签到") : c.eventTitle, when(c.when), QString()});
    return rows;
}

QList<StudyListModel::Row> StudyController::registrationRows(const QList<StudyRegistration> &registrations)
{
    QList<StudyListModel::Row> rows;
    for (const StudyRegistration &r : registrations) {
        rows.append({r.title, when(r.start) + (r.place.isEmpty() ? QString() : QStringLiteral(" · ") + r.place),
                     r.waitlisted ? QStringLiteral("候补") : QStringLiteral("已报名")});
    }
    return rows;
}

void StudyController::refresh()
{
    if (!m_session || !m_session->active()) {
        clear();
        return;
    }
    const int generation = ++m_generation;
    m_state = State::Loading;
    emit changed();
    const QString issuer = m_session->issuer();
    const QString memberId = m_session->memberId();
    const QDateTime now = m_clock.now();
    const int year = now.toLocalTime().date().year();
    m_storage.call<StudySummary>(
        this,
        [issuer, memberId, year, now](Database *db) {
            return db ? StudyStore(*db).summary(issuer, memberId, year, now) : StudySummary{};
        },
        [this, generation](const StudySummary &s) {
            if (generation == m_generation)
                apply(s);
        });
}

void StudyController::apply(const StudySummary &s)
{
    if (!s.ok) {
        qCWarning(lcUi) << "我的学习: the member's figures could not be read";
        clear();
        m_state = State::Failed;
        emit changed();
        return;
    }
    m_summary = s;
    m_lastCheckins.setRows(checkinRows(s.lastCheckins));
    m_upcoming.setRows(registrationRows(s.upcoming));
    m_state = State::Ready;
    emit changed();
}

void StudyController::clear()
{
    ++m_generation; // a query still under way belongs to the visit that ended
    m_summary = StudySummary{};
    m_lastCheckins.setRows({});
    m_upcoming.setRows({});
    m_state = State::Empty;
    emit changed();
}
