#include "cameraframesource.h"

#include "scannerlogging.h"

#include <QCamera>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoSink>

#include <cmath>
#include <limits>

CameraFrameSource::CameraFrameSource(QVideoSink *sink, QObject *parent) : QObject(parent), m_sink(sink)
{
}

CameraFrameSource::~CameraFrameSource()
{
    stop();
}

bool CameraFrameSource::available() const
{
    return !QMediaDevices::videoInputs().isEmpty();
}

QString CameraFrameSource::reason() const
{
    return available() ? QString() : tr("未检测到摄像头：请检查摄像头连接线，或使用手动签到。");
}

qint64 CameraFrameSource::formatCost(QVideoFrameFormat::PixelFormat pf, QSize res, float fps, QSize target)
{
    using PF = QVideoFrameFormat;
    int formatRank = 3; // RGB and anything else decodable in place: fine, but more bytes a pixel
    switch (pf) {
    case PF::Format_NV12: case PF::Format_NV21: case PF::Format_YUV420P: case PF::Format_YV12:
        formatRank = 0; break;
    case PF::Format_YUYV: case PF::Format_UYVY: case PF::Format_Y8:
        formatRank = 1; break;
    case PF::Format_Jpeg:
        formatRank = 6; break; // MJPEG: a CPU JPEG decode per frame
    case PF::Format_Invalid:
        formatRank = 9; break;
    default:
        break;
    }
    // Resolution dominates: a little less than 720p is worse than YUV vs MJPEG at 720p. Below
    // target is penalised twice, as small codes then fall under ZXing's ~3 px a module.
    const qint64 dw = res.width() - target.width(), dh = res.height() - target.height();
    const qint64 sizeCost = (std::abs(dw) + std::abs(dh)) * (dw < 0 || dh < 0 ? 2 : 1);
    const qint64 fpsCost = fps >= 25 ? 0 : qint64(std::lround((25 - fps) * 10));
    return sizeCost * 100 + formatRank * 1000 + fpsCost;
}

QCameraFormat CameraFrameSource::pickFormat(const QList<QCameraFormat> &formats, QSize target)
{
    QCameraFormat best;
    qint64 bestCost = std::numeric_limits<qint64>::max();
    for (const QCameraFormat &f : formats) {
        const qint64 cost = formatCost(f.pixelFormat(), f.resolution(), f.maxFrameRate(), target);
        if (cost < bestCost) {
            bestCost = cost;
            best = f;
        }
    }
    return best;
}

bool CameraFrameSource::start(const QCameraDevice &requested)
{
    stop();
    const QCameraDevice device = requested.isNull() ? QMediaDevices::defaultVideoInput() : requested;
    if (device.isNull()) {
        const QString message = reason().isEmpty() ? tr("找不到指定的摄像头。") : reason();
        qCWarning(lcScanner).noquote() << message;
        emit error(message);
        return false;
    }
    m_camera = new QCamera(device, this);
    m_format = pickFormat(device.videoFormats());
    if (!m_format.isNull())
        m_camera->setCameraFormat(m_format);
    connect(m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error e, const QString &text) {
        if (e == QCamera::NoError)
            return;
        const QString message = tr("摄像头出错：%1").arg(text);
        qCWarning(lcScanner).noquote() << message;
        emit error(message);
    });
    m_session = new QMediaCaptureSession(this);
    m_session->setCamera(m_camera);
    m_session->setVideoSink(m_sink);
    m_camera->start();
    qCInfo(lcScanner) << "camera" << device.description() << m_format.resolution()
                      << m_format.pixelFormat() << m_format.maxFrameRate() << "fps";
    return true;
}

void CameraFrameSource::stop()
{
    if (m_camera)
        m_camera->stop();
    delete m_session;
    m_session = nullptr;
    delete m_camera;
    m_camera = nullptr;
}

bool CameraFrameSource::isRunning() const
{
    return m_camera && m_camera->isActive();
}
