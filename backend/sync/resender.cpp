#include "resender.h"
#include "batchwriter.h"
#include "database.h"
#include "filelayer.h"
#include "outbox.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {
constexpr int maxBatchRecords = 5000; // as SyncSettings::maxBatchRecords
}

Resender::Resender(FileLayer &files, QString shareRoot, QString centreId, QString kioskId)
    : m_files(files)
    , m_shareRoot(std::move(shareRoot))
    , m_centreId(std::move(centreId))
    , m_kioskId(std::move(kioskId))
{
}

bool Resender::readRequest(Ranges *ranges, QString *tag, QString *error)
{
    const QString path = QDir(m_shareRoot).filePath(QStringLiteral("resend/%1/%2.json").arg(m_centreId, m_kioskId));
    if (!m_files.exists(path)) {
        *error = QStringLiteral("办公室没有要求本机补发（%1 不存在）").arg(path);
        return false;
    }
    const auto bytes = m_files.readAll(path, 1024 * 1024, error);
    if (!bytes)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
    const QDateTime written = QDateTime::fromString(o.value(QLatin1String("written_utc")).toString(), Qt::ISODate);
    if (o.value(QLatin1String("format")).toInt() != 1 || !written.isValid() || !o.value(QLatin1String("ranges")).isArray()) {
        *error = QStringLiteral("补发要求 %1 格式不对").arg(path);
        return false;
    }
    ranges->clear();
    for (const QJsonValue &v : o.value(QLatin1String("ranges")).toArray()) {
        const qint64 first = v.toArray().at(0).toInteger(0), last = v.toArray().at(1).toInteger(0);
        if (first <= 0 || last < first) {
            *error = QStringLiteral("补发要求 %1 中的序号范围不对").arg(path);
            return false;
        }
        ranges->append({first, last});
    }
    // One tag per request: running the same request again finds and adopts its own files.
    *tag = QStringLiteral("r") + written.toUTC().toString(QStringLiteral("yyyyMMddHHmmss"));
    return true;
}

ResendResult Resender::resend(Database &db, const Ranges &ranges, const QString &tag)
{
    ResendResult result;
    BatchWriter writer(m_files, m_shareRoot, m_centreId, m_kioskId);
    writer.setNameTag(tag);
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT seq, record_id, kind, payload, created_utc, local_date FROM outbox "
                             "WHERE seq BETWEEN ? AND ? ORDER BY seq"));
    for (const auto &[first, last] : ranges) {
        q.addBindValue(first);
        q.addBindValue(last);
        if (!q.exec()) {
            result.error = q.lastError().text();
            return result;
        }
        QList<OutboxEntry> rows;
        while (q.next()) {
            OutboxEntry e;
            e.seq = q.value(0).toLongLong();
            e.record.recordId = q.value(1).toString();
            e.record.kind = q.value(2).toString();
            e.record.payload = QJsonDocument::fromJson(q.value(3).toByteArray()).object();
            e.record.createdUtc = q.value(4).toString();
            e.record.localDate = QDate::fromString(q.value(5).toString(), Qt::ISODate);
            rows.append(e);
        }
        result.notInOutbox += (last - first + 1) - rows.size();
        // Cut as the sync cuts: consecutive seqs of one date, at most maxBatchRecords.
        for (qsizetype start = 0; start < rows.size();) {
            qsizetype n = 1;
            while (start + n < rows.size() && n < maxBatchRecords
                   && rows.at(start + n).record.localDate == rows.at(start).record.localDate
                   && rows.at(start + n).seq == rows.at(start + n - 1).seq + 1)
                ++n;
            const BatchResult r = writer.write(rows.mid(start, n));
            if (!r.delivered()) {
                result.error = r.error;
                return result;
            }
            result.records += r.lastSeq - r.firstSeq + 1;
            ++result.batches;
            start += r.lastSeq - r.firstSeq + 1;
        }
    }
    return result;
}
