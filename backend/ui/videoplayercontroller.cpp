#include "videoplayercontroller.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "storagethread.h"
#include "videolibrarymodel.h"

#include <QAudioOutput>
#include <QFileInfo>
#include <QMediaPlayer>
#include <QVideoSink>

// What the storage thread finds out when a video opens: the file is there, the member's saved
// progress, the subtitles. All file and database reads happen there, not on the GUI thread.
struct VideoPlayerController::Opened
{
    bool fileExists = false;
    bool databaseOk = false;
    std::optional<VideoProgressRecord> progress;
    SrtSubtitles subtitles;
};

VideoPlayerController::VideoPlayerController(const VideoStoreSettings &settings, const Clock &clock,
                                             StorageThread &storage, MemberSession *session,
                                             VideoLibraryModel *library, bool withAudio, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_storage(storage)
    , m_session(session)
    , m_library(library)
    , m_player(std::make_unique<QMediaPlayer>())
{
    if (withAudio) {
        m_audio = std::make_unique<QAudioOutput>();
        m_audio->setVolume(float(m_volume));
        m_player->setAudioOutput(m_audio.get());
    }
    connect(m_player.get(), &QMediaPlayer::mediaStatusChanged, this, &VideoPlayerController::onMediaStatus);
    connect(m_player.get(), &QMediaPlayer::positionChanged, this, &VideoPlayerController::onPosition);
    connect(m_player.get(), &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (m_video && ms > 0) {
            m_watch.setDurationMs(ruleDurationMs());
            emit positionChanged();
        }
    });
    connect(m_player.get(), &QMediaPlayer::seekableChanged, this, [this](bool seekable) {
        if (seekable && m_resumeTo >= 0 && m_resumeTries == 0)
            resume();
    });
    connect(m_player.get(), &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &detail) { onError(detail); });
    m_saveTimer.setInterval(saveIntervalMs);
    m_seekNoticeTimer.setSingleShot(true);
    m_seekNoticeTimer.setInterval(seekNoticeMs);
    connect(&m_seekNoticeTimer, &QTimer::timeout, this, [this] { setSeekNotice(QString()); });
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { save(false); });
    if (m_session) {
        // The session timed out or the member left: what they watched is saved, and nothing
        // after this moment counts for them.
        connect(m_session, &MemberSession::ended, this, [this] {
            if (!m_viewer)
                return;
            save(true);
            m_viewer.reset();
            emit countingChanged();
        });
    }
}

VideoPlayerController::~VideoPlayerController()
{
    m_player->stop();
}

void VideoPlayerController::setVideoSink(QVideoSink *sink)
{
    if (m_sink == sink)
        return;
    m_sink = sink;
    m_player->setVideoSink(sink);
    emit videoSinkChanged();
}

QString VideoPlayerController::creditText() const
{
    return m_video ? VideoLibraryModel::creditText(m_video->credit) : QString();
}

qint64 VideoPlayerController::seekLimit() const
{
    return m_viewer ? m_watch.clampSeek(m_watch.durationMs(), true) : m_watch.durationMs();
}

qint64 VideoPlayerController::playerPosition() const
{
    return m_player->position();
}

void VideoPlayerController::setSeekNotice(const QString &n)
{
    if (!n.isEmpty())
        m_seekNoticeTimer.start();
    if (n == m_seekNotice)
        return;
    m_seekNotice = n;
    emit seekNoticeChanged();
}

void VideoPlayerController::setVolume(qreal volume)
{
    volume = qBound(0.0, volume, 1.0);
    if (qFuzzyCompare(volume, m_volume))
        return;
    m_volume = volume;
    if (m_audio)
        m_audio->setVolume(float(volume));
    emit volumeChanged();
}

qint64 VideoPlayerController::ruleDurationMs() const
{
    // The longer of what videos.json promises and what the file says: a file cut short (or
    // replaced by a shorter one) cannot make 90% easier to reach.
    const qint64 declared = m_video ? qint64(m_video->durationSeconds) * 1000 : 0;
    return qMax(declared, m_player->duration());
}

bool VideoPlayerController::accruing() const
{
    return m_viewer && m_status == Status::Playing && m_player->playbackState() == QMediaPlayer::PlayingState;
}

