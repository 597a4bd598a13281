#include "recordmerger.h"
#include "batchfile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sqlite3.h>

namespace {

const QStringList schema = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS batches("
                   " path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, records INTEGER NOT NULL, imported_utc TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS records("
                   " record_id TEXT PRIMARY KEY, centre_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,"
                   " kind TEXT NOT NULL, created_utc TEXT NOT NULL, local_date TEXT NOT NULL, payload TEXT NOT NULL,"
                   " batch TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS records_by_kind_date ON records(kind, local_date)"),
};

// Columns added to `batches` after its first version (a central file from an older merge is
// upgraded in place).
const QList<QPair<QString, QString>> batchColumns = {
    {QStringLiteral("size"), QStringLiteral("INTEGER")},          {QStringLiteral("mtime_ms"), QStringLiteral("INTEGER")},
    {QStringLiteral("state"), QStringLiteral("TEXT NOT NULL DEFAULT 'imported'")},
    {QStringLiteral("centre_id"), QStringLiteral("TEXT")},        {QStringLiteral("kiosk_id"), QStringLiteral("TEXT")},
    {QStringLiteral("first_seq"), QStringLiteral("INTEGER")},     {QStringLiteral("last_seq"), QStringLiteral("INTEGER")},
    {QStringLiteral("vanished_utc"), QStringLiteral("TEXT")},
};

// Problems listed per file before the rest are summed up (a file of 5,000 records in the wrong
// folder is one cause, not 5,000).
constexpr int maxLinesListed = 50;

class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool prepared() const { return m_rc == SQLITE_OK; }
    // The bytes must live until step(): they are bound without a copy.
    void bind(int i, const QByteArray &b) { sqlite3_bind_text(m_stmt, i, b.constData(), int(b.size()), SQLITE_STATIC); }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    int step() { return sqlite3_step(m_stmt); }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    QByteArray column(int i) const
    {
        return QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i)), sqlite3_column_bytes(m_stmt, i));
    }
    qint64 columnInt(int i) const { return sqlite3_column_int64(m_stmt, i); }

private:
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

bool exec(sqlite3 *db, const char *sql, QString *error)
{
    char *msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return false;
}

struct Known
{
    QByteArray sha256;
    qint64 size = -1;
    qint64 mtimeMs = -1;
    QString state;
    QString centreId;
    QString kioskId;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    qint64 records = 0;
    bool vanished = false;
};

// records/centre=<c>/kiosk=<k>/date=<d>/<k>-<first>-<last>[.<tag>].jsonl (design.md §5)
struct Partition
{
    bool ok = false;
    QString centreId;
    QString kioskId;
    QString date;
    QString name;
    bool nameOk = false; // the name is the kiosk's own "<k>-<first>-<last>"
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
};

Partition partitionOf(const QString &relativePath)
{
    Partition p;
    const QStringList parts = relativePath.split(u'/');
    if (parts.size() != 5 || parts.at(0) != u"records" || !parts.at(1).startsWith(u"centre=")
        || !parts.at(2).startsWith(u"kiosk=") || !parts.at(3).startsWith(u"date="))
        return p;
    p.centreId = parts.at(1).mid(7);
    p.kioskId = parts.at(2).mid(6);
    p.date = parts.at(3).mid(5);
    p.name = parts.at(4);
    p.ok = !p.centreId.isEmpty() && !p.kioskId.isEmpty();
    static const QRegularExpression re(QStringLiteral("^(.+)-(\\d+)-(\\d+)(\\.[a-z0-9]+)?\\.jsonl$"));
    const QRegularExpressionMatch m = re.match(p.name);
    if (m.hasMatch() && m.captured(1) == p.kioskId) {
        p.firstSeq = m.captured(2).toLongLong();
        p.lastSeq = m.captured(3).toLongLong();
        p.nameOk = p.firstSeq > 0 && p.firstSeq <= p.lastSeq;
    }
    return p;
}

