#pragma once
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QSet>
#include <atomic>

#include "daycompactor.h"
#include "distribution.h"
#include "sharemarker.h"

class Clock;
class Database;
class FileLayer;

// Where to sync and as whom; filled from KioskConfig by the composition root.
struct SyncSettings
{
    QString shareRoot;
    QString shareId;
    QString centreId;
    QString kioskId;
    QString contentDir;        // where distributed content is put in service
    QString trustedIssuersDir;
    QStringList contentIssuers; // issuers whose signature may change this centre's content
    QString version;           // the program version, for the heartbeat
    QByteArray kioskPublicKey; // base64 of the kiosk's receipt key: status/<centre>/<kiosk>.pub
    int maxBatchRecords = 5000;
    // After a day ends, its small batches become one verified day batch (DayCompactor).
    bool compactDays = true;
};

// The outcome of one sync run, and the state the staff screen and the heartbeat show.
struct SyncReport
{
    ShareState share;
    qint64 recordsSent = 0;    // newly written or adopted
    int batches = 0;
    qint64 queueLength = -1;   // unsynced outbox rows after the run
    QString error;             // first failure of the outgoing side (Chinese); empty = ok
    QStringList conflicts;     // batches refused because another file holds their name
    qint64 recordsResent = 0;  // written again at the office's request (share/resend/<c>/<k>.json)
    DistributionResult content;

    bool ok() const { return share.online() && error.isEmpty() && conflicts.isEmpty(); }
};

// One synchronous sync run (design.md §5): check the marker, send every unsynced outbox row as
// date-partitioned batches, fetch a new signed distribution, write the heartbeat. No threads,
// no timers: SyncService schedules it, tests and the SIGKILL child call it directly.
class SyncEngine
{
public:
    SyncEngine(SyncSettings settings, FileLayer &files, const Clock &clock);

    SyncReport run(Database &db, const std::atomic_bool *cancel = nullptr);

    // Set by the service so the heartbeat carries the last success even across failed runs.
    void setLastSuccess(const QDateTime &utc) { m_lastSuccess = utc; }

private:
    void sendRecords(Database &db, SyncReport *report, const std::atomic_bool *cancel);
    void answerResendRequest(Database &db, SyncReport *report);
    void writeHeartbeat(const SyncReport &report, const QString &lastCheckinUtc);
    void writePublicKey(const QString &dir);
    QJsonArray queueHistory(const QString &heartbeatPath, qint64 queueLength);

    SyncSettings m_settings;
    FileLayer &m_files;
    const Clock &m_clock;
    Distribution m_distribution;
    DayCompactor m_compactor;
    QSet<QString> m_resentTags; // office requests already answered by this process
    QDateTime m_lastSuccess;
    // Queue length samples carried by the heartbeat, so the office can see a queue that keeps
    // growing (FleetReport): one sample per QueueSampleSeconds, the last QueueSamples kept.
    QList<QPair<QDateTime, qint64>> m_queueSamples;
    bool m_queueSamplesLoaded = false;

public:
    static constexpr int QueueSampleSeconds = 15 * 60;
    static constexpr int QueueSamples = 8;
};