void VideoPlayerController::setStatus(Status s)
{
    if (s == m_status)
        return;
    m_status = s;
    emit statusChanged();
}

void VideoPlayerController::setMessage(const QString &m)
{
    if (m == m_message)
        return;
    m_message = m;
    emit messageChanged();
}

void VideoPlayerController::open(const QString &videoId)
{
    close();
    const std::optional<VideoEntry> video = m_library ? m_library->video(videoId) : std::nullopt;
    if (!video) {
        fail(QStringLiteral("未找到该视频，请返回列表重新选择"), QStringLiteral("unknown video id ") + videoId);
        return;
    }
    m_video = video;
    m_watch = WatchProgress(qint64(video->durationSeconds) * 1000);
    m_credited = false;
    m_position = 0;
    m_playedTo = 0;
    m_savedWatchedMs = -1;
    m_savedPositionMs = -1;
    if (m_session && m_session->active())
        m_viewer = VideoViewer{m_session->issuer(), m_session->memberId(), m_session->name()};
    setMessage(QString());
    setStatus(Status::Loading);
    emit videoChanged();
    emit countingChanged();
    emit creditedChanged();
    emit positionChanged();
    qCInfo(lcUi).noquote() << "video opens" << video->id << (m_viewer ? "for a member" : "anonymously");

    const int serial = ++m_serial;
    const std::optional<VideoViewer> viewer = m_viewer;
    const VideoEntry entry = *video;
    m_storage.call<Opened>(
        this,
        [viewer, entry](Database *db) {
            Opened o;
            o.fileExists = QFileInfo(entry.file).isFile();
            o.databaseOk = db != nullptr;
            if (db && viewer)
                o.progress = VideoStore::progress(*db, viewer->issuer, viewer->memberId, entry.id);
            if (!entry.subtitleFile.isEmpty()) {
                o.subtitles = SrtSubtitles::load(entry.subtitleFile);
                for (const QString &p : o.subtitles.problems())
                    qCWarning(lcUi).noquote() << "subtitles" << entry.subtitleFile << p;
            }
            return o;
        },
        [this, serial](const Opened &o) { started(serial, o); });
}

void VideoPlayerController::started(int serial, const Opened &opened)
{
    if (serial != m_serial || !m_video)
        return; // closed, or another video opened meanwhile
    if (!opened.fileExists) {
        fail(QStringLiteral("视频文件缺失，暂时无法播放，请联系工作人员"), QStringLiteral("missing ") + m_video->file);
        return;
    }
    if (m_viewer && !opened.databaseOk) {
        m_viewer.reset();
        emit countingChanged();
        setMessage(QStringLiteral("学习记录暂时无法保存，本次观看不计入学时"));
    }
    if (opened.progress) {
        m_watch.restore(opened.progress->intervals, opened.progress->positionMs);
        m_credited = opened.progress->credited;
        m_savedWatchedMs = opened.progress->watchedMs;
        m_savedPositionMs = opened.progress->positionMs;
        m_pendingSeek = m_watch.resumePositionMs();
        emit creditedChanged();
    }
    m_subtitles = opened.subtitles;
    m_player->setSource(QUrl::fromLocalFile(m_video->file));
}

