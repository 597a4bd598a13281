#include "exportjob.h"
#include "clock.h"
#include "csvreportwriter.h"
#include "reportbuilder.h"
#include "xlsxreportwriter.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcExport, "dangqun.export")

namespace {

// The query is about a third of the time, the writing the rest (measured by bench_export).
constexpr double queryShare = 0.3;

ExportResult runOn(QSqlDatabase &db, const Clock &clock, const ExportRequest &request, const QString &targetDir,
                   const std::atomic_bool *cancel, const std::function<void(double)> &progress)
{
    ExportResult result;
    ReportBuilder builder(db, clock);
    const std::optional<Report> report = builder.build(request, &result.error, cancel);
    if (!report)
        return result;
    if (progress)
        progress(queryShare);
    if (!QDir().mkpath(targetDir)) {
        result.error = QStringLiteral("无法创建文件夹 %1（只读或已拔出？）").arg(targetDir);
        return result;
    }
    CsvReportWriter csv;
    XlsxReportWriter xlsx;
    ReportWriter &writer = request.format == ExportRequest::Format::Csv ? static_cast<ReportWriter &>(csv) : xlsx;
    const auto onRows = [&](qint64 done, qint64 total) {
        if (progress && total > 0)
            progress(queryShare + (1 - queryShare) * double(done) / double(total));
        return !(cancel && cancel->load());
    };
    result.ok = writer.write(*report, targetDir, request.baseName(clock.localDate()), &result.files, &result.error,
                             onRows);
    result.rows = report->rowCount();
    if (result.ok && progress)
        progress(1.0);
    return result;
}

} // namespace

ExportJob::ExportJob(QString databasePath, const Clock &clock, QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_clock(clock)
{
    qRegisterMetaType<ExportResult>();
}

ExportJob::~ExportJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

ExportResult ExportJob::run(const QString &databasePath, const Clock &clock, const ExportRequest &request,
                            const QString &targetDir, const std::atomic_bool *cancel,
                            const std::function<void(double)> &progress)
{
    const QString name = QStringLiteral("export-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    ExportResult result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            result.error = QStringLiteral("无法打开数据库 %1").arg(databasePath);
        } else {
            result = runOn(db, clock, request, targetDir, cancel, progress);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (result.ok)
        qCInfo(lcExport).noquote() << "exported" << result.rows << "rows to" << result.files.join(QStringLiteral(", "));
    else
        qCWarning(lcExport).noquote() << "export failed:" << result.error;
    return result;
}

bool ExportJob::start(const ExportRequest &request, const QString &targetDir)
{
    if (m_thread)
        return false;
    m_cancel = false;
    m_thread = QThread::create([this, request, targetDir] {
        const ExportResult r = run(m_databasePath, m_clock, request, targetDir, &m_cancel, [this](double f) {
            QMetaObject::invokeMethod(this, [this, f] { emit progressChanged(f); }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(this, [this, r] {
            m_thread->wait();
            delete m_thread;
            m_thread = nullptr;
            emit finished(r);
        }, Qt::QueuedConnection);
    });
    m_thread->start();
    return true;
}

void ExportJob::cancel()
{
    m_cancel = true;
}
