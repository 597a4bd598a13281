#include "synctestsupport.h"
#include "batchfile.h"
#include "database.h"
#include "outbox.h"
#include "sharemarker.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlQuery>

namespace SyncTest {

std::unique_ptr<Database> openDatabase(const QString &path)
{
    auto db = std::make_unique<Database>(path);
    if (!db->open())
        return nullptr;
    return db;
}

bool addRecords(Database &db, int count, int days, const QString &kioskId)
{
    return db.transaction([&](QSqlDatabase &c, QString *error) {
        for (int i = 0; i < count; ++i) {
            OutboxRecord r;
            r.recordId = OutboxRecord::newRecordId();
            r.kind = QStringLiteral("checkin");
            r.localDate = QDate(2026, 11, 25).addDays(qint64(i) * days / std::max(count, 1));
            r.createdUtc = r.localDate.startOfDay(Qt::UTC).addSecs(3600 + i).toString(Qt::ISODateWithMs);
            r.payload = {{QStringLiteral("id"), r.recordId},
                         {QStringLiteral("member"), QStringLiteral("street-1:M%1").arg(i)},
                         {QStringLiteral("name"), QStringLiteral("张三")},
                         {QStringLiteral("centre_id"), centre},
                         {QStringLiteral("kiosk_id"), kioskId},
                         {QStringLiteral("local_date"), r.localDate.toString(Qt::ISODate)},
                         {QStringLiteral("checkin_utc"), r.createdUtc},
                         {QStringLiteral("method"), QStringLiteral("qr")}};
            if (!Outbox::append(c, r, error))
                return false;
        }
        return true;
    });
}

bool makeShare(const QString &root, const QString &id)
{
    if (!QDir().mkpath(root))
        return false;
    QFile f(QDir(root).filePath(ShareMarker::fileName()));
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(ShareMarker::content(id)) > 0;
}

SyncSettings settings(const QString &shareRoot, const QString &contentDir, const QString &issuersDir)
{
    SyncSettings s;
    s.shareRoot = shareRoot;
    s.shareId = shareId;
    s.centreId = centre;
    s.kioskId = kiosk;
    s.contentDir = contentDir;
    s.trustedIssuersDir = issuersDir;
    s.contentIssuers = {QStringLiteral("street-1")};
    s.version = QStringLiteral("test");
    s.compactDays = false; // the tests that count batch files predate compaction; tst_recordmerger turns it on
    return s;
}

ShareRecords scan(const QString &shareRoot)
{
    ShareRecords out;
    QDirIterator it(QDir(shareRoot).filePath(QStringLiteral("records")), {QStringLiteral("*.jsonl")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out.files << QDir(shareRoot).relativeFilePath(path);
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        const BatchContent c = BatchFile::parse(f.readAll());
        if (!c.ok()) {
            out.bad << out.files.constLast() + QStringLiteral(": ") + c.error;
            continue;
        }
        for (const BatchRecord &r : c.records) {
            ++out.timesSeen[r.recordId];
            ++out.total;
        }
    }
    out.files.sort();
    return out;
}

QStringList tree(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(root).relativeFilePath(it.next());
    out.sort();
    return out;
}

bool FaultyFiles::trip(Step step, QString *error)
{
    if (failAt != step)
        return false;
    if (before) {
        before();
        return false;
    }
    if (error)
        *error = QStringLiteral("injected fault: ") + errnoText(err);
    return true;
}

bool FaultyFiles::writeNewDurable(const QString &path, const QByteArray &data, QString *error)
{
    if (trip(Step::Create, error))
        return false;
    if (failAt == Step::Write || failAt == Step::Fsync) {
        // Leave what a full or failing disk leaves: part of the data, then the error.
        if (!FileLayer::writeNewDurable(path, data.left(data.size() / 2), error))
            return false;
        if (trip(failAt, error))
            return false;
        remove(path);
    }
    return FileLayer::writeNewDurable(path, data, error);
}

FileLayer::RenameResult FaultyFiles::renameNoReplace(const QString &from, const QString &to, QString *error)
{
    if (trip(Step::Rename, error))
        return RenameResult::Failed;
    return FileLayer::renameNoReplace(from, to, error);
}

bool FaultyFiles::syncDir(const QString &dir, QString *error)
{
    return !trip(Step::SyncDir, error) && FileLayer::syncDir(dir, error);
}

std::optional<QByteArray> FaultyFiles::readAll(const QString &path, qint64 maxBytes, QString *error)
{
    // Only the read-back of a batch (the marker is read through here too).
    if (path.endsWith(QLatin1String(".jsonl")) && trip(Step::ReadBack, error))
        return std::nullopt;
    return FileLayer::readAll(path, maxBytes, error);
}

} // namespace SyncTest
