#include "pinconfig.h"

#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>
#include <sys/stat.h>
#include <unistd.h>

QString PinConfig::withPinHash(const QString &iniText, const QString &hash)
{
    // Quoted: the hash holds commas, which QSettings would otherwise read as a list.
    const QString line = QStringLiteral("pin_hash=\"%1\"").arg(hash);
    QStringList lines = iniText.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    static const QRegularExpression section(QStringLiteral("^\\s*\\[(.*)\\]\\s*$"));
    static const QRegularExpression key(QStringLiteral("^\\s*pin_hash\\s*="));
    qsizetype adminAt = -1;
    qsizetype endOfAdmin = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto m = section.match(lines.at(i));
        if (m.hasMatch()) {
            if (adminAt >= 0 && endOfAdmin < 0)
                endOfAdmin = i;
            if (m.captured(1).trimmed() == u"admin")
                adminAt = i;
            continue;
        }
        if (adminAt >= 0 && endOfAdmin < 0 && key.match(lines.at(i)).hasMatch()) {
            lines[i] = line;
            return lines.join(u'\n') + u'\n';
        }
    }
    if (adminAt < 0) {
        lines << QString() << QStringLiteral("[admin]") << line;
    } else {
        qsizetype at = endOfAdmin < 0 ? lines.size() : endOfAdmin;
        while (at > adminAt + 1 && lines.at(at - 1).trimmed().isEmpty())
            --at; // keep the blank line that separates sections after the new key
        lines.insert(at, line);
    }
    return lines.join(u'\n') + u'\n';
}

bool PinConfig::writePinHash(const QString &iniPath, const QString &hash, QString *error)
{
    QFile in(iniPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(iniPath, in.errorString());
        return false;
    }
    const QByteArray text = withPinHash(QString::fromUtf8(in.readAll()), hash).toUtf8();
    in.close();
    // The installed kiosk.ini is 0640 root:kiosk (it holds the hash): QSaveFile keeps the mode of
    // the file it replaces but not its owner and group, so the kiosk could no longer read it.
    struct stat before {};
    const bool known = ::stat(QFile::encodeName(iniPath).constData(), &before) == 0;
    QSaveFile out(iniPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(iniPath, out.errorString());
        return false;
    }
    struct stat after {};
    if (known && ::stat(QFile::encodeName(iniPath).constData(), &after) == 0
        && (after.st_uid != before.st_uid || after.st_gid != before.st_gid)
        && ::chown(QFile::encodeName(iniPath).constData(), before.st_uid, before.st_gid) != 0) {
        *error = QStringLiteral("wrote %1 but could not give it back its owner and group (%2:%3): the kiosk may "
                                "not be able to read it")
                     .arg(iniPath).arg(before.st_uid).arg(before.st_gid);
        return false;
    }
    return true;
}
