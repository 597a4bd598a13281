#include "exportfile.h"
#include "filelayer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

QStringList ExportFile::freePaths(const QString &dir, const QString &base, const QStringList &parts,
                                  const QString &suffix)
{
    const QDir d(dir);
    for (int n = 1;; ++n) {
        const QString stem = n == 1 ? base : QStringLiteral("%1(%2)").arg(base).arg(n);
        QStringList out;
        bool free = true;
        for (const QString &part : parts) {
            const QString path = d.filePath(stem + (part.isEmpty() ? QString() : u'-' + part) + u'.' + suffix);
            free = free && !QFileInfo::exists(path) && !QFileInfo::exists(tempPathFor(path));
            out << path;
        }
        if (free)
            return out;
    }
}

QString ExportFile::tempPathFor(const QString &finalPath)
{
    const QFileInfo info(finalPath);
    return info.dir().filePath(u'.' + info.fileName() + QStringLiteral(".part"));
}

bool ExportFile::commit(const QString &temp, const QString &finalPath, QString *error)
{
    FileLayer files;
    const int fd = ::open(QFile::encodeName(temp).constData(), O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0)
        ok = ::close(fd) == 0 && ok;
    if (!ok) {
        *error = QStringLiteral("无法写入 %1：%2").arg(finalPath, FileLayer::errnoText(err));
        files.remove(temp);
        return false;
    }
    QString why;
    const FileLayer::RenameResult r = files.renameNoReplace(temp, finalPath, &why);
    if (r != FileLayer::RenameResult::Ok) {
        *error = r == FileLayer::RenameResult::TargetExists ? QStringLiteral("%1 已存在，未覆盖").arg(finalPath)
                                                            : QStringLiteral("无法保存 %1：%2").arg(finalPath, why);
        files.remove(temp);
        return false;
    }
    if (!files.syncDir(QFileInfo(finalPath).absolutePath(), &why)) {
        *error = QStringLiteral("无法保存 %1：%2").arg(finalPath, why);
        return false;
    }
    return true;
}
