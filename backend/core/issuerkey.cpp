#include "issuerkey.h"
#include "logging.h"
#include "membercode.h"
#include "signedtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

static_assert(IssuerKey::SecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(IssuerKey::PublicKeyBytes == crypto_sign_PUBLICKEYBYTES);

namespace {

void fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

unsigned char *bytes(QByteArray &a)
{
    return reinterpret_cast<unsigned char *>(a.data());
}

bool writeNew(const QString &path, const QByteArray &content, QFileDevice::Permissions mode, QString *error)
{
    QFile file(path);
    // NewOnly with permissions creates the file with its final mode in one step: the secret key
    // is never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, mode)) {
        fail(error, QStringLiteral("无法创建 %1：%2").arg(path, file.errorString()));
        return false;
    }
    if (file.write(content) != content.size() || !file.flush()) {
        fail(error, QStringLiteral("无法写入 %1：%2").arg(path, file.errorString()));
        file.close();
        file.remove();
        return false;
    }
    file.close();
    return true;
}

} // namespace

IssuerKey::IssuerKey(QString issuer, QByteArray secretKey)
    : m_issuer(std::move(issuer)), m_secretKey(std::move(secretKey))
{
}

IssuerKey IssuerKey::generate(const QString &issuer)
{
    if (sodium_init() < 0 || !MemberCode::isValidId(issuer))
        return {};
    QByteArray pk(PublicKeyBytes, Qt::Uninitialized);
    QByteArray sk(SecretKeyBytes, Qt::Uninitialized);
    crypto_sign_keypair(bytes(pk), bytes(sk));
    return IssuerKey(issuer, sk);
}

std::optional<IssuerKey> IssuerKey::load(const QString &keyPath, const QString &issuer, QString *error)
{
    if (sodium_init() < 0) {
        fail(error, QStringLiteral("libsodium 初始化失败"));
        return std::nullopt;
    }
    const QFileInfo info(keyPath);
    const QString id = issuer.isEmpty() ? info.completeBaseName() : issuer;
    if (!MemberCode::isValidId(id)) {
        fail(error, QStringLiteral("签发单位编号“%1”无效").arg(id));
        return std::nullopt;
    }
    QFile file(keyPath);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("无法读取私钥 %1：%2").arg(keyPath, file.errorString()));
        return std::nullopt;
    }
    const QByteArray content = file.read(1024).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(content, QByteArray::AbortOnBase64DecodingErrors);
    if (!file.atEnd() || !decoded || decoded.decoded.size() != SecretKeyBytes) {
        fail(error, QStringLiteral("%1 不是 64 字节 Ed25519 私钥的 base64").arg(keyPath));
        return std::nullopt;
    }
    // Re-derive the pair from the seed: a key file whose halves disagree would sign codes that
    // no kiosk can verify, which is better found now than at the kiosk.
    const QByteArray &sk = decoded.decoded;
    QByteArray pk(PublicKeyBytes, Qt::Uninitialized);
    QByteArray derived(SecretKeyBytes, Qt::Uninitialized);
    crypto_sign_seed_keypair(bytes(pk), bytes(derived), bytes(sk));
    const bool match = sodium_memcmp(derived.constData(), sk.constData(), SecretKeyBytes) == 0;
    sodium_memzero(derived.data(), derived.size());
    if (!match) {
        fail(error, QStringLiteral("%1 已损坏：公钥部分与种子不符").arg(keyPath));
        return std::nullopt;
    }
    return IssuerKey(id, sk);
}

QByteArray IssuerKey::publicKey() const
{
    return isNull() ? QByteArray() : m_secretKey.right(PublicKeyBytes);
}

QByteArray IssuerKey::publicKeyBase64() const
{
    return publicKey().toBase64();
}

bool IssuerKey::save(const QString &dir, QString *error) const
{
    if (isNull()) {
        fail(error, QStringLiteral("没有可保存的密钥"));
        return false;
    }
    QDir folder(dir);
    if (!folder.mkpath(QStringLiteral("."))) {
        fail(error, QStringLiteral("无法创建目录 %1").arg(dir));
        return false;
    }
    const QString keyPath = folder.filePath(m_issuer + QLatin1String(".key"));
    const QString pubPath = folder.filePath(m_issuer + QLatin1String(".pub"));
    for (const QString &path : {keyPath, pubPath}) {
        if (QFileInfo::exists(path)) {
            fail(error, QStringLiteral("%1 已存在，不会覆盖（覆盖私钥会让已发出的党员码全部失效）").arg(path));
            return false;
        }
    }
    if (!writeNew(keyPath, m_secretKey.toBase64() + '\n', QFileDevice::ReadOwner | QFileDevice::WriteOwner, error))
        return false;
    const auto publicMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
            | QFileDevice::ReadOther;
    if (!writeNew(pubPath, publicKeyBase64() + '\n', publicMode, error)) {
        QFile::remove(keyPath); // all or nothing: a key without its .pub would be refused next time
        return false;
    }
    qCInfo(lcCore).noquote() << "saved issuer key pair" << keyPath << pubPath;
    return true;
}

QString IssuerKey::sign(const MemberCode &code, QString *error) const
{
    if (isNull()) {
        fail(error, QStringLiteral("没有私钥，无法签发"));
        return {};
    }
    if (!code.issuer.isEmpty() && code.issuer != m_issuer) {
        fail(error, QStringLiteral("党员码的签发单位“%1”与私钥的签发单位“%2”不符").arg(code.issuer, m_issuer));
        return {};
    }
    MemberCode own = code;
    own.issuer = m_issuer;
    if (const QString problem = own.validate(); !problem.isEmpty()) {
        fail(error, problem);
        return {};
    }
    const QByteArray message = SignedText::message("DQM1.", own.payloadJson());
    const QByteArray text = message + '.' + signDetached(message).toBase64(SignedText::urlOptions);
    if (text.size() > MemberCode::MaxTextBytes) {
        fail(error, QStringLiteral("党员码超过 %1 字节（%2 字节）：请缩短姓名或组织名称")
                            .arg(MemberCode::MaxTextBytes).arg(text.size()));
        return {};
    }
    return QString::fromLatin1(text);
}

QByteArray IssuerKey::signDetached(const QByteArray &message) const
{
    if (isNull())
        return {};
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(bytes(signature), nullptr, bytes(message), static_cast<unsigned long long>(message.size()),
                         bytes(m_secretKey));
    return signature;
}
