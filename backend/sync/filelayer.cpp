#include "filelayer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

int retryClose(int fd)
{
    // close() may report a deferred write error (NFS, SMB): it is an error like any other.
    return ::close(fd);
}

} // namespace

QString FileLayer::errnoText(int err)
{
    return QStringLiteral("%1 (errno %2)").arg(QString::fromLocal8Bit(std::strerror(err))).arg(err);
}

bool FileLayer::exists(const QString &path)
{
    struct stat st;
    return ::lstat(native(path).constData(), &st) == 0;
}

bool FileLayer::isDir(const QString &path)
{
    return QFileInfo(path).isDir();
}

bool FileLayer::mkpath(const QString &dir, QString *error)
{
    // One mkdir per missing component, so the error names the real cause (EROFS, ENOSPC...).
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    QString path;
    for (const QString &part : clean.split(u'/', Qt::SkipEmptyParts)) {
        path += u'/' + part;
        if (::mkdir(native(path).constData(), 0755) == 0 || errno == EEXIST)
            continue;
        if (error)
            *error = QStringLiteral("无法创建文件夹 %1: %2").arg(path, errnoText(errno));
        return false;
    }
    if (isDir(clean))
        return true;
    if (error)
        *error = QStringLiteral("无法创建文件夹 %1: 同名文件已存在").arg(clean);
    return false;
}

bool FileLayer::writeNewDurable(const QString &path, const QByteArray &data, QString *error)
{
    const int fd = ::open(native(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("无法创建 %1: %2").arg(path, errnoText(errno));
        return false;
    }
    const char *p = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            if (error)
                *error = QStringLiteral("写入 %1 失败: %2").arg(path, errnoText(err));
            return false;
        }
        p += n;
        left -= n;
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        if (error)
            *error = QStringLiteral("同步 %1 到磁盘失败 (fsync): %2").arg(path, errnoText(err));
        return false;
    }
    if (retryClose(fd) != 0) {
        if (error)
            *error = QStringLiteral("关闭 %1 失败: %2").arg(path, errnoText(errno));
        return false;
    }
    return true;
}

FileLayer::RenameResult FileLayer::renameNoReplace(const QString &from, const QString &to, QString *error)
{
    const QByteArray f = native(from);
    const QByteArray t = native(to);
    auto failed = [&](int err) {
        if (err == EEXIST)
            return RenameResult::TargetExists;
        if (error)
            *error = QStringLiteral("无法将 %1 改名为 %2: %3").arg(from, to, errnoText(err));
        return RenameResult::Failed;
    };
    if (::renameat2(AT_FDCWD, f.constData(), AT_FDCWD, t.constData(), RENAME_NOREPLACE) == 0)
        return RenameResult::Ok;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return failed(errno);
    // No RENAME_NOREPLACE here (CIFS, many FUSE file systems): link() never replaces either.
    if (::link(f.constData(), t.constData()) == 0) {
        ::unlink(f.constData()); // a leftover temp name is harmless; the final name is complete
        return RenameResult::Ok;
    }
    if (errno != EPERM && errno != ENOSYS && errno != EOPNOTSUPP && errno != EMLINK && errno != EXDEV)
        return failed(errno);
    // Neither: check, then rename. Only this kiosk ever writes into its own kiosk=<k> folder and
    // only one sync runs at a time, so nobody can create the name between the two calls.
    if (exists(to))
        return RenameResult::TargetExists;
    if (std::rename(f.constData(), t.constData()) != 0)
        return failed(errno);
    return RenameResult::Ok;
}

bool FileLayer::renameReplace(const QString &from, const QString &to, QString *error)
{
    if (std::rename(native(from).constData(), native(to).constData()) == 0)
        return true;
    if (error)
        *error = QStringLiteral("无法将 %1 改名为 %2: %3").arg(from, to, errnoText(errno));
    return false;
}

bool FileLayer::syncDir(const QString &dir, QString *error)
{
    const int fd = ::open(native(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("无法打开文件夹 %1: %2").arg(dir, errnoText(errno));
        return false;
    }
    // Some network file systems refuse fsync on a directory (EINVAL): they commit renames on
    // the server synchronously, so there is nothing left to flush.
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) {
        if (error)
            *error = QStringLiteral("同步文件夹 %1 失败 (fsync): %2").arg(dir, errnoText(err));
        return false;
    }
    return true;
}

std::optional<QByteArray> FileLayer::readAll(const QString &path, qint64 maxBytes, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("无法读取 %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > maxBytes) {
        if (error)
            *error = QStringLiteral("%1 过大 (%2 字节)").arg(path).arg(f.size());
        return std::nullopt;
    }
    QByteArray data = f.read(maxBytes + 1);
    if (f.error() != QFileDevice::NoError || data.size() > maxBytes) {
        if (error)
            *error = QStringLiteral("读取 %1 失败: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return data;
}

bool FileLayer::remove(const QString &path)
{
    return ::unlink(native(path).constData()) == 0;
}