// "1–23、25–50" from sorted line numbers.
QString ranges(const QList<int> &numbers)
{
    QStringList out;
    for (qsizetype i = 0; i < numbers.size();) {
        qsizetype j = i;
        while (j + 1 < numbers.size() && numbers.at(j + 1) == numbers.at(j) + 1)
            ++j;
        out << (i == j ? QString::number(numbers.at(i)) : QStringLiteral("%1–%2").arg(numbers.at(i)).arg(numbers.at(j)));
        i = j + 1;
    }
    return out.join(u'、');
}

} // namespace

RecordMerger::RecordMerger()
    : m_connectionName(QStringLiteral("merge-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

RecordMerger::~RecordMerger()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool RecordMerger::open(const QString &databasePath, QString *error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(databasePath);
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(databasePath, m_db.lastError().text());
        return false;
    }
    // The import runs on the C API: exact error codes (a constraint refuses one record, SQLITE_FULL
    // stops the run) and binding without QVariant copies. Same library as Qt's driver.
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!m_handle) {
        *error = QStringLiteral("%1: the SQLite driver gives no handle").arg(databasePath);
        return false;
    }
    QSqlQuery q(m_db);
    for (const QString &sql : QStringList{QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                                         // a city's records keyed by random UUIDs: keep the index in memory
                                         QStringLiteral("PRAGMA cache_size=-262144"), QStringLiteral("PRAGMA temp_store=MEMORY")}
                 + schema) {
        if (!q.exec(sql)) {
            *error = QStringLiteral("%1: %2").arg(databasePath, q.lastError().text());
            return false;
        }
    }
    QSet<QString> have;
    q.exec(QStringLiteral("PRAGMA table_info(batches)"));
    while (q.next())
        have.insert(q.value(1).toString());
    for (const auto &[name, type] : batchColumns) {
        if (!have.contains(name) && !q.exec(QStringLiteral("ALTER TABLE batches ADD COLUMN %1 %2").arg(name, type))) {
            *error = QStringLiteral("%1: %2").arg(databasePath, q.lastError().text());
            return false;
        }
    }
    // One record per kiosk sequence number: a record whose id was damaged in transit cannot slip
    // in beside the real one. A central file that already holds such pairs keeps the plain index.
    if (q.exec(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS records_by_kiosk_seq ON records(centre_id, kiosk_id, seq)")))
        q.exec(QStringLiteral("DROP INDEX IF EXISTS records_by_kiosk"));
    else if (!q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS records_by_kiosk ON records(centre_id, kiosk_id, seq)"))) {
        *error = QStringLiteral("%1: %2").arg(databasePath, q.lastError().text());
        return false;
    }
    return true;
}

qint64 RecordMerger::recordCount() const
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT count(*) FROM records")) && q.next() ? q.value(0).toLongLong() : -1;
}

QList<MissingRange> RecordMerger::missing(QString *error) const
{
    QList<MissingRange> out;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT centre_id, kiosk_id, prev + 1, seq - 1 FROM ("
                               " SELECT centre_id, kiosk_id, seq,"
                               "  lag(seq, 1, 0) OVER (PARTITION BY centre_id, kiosk_id ORDER BY seq) AS prev FROM records)"
                               " WHERE seq > prev + 1 ORDER BY centre_id, kiosk_id, seq"))) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(), MissingRange::Why::Gap, QString()});
    if (!q.exec(QStringLiteral("SELECT centre_id, kiosk_id, first_seq, last_seq, path FROM batches WHERE state = 'incomplete'"
                               " AND first_seq IS NOT NULL AND vanished_utc IS NULL ORDER BY centre_id, kiosk_id, first_seq"))) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                    MissingRange::Why::Unverified, q.value(4).toString()});
    // A gap inside a damaged file's range is one request, not two (a record resent twice would
    // look like a copy).
    std::sort(out.begin(), out.end(), [](const MissingRange &a, const MissingRange &b) {
        return std::tie(a.centreId, a.kioskId, a.firstSeq) < std::tie(b.centreId, b.kioskId, b.firstSeq);
    });
    QList<MissingRange> merged;
    for (const MissingRange &m : std::as_const(out)) {
        if (!merged.isEmpty() && merged.constLast().centreId == m.centreId && merged.constLast().kioskId == m.kioskId
            && m.firstSeq <= merged.constLast().lastSeq + 1) {
            MissingRange &last = merged.last();
            last.lastSeq = std::max(last.lastSeq, m.lastSeq);
            if (m.why == MissingRange::Why::Unverified) {
                last.why = m.why;
                last.batch = last.batch.isEmpty() ? m.batch : last.batch + QStringLiteral(", ") + m.batch;
            }
            continue;
        }
        merged.append(m);
    }
    return merged;
}

