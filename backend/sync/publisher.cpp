#include "publisher.h"
#include "clock.h"
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

bool Publisher::publish(const QString &keyPath, const QString &dirPath, DistributionManifest *manifest, QString *error)
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