void VideoPlayerController::onMediaStatus()
{
    if (!m_video)
        return;
    switch (m_player->mediaStatus()) {
    case QMediaPlayer::LoadedMedia:
        if (m_status != Status::Loading)
            return;
        m_watch.setDurationMs(ruleDurationMs());
        if (m_pendingSeek > 0) {
            // Resume where the member stopped; the jump there is not playback. QMediaPlayer
            // drops a seek while the media is not yet seekable, which it is not at LoadedMedia
            // (issue 17: the database held 30 s, the picture started at 0:00). So the seek is
            // made when the player says it can seek, and what the player reports before it
            // gets there is neither shown nor counted (see onPosition).
            m_resumeTo = m_pendingSeek;
            m_resumeTries = 0;
            m_watch.observe(m_pendingSeek, false);
            m_position = m_playedTo = m_pendingSeek;
            if (m_player->isSeekable())
                resume();
        }
        m_pendingSeek = -1;
        m_player->play();
        setStatus(Status::Playing);
        m_saveTimer.start();
        emit positionChanged();
        break;
    case QMediaPlayer::EndOfMedia: {
        if (m_status == Status::Failed || m_status == Status::Closed)
            return;
        // A truncated file ends early with no error: compare how far it really played with
        // how long it should be. Such a viewing is never credited as watched.
        const qint64 expected = ruleDurationMs();
        const qint64 tolerance = qMax<qint64>(1500, expected / 50);
        if (m_playedTo + tolerance < expected) {
            fail(QStringLiteral("视频文件不完整，播放提前结束，本次观看不计入学时。请联系工作人员。"),
                 QStringLiteral("ended at %1 ms of %2 ms").arg(m_playedTo).arg(expected));
            return;
        }
        m_saveTimer.stop();
        setStatus(Status::Ended);
        save(false);
        break;
    }
    case QMediaPlayer::InvalidMedia:
        onError(m_player->errorString());
        break;
    default:
        break;
    }
}

void VideoPlayerController::resume()
{
    ++m_resumeTries;
    qCInfo(lcUi).noquote() << "video" << videoId() << "resumes at" << m_resumeTo << "ms";
    m_player->setPosition(m_resumeTo);
}

void VideoPlayerController::onPosition(qint64 positionMs)
{
    if (!m_video || m_status == Status::Closed || m_status == Status::Failed)
        return;
    if (m_resumeTo >= 0) {
        if (qAbs(positionMs - m_resumeTo) > resumeToleranceMs) {
            // The start of the file, before the resume seek has landed: not the member's
            // watching, and not a position to show. A player that never becomes seekable
            // plays from the start after a few seconds of trying, and says so.
            if (m_player->isSeekable() && m_resumeTries == 0)
                resume();
            else if (positionMs > maxResumeWaitMs) {
                qCWarning(lcUi).noquote() << "video" << videoId() << "could not resume at" << m_resumeTo << "ms";
                m_resumeTo = -1;
                m_watch.observe(positionMs, false);
                m_position = m_playedTo = positionMs;
                setMessage(QStringLiteral("无法从上次位置继续，已从头播放"));
                emit positionChanged();
            }
            return;
        }
        m_resumeTo = -1; // there: from now on it is playback
        m_watch.observe(positionMs, false);
        m_position = m_playedTo = positionMs;
        emit positionChanged();
        return;
    }
    // How far the file really played (for the truncation check): continuous steps only, so a
    // jump to the end reported at end-of-stream does not count.
    if (positionMs > m_playedTo && positionMs - m_playedTo <= WatchProgress::maxStepMs)
        m_playedTo = positionMs;
    m_position = positionMs;
    m_watch.observe(positionMs, accruing());
    const QString text = m_subtitles.textAt(positionMs);
    if (text != m_subtitle) {
        m_subtitle = text;
        emit subtitleChanged();
    }
    // Credit the moment 90% is reached, not at the next periodic save.
    if (m_viewer && !m_credited && !m_creditSaving && m_watch.isWatched())
        save(false);
    emit positionChanged();
}

void VideoPlayerController::onError(const QString &detail)
{
    if (m_status == Status::Failed || m_status == Status::Closed)
        return;
    fail(QStringLiteral("视频无法播放：文件已损坏或格式不受支持。请联系工作人员。"), detail);
}

void VideoPlayerController::fail(const QString &message, const QString &detail)
{
    qCWarning(lcUi).noquote() << "video" << videoId() << "failed:" << detail;
    m_saveTimer.stop();
    // What was watched before the failure is kept (and reported as this viewing's record).
    save(true);
    if (m_viewer) {
        m_viewer.reset();
        emit countingChanged();
    }
    m_player->stop();
    m_player->setSource(QUrl());
    ++m_serial;
    setMessage(message);
    setStatus(Status::Failed);
}

void VideoPlayerController::play()
{
    if (!m_video || m_status == Status::Loading || m_status == Status::Failed || m_status == Status::Closed)
        return;
    if (m_status == Status::Ended) {
        m_player->setPosition(0);
        m_watch.observe(0, false);
        m_position = m_playedTo = 0;
    }
    m_player->play();
    setStatus(Status::Playing);
    m_saveTimer.start();
}

