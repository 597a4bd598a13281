#pragma once
#include <QByteArray>
#include <QString>
#include <optional>

// The few file operations the sync performs on the share, with errors that are never ignored
// (design.md §5: "fsync errors are errors"). Virtual so tests can inject the faults a real share
// produces (full, read-only, vanishing mid-write) without needing root or a special mount.
class FileLayer
{
public:
    enum class RenameResult { Ok, TargetExists, Failed };

    virtual ~FileLayer() = default;

    virtual bool exists(const QString &path);
    virtual bool isDir(const QString &path);
    virtual bool mkpath(const QString &dir, QString *error);
    // Creates `path` (which must not exist), writes all of `data`, fsyncs and closes it.
    virtual bool writeNewDurable(const QString &path, const QByteArray &data, QString *error);
    // Renames without ever replacing an existing `to`: renameat2(RENAME_NOREPLACE), else
    // link()+unlink() (CIFS and some FUSE file systems lack the flag), else an existence check
    // followed by rename() when the file system has neither (only this kiosk writes its folder).
    virtual RenameResult renameNoReplace(const QString &from, const QString &to, QString *error);
    // rename() that may replace `to` (for our own heartbeat only).
    virtual bool renameReplace(const QString &from, const QString &to, QString *error);
    // Makes a rename durable: fsync of the folder holding the entry.
    virtual bool syncDir(const QString &dir, QString *error);
    // Reads at most `maxBytes`; nothing (and `error`) if the file is missing, unreadable or larger.
    virtual std::optional<QByteArray> readAll(const QString &path, qint64 maxBytes, QString *error);
    virtual bool remove(const QString &path);

    // "strerror text (errno name)" in one place, so every message reads alike.
    static QString errnoText(int err);
};
