#pragma once
#include <QByteArray>
#include <QString>
#include <optional>

class MemberCode;

// An issuing office's Ed25519 key pair (design.md §3). Lives only with the staff CLI and tests: a
// kiosk holds the public half (<iss>.pub) and never sees this class at work.
//
// Files: <ISSUER>.key holds the standard base64 of libsodium's 64-byte secret key (seed followed
// by the public key), mode 0600; <ISSUER>.pub holds the standard base64 of the 32-byte public key.
class IssuerKey
{
public:
    static constexpr int SecretKeyBytes = 64;
    static constexpr int PublicKeyBytes = 32;

    IssuerKey() = default;

    // A fresh key pair for a valid issuer id (MemberCode::isValidId); null on a bad id.
    static IssuerKey generate(const QString &issuer);
    // Reads a .key file. The issuer id is taken from `issuer`, or from the file name when empty.
    // Refuses a file whose public half does not match its seed (truncated or edited).
    static std::optional<IssuerKey> load(const QString &keyPath, const QString &issuer = {},
                                         QString *error = nullptr);

    bool isNull() const { return m_secretKey.isEmpty(); }
    QString issuer() const { return m_issuer; }
    QByteArray publicKey() const;     // 32 bytes
    QByteArray publicKeyBase64() const; // the content of the .pub file, without the newline

    // Writes <dir>/<issuer>.key (0600) and <dir>/<issuer>.pub. Never overwrites: if either file
    // exists nothing is written and false is returned. The folder is created if needed.
    bool save(const QString &dir, QString *error = nullptr) const;

    // The full "DQM1.<payload>.<signature>" text. The code's issuer must be empty (this key's id is
    // used) or equal to this key's id; the code must pass MemberCode::validate() and the text must
    // fit the 1,024-byte limit. Returns an empty string and sets `error` otherwise.
    QString sign(const MemberCode &code, QString *error = nullptr) const;
    // A detached Ed25519 signature (64 bytes) over `message`; empty for a null key. For other
    // signed texts of ours (a kiosk's attendance receipts, DQR1).
    QByteArray signDetached(const QByteArray &message) const;

private:
    IssuerKey(QString issuer, QByteArray secretKey);

    QString m_issuer;
    QByteArray m_secretKey; // 64 bytes: seed || public key
};
