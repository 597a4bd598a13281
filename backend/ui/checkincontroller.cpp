#include "checkincontroller.h"
#include "checkinworker.h"
#include "logging.h"
#include "masking.h"
#include "membersession.h"
#include "storagethread.h"

#include <utility>

CheckinController::CheckinController(const KioskConfig &config, const Clock &clock, StorageThread &storage,
                                     MemberSession *session, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_worker(std::make_shared<CheckinWorker>(config, clock))
    , m_session(session)
{
    connect(&m_storage, &StorageThread::opened, this, [this](bool ok, const QString &error) {
        if (ok)
            return;
        m_ready = false;
        emit readyChanged();
        qCCritical(lcUi).noquote() << "check-in unavailable:" << error;
        emit startupFailed(error);
    });
}

CheckinController::~CheckinController() = default;

namespace {
CheckinResult unavailable()
{
    CheckinResult r;
    r.outcome = CheckinResult::Outcome::Failed;
    r.reason = QStringLiteral("系统暂时无法签到（数据库不可用），请联系工作人员");
    return r;
}
} // namespace

void CheckinController::reloadContent()
{
    m_storage.call<QStringList>(
        this, [worker = m_worker](Database *db) { return db ? worker->refreshContent(*db) : QStringList(); },
        [this](const QStringList &problems) {
            for (const QString &p : problems)
                qCWarning(lcUi).noquote() << "content refused:" << p;
            m_rosterProblems = problems;
            emit contentProblems(problems);
        });
}

void CheckinController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void CheckinController::deliver(const CheckinResult &r)
{
    setBusy(false);
    const Outcome outcome = outcomeOf(r);
    const bool identified = outcome == Outcome::CheckedIn || outcome == Outcome::AlreadyCheckedIn;
    // Whoever scans now is the person at the screen (issue 17): the previous member's session
    // (banner, name, 年度回执) ends first, unless it is the same member scanning again.
    if (m_session && m_session->active()
        && !(identified && m_session->issuer() == r.issuer && m_session->memberId() == r.memberId))
        m_session->handOver();
    if (identified && m_session)
        m_session->begin(r.issuer, r.memberId, r.name, r.organisation, r.flowing);
    m_reportPrefill.clear();
    if (outcome == Outcome::NeedsReport || outcome == Outcome::UnverifiedIssuer) {
        m_reportPrefill = {{QStringLiteral("issuer"), r.issuer}, {QStringLiteral("memberId"), r.memberId},
                           {QStringLiteral("name"), r.name}, {QStringLiteral("organisation"), r.organisation},
                           {QStringLiteral("unverified"), outcome == Outcome::UnverifiedIssuer}};
    }
    m_outcome = outcome;
    m_result = present(r);
    emit resultChanged();
    emit finished(m_result);
}

void CheckinController::submitCode(const QString &text)
{
    if (m_busy || !m_ready)
        return; // the scanner debounces; a second code while one commits is not a new member
    setBusy(true);
    m_storage.call<CheckinResult>(
        this,
        [worker = m_worker, text](Database *db) { return db ? worker->checkInCode(*db, text) : unavailable(); },
        [this](const CheckinResult &r) { deliver(r); });
}

void CheckinController::lookupPhone(const QString &phone)
{
    if (!m_ready)
        return;
    m_storage.call<QList<MemberMatch>>(
        this,
        [worker = m_worker, phone](Database *db) {
            return db ? worker->service(*db).membersByPhone(phone) : QList<MemberMatch>();
        },
        [this](const QList<MemberMatch> &found) {
            m_matchData = found;
            m_matches.clear();
            for (const MemberMatch &m : found) {
                m_matches.append(QVariantMap{{QStringLiteral("maskedName"), Masking::name(m.name)},
                                             {QStringLiteral("organisation"), m.organisation},
                                             {QStringLiteral("flowing"), m.flowing}});
            }
            emit matchesChanged();
        });
}

void CheckinController::confirmManual(int index)
{
    if (index < 0 || index >= m_matchData.size() || m_busy)
        return;
    const MemberMatch m = m_matchData.at(index);
    setBusy(true);
    m_storage.call<CheckinResult>(
        this,
        [worker = m_worker, m](Database *db) {
            return db ? worker->service(*db).checkInManual(m.issuer, m.memberId) : unavailable();
        },
        [this](const CheckinResult &r) { deliver(r); });
}

QVariantMap CheckinController::takeReportPrefill()
{
    return std::exchange(m_reportPrefill, {});
}

void CheckinController::clear()
{
    m_outcome = Outcome::None;
    m_result.clear();
    m_matches.clear();
    m_matchData.clear();
    emit resultChanged();
    emit matchesChanged();
}

CheckinController::Outcome CheckinController::outcomeOf(const CheckinResult &r)
{
    switch (r.outcome) {
    case CheckinResult::Outcome::CheckedIn: return Outcome::CheckedIn;
    case CheckinResult::Outcome::AlreadyCheckedIn: return Outcome::AlreadyCheckedIn;
    case CheckinResult::Outcome::NotMemberCode: return Outcome::NotMemberCode;
    case CheckinResult::Outcome::NeedsReport: return Outcome::NeedsReport;
    case CheckinResult::Outcome::Failed: return Outcome::Failed;
    case CheckinResult::Outcome::Refused:
        // CheckinWorker read the code's own fields for a code whose issuer is unknown here.
        return r.verdict == QLatin1String("unknown_issuer") && !r.memberId.isEmpty() ? Outcome::UnverifiedIssuer
                                                                                      : Outcome::Refused;
    }
    return Outcome::Failed;
}

QVariantMap CheckinController::present(const CheckinResult &r)
{
    QString outcome;
    QString title;
    QString message = r.reason;
    switch (r.outcome) {
    case CheckinResult::Outcome::CheckedIn:
        outcome = QStringLiteral("checkedIn");
        title = QStringLiteral("签到成功");
        message = r.eventTitle.isEmpty() ? QStringLiteral("欢迎您来到党群服务中心")
                                         : QStringLiteral("已签到活动：%1").arg(r.eventTitle);
        break;
    case CheckinResult::Outcome::AlreadyCheckedIn:
        outcome = QStringLiteral("already");
        title = QStringLiteral("今天已签到");
        if (r.time.isValid())
            message = QStringLiteral("您今天 %1 已签到，无需重复签到").arg(r.time.toString(QStringLiteral("HH:mm")));
        break;
    case CheckinResult::Outcome::Refused:
        outcome = QStringLiteral("refused");
        title = QStringLiteral("签到未成功");
        if (outcomeOf(r) == Outcome::UnverifiedIssuer) {
            // A 流动党员 from a district whose key this kiosk does not hold (issue 17): not a
            // dead end, and no internal issuer id on screen.
            outcome = QStringLiteral("unverifiedIssuer");
            title = QStringLiteral("本中心暂时无法核验此码");
            message = QStringLiteral("这是外地党组织签发的党员码。流动党员可办理报到，也可使用手机号签到");
        }
        break;
    case CheckinResult::Outcome::NotMemberCode:
        outcome = QStringLiteral("notMember");
        title = QStringLiteral("这不是党员码");
        message = QStringLiteral("请出示党员码；流动党员可在首页选择“流动党员报到”，也可使用手机号签到");
        break;
    case CheckinResult::Outcome::NeedsReport:
        outcome = QStringLiteral("needsReport");
        title = QStringLiteral("请先报到");
        break;
    case CheckinResult::Outcome::Failed:
        outcome = QStringLiteral("failed");
        title = QStringLiteral("暂时无法签到");
        break;
    }
    const bool known = !r.name.isEmpty() && (r.outcome == CheckinResult::Outcome::CheckedIn
                                             || r.outcome == CheckinResult::Outcome::AlreadyCheckedIn);
    return {
        {QStringLiteral("outcome"), outcome},
        {QStringLiteral("success"), r.outcome == CheckinResult::Outcome::CheckedIn
                                        || r.outcome == CheckinResult::Outcome::AlreadyCheckedIn},
        {QStringLiteral("title"), title},
        {QStringLiteral("message"), message},
        {QStringLiteral("greeting"), known ? Masking::greeting(r.name) : QString()},
        {QStringLiteral("organisation"), known ? r.organisation : QString()},
        {QStringLiteral("flowing"), r.flowing},
        {QStringLiteral("timeText"), r.time.isValid() ? r.time.toString(QStringLiteral("HH:mm")) : QString()},
        {QStringLiteral("eventTitle"), r.eventTitle},
        {QStringLiteral("method"), r.method},
        {QStringLiteral("verdict"), r.verdict},
    };
}
