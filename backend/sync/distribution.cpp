#include "distribution.h"
#include "contentvalidator.h"
#include "synclogging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr qint64 maxManifestBytes = 8 * 1024 * 1024;
const QString appliedManifestName = QStringLiteral(".manifest.json");

std::optional<QByteArray> readSmall(const QString &path, qint64 max)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > max)
        return std::nullopt;
    QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return std::nullopt;
    return data;
}

bool fsyncPath(const QString &path, bool dir)
{
    const int fd = ::open(QFile::encodeName(path).constData(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0 || errno == EINVAL;
    ::close(fd);
    return ok;
}

DistributionManifest appliedManifest(const QString &contentDir)
{
    DistributionManifest m;
    QString ignored;
    if (const auto bytes = readSmall(QDir(contentDir).filePath(appliedManifestName), maxManifestBytes))
        DistributionManifest::parse(*bytes, &m, &ignored);
    return m;
}

} // namespace

Distribution::Distribution(QString shareRoot, QString contentDir, QString trustedIssuersDir, QStringList allowedIssuers)
    : m_shareRoot(std::move(shareRoot))
    , m_contentDir(QDir::cleanPath(std::move(contentDir)))
    , m_trustedIssuersDir(std::move(trustedIssuersDir))
    , m_allowedIssuers(std::move(allowedIssuers))
{
}

QString Distribution::manifestPath(const QString &shareRoot)
{
    return QDir(shareRoot).filePath(QStringLiteral("distribution/manifest.json"));
}

qint64 Distribution::appliedVersion() const
{
    return appliedManifest(m_contentDir).version;
}

bool Distribution::verify(const QByteArray &message, const QByteArray &signatureBase64, const QByteArray &publicKey)
{
    if (sodium_init() < 0 || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(signatureBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(decoded.decoded.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       quint64(message.size()),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData()))
            == 0;
}

QByteArray Distribution::publicKeyOf(const QString &issuer) const
{
    // The same file format MemberCodeVerifier reads: standard base64 of the 32-byte key.
    const auto text = readSmall(QDir(m_trustedIssuersDir).filePath(issuer + QLatin1String(".pub")), 1024);
    if (!text)
        return {};
    const auto key = QByteArray::fromBase64Encoding(text->trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    return key && key.decoded.size() == crypto_sign_PUBLICKEYBYTES ? key.decoded : QByteArray();
}

DistributionResult Distribution::reject(qint64 version, const QString &why)
{
    qCWarning(lcSync).noquote() << "distribution version" << version << "refused:" << why;
    return {DistributionResult::Outcome::Rejected, version, QStringLiteral("下发内容（版本 %1）被拒绝：%2").arg(version).arg(why)};
}

DistributionResult Distribution::update(const std::atomic_bool *cancel)
{
    using O = DistributionResult::Outcome;
    const QString manifestFile = manifestPath(m_shareRoot);
    if (m_contentDir.isEmpty() || !QFileInfo::exists(manifestFile))
        return {O::Unchanged, appliedVersion(), {}};
    const auto bytes = readSmall(manifestFile, maxManifestBytes);
    const auto sig = readSmall(manifestFile + QLatin1String(".sig"), 4096);
    if (!bytes)
        return {O::Failed, 0, QStringLiteral("无法读取下发清单 %1").arg(manifestFile)};
    // Manifest and signature together: publish replaces them one after the other, and a kiosk
    // reading between the two must try again once the pair is complete.
    const QByteArray manifestHash = QCryptographicHash::hash(*bytes + '\n' + sig.value_or(QByteArray()),
                                                             QCryptographicHash::Sha256);
    if (manifestHash == m_rejectedManifestHash)
        return m_rejected;

    DistributionResult result = [&]() -> DistributionResult {
        if (!sig)
            return reject(0, QStringLiteral("缺少签名文件 manifest.json.sig"));
        // Which key to try is named inside the (not yet trusted) manifest; the signature check
        // then decides. Nothing else in it is used before the signature verifies.
        DistributionManifest named;
        QString error;
        DistributionManifest::parse(*bytes, &named, &error);
        bool verified = false;
        for (const QString &issuer : m_allowedIssuers) {
            if ((named.issuer.isEmpty() || named.issuer == issuer) && verify(*bytes, *sig, publicKeyOf(issuer)))
                verified = true;
        }
        if (!verified)
            return reject(named.version, QStringLiteral("签名无效（不是由受信任的发布方 %1 签名）").arg(m_allowedIssuers.join(u'、')));
        DistributionManifest m;
        if (!DistributionManifest::parse(*bytes, &m, &error))
            return reject(named.version, error);
        const DistributionManifest applied = appliedManifest(m_contentDir);
        if (m.version <= applied.version)
            return {O::Unchanged, applied.version, {}}; // same, or an old one put back: never downgrade
        return {O::Applied, m.version, {}};
    }();
    if (result.outcome != O::Applied) {
        if (result.outcome == O::Rejected) {
            m_rejectedManifestHash = manifestHash;
            m_rejected = result;
        }
        return result;
    }

    DistributionManifest m;
    QString error;
    DistributionManifest::parse(*bytes, &m, &error);
    const DistributionManifest applied = appliedManifest(m_contentDir);
    const QFileInfo content(m_contentDir);
    const QString staging = QDir(content.absolutePath()).filePath(QStringLiteral(".%1.staging").arg(content.fileName()));
    QDir(staging).removeRecursively(); // what a crash left behind
    if (!QDir().mkpath(staging))
        return {O::Failed, m.version, QStringLiteral("无法创建暂存文件夹 %1").arg(staging)};

    for (const DistributionFile &f : std::as_const(m.files)) {
        bool contentError = false;
        if (!stageFile(f, staging, applied, cancel, &error, &contentError)) {
            QDir(staging).removeRecursively();
            if (contentError) {
                m_rejectedManifestHash = manifestHash;
                m_rejected = reject(m.version, error);
                return m_rejected;
            }
            return {O::Failed, m.version, QStringLiteral("下发内容（版本 %1）复制失败：%2").arg(m.version).arg(error)};
        }
    }
    QStringList problems;
    for (const DistributionFile &f : std::as_const(m.files))
        problems += ContentValidator::validate(staging, f.path);
    if (!problems.isEmpty()) {
        QDir(staging).removeRecursively();
        m_rejectedManifestHash = manifestHash;
        m_rejected = reject(m.version, problems.mid(0, 5).join(QStringLiteral("；")));
        return m_rejected;
    }
    QFile appliedFile(QDir(staging).filePath(appliedManifestName));
    if (!appliedFile.open(QIODevice::WriteOnly) || appliedFile.write(*bytes) != bytes->size() || !appliedFile.flush()
        || ::fsync(appliedFile.handle()) != 0) {
        QDir(staging).removeRecursively();
        return {O::Failed, m.version, QStringLiteral("无法写入暂存文件夹 %1").arg(staging)};
    }
    appliedFile.close();
    if (!swapIn(staging, &error)) {
        QDir(staging).removeRecursively();
        return {O::Failed, m.version, error};
    }
    qCInfo(lcSync).noquote() << "distribution version" << m.version << "in service:" << m.files.size() << "files";
    return {O::Applied, m.version, {}};
}

bool Distribution::stageFile(const DistributionFile &file, const QString &staging, const DistributionManifest &applied,
                             const std::atomic_bool *cancel, QString *error, bool *contentError)
{
    const QString target = QDir(staging).filePath(file.path);
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        *error = QStringLiteral("无法创建文件夹 %1").arg(QFileInfo(target).absolutePath());
        return false;
    }
    // Unchanged since the set in service: a hard link costs nothing (videos are large).
    for (const DistributionFile &old : applied.files) {
        if (old.path == file.path && old.sha256 == file.sha256 && old.size == file.size) {
            const QString current = QDir(m_contentDir).filePath(file.path);
            if (QFileInfo(current).size() == file.size
                && ::link(QFile::encodeName(current).constData(), QFile::encodeName(target).constData()) == 0)
                return true;
        }
    }
    QFile in(QDir(m_shareRoot).filePath(QStringLiteral("distribution/") + file.path));
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: 无法读取（%2）").arg(file.path, in.errorString());
        *contentError = !in.exists() && QFileInfo::exists(m_shareRoot); // listed but missing
        return false;
    }
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("无法写入暂存文件 %1").arg(target);
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk;
    qint64 total = 0;
    while (true) {
        if (cancel && cancel->load()) {
            *error = QStringLiteral("已取消");
            return false;
        }
        chunk = in.read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        total += chunk.size();
        if (total > file.size) {
            *error = QStringLiteral("%1: 文件比清单所写的 %2 字节大").arg(file.path).arg(file.size);
            *contentError = true;
            return false;
        }
        hash.addData(chunk);
        if (out.write(chunk) != chunk.size()) {
            *error = QStringLiteral("写入暂存文件 %1 失败：%2").arg(target, out.errorString());
            return false;
        }
    }
    if (in.error() != QFileDevice::NoError) {
        *error = QStringLiteral("%1: 读取中断（%2）").arg(file.path, in.errorString());
        return false;
    }
    if (total != file.size) {
        *error = QStringLiteral("%1: 文件不完整（%2 字节，清单写 %3 字节）").arg(file.path).arg(total).arg(file.size);
        *contentError = true;
        return false;
    }
    if (hash.result().toHex() != file.sha256) {
        *error = QStringLiteral("%1: sha256 校验和与清单不符").arg(file.path);
        *contentError = true;
        return false;
    }
    if (!out.flush() || ::fsync(out.handle()) != 0) {
        *error = QStringLiteral("写入暂存文件 %1 失败（fsync）").arg(target);
        return false;
    }
    return true;
}

bool Distribution::swapIn(const QString &staging, QString *error)
{
    const QByteArray from = QFile::encodeName(staging);
    const QByteArray to = QFile::encodeName(m_contentDir);
    const QString parent = QFileInfo(m_contentDir).absolutePath();
    if (!QFileInfo(m_contentDir).isDir()) {
        if (std::rename(from.constData(), to.constData()) != 0) {
            *error = QStringLiteral("无法启用新内容 %1").arg(m_contentDir);
            return false;
        }
        fsyncPath(parent, true);
        return true;
    }
    // One atomic step: readers see the old set or the new set, never a mix or nothing.
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_EXCHANGE) != 0) {
        *error = QStringLiteral("无法原子替换内容文件夹 %1：%2").arg(m_contentDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    fsyncPath(parent, true);
    QDir(staging).removeRecursively(); // now the previous set
    return true;
}
