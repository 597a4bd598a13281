#include "reportcontroller.h"
#include "checkincontroller.h"
#include "checkinworker.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "reportservice.h"
#include "storagethread.h"

#include <QDir>

// ReportController's state on the storage thread: the check-in worker (verifier and
// CheckinService) and the ReportService on the same database.
struct ReportWorker
{
    ReportWorker(const KioskConfig &config, const Clock &clock) : checkin(config, clock), config(config), clock(clock)
    {
    }
    ReportService &service(Database &db)
    {
        if (!report)
            report = std::make_unique<ReportService>(
                db, checkin.service(db), clock,
                CheckinSettings{config.centreId, config.kioskId, config.issuerId, config.oncePerDay});
        return *report;
    }
    CheckinWorker checkin;
    KioskConfig config;
    const Clock &clock;
    std::unique_ptr<ReportService> report;
};

ReportController::ReportController(const KioskConfig &config, const Clock &clock, StorageThread &storage,
                                   MemberSession *session, QObject *parent)
    : QObject(parent), m_storage(storage), m_worker(std::make_shared<ReportWorker>(config, clock)), m_session(session)
{
    // File I/O off the GUI thread, like everything else that touches the disk.
    const QString path = QDir(config.contentDir).filePath(QStringLiteral("organisations/organisations.json"));
    m_storage.call<OrganisationDirectory>(
        this,
        [path](Database *) {
            QString error;
            OrganisationDirectory dir = OrganisationDirectory::load(path, &error);
            if (!error.isEmpty())
                qCWarning(lcUi).noquote() << error;
            return dir;
        },
        [this](const OrganisationDirectory &dir) { setDirectory(dir); });
}

ReportController::~ReportController() = default;

QString ReportController::consentText()
{
    return QStringLiteral("本中心将保存您填写的姓名、手机号、组织关系所在党组织、流动党员活动证编号和现工作（居住）地，"
                          "仅用于开放式组织生活的报到、签到和活动通知，并将您在本中心参加组织生活的情况报送您的"
                          "组织关系所在党组织。屏幕上只显示隐去部分的姓名和号码。");
}

void ReportController::setDirectory(const OrganisationDirectory &directory)
{
    m_directory = directory;
    searchOrganisations(m_query);
}

void ReportController::begin(const QVariantMap &prefill)
{
    m_prefill = prefill;
    m_errors.clear();
    m_result.clear();
    emit prefillChanged();
    emit errorsChanged();
    emit resultChanged();
    searchOrganisations(QString());
}

void ReportController::searchOrganisations(const QString &typed)
{
    // Pinyin still being composed arrives as x'f's'q: the separators are not part of a name.
    QString query = typed;
    query.remove(u'\'');
    m_query = query;
    const QStringList found = m_directory.search(query);
    if (found == m_organisations)
        return;
    m_organisations = found;
    emit organisationsChanged();
}

void ReportController::submit(const QVariantMap &values)
{
    if (m_busy)
        return;
    ReportForm form;
    form.issuer = m_prefill.value(QStringLiteral("issuer")).toString();
    form.memberId = m_prefill.value(QStringLiteral("memberId")).toString();
    form.name = values.value(QStringLiteral("name")).toString();
    form.phone = values.value(QStringLiteral("phone")).toString();
    form.organisation = values.value(QStringLiteral("organisation")).toString();
    form.certificate = values.value(QStringLiteral("certificate")).toString();
    form.currentPlace = values.value(QStringLiteral("currentPlace")).toString();
    form.consent = values.value(QStringLiteral("consent")).toBool();

    // Validation is pure and instant: messages appear without a round trip to the database.
    const QMap<QString, QString> errors = ReportService::validate(form);
    m_errors.clear();
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        m_errors.insert(it.key(), it.value());
    emit errorsChanged();
    if (!errors.isEmpty()) {
        qCInfo(lcUi).noquote() << "report form incomplete:" << errors.keys().join(u',');
        return;
    }
    m_busy = true;
    emit busyChanged();
    m_storage.call<ReportResult>(
        this,
        [worker = m_worker, form](Database *db) {
            if (db)
                return worker->service(*db).submit(form);
            ReportResult r;
            r.checkin.outcome = CheckinResult::Outcome::Failed;
            r.checkin.reason = QStringLiteral("系统暂时无法报到（数据库不可用），请联系工作人员");
            return r;
        },
        [this](const ReportResult &r) {
            m_busy = false;
            emit busyChanged();
            const CheckinResult &c = r.checkin;
            if (r.accepted() && m_session)
                m_session->begin(c.issuer, c.memberId, c.name, c.organisation, true);
            m_result = CheckinController::present(c);
            m_result.insert(QStringLiteral("reported"), r.accepted());
            if (r.accepted())
                m_result.insert(QStringLiteral("title"), QStringLiteral("报到成功"));
            emit resultChanged();
            emit finished(m_result);
        });
}
