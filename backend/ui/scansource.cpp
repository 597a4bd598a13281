#include "scansource.h"
#include "logging.h"

#include <QCameraDevice>
#include <QFileInfo>
#include <QImageReader>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <cstring>

ScanSource::ScanSource(QString file, QString device, QObject *parent)
    : QObject(parent), m_file(std::move(file)), m_device(std::move(device))
{
    // A camera delivers 10-30 frames a second; an image is offered about as often.
    m_imageTimer.setInterval(100);
    connect(&m_imageTimer, &QTimer::timeout, this, &ScanSource::pushImage);
}

ScanSource::~ScanSource()
{
    stop();
}

void ScanSource::setVideoSink(QVideoSink *sink)
{
    if (sink == m_sink)
        return;
    m_sink = sink;
    if (m_player)
        m_player->setVideoSink(sink);
    m_session.setVideoSink(sink);
    emit videoSinkChanged();
}

void ScanSource::setAvailable(bool available, const QString &message)
{
    m_available = available;
    m_message = message;
    if (!available) {
        qCWarning(lcUi).noquote() << "scan source unavailable:" << message;
        emit failed(message);
    }
    emit availableChanged();
}

void ScanSource::start()
{
    if (m_file.isEmpty())
        startCamera();
    else
        startFile();
}

void ScanSource::stop()
{
    m_imageTimer.stop();
    if (m_player) {
        m_player->stop();
        m_player->setVideoSink(nullptr);
    }
    if (m_camera)
        m_camera->stop();
    m_session.setVideoSink(nullptr);
    m_sink = nullptr;
}

void ScanSource::startCamera()
{
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    if (cameras.isEmpty()) {
        setAvailable(false, QStringLiteral("未检测到摄像头"));
        return;
    }
    QCameraDevice chosen = QMediaDevices::defaultVideoInput();
    for (const QCameraDevice &c : cameras) {
        if (!m_device.isEmpty() && (QString::fromUtf8(c.id()) == m_device || c.description() == m_device))
            chosen = c;
    }
    // About 1280x720, and raw YUV rather than MJPEG: decoding JPEG first would cost more than
    // the QR decode itself.
    QCameraFormat best;
    int bestScore = INT_MAX;
    for (const QCameraFormat &f : chosen.videoFormats()) {
        const QSize r = f.resolution();
        int score = std::abs(r.width() - 1280) + std::abs(r.height() - 720);
        if (f.pixelFormat() == QVideoFrameFormat::Format_Jpeg)
            score += 100000;
        if (score < bestScore) {
            bestScore = score;
            best = f;
        }
    }
    m_camera = std::make_unique<QCamera>(chosen);
    if (!best.isNull())
        m_camera->setCameraFormat(best);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        setAvailable(false, QStringLiteral("摄像头出现故障：%1").arg(text));
    });
    m_session.setCamera(m_camera.get());
    m_session.setVideoSink(m_sink);
    m_camera->start();
    qCInfo(lcUi).noquote() << "camera" << chosen.description() << best.resolution() << best.pixelFormat();
    setAvailable(true, {});
}

void ScanSource::startFile()
{
    if (!QFileInfo(m_file).isFile()) {
        setAvailable(false, QStringLiteral("找不到摄像头替代文件 %1").arg(m_file));
        return;
    }
    if (!QImageReader::imageFormat(m_file).isEmpty()) {
        m_image = QImage(m_file);
        if (m_image.isNull()) {
            setAvailable(false, QStringLiteral("无法读取图片 %1").arg(m_file));
            return;
        }
        m_imageTimer.start();
        setAvailable(true, {});
        return;
    }
    m_player = std::make_unique<QMediaPlayer>();
    m_player->setLoops(m_loop ? QMediaPlayer::Infinite : 1);
    m_player->setVideoSink(m_sink);
    connect(m_player.get(), &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        setAvailable(false, QStringLiteral("无法播放 %1：%2").arg(m_file, text));
    });
    connect(m_player.get(), &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus s) {
        if (s == QMediaPlayer::EndOfMedia)
            emit finished();
        else if (s == QMediaPlayer::InvalidMedia)
            setAvailable(false, QStringLiteral("无法播放 %1").arg(m_file));
    });
    m_player->setSource(QUrl::fromLocalFile(m_file));
    m_player->play();
    setAvailable(true, {});
}

void ScanSource::pushImage()
{
    if (m_sink)
        m_sink->setVideoFrame(frameFromImage(m_image));
}

QVideoFrame ScanSource::frameFromImage(const QImage &image)
{
    // Little-endian ARGB32 is B,G,R,A in memory: Qt Multimedia's BGRA8888.
    const QImage src = image.convertToFormat(QImage::Format_ARGB32);
    QVideoFrame frame(QVideoFrameFormat(src.size(), QVideoFrameFormat::Format_BGRA8888));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const int rowBytes = src.width() * 4;
    for (int y = 0; y < src.height(); ++y)
        std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), src.constScanLine(y), rowBytes);
    frame.unmap();
    return frame;
}
