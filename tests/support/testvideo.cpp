#include "testvideo.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

bool TestVideo::ffmpegAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty();
}

namespace {

bool runFfmpeg(const QStringList &args, QString *error)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-y"), QStringLiteral("-loglevel"),
                                                       QStringLiteral("error")} + args);
    if (!ffmpeg.waitForFinished(120000) || ffmpeg.exitStatus() != QProcess::NormalExit || ffmpeg.exitCode() != 0) {
        *error = QString::fromLocal8Bit(ffmpeg.readAllStandardError()) + ffmpeg.errorString();
        return false;
    }
    return true;
}

const QStringList h264Out{QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), QStringLiteral("-c:v"),
                          QStringLiteral("libx264"), QStringLiteral("-movflags"), QStringLiteral("+faststart")};

} // namespace

bool TestVideo::noise(double seconds, const QString &path, QString *error)
{
    return runFfmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("color=gray:s=640x360:r=25"), QStringLiteral("-vf"),
                      QStringLiteral("noise=alls=40:allf=t"), QStringLiteral("-t"), QString::number(seconds)}
                         + h264Out + QStringList{path},
                     error);
}

bool TestVideo::fromImage(const QImage &image, double seconds, const QString &path, QString *error)
{
    const QString png = path + QStringLiteral(".png");
    QImage even(image.width() + image.width() % 2, image.height() + image.height() % 2, QImage::Format_RGB32);
    even.fill(Qt::white);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            even.setPixel(x, y, image.pixel(x, y));
    if (!even.save(png)) {
        *error = QStringLiteral("cannot write ") + png;
        return false;
    }
    if (!runFfmpeg(QStringList{QStringLiteral("-loop"), QStringLiteral("1"), QStringLiteral("-i"), png, QStringLiteral("-t"),
                    QString::number(seconds), QStringLiteral("-r"), QStringLiteral("25")}
                       + h264Out + QStringList{path},
                   error))
        return false;
    QFile::remove(png);
    return QFileInfo(path).size() > 0;
}

bool TestVideo::truncatedCopy(const QString &source, double fraction, const QString &path)
{
    QFile in(source), out(path);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray all = in.readAll();
    return out.write(all.left(qsizetype(all.size() * fraction))) > 0;
}
