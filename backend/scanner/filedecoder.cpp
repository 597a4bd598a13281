#include "filedecoder.h"

#include "fileframesource.h"
#include "framedecoder.h"
#include "scannerlogging.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFuture>
#include <QImageReader>
#include <QQueue>
#include <QThreadPool>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>
#include <QtConcurrent/QtConcurrentRun>

namespace {

struct FrameJob
{
    int index = 0;
    qint64 timestampMs = 0;
    QFuture<ScanResult> result;
};

// FrameDecoder keeps a scratch buffer, so each task gets its own (construction is cheap).
ScanResult decodeFrame(const QVideoFrame &frame)
{
    return FrameDecoder().decode(frame);
}

} // namespace

FileDecoder::FileDecoder(QObject *parent) : QObject(parent)
{
}

QList<FileDecoder::Hit> FileDecoder::decode(const QStringList &files)
{
    m_summaries.clear();
    QList<Hit> hits;
    for (const QString &file : files) {
        Summary summary;
        summary.file = file;
        if (!QFileInfo(file).isFile())
            summary.error = tr("找不到文件：%1").arg(file);
        else if (QImageReader(file).canRead())
            hits += decodeImage(file, summary);
        else
            hits += decodeVideo(file, summary);
        m_summaries << summary;
    }
    return hits;
}

QList<FileDecoder::Hit> FileDecoder::decodeImage(const QString &file, Summary &summary)
{
    QImageReader reader(file);
    const QImage image = reader.read();
    if (image.isNull()) {
        summary.error = tr("无法读取图片 %1：%2").arg(file, reader.errorString());
        return {};
    }
    // Off the calling thread, like every decode in the kiosk.
    const ScanResult r = QtConcurrent::run([image] { return FrameDecoder().decode(image); }).result();
    summary.frames = 1;
    if (!r.found)
        return {};
    summary.hits = 1;
    return {Hit{file, 0, 0, r.text, r.decodeMs}};
}

QList<FileDecoder::Hit> FileDecoder::decodeVideo(const QString &file, Summary &summary)
{
    QList<Hit> hits;
    QQueue<FrameJob> jobs;
    // Enough in flight to keep every core busy; beyond that the frame handler waits, which
    // stalls the player instead of losing frames.
    const int maxInFlight = 2 * qMax(1, QThreadPool::globalInstance()->maxThreadCount());
    auto collect = [&](const FrameJob &job) {
        const ScanResult r = job.result.result();
        ++summary.frames;
        if (r.found) {
            ++summary.hits;
            hits << Hit{file, job.index, job.timestampMs, r.text, r.decodeMs};
        }
    };

    QVideoSink sink;
    int index = 0;
    qint64 lastStartUs = -1;
    connect(&sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &frame) {
        if (!frame.isValid())
            return;
        // GStreamer hands over the preroll frame and then the same frame again on play.
        if (frame.startTime() >= 0 && frame.startTime() == lastStartUs)
            return;
        lastStartUs = frame.startTime();
        while (jobs.size() >= maxInFlight)
            collect(jobs.dequeue());
        const qint64 ts = frame.startTime() >= 0 ? frame.startTime() / 1000 : -1;
        jobs.enqueue({index++, ts, QtConcurrent::run(decodeFrame, frame)});
    });

    QEventLoop loop;
    FileFrameSource source(&sink);
    connect(&source, &FileFrameSource::finished, &loop, &QEventLoop::quit);
    connect(&source, &FileFrameSource::error, &loop, [&](const QString &message) {
        summary.error = message;
        loop.quit();
    });
    QTimer::singleShot(m_videoTimeoutMs, &loop, [&] {
        summary.error = tr("视频 %1 超过 %2 秒仍未播放完，已停止。").arg(file).arg(m_videoTimeoutMs / 1000);
        loop.quit();
    });
    if (source.start(file))
        loop.exec();
    source.stop();
    disconnect(&sink, nullptr, this, nullptr);
    while (!jobs.isEmpty())
        collect(jobs.dequeue());
    qCInfo(lcScanner) << file << summary.frames << "frames," << summary.hits << "with a code";
    return hits;
}
