#pragma once
#include "exportrequest.h"

#include <QObject>
#include <QStringList>
#include <atomic>
#include <functional>

class Clock;
class QThread;

struct ExportResult
{
    bool ok = false;
    QStringList files; // written, final names
    qint64 rows = 0;
    QString error;     // Chinese
};

// One export at a time, on its own thread with its own read connection (SQLite WAL lets it read
// while the kiosk keeps checking members in on the storage thread): query, write under a temp
// name, rename. Progress and the result arrive as queued signals on the owner's thread.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    ExportJob(QString databasePath, const Clock &clock, QObject *parent = nullptr);
    ~ExportJob() override; // cancels and waits: a half-written temp file is removed, never left

    // False if an export is already running.
    bool start(const ExportRequest &request, const QString &targetDir);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

    // The same work, synchronously on the calling thread (the CLI, tests, the benchmark).
    // `progress` gets 0..1; `cancel` may be null.
    static ExportResult run(const QString &databasePath, const Clock &clock, const ExportRequest &request,
                            const QString &targetDir, const std::atomic_bool *cancel = nullptr,
                            const std::function<void(double)> &progress = {});

signals:
    void progressChanged(double fraction);
    void finished(const ExportResult &result);

private:
    QString m_databasePath;
    const Clock &m_clock;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel{false};
};
