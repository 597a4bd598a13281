#include "demosetup.h"
#include "logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

DemoSetup::DemoSetup(QString dir, QString samplesDir)
    : m_dir(QDir::cleanPath(QDir().absoluteFilePath(dir)))
    , m_samplesDir(std::move(samplesDir))
{
}

QString DemoSetup::configPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("kiosk.ini"));
}

bool DemoSetup::writeFileIfMissing(const QString &relative, const QByteArray &content)
{
    const QString path = QDir(m_dir).filePath(relative);
    if (QFileInfo::exists(path))
        return true;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit()) {
        m_error = QStringLiteral("无法写入演示文件 %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool DemoSetup::copyTreeIfMissing(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) {
        m_error = QStringLiteral("无法创建文件夹 %1").arg(to);
        return false;
    }
    if (!QFileInfo(from).isDir())
        return true; // nothing to copy is not an error: the folder just stays empty
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = QDir(to).filePath(QDir(from).relativeFilePath(src));
        if (QFileInfo::exists(dst))
            continue;
        QDir().mkpath(QFileInfo(dst).absolutePath());
        if (!QFile::copy(src, dst)) {
            m_error = QStringLiteral("无法复制 %1 到 %2").arg(src, dst);
            return false;
        }
    }
    return true;
}

bool DemoSetup::prepare()
{
    const QByteArray ini =
        "; Demo kiosk created by dangqun-kiosk --demo. See kiosk-config/kiosk.example.ini for every key.\n"
        "[centre]\n"
        "id=demo-centre\n"
        "name=幸福社区党群服务中心\n"
        "issuer=demo-street\n"
        "[kiosk]\n"
        "id=kiosk-01\n"
        "orientation=portrait\n"
        "idle_timeout_s=60\n"
        "result_screen_s=4\n"
        "[share]\n"
        "path=share\n"
        "id=demo-share\n"
        "[paths]\n"
        "data_dir=data\n"
        "media_dir=media\n"
        "content_dir=content\n"
        "trusted_issuers_dir=trusted-issuers\n";
    const QByteArray marker = "{\"share_id\": \"demo-share\", \"format\": 1}\n";
    const bool ok = writeFileIfMissing(QStringLiteral("kiosk.ini"), ini)
        && writeFileIfMissing(QStringLiteral("share/.dangqun-share"), marker)
        && QDir().mkpath(QDir(m_dir).filePath(QStringLiteral("data")))
        && copyTreeIfMissing(QDir(m_samplesDir).filePath(QStringLiteral("media")),
                             QDir(m_dir).filePath(QStringLiteral("media")))
        && copyTreeIfMissing(QDir(m_samplesDir).filePath(QStringLiteral("content")),
                             QDir(m_dir).filePath(QStringLiteral("content")))
        && copyTreeIfMissing(QDir(m_samplesDir).filePath(QStringLiteral("trusted-issuers")),
                             QDir(m_dir).filePath(QStringLiteral("trusted-issuers")));
    if (!ok)
        qCCritical(lcStorage).noquote() << m_error;
    else
        qCInfo(lcStorage).noquote() << "demo installation ready in" << m_dir;
    return ok;
}
