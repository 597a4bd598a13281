#pragma once
#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <optional>

// The encoding rules every signed QR text of ours follows (design.md §3): "<PREFIX><payload>.<sig>"
// with `payload` = strict base64url (no padding) of compact UTF-8 JSON and `sig` = base64url of
// an Ed25519 signature over the ASCII bytes "<PREFIX><payload>". Member codes (DQM1.) and
// attendance receipts (DQR1.) share them, so both are parsed by exactly the same strict rules.
namespace SignedText {

inline constexpr QByteArray::Base64Options urlOptions =
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
// 9999-12-31T23:59:59Z: beyond it QDateTime and every spreadsheet we export to give up.
inline constexpr double maxUnixSeconds = 253402300799.0;

// A text split into its parts, not yet verified.
struct Parts
{
    QByteArray payload;    // decoded payload bytes (valid UTF-8)
    QByteArray signature;  // 64 bytes
    qsizetype signedLength = 0; // bytes of the text covered by the signature
};

// Strict base64url: the alphabet only, no padding, and the canonical encoding of the decoded
// bytes, so one code has exactly one text (no silently ignored trailing bits).
std::optional<QByteArray> decodeBase64Url(const QByteArray &text);
// Valid UTF-8 is exactly what survives a round trip through QString.
bool isValidUtf8(const QByteArray &bytes);
// A whole number of seconds within [0, maxUnixSeconds].
std::optional<qint64> unixSeconds(const QJsonValue &v);
// Appends `s` as a JSON string: UTF-8, only '"', '\' and control characters escaped.
void appendJsonString(QByteArray &out, const QString &s);

// Splits "<prefix><payload>.<sig>" (the caller checked the prefix); `problem` names what is
// wrong for the debug log. Nothing is verified here.
std::optional<Parts> split(const QByteArray &text, qsizetype prefixLength, const char **problem);
// Ed25519 check of the first `signedLength` bytes of `text` against a 32-byte public key.
bool verify(const QByteArray &text, qsizetype signedLength, const QByteArray &signature,
            const QByteArray &publicKey);
// "<prefix><base64url(payloadJson)>": the message to sign.
QByteArray message(const char *prefix, const QByteArray &payloadJson);

} // namespace SignedText
