#pragma once
#include <QObject>
#include <QPointer>
#include <QVideoSink>
#include <QtQml/qqmlregistration.h>
#include <memory>

class CameraFrameSource;
class FileFrameSource;

// What the scan page shows and the scanner reads: the camera, or a video or image file played as
// if it were the camera (demo mode, end-to-end tests). Either way frames reach the page's
// QVideoSink, so the scanner path is the one the camera uses. The page hands over its sink and
// calls start()/stop(); this picks the source from the configuration and reports, in Chinese,
// why there is no picture when there is none.
class ScanSource : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ScanSource is created by the application")

    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(QString message READ message NOTIFY availableChanged)

public:
    // `file` empty: use the camera `device` (its id or description; empty = the default camera).
    ScanSource(QString file, QString device, QObject *parent = nullptr);
    ~ScanSource() override;

    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);
    bool available() const { return m_available; }
    QString message() const { return m_message; }
    // A video file plays once when false (tests), in a loop when true (demo).
    void setLoop(bool loop) { m_loop = loop; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

signals:
    void videoSinkChanged();
    void availableChanged();
    void finished(); // a video file played to its end
    void failed(const QString &message);

private:
    void setAvailable(bool available, const QString &message);
    void startCamera();
    void startFile();

    QString m_file;
    QString m_device;
    bool m_loop = true;
    QPointer<QVideoSink> m_sink;
    bool m_available = true;
    QString m_message;
    std::unique_ptr<FileFrameSource> m_fileSource;
    std::unique_ptr<CameraFrameSource> m_cameraSource;
};
