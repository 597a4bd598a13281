#include "batchfile.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

// Keys written in a fixed order by hand (QJsonDocument sorts them): the line is then readable
// with the identity first, and the bytes are stable whatever Qt does with object ordering.
QByteArray quoted(const QString &s)
{
    // A one-element array is the cheapest way to get Qt's exact JSON string escaping.
    const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

QByteArray encodeLine(const QByteArray &centre, const QByteArray &kiosk, const OutboxEntry &e)
{
    QByteArray line;
    line.reserve(256);
    line += "{\"centre_id\":" + centre + ",\"kiosk_id\":" + kiosk + ",\"seq\":" + QByteArray::number(e.seq)
            + ",\"record_id\":" + quoted(e.record.recordId) + ",\"kind\":" + quoted(e.record.kind)
            + ",\"created_utc\":" + quoted(e.record.createdUtc)
            + ",\"local_date\":" + quoted(e.record.localDate.toString(Qt::ISODate))
            + ",\"payload\":" + QJsonDocument(e.record.payload).toJson(QJsonDocument::Compact) + "}\n";
    return line;
}

QByteArray trailerLine(qint64 count, const QByteArray &sha256Hex)
{
    return "{\"trailer\":{\"format\":" + QByteArray::number(BatchFile::Format) + ",\"count\":" + QByteArray::number(count)
            + ",\"sha256\":\"" + sha256Hex + "\"}}\n";
}

} // namespace

QString BatchFile::fileName(const QString &kioskId, qint64 firstSeq, qint64 lastSeq)
{
    return QStringLiteral("%1-%2-%3.jsonl").arg(kioskId).arg(firstSeq).arg(lastSeq);
}

QString BatchFile::folder(const QString &centreId, const QString &kioskId, const QString &localDate)
{
    return QStringLiteral("records/centre=%1/kiosk=%2/date=%3").arg(centreId, kioskId, localDate);
}

QByteArray BatchFile::encode(const QString &centreId, const QString &kioskId, const QList<OutboxEntry> &entries)
{
    const QByteArray centre = quoted(centreId);
    const QByteArray kiosk = quoted(kioskId);
    QByteArray body;
    body.reserve(entries.size() * 320);
    for (const OutboxEntry &e : entries)
        body += encodeLine(centre, kiosk, e);
    const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    return body + trailerLine(entries.size(), hash);
}

BatchContent BatchFile::parse(const QByteArray &bytes)
{
    BatchContent out;
    if (bytes.isEmpty() || !bytes.endsWith('\n')) {
        out.error = QStringLiteral("批次不完整（文件未以换行结束，可能写到一半）");
        return out;
    }
    const qsizetype lastStart = bytes.lastIndexOf('\n', bytes.size() - 2) + 1;
    const QByteArray body = bytes.left(lastStart);
    QJsonParseError err;
    const QJsonDocument trailerDoc = QJsonDocument::fromJson(bytes.mid(lastStart), &err);
    const QJsonObject trailer = trailerDoc.object().value(QStringLiteral("trailer")).toObject();
    if (err.error != QJsonParseError::NoError || trailer.isEmpty()) {
        out.error = QStringLiteral("批次不完整（缺少校验尾行）");
        return out;
    }
    if (trailer.value(QStringLiteral("format")).toInt() > Format) {
        out.error = QStringLiteral("批次格式版本 %1 高于本程序支持的版本 %2")
                            .arg(trailer.value(QStringLiteral("format")).toInt()).arg(Format);
        return out;
    }
    const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    if (trailer.value(QStringLiteral("sha256")).toString().toLatin1() != hash) {
        out.error = QStringLiteral("批次校验和 (sha256) 不符，文件已损坏或被修改");
        return out;
    }
    const qint64 count = trailer.value(QStringLiteral("count")).toInteger(-1);
    const QList<QByteArray> lines = body.split('\n');
    // body ends with '\n', so split() yields one empty string at the end.
    if (count != lines.size() - 1) {
        out.error = QStringLiteral("批次记录数不符：尾行写 %1 条，实有 %2 条").arg(count).arg(lines.size() - 1);
        return out;
    }
    out.records.reserve(lines.size());
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &err).object();
        BatchRecord r;
        r.seq = o.value(QStringLiteral("seq")).toInteger(0);
        r.recordId = o.value(QStringLiteral("record_id")).toString();
        r.kind = o.value(QStringLiteral("kind")).toString();
        r.centreId = o.value(QStringLiteral("centre_id")).toString();
        r.kioskId = o.value(QStringLiteral("kiosk_id")).toString();
        r.createdUtc = o.value(QStringLiteral("created_utc")).toString();
        r.localDate = o.value(QStringLiteral("local_date")).toString();
        r.payload = o.value(QStringLiteral("payload")).toObject();
        if (err.error != QJsonParseError::NoError || r.seq <= 0 || r.recordId.size() != 36 || r.kind.isEmpty()) {
            out.error = QStringLiteral("批次第 %1 行不是有效的记录").arg(i + 1);
            out.records.clear();
            return out;
        }
        out.records.append(std::move(r));
    }
    return out;
}
