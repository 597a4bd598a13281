#include "scansource.h"
#include "cameraframesource.h"
#include "fileframesource.h"
#include "logging.h"

#include <QCameraDevice>
#include <QMediaDevices>

ScanSource::ScanSource(QString file, QString device, QObject *parent)
    : QObject(parent), m_file(std::move(file)), m_device(std::move(device))
{
}

ScanSource::~ScanSource()
{
    stop();
}

void ScanSource::setVideoSink(QVideoSink *sink)
{
    if (sink == m_sink)
        return;
    // The sources are bound to a sink when they start; a new sink means a new start().
    stop();
    m_sink = sink;
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
    stop();
    if (m_file.isEmpty())
        startCamera();
    else
        startFile();
}

void ScanSource::stop()
{
    m_fileSource.reset();
    m_cameraSource.reset();
}

void ScanSource::startCamera()
{
    m_cameraSource = std::make_unique<CameraFrameSource>(m_sink);
    if (!m_cameraSource->available()) {
        setAvailable(false, m_cameraSource->reason());
        return;
    }
    connect(m_cameraSource.get(), &CameraFrameSource::error, this,
            [this](const QString &message) { setAvailable(false, message); });
    QCameraDevice chosen; // null: the system's default camera
    for (const QCameraDevice &c : QMediaDevices::videoInputs()) {
        if (!m_device.isEmpty() && (QString::fromUtf8(c.id()) == m_device || c.description() == m_device))
            chosen = c;
    }
    if (!m_device.isEmpty() && chosen.isNull())
        qCWarning(lcUi).noquote() << "camera" << m_device << "not found; using the default camera";
    if (m_cameraSource->start(chosen))
        setAvailable(true, {});
}

void ScanSource::startFile()
{
    m_fileSource = std::make_unique<FileFrameSource>(m_sink);
    m_fileSource->setLoop(m_loop);
    connect(m_fileSource.get(), &FileFrameSource::finished, this, &ScanSource::finished);
    connect(m_fileSource.get(), &FileFrameSource::error, this,
            [this](const QString &message) { setAvailable(false, message); });
    if (m_fileSource->start(m_file))
        setAvailable(true, {});
}
