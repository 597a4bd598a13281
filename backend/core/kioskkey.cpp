#include "kioskkey.h"
#include "logging.h"
#include "membercode.h"
#include "receipt.h"
#include "receiptverifier.h"
#include "signedtext.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

namespace {

void fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Creates `path` with the secret key, atomically and only if it does not exist yet: a temporary
// file created with mode 0600 from the start, written, fsynced, then link()ed to the final name
// (link never replaces) and the folder fsynced. Returns false with errno-based `error` on failure;
// `*existed` is set when another start won the race (then its key is the one to load).
bool createKeyFile(const QString &dir, const QString &path, const QByteArray &content, bool *existed, QString *error)
{
    *existed = false;
    const QByteArray temp = QFile::encodeName(path + QStringLiteral(".tmp-%1").arg(::getpid()));
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail(error, QStringLiteral("无法创建 %1：%2").arg(QFile::decodeName(temp), QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    const bool written = writeAll(fd, content) && ::fsync(fd) == 0;
    const int writeErrno = errno;
    ::close(fd);
    if (!written) {
        ::unlink(temp.constData());
        fail(error, QStringLiteral("无法写入终端密钥：%1").arg(QString::fromLocal8Bit(std::strerror(writeErrno))));
        return false;
    }
    const int linked = ::link(temp.constData(), QFile::encodeName(path).constData());
    const int linkErrno = errno;
    ::unlink(temp.constData());
    if (linked != 0) {
        *existed = linkErrno == EEXIST;
        fail(error, QStringLiteral("无法保存终端密钥 %1：%2").arg(path, QString::fromLocal8Bit(std::strerror(linkErrno))));
        return false;
    }
    const int dirFd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return true;
}

} // namespace

KioskKey::KioskKey(IssuerKey key, QString centreId, QString kioskId)
    : m_key(std::move(key)), m_centreId(std::move(centreId)), m_kioskId(std::move(kioskId))
{
}

std::optional<KioskKey> KioskKey::loadOrCreate(const QString &dataDir, const QString &centreId,
                                               const QString &kioskId, QString *error)
{
    if (sodium_init() < 0 || !MemberCode::isValidId(centreId) || !MemberCode::isValidId(kioskId)) {
        fail(error, QStringLiteral("无法建立终端密钥：中心或终端编号无效"));
        return std::nullopt;
    }
    QDir dir(dataDir);
    if (dataDir.isEmpty() || !dir.mkpath(QStringLiteral("."))) {
        fail(error, QStringLiteral("无法创建数据目录 %1").arg(dataDir));
        return std::nullopt;
    }
    const QString path = dir.filePath(fileName());
    if (!QFile::exists(path)) {
        QByteArray pk(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
        QByteArray sk(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
        crypto_sign_keypair(reinterpret_cast<unsigned char *>(pk.data()), reinterpret_cast<unsigned char *>(sk.data()));
        const QByteArray content = sk.toBase64() + '\n';
        sodium_memzero(sk.data(), size_t(sk.size()));
        bool existed = false;
        if (!createKeyFile(dir.absolutePath(), path, content, &existed, error) && !existed)
            return std::nullopt;
        if (!existed)
            qCInfo(lcCore).noquote() << "created the kiosk's receipt key" << path << "public" << pk.toBase64();
    }
    auto key = IssuerKey::load(path, kioskId, error);
    if (!key)
        return std::nullopt;
    return KioskKey(*key, centreId, kioskId);
}

QString KioskKey::sign(const Receipt &receipt, QString *error) const
{
    if (receipt.centreId != m_centreId || receipt.kioskId != m_kioskId) {
        fail(error, QStringLiteral("回执的中心/终端与本终端密钥不符"));
        return {};
    }
    if (const QString problem = receipt.validate(); !problem.isEmpty()) {
        fail(error, problem);
        return {};
    }
    const QByteArray message = SignedText::message(ReceiptVerifier::Prefix, receipt.payloadJson());
    const QByteArray text = message + '.' + m_key.signDetached(message).toBase64(SignedText::urlOptions);
    if (text.size() > Receipt::MaxTextBytes) {
        fail(error, QStringLiteral("回执超过 %1 字节（%2 字节）").arg(Receipt::MaxTextBytes).arg(text.size()));
        return {};
    }
    return QString::fromLatin1(text);
}
