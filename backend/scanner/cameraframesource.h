#pragma once
#include <QCameraDevice>
#include <QCameraFormat>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QVideoFrameFormat>

class QCamera;
class QMediaCaptureSession;
class QVideoSink;

// The kiosk camera feeding a QVideoSink (the one the viewfinder shows and the scanner watches).
// Chooses a format near 1280x720, uncompressed YUV first: the decoder reads the Y plane in place,
// whereas MJPEG must be decompressed on the CPU first, which costs more than the QR decode.
class CameraFrameSource : public QObject
{
    Q_OBJECT
public:
    explicit CameraFrameSource(QVideoSink *sink, QObject *parent = nullptr);
    ~CameraFrameSource() override;

    // False when the system lists no camera (QMediaDevices::videoInputs() is empty);
    // reason() then says so in Chinese for the staff screen.
    bool available() const;
    QString reason() const;

    // Opens `device` (default: the system's default camera). Returns false and emits error()
    // when there is no camera; later failures arrive through error().
    bool start(const QCameraDevice &device = {});
    void stop();
    bool isRunning() const;
    QCameraFormat format() const { return m_format; }

    // The preferred format of `formats`, or a null QCameraFormat when the list is empty.
    static QCameraFormat pickFormat(const QList<QCameraFormat> &formats, QSize target = {1280, 720});
    // Lower is better: distance from `target` in pixels, then pixel format, then frame rate.
    static qint64 formatCost(QVideoFrameFormat::PixelFormat pixelFormat, QSize resolution,
                             float maxFrameRate, QSize target = {1280, 720});

signals:
    void error(const QString &message);

private:
    QPointer<QVideoSink> m_sink;
    QCamera *m_camera = nullptr;
    QMediaCaptureSession *m_session = nullptr;
    QCameraFormat m_format;
};
