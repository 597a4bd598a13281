#pragma once
#include <QList>
#include <QString>
#include <QStringList>

struct ExportTarget
{
    QString label;      // what the staff member taps: "共享文件夹", "U盘 KINGSTON"
    QString path;       // the folder written to (created when needed)
    bool removable = false;
};

// Where an export may go (issue 9): the share's exports/<centre>/ when the share is online, and
// every removable medium the desktop automounted under /media or /run/media. The mount table
// and the roots are injected so tests list their own "USB sticks".
class ExportTargets
{
public:
    explicit ExportTargets(QString mountsFile = QStringLiteral("/proc/self/mounts"),
                           QStringList roots = {QStringLiteral("/media"), QStringLiteral("/run/media")});

    // `shareRoot` empty or `shareOnline` false: no share entry (never write into an unmounted
    // mount point, design.md §5).
    QList<ExportTarget> list(const QString &shareRoot, const QString &centreId, bool shareOnline) const;
    QStringList removableMounts() const;

    // /proc/mounts writes a space in a path as \040 (and tab, newline, backslash likewise).
    static QString decodeMountPath(const QByteArray &field);

private:
    QString m_mountsFile;
    QStringList m_roots;
};
