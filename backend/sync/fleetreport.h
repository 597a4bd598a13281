#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// One kiosk as its heartbeat (status/<centre>/<kiosk>.json, written by SyncEngine) shows it.
struct FleetKiosk
{
    // In the order the table sorts by: the first flag a kiosk has decides its place.
    enum Flag {
        Unreadable = 1,   // the heartbeat file cannot be read or parsed
        Stale = 2,        // no heartbeat for longer than the threshold
        Failing = 4,      // the last run reported an error, a conflict or a refused distribution
        QueueGrowing = 8, // the outbox queue grew over the last samples the heartbeat carries
        Behind = 16,      // the content in service is older than the share's current manifest
    };

    QString centreId;
    QString kioskId;
    QString programVersion;
    QDateTime lastContact;   // the heartbeat's time (UTC)
    QDateTime lastSync;      // last successful sync (UTC); invalid = never
    qint64 queueLength = -1;
    QString lastError;       // outgoing error, first conflict, or why content was refused
    qint64 contentVersion = 0; // distribution version in service
    QDateTime lastCheckin;   // newest check-in the kiosk recorded (UTC); invalid = none
    std::optional<qint64> daysSinceCheckin;
    QList<qint64> queueSamples; // oldest first
    int flags = 0;
    QString problem;         // why the heartbeat is unreadable

    bool ok() const { return flags == 0; }
    QStringList flagNames() const; // "stale", "failing", ... (CSV, logs)
    QStringList flagTexts() const; // Chinese, for the table
};

struct FleetSnapshot
{
    QDateTime takenAt;       // UTC
    int staleHours = 0;
    qint64 shareVersion = 0; // the share's current distribution manifest version; 0 = none
    QList<FleetKiosk> kiosks; // flagged first (by the first flag), then by centre and kiosk
    QStringList problems;    // the share itself (no status folder, unreadable manifest)

    int flaggedCount() const;
};

// The office's view of every kiosk on a share (issue 12, `dangqun-admin fleet`). Reads only; the
// tool keeps no state of its own: a growing queue is judged from the queue samples each
// heartbeat carries (SyncEngine keeps the last 8, one per 15 minutes).
class FleetReport
{
public:
    static constexpr int DefaultStaleHours = 24;
    static constexpr int GrowingSamples = 3; // strictly increasing over this many samples

    static FleetSnapshot read(const QString &shareRoot, const QDateTime &now, int staleHours = DefaultStaleHours);
    // One kiosk from its heartbeat's bytes (public for tests).
    static FleetKiosk parseHeartbeat(const QByteArray &json, const QDateTime &now, int staleHours, qint64 shareVersion);

    // An aligned text table (Chinese headers; times in the local time zone) and a CSV file
    // (UTF-8 with BOM, English column ids, times in UTC) of the same rows.
    static QString table(const FleetSnapshot &snapshot);
    static QByteArray csv(const FleetSnapshot &snapshot);
};
