#include "videosamples.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

QString VideoSamples::sourceDir(const QString &builtIn)
{
    const QString env = qEnvironmentVariable("DANGQUN_SAMPLE_MEDIA_DIR");
    return env.isEmpty() ? builtIn : env;
}

bool VideoSamples::installIfMissing(const QString &from, const QString &mediaDir, QString *error)
{
    if (QFileInfo::exists(QDir(mediaDir).filePath(QStringLiteral("videos.json"))))
        return true;
    const QDir source(from);
    if (!QFileInfo::exists(source.filePath(QStringLiteral("videos.json")))) {
        *error = QStringLiteral("没有找到示例视频（%1）：请先构建 sample_media 目标").arg(from);
        return false;
    }
    if (!QDir().mkpath(mediaDir)) {
        *error = QStringLiteral("无法创建媒体文件夹 %1").arg(mediaDir);
        return false;
    }
    // videos.json last: a copy interrupted half-way is retried on the next start.
    QStringList files = source.entryList(QDir::Files, QDir::Name);
    files.removeAll(QStringLiteral("videos.json"));
    files.append(QStringLiteral("videos.json"));
    for (const QString &name : std::as_const(files)) {
        const QString to = QDir(mediaDir).filePath(name);
        QFile::remove(to);
        if (!QFile::copy(source.filePath(name), to)) {
            *error = QStringLiteral("无法复制示例视频 %1 到 %2").arg(name, mediaDir);
            return false;
        }
    }
    qCInfo(lcUi).noquote() << "sample videos copied to" << mediaDir;
    return true;
}
