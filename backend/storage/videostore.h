#pragma once
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

#include "watchprogress.h"

class Clock;
class Database;
struct VideoEntry;

// A member's saved progress on one video.
struct VideoProgressRecord
{
    QString videoId;
    qint64 durationMs = 0;
    qint64 watchedMs = 0;
    qint64 positionMs = 0;
    QList<WatchInterval> intervals;
    bool credited = false; // 学时 already credited for this video
    int percent() const { return durationMs > 0 ? int(qMin<qint64>(100, watchedMs * 100 / durationMs)) : 0; }
};

// Who is watching (from the member session when the video was opened).
struct VideoViewer
{
    QString issuer;
    QString memberId;
    QString name;
};

struct VideoSaveResult
{
    bool ok = false;
    bool newlyCredited = false; // this save credited the 学时
    bool credited = false;      // credited now (by this save or an earlier one)
    QString error;
};

struct VideoStoreSettings
{
    QString centreId;
    QString kioskId;
};

// Video progress and 学时 in SQLite (design.md §4, §6). Progress is saved often (every 10 s and
// when the player closes) as one row per member and video, merged with what was saved before,
// so nothing watched is ever lost. Outbox records:
// - "video_credit" when a video becomes watched: written with the credit row in the same
//   transaction, and only once per member and video;
// - "video_progress" when a viewing ends (the page closes, the session ends, the video ends):
//   one record per viewing rather than one per periodic save, so the share gets what happened
//   without a stream of near-identical rows.
class VideoStore
{
public:
    VideoStore(Database &db, const Clock &clock, VideoStoreSettings settings);

    // Reads need neither clock nor settings, so callers on the storage thread use them directly.
    static std::optional<VideoProgressRecord> progress(Database &db, const QString &issuer, const QString &memberId,
                                                       const QString &videoId);
    static QHash<QString, VideoProgressRecord> progressFor(Database &db, const QString &issuer,
                                                           const QString &memberId);

    // Saves `watch` for `viewer`; credits the video when it is watched and not credited yet.
    VideoSaveResult save(const VideoViewer &viewer, const VideoEntry &video, const WatchProgress &watch,
                         bool endOfViewing);

private:
    Database &m_db;
    const Clock &m_clock;
    VideoStoreSettings m_settings;
};
