#include "demosetup.h"
#include "issuerkey.h"
#include "logging.h"
#include "membercode.h"
#include "qrimage.h"
#include "roster.h"

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

QString DemoSetup::rosterPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("content/roster.csv"));
}

QString DemoSetup::memberCodesDir() const
{
    return QDir(m_dir).filePath(QStringLiteral("member-codes"));
}

bool DemoSetup::issueDemoCodes()
{
    const QString keyDir = QDir(m_dir).filePath(QStringLiteral("issuer-keys"));
    const QString keyPath = QDir(keyDir).filePath(issuerId() + QStringLiteral(".key"));
    std::optional<IssuerKey> key;
    if (QFileInfo::exists(keyPath)) {
        key = IssuerKey::load(keyPath, issuerId(), &m_error);
    } else {
        key = IssuerKey::generate(issuerId());
        if (!key->save(keyDir, &m_error))
            return false;
    }
    if (!key)
        return false;
    // The kiosk trusts the demo office, as a real kiosk trusts its street party committee.
    if (!writeFileIfMissing(QStringLiteral("trusted-issuers/") + issuerId() + QStringLiteral(".pub"),
                            key->publicKeyBase64() + '\n'))
        return false;

    const RosterResult roster = Roster::load(rosterPath());
    if (!roster.ok()) {
        m_error = roster.errors.join(QLatin1Char('\n'));
        return false;
    }
    QDir().mkpath(memberCodesDir());
    for (const RosterMember &m : roster.members) {
        const QString png = QDir(memberCodesDir()).filePath(m.memberId + QStringLiteral(".png"));
        if (QFileInfo::exists(png))
            continue;
        MemberCode code;
        code.memberId = m.memberId;
        code.name = m.name;
        code.org = m.organisation;
        code.kind = MemberCode::kindFromName(m.kind).value_or(MemberCode::Kind::Member);
        code.issuedAt = QDateTime::currentDateTimeUtc();
        const QString text = key->sign(code, &m_error);
        if (text.isEmpty() || !QrImage::render(text, 8).save(png)) {
            m_error = QStringLiteral("无法生成演示党员码 %1: %2").arg(png, m_error);
            return false;
        }
    }
    return true;
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

bool DemoSetup::copyFileIfMissing(const QString &from, const QString &to)
{
    if (QFileInfo::exists(to))
        return true;
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (!QFile::copy(from, to)) {
        m_error = QStringLiteral("无法复制 %1 到 %2").arg(from, to);
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
                             QDir(m_dir).filePath(QStringLiteral("trusted-issuers")))
        && copyFileIfMissing(QDir(m_samplesDir).filePath(QStringLiteral("roster.csv")), rosterPath())
        && issueDemoCodes();
    if (!ok)
        qCCritical(lcStorage).noquote() << m_error;
    else
        qCInfo(lcStorage).noquote() << "demo installation ready in" << m_dir;
    return ok;
}
