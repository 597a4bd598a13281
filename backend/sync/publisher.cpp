#include "publisher.h"
#include "clock.h"
#include "contentvalidator.h"
#include "roster.h"
#include "issuerkey.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <sodium.h>

namespace {

bool writeAtomically(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool hashFile(const QString &path, QByteArray *hex, qint64 *size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return false;
    *hex = h.result().toHex();
    *size = f.size();
    return true;
}

} // namespace

bool Publisher::publish(const QString &keyPath, const QString &dirPath, DistributionManifest *manifest, QString *error,
                        bool checkContent)
{
    // IssuerKey::load checks the file (size, public half matching the seed) and names the issuer.
    const auto key = IssuerKey::load(keyPath, {}, error);
    if (!key)
        return false;
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(keyPath);
        return false;
    }
    const QByteArray secret = QByteArray::fromBase64(keyFile.read(4096).trimmed());
    if (sodium_init() < 0 || secret.size() != crypto_sign_SECRETKEYBYTES) {
        *error = QStringLiteral("%1 is not an Ed25519 secret key").arg(keyPath);
        return false;
    }

    const QDir dir(QFileInfo(dirPath).absoluteFilePath()); // relativeFilePath() needs absolute paths
    if (!dir.exists()) {
        *error = QStringLiteral("folder %1 does not exist").arg(dirPath);
        return false;
    }
    DistributionManifest m;
    m.issuer = key->issuer();
    m.createdUtc = SystemClock().utcStamp();
    if (QFile old(dir.filePath(QStringLiteral("manifest.json"))); old.open(QIODevice::ReadOnly)) {
        DistributionManifest previous;
        QString ignored;
        if (DistributionManifest::parse(old.readAll(), &previous, &ignored))
            m.version = previous.version;
    }
    m.version += 1;

    QStringList paths;
    QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories); // hidden files are skipped
    while (it.hasNext())
        paths << dir.relativeFilePath(it.next());
    paths.sort();
    QStringList refused;
    for (const QString &p : std::as_const(paths)) {
        if (p == u"manifest.json" || p == u"manifest.json.sig")
            continue;
        if (!DistributionManifest::isSafePath(p)) {
            refused << p;
            continue;
        }
        DistributionFile f;
        f.path = p;
        if (!hashFile(dir.filePath(p), &f.sha256, &f.size)) {
            *error = QStringLiteral("cannot read %1").arg(dir.filePath(p));
            return false;
        }
        m.files.append(f);
    }
    if (!refused.isEmpty()) {
        *error = QStringLiteral("these files are not in a known folder (roster, events, quiz, videos, announcements, "
                                "organisations, revoked, trusted-kiosks, cards) or have unsafe names; nothing was published: %1")
                         .arg(refused.join(QLatin1String(", ")));
        return false;
    }
    // What a kiosk would refuse is refused here, by the same parsers (ContentValidator, as
    // Distribution runs it on the staged set) and the roster's check across files
    // (RosterImporter: a member id in two files keeps the previous members): signing a set every
    // kiosk throws away would only hide the problem until someone asks why nothing changed.
    QStringList problems;
    QHash<QString, QString> rosterIdIn;
    for (const DistributionFile &f : checkContent ? std::as_const(m.files) : QList<DistributionFile>()) {
        problems += ContentValidator::validate(dir.path(), f.path);
        const QStringList parts = f.path.split(u'/');
        if (parts.size() == 2 && parts.at(0) == u"roster"
            && (f.path.endsWith(QLatin1String(".csv")) || f.path.endsWith(QLatin1String(".json")))) {
            for (const RosterMember &member : Roster::load(dir.filePath(f.path)).members) {
                if (const auto seen = rosterIdIn.constFind(member.memberId); seen != rosterIdIn.constEnd())
                    problems << QStringLiteral("%1: 党员编号“%2”在 %3 中已出现").arg(f.path, member.memberId, *seen);
                else
                    rosterIdIn.insert(member.memberId, f.path);
            }
        }
    }
    if (!problems.isEmpty()) {
        *error = QStringLiteral("%1 problem(s); the kiosks would refuse this set, nothing was published:\n  %2")
                         .arg(problems.size())
                         .arg(problems.join(QStringLiteral("\n  ")));
        return false;
    }

    const QByteArray json = m.toJson();
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(json.constData()), quint64(json.size()),
                         reinterpret_cast<const unsigned char *>(secret.constData()));
    // Signature first: a kiosk that reads the new signature with the old manifest refuses the
    // pair and tries again next time, when the new manifest is there.
    if (!writeAtomically(dir.filePath(QStringLiteral("manifest.json.sig")), signature.toBase64() + '\n', error)
        || !writeAtomically(dir.filePath(QStringLiteral("manifest.json")), json, error))
        return false;
    *manifest = m;
    return true;
}
