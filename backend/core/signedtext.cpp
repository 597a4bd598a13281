#include "signedtext.h"

#include <sodium.h>

#include <cmath>

namespace SignedText {

std::optional<QByteArray> decodeBase64Url(const QByteArray &text)
{
    if (text.isEmpty())
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(text, urlOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.toBase64(urlOptions) != text)
        return std::nullopt;
    return result.decoded;
}

// (QStringDecoder::hasError misses a sequence cut off at the end; invalid bytes become U+FFFD,
// which encodes differently, so the round trip catches everything.)
bool isValidUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

std::optional<qint64> unixSeconds(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0 && d <= maxUnixSeconds) || d != std::floor(d))
        return std::nullopt;
    return static_cast<qint64>(d);
}

void appendJsonString(QByteArray &out, const QString &s)
{
    out += '"';
    for (const char c : s.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
}

std::optional<Parts> split(const QByteArray &text, qsizetype prefixLength, const char **problem)
{
    const QList<QByteArray> parts = text.mid(prefixLength).split('.');
    if (parts.size() != 2) {
        *problem = "not three dot-separated parts";
        return std::nullopt;
    }
    const auto payload = decodeBase64Url(parts[0]);
    const auto signature = decodeBase64Url(parts[1]);
    if (!payload || !signature) {
        *problem = "bad base64url";
        return std::nullopt;
    }
    if (signature->size() != crypto_sign_BYTES) {
        *problem = "signature is not 64 bytes";
        return std::nullopt;
    }
    if (!isValidUtf8(*payload)) {
        *problem = "payload is not UTF-8";
        return std::nullopt;
    }
    return Parts{*payload, *signature, prefixLength + parts[0].size()};
}

bool verify(const QByteArray &text, qsizetype signedLength, const QByteArray &signature, const QByteArray &publicKey)
{
    if (publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES
        || signedLength > text.size())
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(text.constData()),
                                       static_cast<unsigned long long>(signedLength),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData()))
            == 0;
}

QByteArray message(const char *prefix, const QByteArray &payloadJson)
{
    return QByteArray(prefix) + payloadJson.toBase64(urlOptions);
}

} // namespace SignedText
