#include "contentvalidator.h"
#include "announcements.h"
#include "eventcatalog.h"
#include "membercardcodes.h"
#include "membercode.h"
#include "organisationdirectory.h"
#include "quizbank.h"
#include "receiptverifier.h"
#include "revocationlist.h"
#include "roster.h"
#include "videomanifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace {

constexpr qint64 maxJsonBytes = 32 * 1024 * 1024;

bool isJson(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
}

QStringList prefixed(const QString &relativePath, const QStringList &problems)
{
    QStringList out;
    for (const QString &p : problems)
        out << QStringLiteral("%1: %2").arg(relativePath, p);
    return out;
}

} // namespace

QStringList ContentValidator::folders()
{
    return {QStringLiteral("roster"),        QStringLiteral("events"),        QStringLiteral("quiz"),
            QStringLiteral("videos"),        QStringLiteral("announcements"), QStringLiteral("organisations"),
            QStringLiteral("revoked"),       QStringLiteral("trusted-kiosks"), QStringLiteral("cards")};
}

QStringList ContentValidator::validateWithoutOwnParser(const QString &path, const QString &relativePath)
{
    if (!isJson(path))
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > maxJsonBytes)
        return {QStringLiteral("%1: 无法读取或文件过大").arg(relativePath)};
    QJsonParseError err;
    QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        return {QStringLiteral("%1: 不是有效的 JSON（第 %2 字节：%3）").arg(relativePath).arg(err.offset).arg(err.errorString())};
    return {};
}

QStringList ContentValidator::validate(const QString &stagedRoot, const QString &relativePath)
{
    const QString folder = relativePath.section(u'/', 0, 0);
    const QString path = QDir(stagedRoot).filePath(relativePath);
    if (folder == u"roster")
        return prefixed(relativePath, Roster::load(path).errors);
    if (folder == u"quiz") {
        if (!isJson(path) && !relativePath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            return {};
        return prefixed(relativePath, QuizBankReader::load(path).problemTexts());
    }
    if (folder == u"videos") {
        if (QFileInfo(relativePath).fileName() != u"videos.json")
            return {}; // media files: sha256 and size were checked by the copy
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || f.size() > maxJsonBytes)
            return {QStringLiteral("%1: 无法读取或文件过大").arg(relativePath)};
        // A distributed library must be complete: any problem (even one VideoManifest would
        // tolerate on a local folder) refuses the set, so staff see it at once.
        return prefixed(relativePath, VideoManifest::parse(f.readAll(), QFileInfo(path).absolutePath()).problems);
    }
    if (folder == u"events" && isJson(path))
        return prefixed(relativePath, EventCatalog::load(path).problems);
    if (folder == u"trusted-kiosks") {
        // Exactly <centre>/<kiosk>.pub with valid ids and a real key: a home branch takes this
        // folder as the list of kiosks whose receipts it believes (verify-receipt --trusted).
        const QStringList parts = relativePath.split(u'/');
        QString error;
        if (parts.size() != 3 || !parts.at(2).endsWith(QLatin1String(".pub")) || !MemberCode::isValidId(parts.at(1))
            || !MemberCode::isValidId(parts.at(2).chopped(4)))
            return {QStringLiteral("%1: 受信任终端文件须为 trusted-kiosks/<中心>/<终端>.pub").arg(relativePath)};
        if (ReceiptVerifier::readPublicKey(path, &error).isEmpty())
            return {QStringLiteral("%1: %2").arg(relativePath, error)};
        return {};
    }
    if (folder == u"organisations" && isJson(path)) {
        QString error;
        OrganisationDirectory::load(path, &error);
        return error.isEmpty() ? QStringList() : QStringList{QStringLiteral("%1: %2").arg(relativePath, error)};
    }
    if (folder == u"announcements") {
        // announcements.json names its pictures; they must be in the same (staged) folder.
        // The pictures themselves are checked by sha256 and size, like media files.
        if (QFileInfo(relativePath).fileName() == Announcements::fileName())
            return prefixed(relativePath, Announcements::load(QFileInfo(path).absolutePath()).problems);
        return validateWithoutOwnParser(path, relativePath); // other files are not read by the kiosk
    }
    if (folder == u"cards" && isJson(path))
        return prefixed(relativePath, MemberCardCodes::load(path).errors);
    if (folder == u"revoked" && isJson(path))
        return prefixed(relativePath, RevocationList::load(path).errors);
    return validateWithoutOwnParser(path, relativePath);
}
