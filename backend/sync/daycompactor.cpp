#include "daycompactor.h"
#include "batchfile.h"
#include "batchwriter.h"
#include "filelayer.h"
#include "synclogging.h"

#include <QDir>
#include <QRegularExpression>

namespace {

struct Batch
{
    QString name;
    BatchContent content;
};

OutboxEntry toEntry(const BatchRecord &r)
{
    OutboxEntry e;
    e.seq = r.seq;
    e.record.recordId = r.recordId;
    e.record.kind = r.kind;
    e.record.createdUtc = r.createdUtc;
    e.record.localDate = QDate::fromString(r.localDate, Qt::ISODate);
    e.record.payload = r.payload;
    return e;
}

bool sameRecord(const BatchRecord &a, const BatchRecord &b)
{
    return a.seq == b.seq && a.recordId == b.recordId && a.kind == b.kind && a.createdUtc == b.createdUtc
            && a.localDate == b.localDate && a.payload == b.payload && a.centreId == b.centreId && a.kioskId == b.kioskId;
}

} // namespace

DayCompactor::DayCompactor(FileLayer &files, QString shareRoot, QString centreId, QString kioskId)
    : m_files(files)
    , m_shareRoot(std::move(shareRoot))
    , m_centreId(std::move(centreId))
    , m_kioskId(std::move(kioskId))
{
}

DayCompactor::Outcome DayCompactor::compactBefore(const QDate &today)
{
    Outcome out;
    const QDir kioskDir(QDir(m_shareRoot).filePath(QStringLiteral("records/centre=%1/kiosk=%2").arg(m_centreId, m_kioskId)));
    for (const QString &d : kioskDir.entryList({QStringLiteral("date=*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString date = d.mid(5);
        const QDate day = QDate::fromString(date, Qt::ISODate);
        if (!day.isValid() || day >= today || m_done.contains(date))
            continue;
        if (compactDay(date, &out))
            m_done.insert(date);
    }
    return out;
}

bool DayCompactor::compactDay(const QString &date, Outcome *outcome)
{
    const QString relFolder = BatchFile::folder(m_centreId, m_kioskId, date);
    const QString folder = QDir(m_shareRoot).filePath(relFolder);
    static const QRegularExpression plainName(QStringLiteral("^(.+)-(\\d+)-(\\d+)\\.jsonl$"));
    static const QRegularExpression dayName(QStringLiteral("^(.+)-(\\d+)-(\\d+)\\.day\\.jsonl$"));
    QStringList plain, day;
    for (const QString &f : QDir(folder).entryList(QDir::Files, QDir::Name)) { // hidden temp files not listed
        if (const auto m = plainName.match(f); m.hasMatch() && m.captured(1) == m_kioskId)
            plain << f;
        else if (const auto m = dayName.match(f); m.hasMatch() && m.captured(1) == m_kioskId)
            day << f;
    }
    if (day.size() > 1) {
        outcome->problems << QStringLiteral("%1: 有 %2 个日合并批次，未再合并").arg(relFolder).arg(day.size());
        return false;
    }
    if (plain.size() + day.size() <= 1)
        return true;

    const auto read = [&](const QString &name, Batch *b) {
        QString error;
        const auto bytes = m_files.readAll(QDir(folder).filePath(name), BatchFile::MaxBytes, &error);
        if (!bytes) {
            outcome->problems << QStringLiteral("%1/%2: %3").arg(relFolder, name, error);
            return false;
        }
        b->name = name;
        b->content = BatchFile::parse(*bytes);
        if (!b->content.ok()) {
            // A damaged small file stays for merge to salvage and report; the day waits.
            outcome->problems << QStringLiteral("%1/%2: %3；此日不合并").arg(relFolder, name, b->content.error);
            return false;
        }
        return true;
    };
    QList<Batch> smalls;
    for (const QString &name : std::as_const(plain)) {
        Batch b;
        if (!read(name, &b))
            return false;
        smalls.append(b);
    }

    Batch dayBatch;
    if (day.isEmpty()) {
        QList<BatchRecord> all;
        for (const Batch &b : std::as_const(smalls))
            all += b.content.records;
        std::sort(all.begin(), all.end(), [](const BatchRecord &a, const BatchRecord &b) { return a.seq < b.seq; });
        QList<OutboxEntry> entries;
        entries.reserve(all.size());
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (i > 0 && all.at(i).seq == all.at(i - 1).seq) {
                outcome->problems << QStringLiteral("%1: 序号 %2 出现在两个批次中；此日不合并").arg(relFolder).arg(all.at(i).seq);
                return false;
            }
            entries.append(toEntry(all.at(i)));
        }
        BatchWriter writer(m_files, m_shareRoot, m_centreId, m_kioskId);
        writer.setNameTag(QString::fromLatin1(Tag));
        const BatchResult r = writer.write(entries);
        if (!r.delivered()) {
            outcome->problems << QStringLiteral("%1: 日合并批次未写成：%2").arg(relFolder, r.error);
            return false;
        }
        dayBatch.content.records = std::move(all);
        dayBatch.name = QFileInfo(r.relativePath).fileName();
        if (r.outcome == BatchResult::Outcome::Written)
            ++outcome->daysCompacted;
    } else if (!read(day.constFirst(), &dayBatch)) {
        return false;
    }

    // Remove a small file only when the verified day file holds each of its records unchanged.
    QHash<qint64, const BatchRecord *> bySeq;
    for (const BatchRecord &r : std::as_const(dayBatch.content.records))
        bySeq.insert(r.seq, &r);
    bool allGone = true;
    for (const Batch &b : std::as_const(smalls)) {
        bool contained = true;
        for (const BatchRecord &r : b.content.records) {
            const BatchRecord *have = bySeq.value(r.seq);
            contained = contained && have && sameRecord(*have, r);
        }
        if (!contained) {
            outcome->problems << QStringLiteral("%1/%2: 记录不全在日合并批次 %3 中，保留").arg(relFolder, b.name, dayBatch.name);
            allGone = false;
            continue;
        }
        if (!m_files.remove(QDir(folder).filePath(b.name))) {
            allGone = false;
            continue;
        }
        ++outcome->filesRemoved;
    }
    QString error;
    if (outcome->filesRemoved > 0 && !m_files.syncDir(folder, &error))
        qCWarning(lcSync).noquote() << "day folder not synced after compaction:" << error;
    if (allGone)
        qCInfo(lcSync).noquote() << "day compacted:" << relFolder << "->" << dayBatch.name;
    return allGone;
}
