#pragma once
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

#include "srtsubtitles.h"
#include "videomanifest.h"
#include "videostore.h"
#include "watchprogress.h"

class QAudioOutput;
class QMediaPlayer;
class QVideoSink;
class Clock;
class MemberSession;
class StorageThread;
class VideoLibraryModel;

// Plays one video of the library and applies the watching rule (WatchProgress) to what the
// player reports. Anyone may watch; only a checked-in member's watching counts, and for them
// seeking stops at the furthest point watched and playback resumes where they stopped.
// Progress is saved on the storage thread every 10 s, when 90% is reached (the 学时 are
// credited then, once), and when the player closes or the member's session ends.
// A broken, missing or truncated file ends in status Failed with a message in Chinese.
class VideoPlayerController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("VideoPlayerController is created by the application")

    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(QString videoId READ videoId NOTIFY videoChanged)
    Q_PROPERTY(QString title READ title NOTIFY videoChanged)
    Q_PROPERTY(QString creditText READ creditText NOTIFY videoChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    // Milliseconds, as double for QML (qmllint has no type for qint64; exact up to 2^53 ms).
    Q_PROPERTY(double position READ positionMs NOTIFY positionChanged)
    Q_PROPERTY(double duration READ durationMs NOTIFY positionChanged)
    Q_PROPERTY(double seekLimit READ seekLimitMs NOTIFY positionChanged)
    Q_PROPERTY(int percent READ percent NOTIFY positionChanged)
    Q_PROPERTY(bool counting READ counting NOTIFY countingChanged)
    Q_PROPERTY(bool credited READ credited NOTIFY creditedChanged)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY subtitleChanged)
    Q_PROPERTY(qreal volume READ volume WRITE setVolume NOTIFY volumeChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // Why a drag on the progress bar stopped short (a member may not skip what they have not
    // watched); empty when there is nothing to explain. Clears itself after a few seconds.
    Q_PROPERTY(QString seekNotice READ seekNotice NOTIFY seekNoticeChanged)

public:
    enum class Status { Closed, Loading, Playing, Paused, Ended, Failed };
    Q_ENUM(Status)

    static constexpr int saveIntervalMs = 10'000;
    static constexpr int seekNoticeMs = 5'000;
    // How far from the resume point the player may report and still count as "there": a seek
    // lands on a key frame, which may lie a little before the requested position.
    static constexpr qint64 resumeToleranceMs = 1'500;
    // A player still playing the start of the file after this long could not seek: give up.
    static constexpr qint64 maxResumeWaitMs = 5'000;

    // `withAudio` false plays without sound (tests: no audio device needed).
    VideoPlayerController(const VideoStoreSettings &settings, const Clock &clock, StorageThread &storage,
                          MemberSession *session, VideoLibraryModel *library, bool withAudio,
                          QObject *parent = nullptr);
    ~VideoPlayerController() override;

    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);
    QString videoId() const { return m_video ? m_video->id : QString(); }
    QString title() const { return m_video ? m_video->title : QString(); }
    QString creditText() const;
    Status status() const { return m_status; }
    qint64 position() const { return m_position; }
    double positionMs() const { return double(position()); }
    double durationMs() const { return double(duration()); }
    double seekLimitMs() const { return double(seekLimit()); }
    qint64 duration() const { return m_watch.durationMs(); }
    qint64 seekLimit() const;
    int percent() const { return m_watch.percent(); }
    bool counting() const { return m_viewer.has_value(); }
    bool credited() const { return m_credited; }
    QString subtitle() const { return m_subtitle; }
    qreal volume() const { return m_volume; }
    void setVolume(qreal volume);
    QString message() const { return m_message; }
    QString seekNotice() const { return m_seekNotice; }
    // Where the media player itself is (what is on screen), not what the rule last saw.
    qint64 playerPosition() const;
    const WatchProgress &watch() const { return m_watch; }

    Q_INVOKABLE void open(const QString &videoId);
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void seek(qint64 positionMs);
    // Stops, saves the member's progress (the end of this viewing) and forgets the video.
    Q_INVOKABLE void close();

signals:
    void videoSinkChanged();
    void videoChanged();
    void statusChanged();
    void positionChanged();
    void countingChanged();
    void creditedChanged();
    void subtitleChanged();
    void volumeChanged();
    void messageChanged();
    void seekNoticeChanged();
    void saved(bool ok, bool credited); // a save committed (or failed)

private:
    struct Opened;
    void started(int serial, const Opened &opened);
    void onMediaStatus();
    void onPosition(qint64 positionMs);
    void onError(const QString &detail);
    void fail(const QString &message, const QString &detail);
    void save(bool endOfViewing);
    void setStatus(Status s);
    void setMessage(const QString &m);
    void setSeekNotice(const QString &n);
    void resume();
    bool accruing() const;
    qint64 ruleDurationMs() const;

    VideoStoreSettings m_settings;
    const Clock &m_clock;
    StorageThread &m_storage;
    MemberSession *m_session;
    VideoLibraryModel *m_library;
    std::unique_ptr<QMediaPlayer> m_player;
    std::unique_ptr<QAudioOutput> m_audio;
    QPointer<QVideoSink> m_sink;
    QTimer m_saveTimer;
    QTimer m_seekNoticeTimer;

    int m_serial = 0; // which open() an answer from the storage thread belongs to
    std::optional<VideoEntry> m_video;
    std::optional<VideoViewer> m_viewer; // set when a checked-in member's watching counts
    WatchProgress m_watch;
    SrtSubtitles m_subtitles;
    Status m_status = Status::Closed;
    qint64 m_position = 0;
    qint64 m_playedTo = 0;      // how far the file played continuously (truncation check)
    qint64 m_pendingSeek = -1;  // the resume position, applied once the media is loaded
    qint64 m_resumeTo = -1;     // the resume position until the player reports being there
    int m_resumeTries = 0;
    qint64 m_savedWatchedMs = -1;
    qint64 m_savedPositionMs = -1;
    bool m_credited = false;
    bool m_creditSaving = false;
    QString m_subtitle;
    qreal m_volume = 0.8;
    QString m_message;
    QString m_seekNotice;
};
