#include "exporttargets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

ExportTargets::ExportTargets(QString mountsFile, QStringList roots)
    : m_mountsFile(std::move(mountsFile)), m_roots(std::move(roots))
{
}

QString ExportTargets::decodeMountPath(const QByteArray &field)
{
    QByteArray out;
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field.at(i) == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int c = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out += char(c);
                i += 3;
                continue;
            }
        }
        out += field.at(i);
    }
    return QFile::decodeName(out);
}

QStringList ExportTargets::removableMounts() const
{
    QStringList out;
    QFile f(m_mountsFile);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 4)
            continue;
        const QString mountPoint = decodeMountPath(fields.at(1));
        const bool readOnly = fields.at(3).split(',').contains("ro");
        for (const QString &root : m_roots) {
            const QString prefix = QDir::cleanPath(root) + u'/';
            if (!readOnly && mountPoint.startsWith(prefix) && !out.contains(mountPoint))
                out << mountPoint;
        }
    }
    return out;
}

QList<ExportTarget> ExportTargets::list(const QString &shareRoot, const QString &centreId, bool shareOnline) const
{
    QList<ExportTarget> out;
    if (shareOnline && !shareRoot.isEmpty())
        out.append({QStringLiteral("共享文件夹"), QDir(shareRoot).filePath(QStringLiteral("exports/") + centreId), false});
    for (const QString &mount : removableMounts())
        out.append({QStringLiteral("U盘 %1").arg(QFileInfo(mount).fileName()), mount, true});
    return out;
}
