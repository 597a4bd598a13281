// The kiosk's sync as a separate process, for tst_synckill: syncs a prepared outbox to a share
// in small batches, slowed down a little at every file step, so a SIGKILL from the test lands at
// every point of the sequence (mid-write, between rename and mark, mid-mark, ...).
//   sync_child DATABASE SHARE
#include "clock.h"
#include "database.h"
#include "filelayer.h"
#include "syncengine.h"
#include "synctestsupport.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThread>
#include <cstdio>

namespace {

class SlowFiles : public FileLayer
{
public:
    static void pause() { QThread::usleep(QRandomGenerator::global()->bounded(1500)); }

    bool writeNewDurable(const QString &path, const QByteArray &data, QString *error) override
    {
        pause();
        return FileLayer::writeNewDurable(path, data, error);
    }
    RenameResult renameNoReplace(const QString &from, const QString &to, QString *error) override
    {
        pause();
        const RenameResult r = FileLayer::renameNoReplace(from, to, error);
        pause();
        return r;
    }
    bool syncDir(const QString &dir, QString *error) override
    {
        pause();
        return FileLayer::syncDir(dir, error);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: sync_child DATABASE SHARE\n");
        return 1;
    }
    Database db(args.at(1));
    if (!db.open()) {
        std::fprintf(stderr, "database: %s\n", qPrintable(db.errorString()));
        return 2;
    }
    // The test times its kill from here, so it lands in the sync rather than in start-up.
    std::printf("ready\n");
    std::fflush(stdout);
    SlowFiles files;
    SystemClock clock;
    SyncSettings settings = SyncTest::settings(args.at(2));
    settings.maxBatchRecords = 7;
    SyncEngine engine(settings, files, clock);
    const SyncReport r = engine.run(db);
    std::printf("sent %lld in %d batches, %lld queued\n", qlonglong(r.recordsSent), r.batches, qlonglong(r.queueLength));
    return r.ok() && r.queueLength == 0 ? 0 : 3;
}
