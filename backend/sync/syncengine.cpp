#include "syncengine.h"
#include "batchwriter.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "outbox.h"
#include "synclogging.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Outbox rows fetched per query; batches are cut from them by date and size.
constexpr int fetchRows = 20000;

} // namespace

SyncEngine::SyncEngine(SyncSettings settings, FileLayer &files, const Clock &clock)
    : m_settings(std::move(settings))
    , m_files(files)
    , m_clock(clock)
    , m_distribution(m_settings.shareRoot, m_settings.contentDir, m_settings.trustedIssuersDir, m_settings.contentIssuers)
{
}

SyncReport SyncEngine::run(Database &db, const std::atomic_bool *cancel)
{
    SyncReport report;
    Outbox outbox(db);
    report.share = ShareMarker::check(m_files, m_settings.shareRoot, m_settings.shareId);
    if (!report.share.online()) {
        report.queueLength = outbox.pendingCount();
        report.error = report.share.reason;
        qCInfo(lcSync).noquote() << "share offline:" << report.share.reason;
        return report;
    }
    sendRecords(db, &report, cancel);
    report.queueLength = outbox.pendingCount();
    if (!(cancel && cancel->load()))
        report.content = m_distribution.update(cancel);
    if (report.ok())
        m_lastSuccess = m_clock.now().toUTC();
    if (ShareMarker::check(m_files, m_settings.shareRoot, m_settings.shareId).online())
        writeHeartbeat(report);
    return report;
}

void SyncEngine::sendRecords(Database &db, SyncReport *report, const std::atomic_bool *cancel)
{
    Outbox outbox(db);
    BatchWriter writer(m_files, m_settings.shareRoot, m_settings.centreId, m_settings.kioskId);
    qint64 skipBelow = 0; // rows of a conflicting batch stay queued; later ones still go out
    while (!(cancel && cancel->load())) {
        QList<OutboxEntry> pending = outbox.pending(fetchRows);
        while (!pending.isEmpty() && pending.constFirst().seq < skipBelow)
            pending.removeFirst();
        if (pending.isEmpty())
            return;
        // The share may have been unmounted since the last batch: writing on would put records
        // into the bare mount point. Checked before every batch (one small read).
        if (const ShareState s = ShareMarker::check(m_files, m_settings.shareRoot, m_settings.shareId); !s.online()) {
            report->share = s;
            report->error = s.reason;
            return;
        }
        // One batch: consecutive rows of the first row's local date, at most maxBatchRecords.
        // The cut depends only on the rows, so a rerun after a crash picks the same first seq.
        qsizetype n = 1;
        while (n < pending.size() && n < m_settings.maxBatchRecords
               && pending.at(n).record.localDate == pending.constFirst().record.localDate
               && pending.at(n).seq == pending.at(n - 1).seq + 1)
            ++n;
        const BatchResult r = writer.write(pending.mid(0, n));
        if (r.outcome == BatchResult::Outcome::Conflict) {
            qCCritical(lcSync).noquote() << r.error;
            report->conflicts << r.error;
            skipBelow = pending.at(n - 1).seq + 1;
            continue;
        }
        if (!r.delivered()) {
            qCWarning(lcSync).noquote() << "batch" << r.relativePath << "not delivered:" << r.error;
            report->error = r.error;
            return;
        }
        QString error;
        if (!outbox.markSynced(r.firstSeq, r.lastSeq, r.relativePath, m_clock.utcStamp(), &error)) {
            // The batch is on the share; the next run adopts it and marks the rows then.
            report->error = QStringLiteral("批次已写入，但本地标记失败：%1").arg(error);
            return;
        }
        report->recordsSent += r.lastSeq - r.firstSeq + 1;
        ++report->batches;
    }
}

void SyncEngine::writeHeartbeat(const SyncReport &report)
{
    const QString dir = QDir(m_settings.shareRoot).filePath(QStringLiteral("status/") + m_settings.centreId);
    const QString path = QDir(dir).filePath(m_settings.kioskId + QLatin1String(".json"));
    QJsonObject content{{QStringLiteral("version"), report.content.version},
                        {QStringLiteral("outcome"), int(report.content.outcome)}};
    if (!report.content.error.isEmpty())
        content.insert(QStringLiteral("error"), report.content.error);
    const QJsonObject o{
            {QStringLiteral("format"), 1},
            {QStringLiteral("centre_id"), m_settings.centreId},
            {QStringLiteral("kiosk_id"), m_settings.kioskId},
            {QStringLiteral("program_version"), m_settings.version},
            {QStringLiteral("time_utc"), m_clock.utcStamp()},
            {QStringLiteral("last_sync_utc"), m_lastSuccess.isValid() ? m_lastSuccess.toString(Qt::ISODateWithMs) : QString()},
            {QStringLiteral("queue_length"), report.queueLength},
            {QStringLiteral("records_sent"), report.recordsSent},
            {QStringLiteral("last_error"), report.error},
            {QStringLiteral("conflicts"), QJsonArray::fromStringList(report.conflicts)},
            {QStringLiteral("content"), content},
    };
    QString error;
    const QString temp = path + QLatin1String(".tmp");
    m_files.remove(temp);
    if (!m_files.mkpath(dir, &error) || !m_files.writeNewDurable(temp, QJsonDocument(o).toJson(), &error)
        || !m_files.renameReplace(temp, path, &error)) {
        m_files.remove(temp);
        qCWarning(lcSync).noquote() << "heartbeat not written:" << error;
    }
}
