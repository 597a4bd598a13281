#pragma once
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVideoFrame>

class QMediaPlayer;
class QVideoSink;

// Plays a video file, or shows a still image, into a QVideoSink as if it were the camera:
// `--camera-file` in demo mode, and the scanner tests. Video is decoded by QMediaPlayer
// (GStreamer) without audio; an image is pushed as the same frame every imageInterval ms.
class FileFrameSource : public QObject
{
    Q_OBJECT
public:
    explicit FileFrameSource(QVideoSink *sink, QObject *parent = nullptr);
    ~FileFrameSource() override;

    // Starts over at the beginning when the video ends (demo mode). Off by default.
    void setLoop(bool loop) { m_loop = loop; }
    bool loop() const { return m_loop; }
    void setImageInterval(int ms);
    // A video that delivers no frame for this long is reported as broken (default 5 s): some
    // damaged files leave the player "playing" forever without a picture.
    void setStallTimeout(int ms) { m_stallTimer.setInterval(ms); }

    // Image files are recognised by content (QImageReader), anything else goes to the player.
    // Returns false and emits error() when the file is missing or not an image it can read;
    // video errors arrive later through error().
    bool start(const QString &path);
    void stop();
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

signals:
    // The video played to its real end (not emitted while looping, never for images).
    void finished();
    // Human-readable, in Chinese, for the staff log and the demo screen; also logged.
    void error(const QString &message);

private:
    void pushImage();
    void onMediaStatus();
    void onPlayerError();
    void fail(const QString &message);

    QPointer<QVideoSink> m_sink;
    QMediaPlayer *m_player = nullptr;
    QTimer m_imageTimer;
    QTimer m_stallTimer;
    // Two frames with the same picture, pushed in turn: QVideoSink ignores a frame equal to the
    // one it already has, so pushing one frame again would not reach the scanner.
    QVideoFrame m_imageFrames[2];
    int m_nextImageFrame = 0;
    QString m_path;
    qint64 m_maxPosition = 0;
    bool m_loop = false;
    bool m_running = false;
    bool m_truncationReported = false;
};
