#pragma once
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

// Finds the QR codes in image and video files, for the staff CLI:
//
//     QGuiApplication app(argc, argv);          // QMediaPlayer needs one; offscreen is fine
//     FileDecoder decoder;
//     const QList<FileDecoder::Hit> hits = decoder.decode(files); // e.g. card.png queue.mp4
//     for (const FileDecoder::Hit &h : hits)
//         out << h.file << h.frameIndex << h.timestampMs << h.text << h.decodeMs;
//     for (const FileDecoder::Summary &s : decoder.summaries())
//         if (!s.error.isEmpty()) err << s.file << s.error;   // Chinese, ready to print
//
// decode() blocks, running a local event loop while videos play. An image is decoded once
// (frameIndex 0, timestampMs 0). A video is played in real time (no audio) and every frame the
// player delivers is decoded, off the calling thread, on QThreadPool::globalInstance(). The
// scanner's drop-when-busy rule does not apply here: if decoding falls behind, the frame handler
// waits and so does playback. On a heavily loaded machine GStreamer may still skip a frame it
// considers late; Summary::frames says how many were decoded. Files are handled in order.
class FileDecoder : public QObject
{
    Q_OBJECT
public:
    struct Hit
    {
        QString file;         // as given
        int frameIndex = 0;   // 0-based, in delivery order
        qint64 timestampMs = 0; // presentation time of the frame (0 for images)
        QString text;
        double decodeMs = 0;
    };
    struct Summary
    {
        QString file;
        int frames = 0;  // frames decoded (1 for a readable image)
        int hits = 0;    // frames with a code
        QString error;   // empty when the file was read completely
    };

    explicit FileDecoder(QObject *parent = nullptr);

    // Hits of all files, in file order, then frame order.
    QList<Hit> decode(const QStringList &files);
    // One entry per file of the last decode() call.
    QList<Summary> summaries() const { return m_summaries; }

    // Upper bound for one video, as a guard against a player that never ends (default 10 min).
    void setVideoTimeoutMs(int ms) { m_videoTimeoutMs = ms; }

private:
    QList<Hit> decodeImage(const QString &file, Summary &summary);
    QList<Hit> decodeVideo(const QString &file, Summary &summary);

    QList<Summary> m_summaries;
    int m_videoTimeoutMs = 10 * 60 * 1000;
};
