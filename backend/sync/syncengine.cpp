#include "syncengine.h"
#include "batchwriter.h"
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "outbox.h"
#include "resender.h"
#include "synclogging.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace {

// Outbox rows fetched per query; batches are cut from them by date and size.
constexpr int fetchRows = 20000;

// The newest check-in this kiosk recorded (the office's "days since the last check-in"). By the
// local-date index first: MAX(checked_utc) alone would scan every check-in on every sync.
QString lastCheckinUtc(Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT MAX(checked_utc) FROM checkins "
                                 "WHERE local_date = (SELECT MAX(local_date) FROM checkins)"))
                    && q.next()
            ? q.value(0).toString()
            : QString();
}

} // namespace

SyncEngine::SyncEngine(SyncSettings settings, FileLayer &files, const Clock &clock)
    : m_settings(std::move(settings))
    , m_files(files)
    , m_clock(clock)
    , m_distribution(m_settings.shareRoot, m_settings.contentDir, m_settings.trustedIssuersDir, m_settings.contentIssuers)
    , m_compactor(files, m_settings.shareRoot, m_settings.centreId, m_settings.kioskId)
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
    if (report.error.isEmpty() && !(cancel && cancel->load()))
        answerResendRequest(db, &report);
    // Only with nothing left to send: a past day is complete on the share before it is folded.
    if (m_settings.compactDays && report.error.isEmpty() && report.conflicts.isEmpty() && report.queueLength == 0
        && !(cancel && cancel->load())) {
        const DayCompactor::Outcome c = m_compactor.compactBefore(m_clock.localDate());
        for (const QString &p : c.problems)
            qCWarning(lcSync).noquote() << "day not compacted:" << p;
    }
    if (!(cancel && cancel->load()))
        report.content = m_distribution.update(cancel);
    if (report.ok())
        m_lastSuccess = m_clock.now().toUTC();
    if (ShareMarker::check(m_files, m_settings.shareRoot, m_settings.shareId).online())
        writeHeartbeat(report, lastCheckinUtc(db));
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

void SyncEngine::answerResendRequest(Database &db, SyncReport *report)
{
    // The office's `dangqun-admin missing --write-requests` (design.md §5): answered once per
    // request by this process; after a restart once more, which only adopts the files written.
    Resender resender(m_files, m_settings.shareRoot, m_settings.centreId, m_settings.kioskId);
    Resender::Ranges ranges;
    QString tag, error;
    if (!m_files.exists(QDir(m_settings.shareRoot).filePath(QStringLiteral("resend/%1/%2.json").arg(m_settings.centreId, m_settings.kioskId))))
        return;
    if (!resender.readRequest(&ranges, &tag, &error)) {
        qCWarning(lcSync).noquote() << "resend request not read:" << error;
        return;
    }
    if (m_resentTags.contains(tag))
        return;
    const ResendResult r = resender.resend(db, ranges, tag);
    if (!r.ok()) {
        qCWarning(lcSync).noquote() << "resend" << tag << "failed:" << r.error;
        report->error = QStringLiteral("补发失败：%1").arg(r.error);
        return;
    }
    m_resentTags.insert(tag);
    report->recordsResent = r.records;
    qCInfo(lcSync).noquote() << "resent" << r.records << "records at the office's request" << tag
                             << (r.notInOutbox ? QStringLiteral("(%1 not in this kiosk's outbox)").arg(r.notInOutbox) : QString());
}

QJsonArray SyncEngine::queueHistory(const QString &heartbeatPath, qint64 queueLength)
{
    // After a restart, continue the history our previous heartbeat carried.
    if (!m_queueSamplesLoaded) {
        m_queueSamplesLoaded = true;
        QString error;
        if (const auto previous = m_files.readAll(heartbeatPath, 64 * 1024, &error)) {
            const QJsonArray samples = QJsonDocument::fromJson(*previous).object().value(QLatin1String("queue_history")).toArray();
            for (const QJsonValue &v : samples) {
                const QDateTime t = QDateTime::fromString(v.toObject().value(QLatin1String("t")).toString(), Qt::ISODateWithMs);
                if (t.isValid())
                    m_queueSamples.append({t, v.toObject().value(QLatin1String("n")).toInteger()});
            }
        }
    }
    const QDateTime now = m_clock.now().toUTC();
    if (queueLength >= 0
        && (m_queueSamples.isEmpty() || m_queueSamples.constLast().first.secsTo(now) >= QueueSampleSeconds
            || m_queueSamples.constLast().first > now))
        m_queueSamples.append({now, queueLength});
    while (m_queueSamples.size() > QueueSamples)
        m_queueSamples.removeFirst();
    QJsonArray out;
    for (const auto &[t, n] : std::as_const(m_queueSamples))
        out.append(QJsonObject{{QStringLiteral("t"), t.toString(Qt::ISODateWithMs)}, {QStringLiteral("n"), n}});
    return out;
}

void SyncEngine::writePublicKey(const QString &dir)
{
    // Only when it is missing or different: the office copies it into trusted-kiosks/, and a
    // rewrite every minute would be noise on the share.
    if (m_settings.kioskPublicKey.isEmpty())
        return;
    const QString path = QDir(dir).filePath(m_settings.kioskId + QLatin1String(".pub"));
    const QByteArray content = m_settings.kioskPublicKey + '\n';
    QString error;
    if (const auto existing = m_files.readAll(path, 1024, &error); existing && *existing == content)
        return;
    const QString temp = path + QLatin1String(".tmp");
    m_files.remove(temp);
    if (!m_files.writeNewDurable(temp, content, &error) || !m_files.renameReplace(temp, path, &error)) {
        m_files.remove(temp);
        qCWarning(lcSync).noquote() << "kiosk public key not written:" << error;
        return;
    }
    qCInfo(lcSync).noquote() << "kiosk public key written to" << path;
}

void SyncEngine::writeHeartbeat(const SyncReport &report, const QString &lastCheckinUtc)
{
    const QString dir = QDir(m_settings.shareRoot).filePath(QStringLiteral("status/") + m_settings.centreId);
    const QString path = QDir(dir).filePath(m_settings.kioskId + QLatin1String(".json"));
    QJsonObject content{{QStringLiteral("version"), report.content.version},
                        {QStringLiteral("outcome"), int(report.content.outcome)}};
    if (!report.content.error.isEmpty())
        content.insert(QStringLiteral("error"), report.content.error);
    // The set actually in service (the version above is the manifest the run looked at).
    content.insert(QStringLiteral("in_use"), m_distribution.appliedVersion());
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
            {QStringLiteral("last_checkin_utc"), lastCheckinUtc},
            {QStringLiteral("queue_history"), queueHistory(path, report.queueLength)},
    };
    QString error;
    const QString temp = path + QLatin1String(".tmp");
    m_files.remove(temp);
    if (!m_files.mkpath(dir, &error) || !m_files.writeNewDurable(temp, QJsonDocument(o).toJson(), &error)
        || !m_files.renameReplace(temp, path, &error)) {
        m_files.remove(temp);
        qCWarning(lcSync).noquote() << "heartbeat not written:" << error;
        return;
    }
    writePublicKey(dir);
}
