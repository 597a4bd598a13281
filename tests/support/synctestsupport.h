#pragma once
#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>

#include "filelayer.h"
#include "syncengine.h"

class Database;

// Shared by the sync tests, the SIGKILL child and the benchmark: kiosk databases with outbox
// rows, share folders with their marker, and a look at every batch on a share.
namespace SyncTest {

inline const QString centre = QStringLiteral("c1");
inline const QString kiosk = QStringLiteral("k1");
inline const QString shareId = QStringLiteral("street-share");

std::unique_ptr<Database> openDatabase(const QString &path);
// Appends `count` outbox rows (kind "checkin"), spread over `days` local dates from 2026-11-25.
bool addRecords(Database &db, int count, int days = 1, const QString &kioskId = kiosk);
// Creates the folder and its marker naming `id`.
bool makeShare(const QString &root, const QString &id = shareId);
SyncSettings settings(const QString &shareRoot, const QString &contentDir = {}, const QString &issuersDir = {});

struct ShareRecords
{
    QHash<QString, int> timesSeen; // record id -> number of batches holding it
    QStringList files;             // relative paths of the batch files
    QStringList bad;               // files whose trailer does not verify
    qint64 total = 0;
};
ShareRecords scan(const QString &shareRoot);
// Every file and folder under `root`, relative, sorted (to show that nothing was written).
QStringList tree(const QString &root);

// A file layer whose every step can be made to fail, as a real share fails.
class FaultyFiles : public FileLayer
{
public:
    enum class Step { None, Create, Write, Fsync, Rename, SyncDir, ReadBack };
    Step failAt = Step::None;
    int err = 5; // errno to report (EIO)
    // Called at the start of the step `failAt` instead of failing (e.g. to unmount the share);
    // the real operation then runs and fails or succeeds on its own.
    std::function<void()> before;

    bool writeNewDurable(const QString &path, const QByteArray &data, QString *error) override;
    RenameResult renameNoReplace(const QString &from, const QString &to, QString *error) override;
    bool syncDir(const QString &dir, QString *error) override;
    std::optional<QByteArray> readAll(const QString &path, qint64 maxBytes, QString *error) override;

private:
    bool trip(Step step, QString *error);
};

} // namespace SyncTest
