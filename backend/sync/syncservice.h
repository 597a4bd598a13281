#pragma once
#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

#include "syncengine.h"

class Clock;
class FileLayer;

// What the staff screen shows about the share.
struct SyncStatus
{
    bool online = false;
    bool running = false;
    qint64 queueLength = -1;
    QDateTime lastSuccess;  // UTC; invalid = never
    QString lastError;      // Chinese; empty = the last run went well
    QDateTime lastErrorTime;
    qint64 contentVersion = 0;
    QString contentError;   // why the newest distribution was refused; the old set is in use
    int failures = 0;       // consecutive failed runs
    int nextRunSeconds = 0;
};
Q_DECLARE_METATYPE(SyncStatus)

// Runs SyncEngine every `interval` seconds and on demand, with capped exponential backoff after
// failures, on ITS OWN worker thread with its own database connection.
//
// Why not the StorageThread: the share is a network mount that can hang for tens of seconds
// (an SMB server gone away, a video being copied); on the storage thread that would hold up
// every check-in commit behind it, and the screen says OK only after commit. SQLite in WAL mode
// lets this second connection read the outbox while the storage thread writes; its only write
// (marking rows synced) is one short transaction, serialised by SQLite's busy timeout.
class SyncService : public QObject
{
    Q_OBJECT
public:
    SyncService(SyncSettings settings, QString databasePath, int intervalSeconds, const Clock &clock,
                FileLayer *files = nullptr, QObject *parent = nullptr);
    ~SyncService() override;

    // The first run starts `firstDelayMs` after start(), so start-up is not slowed by the share.
    void start(int firstDelayMs = 2000);
    // Cancels a run between batches or chunks, and waits for the thread to end.
    void stop();

    SyncStatus status() const { return m_status; } // as last reported, on the owner's thread

    // Failure n (1, 2, ...) waits 5 s, 10 s, 20 s ... up to max(interval, 600 s); success waits
    // the interval.
    static int delaySeconds(int failures, int intervalSeconds);

public slots:
    void syncNow(); // from any thread

signals:
    void statusChanged(const SyncStatus &status);
    void contentUpdated(qint64 version); // a new distribution is in service: reload content

private:
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread once started
    bool m_started = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    SyncStatus m_status;
};
