#include "syncservice.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "synclogging.h"

#include <QTimer>

namespace {

// Owns everything that runs on the sync thread: the database connection (a Qt Sql connection
// belongs to the thread that opened it), the engine and the timer.
class SyncWorker : public QObject
{
public:
    SyncWorker(SyncService *service, SyncSettings settings, QString databasePath, int intervalSeconds,
               const Clock &clock, FileLayer *files, std::shared_ptr<std::atomic_bool> cancel)
        : m_service(service)
        , m_databasePath(std::move(databasePath))
        , m_interval(intervalSeconds)
        , m_clock(clock)
        , m_ownFiles(files ? nullptr : new FileLayer)
        , m_engine(std::move(settings), files ? *files : *m_ownFiles, clock)
        , m_cancel(std::move(cancel))
    {
    }

    void begin(int firstDelayMs)
    {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] { run(); });
        m_timer->start(firstDelayMs);
    }

    void run()
    {
        if (m_cancel->load())
            return;
        m_timer->stop();
        m_status.running = true;
        emit m_service->statusChanged(m_status);
        if (!m_db) {
            m_db = std::make_unique<Database>(m_databasePath);
            if (!m_db->open()) {
                finish(nullptr, m_db->errorString());
                m_db.reset();
                return;
            }
        }
        const SyncReport report = m_engine.run(*m_db, m_cancel.get());
        finish(&report, {});
    }

    void end()
    {
        if (m_timer)
            m_timer->stop();
        m_db.reset();
    }

private:
    void finish(const SyncReport *report, const QString &dbError)
    {
        const QDateTime now = m_clock.now().toUTC();
        m_status.running = false;
        QString error = dbError;
        if (report) {
            m_status.online = report->share.online();
            m_status.queueLength = report->queueLength;
            error = !report->error.isEmpty() ? report->error : report->conflicts.value(0);
            m_status.contentError = report->content.outcome == DistributionResult::Outcome::Applied
                                            || report->content.outcome == DistributionResult::Outcome::Unchanged
                                    ? QString()
                                    : report->content.error;
            if (report->content.outcome == DistributionResult::Outcome::Applied) {
                m_status.contentVersion = report->content.version;
                emit m_service->contentUpdated(report->content.version);
            } else if (report->content.outcome == DistributionResult::Outcome::Unchanged && report->content.version > 0) {
                m_status.contentVersion = report->content.version;
            }
        }
        if (error.isEmpty()) {
            m_status.failures = 0;
            m_status.lastSuccess = now;
            m_status.lastError.clear();
        } else {
            ++m_status.failures;
            m_status.lastError = error;
            m_status.lastErrorTime = now;
        }
        m_status.nextRunSeconds = SyncService::delaySeconds(m_status.failures, m_interval);
        if (!m_cancel->load())
            m_timer->start(m_status.nextRunSeconds * 1000);
        emit m_service->statusChanged(m_status);
    }

    SyncService *m_service;
    QString m_databasePath;
    int m_interval;
    const Clock &m_clock;
    std::unique_ptr<FileLayer> m_ownFiles;
    SyncEngine m_engine;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
    SyncStatus m_status;
};

} // namespace

SyncService::SyncService(SyncSettings settings, QString databasePath, int intervalSeconds, const Clock &clock,
                         FileLayer *files, QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<SyncStatus>();
    m_thread.setObjectName(QStringLiteral("sync"));
    auto *worker = new SyncWorker(this, std::move(settings), std::move(databasePath), intervalSeconds, clock, files, m_cancel);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    // Keep the last status on the owner's thread for status().
    connect(this, &SyncService::statusChanged, this, [this](const SyncStatus &s) { m_status = s; });
}

SyncService::~SyncService()
{
    stop();
    if (!m_started)
        delete m_worker; // never moved into a running thread, so nobody else deletes it
}

int SyncService::delaySeconds(int failures, int intervalSeconds)
{
    if (failures <= 0)
        return intervalSeconds;
    const int cap = std::max(intervalSeconds, 600);
    const int shift = std::min(failures - 1, 20);
    return int(std::min<qint64>(qint64(5) << shift, cap));
}

void SyncService::start(int firstDelayMs)
{
    if (m_started)
        return;
    m_started = true;
    m_thread.start();
    auto *worker = static_cast<SyncWorker *>(m_worker);
    QMetaObject::invokeMethod(worker, [worker, firstDelayMs] { worker->begin(firstDelayMs); });
}

void SyncService::stop()
{
    if (!m_thread.isRunning())
        return;
    m_cancel->store(true);
    auto *worker = static_cast<SyncWorker *>(m_worker);
    QMetaObject::invokeMethod(worker, [worker] { worker->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SyncService::syncNow()
{
    if (!m_thread.isRunning() || m_cancel->load())
        return;
    auto *worker = static_cast<SyncWorker *>(m_worker);
    QMetaObject::invokeMethod(worker, [worker] { worker->run(); });
}