void VideoPlayerController::pause()
{
    if (m_status != Status::Playing)
        return;
    m_player->pause();
    setStatus(Status::Paused);
    save(false); // a natural checkpoint: the member may walk away now
}

void VideoPlayerController::togglePlay()
{
    if (m_status == Status::Playing)
        pause();
    else
        play();
}

void VideoPlayerController::seek(qint64 positionMs)
{
    if (!m_video || m_status == Status::Loading || m_status == Status::Failed || m_status == Status::Closed)
        return;
    m_resumeTo = -1; // the member's own seek replaces the resume
    const qint64 target = m_watch.clampSeek(positionMs, m_viewer.has_value());
    // A drag that stopped short says why, instead of silently doing nothing (issue 17).
    if (positionMs > target + 1000) {
        const qint64 s = target / 1000;
        setSeekNotice(QStringLiteral("首次观看不能跳过未看部分，已看到 %1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')));
    }
    m_watch.observe(target, false); // the jump itself is not playback
    m_position = m_playedTo = target;
    if (m_status == Status::Ended)
        setStatus(Status::Paused);
    m_player->setPosition(target);
    emit positionChanged();
}

void VideoPlayerController::close()
{
    if (m_status == Status::Closed && !m_video)
        return;
    m_saveTimer.stop();
    if (m_status != Status::Failed)
        save(true);
    ++m_serial;
    m_player->stop();
    m_player->setSource(QUrl());
    m_video.reset();
    m_viewer.reset();
    m_watch = WatchProgress();
    m_subtitles = SrtSubtitles();
    m_pendingSeek = -1;
    m_resumeTo = -1;
    m_position = m_playedTo = 0;
    m_credited = false;
    m_seekNoticeTimer.stop();
    setSeekNotice(QString());
    m_creditSaving = false;
    if (!m_subtitle.isEmpty()) {
        m_subtitle.clear();
        emit subtitleChanged();
    }
    setMessage(QString());
    setStatus(Status::Closed);
    emit videoChanged();
    emit countingChanged();
    emit positionChanged();
}

void VideoPlayerController::save(bool endOfViewing)
{
    if (!m_viewer || !m_video)
        return;
    const bool creditDue = m_watch.isWatched() && !m_credited;
    const bool changed = m_watch.watchedMs() != m_savedWatchedMs || m_watch.positionMs() != m_savedPositionMs;
    if (!changed && !creditDue && !endOfViewing)
        return;
    if (endOfViewing && m_watch.intervals().isEmpty())
        return; // nothing watched in any viewing: nothing to report
    m_savedWatchedMs = m_watch.watchedMs();
    m_savedPositionMs = m_watch.positionMs();
    if (creditDue)
        m_creditSaving = true;

    const int serial = m_serial;
    const VideoViewer viewer = *m_viewer;
    const VideoEntry video = *m_video;
    const WatchProgress watch = m_watch;
    const VideoStoreSettings settings = m_settings;
    const Clock &clock = m_clock;
    m_storage.call<VideoSaveResult>(
        this,
        [viewer, video, watch, settings, &clock, endOfViewing](Database *db) {
            if (!db)
                return VideoSaveResult{false, false, false, QStringLiteral("数据库不可用")};
            return VideoStore(*db, clock, settings).save(viewer, video, watch, endOfViewing);
        },
        [this, serial, video, watch](const VideoSaveResult &r) {
            if (r.ok && m_library) {
                VideoProgressRecord record{video.id, watch.durationMs(), watch.watchedMs(), watch.positionMs(),
                                           watch.intervals(), r.credited};
                m_library->updateProgress(record);
            }
            if (serial == m_serial) {
                m_creditSaving = false;
                if (!r.ok) {
                    setMessage(QStringLiteral("学习记录保存失败，请联系工作人员"));
                } else if (r.credited && !m_credited) {
                    m_credited = true;
                    emit creditedChanged();
                    if (r.newlyCredited)
                        setMessage(QStringLiteral("已完成观看，计入 %1").arg(VideoLibraryModel::creditText(video.credit)));
                }
            }
            emit saved(r.ok, r.credited);
        });
}
