#include "batchwriter.h"
#include "batchfile.h"
#include "filelayer.h"
#include "synclogging.h"

#include <QDir>
#include <QRandomGenerator>

BatchWriter::BatchWriter(FileLayer &files, QString shareRoot, QString centreId, QString kioskId)
    : m_files(files)
    , m_shareRoot(std::move(shareRoot))
    , m_centreId(std::move(centreId))
    , m_kioskId(std::move(kioskId))
{
}

QString BatchWriter::name(qint64 firstSeq, qint64 lastSeq) const
{
    const QString plain = BatchFile::fileName(m_kioskId, firstSeq, lastSeq);
    return m_tag.isEmpty() ? plain : plain.chopped(6) + u'.' + m_tag + QLatin1String(".jsonl");
}

BatchResult BatchWriter::checkExisting(const QString &folder, const QString &name, const QList<OutboxEntry> &entries)
{
    BatchResult r;
    r.relativePath = QDir(BatchFile::folder(m_centreId, m_kioskId, entries.constFirst().record.localDate.toString(Qt::ISODate)))
                             .filePath(name);
    r.firstSeq = entries.constFirst().seq;
    QString error;
    const auto bytes = m_files.readAll(QDir(folder).filePath(name), BatchFile::MaxBytes, &error);
    if (!bytes) {
        r.outcome = BatchResult::Outcome::Failed;
        r.error = error;
        return r;
    }
    const BatchContent content = BatchFile::parse(*bytes);
    auto conflict = [&](const QString &why) {
        r.outcome = BatchResult::Outcome::Conflict;
        r.error = QStringLiteral("共享目录中已有同名批次 %1，但%2；不会覆盖它。可能是两台终端使用了同一终端编号，"
                                 "或本机数据库被重置，请联系管理员。")
                          .arg(r.relativePath, why);
        return r;
    };
    if (!content.ok())
        return conflict(content.error);
    if (content.records.size() > entries.size())
        return conflict(QStringLiteral("它包含的记录比待同步的多"));
    for (qsizetype i = 0; i < content.records.size(); ++i) {
        const BatchRecord &have = content.records.at(i);
        const OutboxEntry &want = entries.at(i);
        if (have.seq != want.seq || have.recordId != want.record.recordId || have.kind != want.record.kind
            || have.kioskId != m_kioskId || have.centreId != m_centreId)
            return conflict(QStringLiteral("第 %1 条记录与本机记录不同").arg(i + 1));
    }
    if (content.records.isEmpty() || name != this->name(r.firstSeq, content.records.constLast().seq))
        return conflict(QStringLiteral("文件名与内容不符"));
    r.outcome = BatchResult::Outcome::Adopted;
    r.lastSeq = content.records.constLast().seq;
    qCInfo(lcSync).noquote() << "adopted batch already on the share:" << r.relativePath;
    return r;
}

BatchResult BatchWriter::write(const QList<OutboxEntry> &entries)
{
    BatchResult r;
    if (entries.isEmpty()) {
        r.error = QStringLiteral("空批次");
        return r;
    }
    const qint64 first = entries.constFirst().seq;
    const qint64 last = entries.constLast().seq;
    const QString relFolder = BatchFile::folder(m_centreId, m_kioskId, entries.constFirst().record.localDate.toString(Qt::ISODate));
    const QString folder = QDir(m_shareRoot).filePath(relFolder);
    const QString name = this->name(first, last);
    r.relativePath = QDir(relFolder).filePath(name);
    r.firstSeq = first;
    r.lastSeq = last;

    if (!m_files.mkpath(folder, &r.error))
        return r;

    // A batch starting at this seq may already be there (crash after rename), possibly ending
    // earlier; and a crash before rename leaves temp files, which are ours to clean up.
    const QString prefix = QStringLiteral("%1-%2-").arg(m_kioskId).arg(first);
    const QStringList present = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System);
    // "<last>.jsonl" for plain batches, "<last>.<tag>.jsonl" for tagged ones: a resend or a
    // compacted file of the same first seq is not the batch we are looking for, nor the reverse.
    const auto isOurs = [this](const QString &rest) {
        const QString last = rest.section(u'.', 0, 0);
        bool digits = !last.isEmpty();
        for (QChar c : last)
            digits = digits && c.isDigit();
        const QString tail = rest.mid(last.size());
        return digits && tail == (m_tag.isEmpty() ? QStringLiteral(".jsonl") : u'.' + m_tag + QStringLiteral(".jsonl"));
    };
    for (const QString &f : present) {
        if (f.startsWith(u'.') && f.endsWith(QLatin1String(".tmp")) && f.startsWith(u'.' + prefix))
            m_files.remove(QDir(folder).filePath(f));
        else if (f.startsWith(prefix) && f.endsWith(QLatin1String(".jsonl")) && isOurs(f.mid(prefix.size())))
            return checkExisting(folder, f, entries);
    }

    const QByteArray bytes = BatchFile::encode(m_centreId, m_kioskId, entries);
    const QString temp = QDir(folder).filePath(
            QStringLiteral(".%1.%2.tmp").arg(name).arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
    if (!m_files.writeNewDurable(temp, bytes, &r.error)) {
        m_files.remove(temp);
        return r;
    }
    const QString target = QDir(folder).filePath(name);
    switch (m_files.renameNoReplace(temp, target, &r.error)) {
    case FileLayer::RenameResult::Ok:
        break;
    case FileLayer::RenameResult::TargetExists:
        m_files.remove(temp);
        return checkExisting(folder, name, entries);
    case FileLayer::RenameResult::Failed:
        m_files.remove(temp);
        return r;
    }
    if (!m_files.syncDir(folder, &r.error))
        return r; // the file may be there: the next run verifies and adopts it
    const auto back = m_files.readAll(target, BatchFile::MaxBytes, &r.error);
    if (!back)
        return r;
    if (*back != bytes) {
        r.error = QStringLiteral("批次 %1 回读内容与写入内容不符（共享目录异常）").arg(r.relativePath);
        return r;
    }
    r.outcome = BatchResult::Outcome::Written;
    r.error.clear();
    return r;
}
