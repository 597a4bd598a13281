#include "fileframesource.h"

#include "scannerlogging.h"

#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMediaPlayer>
#include <QUrl>
#include <QVideoFrameFormat>
#include <QVideoSink>

#include <cstring>

namespace {

// A still image as one video frame in the packed RGB format matching QImage::Format_RGB32.
QVideoFrame frameFromImage(const QImage &source)
{
    const QImage img = source.convertToFormat(QImage::Format_RGB32);
    const auto pf = QVideoFrameFormat::pixelFormatFromImageFormat(QImage::Format_RGB32);
    QVideoFrame frame(QVideoFrameFormat(img.size(), pf));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const qsizetype row = qMin<qsizetype>(img.bytesPerLine(), frame.bytesPerLine(0));
    for (int y = 0; y < img.height(); ++y)
        std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), img.constScanLine(y), size_t(row));
    frame.unmap();
    return frame;
}

// A truncated file plays what it has and then reports EndOfMedia with NoError; only the
// position reached, compared with the duration the container promised, gives it away.
constexpr qint64 TruncationToleranceMs = 500;

} // namespace

FileFrameSource::FileFrameSource(QVideoSink *sink, QObject *parent) : QObject(parent), m_sink(sink)
{
    m_imageTimer.setInterval(100);
    connect(&m_imageTimer, &QTimer::timeout, this, &FileFrameSource::pushImage);
    m_stallTimer.setInterval(5000);
    m_stallTimer.setSingleShot(true);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        fail(tr("视频文件 %1 无法播放：%2 秒内没有画面，文件可能已损坏。")
                 .arg(m_path).arg(m_stallTimer.interval() / 1000.0, 0, 'f', 1));
        stop();
    });
}

FileFrameSource::~FileFrameSource()
{
    stop();
}

void FileFrameSource::setImageInterval(int ms)
{
    m_imageTimer.setInterval(qMax(1, ms));
}

bool FileFrameSource::start(const QString &path)
{
    stop();
    m_path = path;
    if (!QFileInfo(path).isFile()) {
        fail(tr("找不到摄像头替代文件：%1").arg(path));
        return false;
    }
    if (!m_sink) {
        fail(tr("没有可用的视频输出，无法播放：%1").arg(path));
        return false;
    }
    QImageReader reader(path);
    if (reader.canRead()) {
        const QImage image = reader.read();
        for (QVideoFrame &frame : m_imageFrames)
            frame = image.isNull() ? QVideoFrame() : frameFromImage(image);
        if (!m_imageFrames[0].isValid() || !m_imageFrames[1].isValid()) {
            fail(tr("无法读取图片 %1：%2").arg(path, reader.errorString()));
            return false;
        }
        m_running = true;
        pushImage(); // show it at once, then keep it coming
        m_imageTimer.start();
        qCInfo(lcScanner) << "showing image" << path << "as camera";
        return true;
    }

    m_player = new QMediaPlayer(this); // no QAudioOutput: a demo must not make noise
    m_player->setVideoSink(m_sink);
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, &FileFrameSource::onMediaStatus);
    connect(m_player, &QMediaPlayer::errorOccurred, this, &FileFrameSource::onPlayerError);
    connect(m_player, &QMediaPlayer::positionChanged, this,
            [this](qint64 pos) { m_maxPosition = qMax(m_maxPosition, pos); });
    // Every frame re-arms the stall watchdog.
    connect(m_sink, &QVideoSink::videoFrameChanged, &m_stallTimer, qOverload<>(&QTimer::start));
    m_maxPosition = 0;
    m_truncationReported = false;
    m_running = true;
    m_player->setSource(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
    m_player->play();
    m_stallTimer.start();
    qCInfo(lcScanner) << "playing video" << path << "as camera";
    return true;
}

void FileFrameSource::stop()
{
    m_running = false;
    m_imageTimer.stop();
    m_stallTimer.stop();
    if (m_sink)
        disconnect(m_sink, &QVideoSink::videoFrameChanged, &m_stallTimer, nullptr);
    m_imageFrames[0] = m_imageFrames[1] = {};
    if (m_player) {
        m_player->disconnect(this);
        m_player->stop();
        m_player->deleteLater();
        m_player = nullptr;
    }
}

void FileFrameSource::pushImage()
{
    if (!m_sink || !m_imageFrames[m_nextImageFrame].isValid())
        return;
    m_sink->setVideoFrame(m_imageFrames[m_nextImageFrame]);
    m_nextImageFrame ^= 1;
}

void FileFrameSource::onMediaStatus()
{
    if (!m_player)
        return;
    switch (m_player->mediaStatus()) {
    case QMediaPlayer::InvalidMedia:
        fail(tr("无法播放视频文件 %1：%2").arg(m_path, m_player->errorString()));
        stop();
        return;
    case QMediaPlayer::EndOfMedia:
        break;
    default:
        return;
    }
    const qint64 duration = m_player->duration();
    const qint64 reached = qMax(m_maxPosition, m_player->position());
    const bool truncated = duration > 0 && reached + TruncationToleranceMs < duration;
    if (truncated && !m_truncationReported) {
        m_truncationReported = true;
        fail(tr("视频文件不完整：%1 在 %2 秒处中断（应为 %3 秒）")
                 .arg(m_path).arg(reached / 1000.0, 0, 'f', 1).arg(duration / 1000.0, 0, 'f', 1));
    }
    if (m_loop) {
        m_maxPosition = 0;
        m_stallTimer.start();
        m_player->setPosition(0);
        m_player->play();
        return;
    }
    m_running = false;
    m_stallTimer.stop();
    if (!truncated)
        emit finished();
}

void FileFrameSource::onPlayerError()
{
    if (!m_player || m_player->error() == QMediaPlayer::NoError)
        return;
    fail(tr("无法播放视频文件 %1：%2").arg(m_path, m_player->errorString()));
    stop();
}

void FileFrameSource::fail(const QString &message)
{
    qCWarning(lcScanner).noquote() << message;
    emit error(message);
}
