#include "batchfile.h"

#include <QCryptographicHash>
#include <QDate>
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

bool BatchFile::isUuid(const QString &s)
{
    if (s.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = s.at(i).unicode();
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != u'-' : !((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return true;
}

BatchLine BatchFile::parseLine(const QByteArray &line, int number)
{
    BatchLine out;
    out.number = number;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        out.failed = QStringLiteral("JSON");
        out.reason = QStringLiteral("不是完整的 JSON 对象（%1）").arg(err.error != QJsonParseError::NoError ? err.errorString()
                                                                                                    : QStringLiteral("不是对象"));
        return out;
    }
    const QJsonObject o = doc.object();
    BatchRecord &r = out.record;
    QStringList missing;
    const auto text = [&](const char *key, QString *into) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() || v.toString().isEmpty())
            missing << QLatin1String(key);
        else
            *into = v.toString();
    };
    text("centre_id", &r.centreId);
    text("kiosk_id", &r.kioskId);
    text("record_id", &r.recordId);
    text("kind", &r.kind);
    text("created_utc", &r.createdUtc);
    text("local_date", &r.localDate);
    const QJsonValue seq = o.value(QLatin1String("seq"));
    r.seq = seq.isDouble() ? seq.toInteger(0) : 0;
    if (r.seq <= 0)
        missing << QStringLiteral("seq");
    const QJsonValue payload = o.value(QLatin1String("payload"));
    if (!payload.isObject())
        missing << QStringLiteral("payload");
    if (!missing.isEmpty()) {
        out.failed = QStringLiteral("字段");
        out.reason = QStringLiteral("缺少字段或字段为空：%1").arg(missing.join(QStringLiteral(", ")));
        return out;
    }
    if (!isUuid(r.recordId)) {
        out.failed = QStringLiteral("字段");
        out.reason = QStringLiteral("record_id 不是 UUID：%1").arg(r.recordId.left(40));
        return out;
    }
    if (!QDate::fromString(r.localDate, Qt::ISODate).isValid()) {
        out.failed = QStringLiteral("字段");
        out.reason = QStringLiteral("local_date 不是日期：%1").arg(r.localDate.left(40));
        return out;
    }
    r.payload = payload.toObject();
    out.payloadJson = QJsonDocument(r.payload).toJson(QJsonDocument::Compact);
    return out;
}

BatchScan BatchFile::scan(const QByteArray &raw)
{
    BatchScan out;
    if (raw.isEmpty()) {
        out.empty = true;
        out.trailerError = QStringLiteral("空文件（0 字节）");
        return out;
    }
    QByteArray bytes = raw;
    if (bytes.contains("\r\n")) {
        out.crlf = true;
        bytes.replace("\r\n", "\n");
    }
    QList<QByteArray> lines = bytes.split('\n');
    const bool endsWithNewline = bytes.endsWith('\n');
    if (endsWithNewline)
        lines.removeLast(); // the empty string after the last '\n'
    // The trailer is the last line when it parses as one; a file cut short has a record there.
    qsizetype bodyLines = lines.size();
    QJsonObject trailer;
    if (endsWithNewline && !lines.isEmpty()) {
        QJsonParseError err;
        trailer = QJsonDocument::fromJson(lines.constLast(), &err).object().value(QLatin1String("trailer")).toObject();
        if (err.error == QJsonParseError::NoError && !trailer.isEmpty())
            --bodyLines;
    }
    if (trailer.isEmpty()) {
        out.trailerError = endsWithNewline ? QStringLiteral("缺少校验尾行（文件被截断或不是终端写的）")
                                           : QStringLiteral("文件未以换行结束，缺少校验尾行（文件被截断）");
    } else if (trailer.value(QLatin1String("format")).toInt() > Format) {
        out.newerFormat = true;
        out.trailerError = QStringLiteral("批次格式版本 %1 高于本程序支持的版本 %2，请升级 dangqun-admin")
                                   .arg(trailer.value(QLatin1String("format")).toInt())
                                   .arg(Format);
        return out;
    } else {
        const qsizetype bodyBytes = bytes.size() - lines.constLast().size() - 1;
        const QByteArray hash = QCryptographicHash::hash(QByteArrayView(bytes).first(bodyBytes), QCryptographicHash::Sha256).toHex();
        const qint64 count = trailer.value(QLatin1String("count")).toInteger(-1);
        out.shaOk = trailer.value(QLatin1String("sha256")).toString().toLatin1() == hash;
        if (!out.shaOk)
            out.trailerError = QStringLiteral("尾行的校验和 (sha256) 与内容不符（文件写完后被改动或损坏）");
        else if (count != bodyLines)
            out.trailerError = QStringLiteral("尾行记录数 %1 与实有行数 %2 不符").arg(count).arg(bodyLines);
        else
            out.trailerOk = true;
    }
    out.lines.reserve(bodyLines);
    for (qsizetype i = 0; i < bodyLines; ++i) {
        const QByteArray &line = lines.at(i);
        if (i + 1 == bodyLines && !endsWithNewline) {
            BatchLine cut;
            cut.number = int(i + 1);
            cut.failed = QStringLiteral("换行");
            cut.reason = QStringLiteral("最后一行没有换行符，写到一半被截断");
            out.lines.append(cut);
            continue;
        }
        if (line.contains("\"trailer\"") && !QJsonDocument::fromJson(line).object().value(QLatin1String("trailer")).isUndefined()) {
            BatchLine t;
            t.number = int(i + 1);
            t.failed = QStringLiteral("JSON");
            t.reason = QStringLiteral("文件中间出现校验尾行（两个文件被拼接？）");
            out.lines.append(t);
            continue;
        }
        out.lines.append(parseLine(line, int(i + 1)));
    }
    return out;
}