MergeReport RecordMerger::merge(const QString &shareRoot)
{
    MergeReport report;
    const QDir root(QFileInfo(shareRoot).absoluteFilePath()); // relativeFilePath() needs absolute paths
    struct Listed
    {
        QString path;
        qint64 size;
        qint64 mtimeMs;
        bool kioskName; // named as the kiosk names its batches (a copy sorts after its original)
    };
    QList<Listed> files;
    // Hidden files (a kiosk's temp names, ".<name>.tmp") are not batches yet and are skipped.
    QDirIterator it(root.filePath(QStringLiteral("records")), {QStringLiteral("*.jsonl")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        const QString rel = root.relativeFilePath(fi.filePath());
        files.append({rel, fi.size(), fi.lastModified().toMSecsSinceEpoch(), partitionOf(rel).nameOk});
    }
    QSet<QString> present;
    for (const Listed &f : std::as_const(files))
        present.insert(f.path);

    QHash<QString, Known> known;
    {
        Statement q(m_handle, "SELECT path, sha256, size, mtime_ms, state, centre_id, kiosk_id, first_seq, last_seq, records,"
                              " vanished_utc IS NOT NULL FROM batches");
        while (q.step() == SQLITE_ROW) {
            Known k;
            k.sha256 = q.column(1);
            k.size = q.columnInt(2);
            k.mtimeMs = q.columnInt(3);
            k.state = QString::fromUtf8(q.column(4));
            k.centreId = QString::fromUtf8(q.column(5));
            k.kioskId = QString::fromUtf8(q.column(6));
            k.firstSeq = q.columnInt(7);
            k.lastSeq = q.columnInt(8);
            k.records = q.columnInt(9);
            k.vanished = q.columnInt(10) != 0;
            known.insert(QString::fromUtf8(q.column(0)), k);
        }
    }

    // Damaged files last: a resend read in the same run then confirms their lines first.
    const auto damagedBefore = [&](const QString &p) { return known.value(p).state == u"incomplete"; };
    std::sort(files.begin(), files.end(), [&](const Listed &a, const Listed &b) {
        const bool da = damagedBefore(a.path), db = damagedBefore(b.path);
        if (da != db)
            return db;
        return a.kioskName != b.kioskName ? a.kioskName : a.path < b.path;
    });

    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8();
    Statement insert(m_handle, "INSERT INTO records(record_id, centre_id, kiosk_id, seq, kind, created_utc, local_date, payload,"
                               " batch) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(record_id) DO NOTHING");
    Statement existing(m_handle, "SELECT centre_id, kiosk_id, seq, payload, batch FROM records WHERE record_id = ?");
    Statement putBatch(m_handle, "INSERT OR REPLACE INTO batches(path, sha256, records, imported_utc, size, mtime_ms, state,"
                                 " centre_id, kiosk_id, first_seq, last_seq, vanished_utc) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    Statement touch(m_handle, "UPDATE batches SET size = ?, mtime_ms = ?, vanished_utc = NULL WHERE path = ?");
    Statement covered(m_handle, "SELECT count(*) FROM records WHERE centre_id = ? AND kiosk_id = ? AND seq BETWEEN ? AND ?");
    Statement markVanished(m_handle, "UPDATE batches SET vanished_utc = ? WHERE path = ?");
    // A record salvaged from a damaged file, sent again in a file that verifies: the kiosk's copy
    // wins (a changed byte inside a line that still parses cannot be seen without it).
    Statement reclaim(m_handle, "UPDATE records SET centre_id = ?, kiosk_id = ?, seq = ?, kind = ?, created_utc = ?,"
                                " local_date = ?, payload = ?, batch = ? WHERE record_id = ?");
    Statement owned(m_handle, "SELECT count(*) FROM records WHERE centre_id = ? AND kiosk_id = ? AND seq BETWEEN ? AND ?"
                              " AND batch = ?");
    QSet<QString> incomplete; // files whose lines could not all be verified
    for (auto k = known.cbegin(); k != known.cend(); ++k)
        if (k->state == u"incomplete")
            incomplete.insert(k.key());
    if (!insert.prepared() || !existing.prepared() || !putBatch.prepared() || !touch.prepared() || !covered.prepared()
        || !markVanished.prepared() || !reclaim.prepared() || !owned.prepared()) {
        report.fatal = QStringLiteral("汇总数据库无法准备语句：%1").arg(QString::fromUtf8(sqlite3_errmsg(m_handle)));
        return report;
    }

    // Counts of the open transaction: they reach the report only when it commits.
    struct Chunk
    {
        qint64 imported = 0, alreadyThere = 0, records = 0;
        int read = 0, salvaged = 0;
        QStringList files;
    } chunk;
    QString error;
    bool inTransaction = false;
    const auto fail = [&](const QString &what) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(m_handle));
        exec(m_handle, "ROLLBACK", nullptr); // SQLITE_FULL may have rolled back already
        inTransaction = false;
        report.fatal = QStringLiteral("汇总数据库%1失败（%2）：已回滚，本批 %3 个文件（%4 条记录）未标记为已导入，"
                                      "之前已提交的不受影响。排除原因（如磁盘已满）后重新运行 merge，会补齐缺少的记录。")
                               .arg(what, why)
                               .arg(chunk.files.size())
                               .arg(chunk.imported);
        if (!chunk.files.isEmpty())
            report.fatal += QStringLiteral(" 未标记的文件从 %1 起").arg(chunk.files.constFirst());
    };
    const auto commit = [&]() {
        if (!inTransaction)
            return true;
        if (!exec(m_handle, "COMMIT", &error)) {
            fail(QStringLiteral("提交"));
            return false;
        }
        inTransaction = false;
        report.recordsImported += chunk.imported;
        report.recordsAlreadyThere += chunk.alreadyThere;
        report.batchesRead += chunk.read;
        report.batchesSalvaged += chunk.salvaged;
        chunk = Chunk();
        return true;
    };

    for (const Listed &file : std::as_const(files)) {
        const QString &path = file.path;
        const auto k = known.constFind(path);
        const bool wasDone = k != known.constEnd() && k->state != u"incomplete";
        // Unchanged files are skipped without reading: a city's share holds years of batches.
        if (wasDone && k->size == file.size && k->mtimeMs == file.mtimeMs && !k->vanished) {
            ++report.batchesUnchanged;
            continue;
        }
        const Partition part = partitionOf(path);
        if (!part.ok) {
            report.problems << QStringLiteral("%1: 不在 records/centre=…/kiosk=…/date=… 目录中，未导入").arg(path);
            continue;
        }
        QFile f(root.filePath(path));
        if (!f.open(QIODevice::ReadOnly) || f.size() > BatchFile::MaxBytes) {
            report.problems << QStringLiteral("%1: 无法读取（%2）").arg(path, f.size() > BatchFile::MaxBytes ? QStringLiteral("文件过大")
                                                                                                     : f.errorString());
            continue;
        }
        const QByteArray bytes = f.readAll();
        const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (!inTransaction) {
            if (!exec(m_handle, "BEGIN", &error)) {
                fail(QStringLiteral("开始事务"));
                return report;
            }
            inTransaction = true;
        }
        if (wasDone && k->sha256 == hash) {
            // Touched (copied back, mtime changed) but the same bytes.
            const QByteArray p = path.toUtf8();
            touch.bind(1, file.size);
            touch.bind(2, file.mtimeMs);
            touch.bind(3, p);
            const int rc = touch.step();
            touch.reset();
            if (rc != SQLITE_DONE) {
                fail(QStringLiteral("写入"));
                return report;
            }
            if (k->vanished)
                report.notices << QStringLiteral("%1: 此前不见的文件又出现了，内容与导入时相同").arg(path);
            ++report.batchesUnchanged;
            continue;
        }
        // A file already imported whose bytes changed: new records in it are imported (by id,
        // never twice), but the hash on record stays the imported one until someone restores
        // the file or finds out why it changed; it is reported on every run until then.
        const bool changed = wasDone;
        QStringList fileProblems;
        if (changed)
            fileProblems << QStringLiteral("%1: 导入后文件被改动（sha256 %2… 变为 %3…）；保留原记录与原校验和，"
                                           "请恢复原文件或查明原因")
                                    .arg(path, QString::fromLatin1(k->sha256.left(12)), QString::fromLatin1(hash.left(12)));

        const BatchScan scan = BatchFile::scan(bytes);
        if (scan.empty) {
            report.problems << QStringLiteral("%1: 空文件（0 字节），没有记录；可能是复制失败，请从终端重新复制或删除").arg(path);
            continue;
        }
        if (scan.newerFormat) {
            report.problems << QStringLiteral("%1: %2；未导入").arg(path, scan.trailerError);
            continue;
        }
        if (!part.nameOk)
            fileProblems << QStringLiteral("%1: 文件名不是终端写的“%2-起始序号-结束序号.jsonl”（是副本或改过名？）")
                                    .arg(path, part.kioskId);

        QList<int> passed;
        QHash<QString, QList<int>> refusedBy; // reason -> lines
        QStringList refusedOrder;
        qint64 fileImported = 0, fileAlready = 0, fileContentClash = 0, otherDate = 0;
        QHash<QString, qint64> copiedFrom; // other file -> records of this one already imported from it
        const auto refuse = [&](int line, const QString &check, const QString &reason) {
            const QString key = check + QStringLiteral("：") + reason;
            if (!refusedBy.contains(key))
                refusedOrder << key;
            refusedBy[key] << line;
        };
        const QByteArray pathBytes = path.toUtf8();
        for (const BatchLine &line : scan.lines) {
            if (!line.failed.isEmpty()) {
                refuse(line.number, line.failed, line.reason);
                continue;
            }
            const BatchRecord &r = line.record;
            if (r.centreId != part.centreId || r.kioskId != part.kioskId) {
                refuse(line.number, QStringLiteral("分区"),
                       QStringLiteral("记录属于 centre=%1/kiosk=%2，文件却在 centre=%3/kiosk=%4 目录中；未导入，以免计入错误的中心")
                               .arg(r.centreId, r.kioskId, part.centreId, part.kioskId));
                continue;
            }
            // Another day in the folder credits no wrong centre: imported, and flagged (DuckDB
            // would file it under the folder's date).
            if (r.localDate != part.date)
                ++otherDate;
            if (part.nameOk && (r.seq < part.firstSeq || r.seq > part.lastSeq)) {
                refuse(line.number, QStringLiteral("序号"),
                       QStringLiteral("序号 %1 不在文件名的范围 %2–%3 内（可能被损坏）；未导入")
                               .arg(r.seq)
                               .arg(part.firstSeq)
                               .arg(part.lastSeq));
                continue;
            }
            const QByteArray id = r.recordId.toUtf8(), centre = r.centreId.toUtf8(), kiosk = r.kioskId.toUtf8(),
                             kind = r.kind.toUtf8(), created = r.createdUtc.toUtf8(), date = r.localDate.toUtf8();
            insert.bind(1, id);
            insert.bind(2, centre);
            insert.bind(3, kiosk);
            insert.bind(4, r.seq);
            insert.bind(5, kind);
            insert.bind(6, created);
            insert.bind(7, date);
            insert.bind(8, line.payloadJson);
            insert.bind(9, pathBytes);
            const int rc = insert.step();
            insert.reset();
            if ((rc & 0xff) == SQLITE_CONSTRAINT) {
                // One record refused (a NOT NULL field, or its seq already held by another id):
                // named, never counted as present.
                refuse(line.number, QStringLiteral("数据库"),
                       QStringLiteral("汇总库拒绝（%1）").arg(QString::fromUtf8(sqlite3_errmsg(m_handle))));
                continue;
            }
            if (rc != SQLITE_DONE) {
                fail(QStringLiteral("写入"));
                return report;
            }
            passed << line.number;
            if (sqlite3_changes(m_handle) == 1) {
                ++fileImported;
                continue;
            }
            // Present by id: the same record (a rerun, a copy, a resend) or a clash.
            existing.bind(1, id);
            if (existing.step() == SQLITE_ROW) {
                const QString from = QString::fromUtf8(existing.column(4));
                if (scan.trailerOk && from != path && incomplete.contains(from)) {
                    const bool differs = existing.column(3) != line.payloadJson || existing.columnInt(2) != r.seq;
                    existing.reset();
                    reclaim.bind(1, centre);
                    reclaim.bind(2, kiosk);
                    reclaim.bind(3, r.seq);
                    reclaim.bind(4, kind);
                    reclaim.bind(5, created);
                    reclaim.bind(6, date);
                    reclaim.bind(7, line.payloadJson);
                    reclaim.bind(8, pathBytes);
                    reclaim.bind(9, id);
                    const int rc2 = reclaim.step();
                    reclaim.reset();
                    if ((rc2 & 0xff) == SQLITE_CONSTRAINT) {
                        passed.removeLast();
                        refuse(line.number, QStringLiteral("数据库"),
                               QStringLiteral("汇总库拒绝（%1）").arg(QString::fromUtf8(sqlite3_errmsg(m_handle))));
                        continue;
                    }
                    if (rc2 != SQLITE_DONE) {
                        fail(QStringLiteral("写入"));
                        return report;
                    }
                    if (differs)
                        report.notices << QStringLiteral("%1:%2: 记录 %3 从损坏的 %4 救回时内容有误，已用终端补发的内容更正")
                                                  .arg(path)
                                                  .arg(line.number)
                                                  .arg(r.recordId, from);
                    ++fileAlready;
                    continue;
                }
                if (existing.column(0) != centre || existing.column(1) != kiosk || existing.columnInt(2) != r.seq
                    || existing.column(3) != line.payloadJson) {
                    ++fileContentClash;
                    passed.removeLast();
                    existing.reset();
                    refuse(line.number, QStringLiteral("重复"),
                           QStringLiteral("记录 id 已在汇总库中，但内容不同（汇总库保留先导入的那条）"));
                    continue;
                }
                if (from != path)
                    ++copiedFrom[from];
            }
            existing.reset();
            ++fileAlready;
        }

        // Per file: why the trailer failed and which checks each line passed.
        const qint64 lines = scan.lines.size();
        const qint64 refusedLines = lines - passed.size();
        const bool intact = scan.trailerOk && refusedLines == 0;
        if (otherDate > 0)
            report.notices << QStringLiteral("%1: %2 条记录的日期不是目录的 date=%3（已导入；按目录日期读取共享目录的工具会把它们算错日子）")
                                      .arg(path)
                                      .arg(otherDate)
                                      .arg(part.date);
        if (scan.crlf && scan.trailerOk)
            report.notices << QStringLiteral("%1: 行尾是 CR LF（经 Windows 复制）；去掉 CR 后校验通过，记录完整").arg(path);
        if (!intact) {
            QString summary = QStringLiteral("%1: ").arg(path);
            summary += scan.trailerOk ? QStringLiteral("尾行校验通过") : QStringLiteral("尾行校验失败：%1").arg(scan.trailerError);
            if (scan.crlf)
                summary += QStringLiteral("（已去掉 Windows 的 CR 行尾再校验）");
            summary += QStringLiteral("；共 %1 行").arg(lines);
            if (!passed.isEmpty())
                summary += QStringLiteral("，第 %1 行通过换行、JSON、字段、分区、序号检查并已存入（新导入 %2 条，已存在 %3 条）")
                                   .arg(ranges(passed))
                                   .arg(fileImported)
                                   .arg(fileAlready);
            summary += QStringLiteral("，%1 行未导入").arg(refusedLines);
            fileProblems << summary;
            for (const QString &key : std::as_const(refusedOrder)) {
                const QList<int> &at = refusedBy.value(key);
                for (qsizetype i = 0; i < at.size() && i < maxLinesListed; ++i)
                    fileProblems << QStringLiteral("%1:%2: 未通过%3").arg(path).arg(at.at(i)).arg(key);
                if (at.size() > maxLinesListed)
                    fileProblems << QStringLiteral("%1: 另有 %2 行同样未通过%3（第 %4 行）")
                                            .arg(path)
                                            .arg(at.size() - maxLinesListed)
                                            .arg(key, ranges(at.mid(maxLinesListed)));
            }
        }
        // Every record of this file came from other files still on the share: a copy.
        const bool copy = intact && fileImported == 0 && fileAlready > 0 && !copiedFrom.isEmpty();
        if (copy) {
            QStringList from;
            for (auto c = copiedFrom.cbegin(); c != copiedFrom.cend(); ++c)
                from << (present.contains(c.key()) ? c.key() : c.key() + QStringLiteral("（已不在共享目录）"));
            from.sort();
            fileProblems << QStringLiteral("%1: 是重复副本，%2 条记录都已从 %3 导入，没有重复计入；请删除副本")
                                    .arg(path)
                                    .arg(fileAlready)
                                    .arg(from.join(QStringLiteral("、")));
        } else if (intact && !copiedFrom.isEmpty()) {
            QStringList from = copiedFrom.keys();
            from.sort();
            report.notices << QStringLiteral("%1: 其中 %2 条记录已从 %3 导入（补发或合并的批次），没有重复计入")
                                      .arg(path)
                                      .arg(fileAlready)
                                      .arg(from.join(QStringLiteral("、")));
        }

        // A damaged file is done once every seq its name covers is stored, and, unless its
        // sha256 verified its lines, each was confirmed by a file that verifies (a resend).
        bool resolved = false;
        if (!intact && part.nameOk && !changed) {
            const QByteArray c = part.centreId.toUtf8(), kk = part.kioskId.toUtf8();
            covered.bind(1, c);
            covered.bind(2, kk);
            covered.bind(3, part.firstSeq);
            covered.bind(4, part.lastSeq);
            resolved = covered.step() == SQLITE_ROW && covered.columnInt(0) == part.lastSeq - part.firstSeq + 1;
            covered.reset();
            if (resolved && !scan.shaOk) {
                owned.bind(1, c);
                owned.bind(2, kk);
                owned.bind(3, part.firstSeq);
                owned.bind(4, part.lastSeq);
                owned.bind(5, pathBytes);
                resolved = owned.step() == SQLITE_ROW && owned.columnInt(0) == 0;
                owned.reset();
            }
        }
        if (!intact && !resolved)
            incomplete.insert(path);
        if (resolved) {
            report.notices << QStringLiteral("%1: 文件已损坏（%5），但它的 %2 条记录（序号 %3–%4）都已到达汇总库并经校验；此文件可删除")
                                      .arg(path)
                                      .arg(part.lastSeq - part.firstSeq + 1)
                                      .arg(part.firstSeq)
                                      .arg(part.lastSeq)
                                      .arg(scan.trailerOk ? QStringLiteral("有行未通过检查") : scan.trailerError);
        } else {
            report.problems << fileProblems;
            report.recordsRefused += refusedLines;
        }

        if (!changed) {
            const QString state = resolved ? QStringLiteral("resolved")
                    : !intact             ? QStringLiteral("incomplete")
                    : copy                ? QStringLiteral("copy")
                                          : QStringLiteral("imported");
            const QByteArray stateBytes = state.toUtf8(), c = part.centreId.toUtf8(), kk = part.kioskId.toUtf8();
            putBatch.bind(1, pathBytes);
            putBatch.bind(2, hash);
            putBatch.bind(3, qint64(passed.size()));
            putBatch.bind(4, now);
            putBatch.bind(5, file.size);
            putBatch.bind(6, file.mtimeMs);
            putBatch.bind(7, stateBytes);
            putBatch.bind(8, c);
            putBatch.bind(9, kk);
            if (part.nameOk) {
                putBatch.bind(10, part.firstSeq);
                putBatch.bind(11, part.lastSeq);
            }
            const int rc = putBatch.step();
            putBatch.reset();
            if (rc != SQLITE_DONE) {
                fail(QStringLiteral("写入"));
                return report;
            }
        }
        chunk.imported += fileImported;
        chunk.alreadyThere += fileAlready;
        chunk.records += lines;
        chunk.files << path;
        if (intact && !changed)
            ++chunk.read;
        else if (!passed.isEmpty())
            ++chunk.salvaged;
        if (chunk.records >= m_chunkRecords && !commit())
            return report;
    }
    if (!commit())
        return report;

    // Imported files that are gone: their records stay, but someone should know. A compacted day
    // batch that holds the same seqs explains it; anything else is a problem. Reported once.
    QHash<QString, QList<QPair<qint64, qint64>>> presentRanges; // centre/kiosk -> seq ranges on the share
    {
        Statement q(m_handle, "SELECT path, centre_id, kiosk_id, first_seq, last_seq FROM batches WHERE first_seq IS NOT NULL");
        while (q.step() == SQLITE_ROW)
            if (present.contains(QString::fromUtf8(q.column(0))))
                presentRanges[QString::fromUtf8(q.column(1) + '/' + q.column(2))].append({q.columnInt(3), q.columnInt(4)});
    }
    QStringList vanished;
    for (auto k = known.cbegin(); k != known.cend(); ++k)
        if (!k->vanished && !present.contains(k.key()))
            vanished << k.key();
    vanished.sort();
    if (!vanished.isEmpty()) {
        if (!exec(m_handle, "BEGIN", &error)) {
            fail(QStringLiteral("开始事务"));
            return report;
        }
        inTransaction = true;
        for (const QString &path : std::as_const(vanished)) {
            const Known &k = known[path];
            bool replaced = false;
            for (const auto &[first, last] : presentRanges.value(k.centreId + u'/' + k.kioskId))
                replaced = replaced || (k.firstSeq > 0 && first <= k.firstSeq && last >= k.lastSeq);
            if (replaced)
                report.notices << QStringLiteral("%1: 已被同一终端合并后的批次取代（记录仍在汇总库中）").arg(path);
            else
                report.problems << QStringLiteral("%1: 已导入的文件从共享目录中不见了（它的 %2 条记录仍在汇总库中）；"
                                                  "若不是有意删除，请查明原因")
                                           .arg(path)
                                           .arg(k.records);
            const QByteArray p = path.toUtf8();
            markVanished.bind(1, now);
            markVanished.bind(2, p);
            const int rc = markVanished.step();
            markVanished.reset();
            if (rc != SQLITE_DONE) {
                fail(QStringLiteral("写入"));
                return report;
            }
        }
        if (!commit())
            return report;
    }
    // The import ran with synchronous=NORMAL in WAL: fold the log into the database file.
    exec(m_handle, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr);
    return report;
}
