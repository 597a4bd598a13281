#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

class Clock;

// What a member QR code says about its holder (design.md §3). A plain value: the verifier fills it
// from a scanned text, IssuerKey turns it into one.
class MemberCode
{
public:
    enum class Kind { Member, Flowing };

    // Field limits, shared by the verifier, the signer and the roster import, so that every code
    // the staff tool issues is one the kiosk accepts.
    static constexpr int MaxIdLength = 64;          // iss and mid
    static constexpr int MaxNameLength = 64;        // n, in characters (code points)
    static constexpr int MaxOrganisationLength = 128; // org, in characters (code points)
    static constexpr int MaxTextBytes = 1024;       // the whole DQM1 text, UTF-8 bytes

    QString issuer;
    QString memberId;
    QString name;
    QString org;
    Kind kind = Kind::Member;
    QDateTime issuedAt;                 // UTC, whole seconds
    std::optional<QDateTime> expiresAt; // UTC, whole seconds; none = never expires

    bool isNull() const { return issuer.isEmpty(); }

    // "member" / "flowing", as in the payload and the roster.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);

    // An empty string when every field is within the rules above, else the first problem (Chinese).
    QString validate() const;
    // The compact UTF-8 JSON payload, keys in the fixed order v, iss, mid, n, org, kind, iat, exp.
    // Hand-written because QJsonDocument sorts keys; the order is part of the format.
    QByteArray payloadJson() const;

    // Issuer and member ids name files (<iss>.pub, <mid>.png) and are joined as "iss:mid", so they
    // are restricted to ASCII letters, digits, '_', '.', '-' and may not start with '.' or '-'.
    static bool isValidId(const QString &id);
    // Non-blank, within the length limit, no control characters (line breaks would break the
    // screen and the CSV exports); emoji and other symbols are fine.
    static bool isValidName(const QString &name);
    static bool isValidOrganisation(const QString &org);

    friend bool operator==(const MemberCode &, const MemberCode &) = default;
};

// The outcome of one scan. `code` is filled whenever the text parsed (every verdict except
// Malformed and NotMemberCode), but its content is only trustworthy when the verdict is Ok.
struct MemberCodeVerdict
{
    enum class Verdict { Ok, BadSignature, UnknownIssuer, Expired, Revoked, Malformed, NotMemberCode };

    Verdict verdict = Verdict::Malformed;
    MemberCode code;
    QString reason; // one Chinese sentence for the result screen; empty when Ok

    bool ok() const { return verdict == Verdict::Ok; }
};

// Checks scanned text against the trusted issuers' public keys, the revocation list and the
// clock. verify() is const and allocation-light, so one instance serves the scanner worker.
class MemberCodeVerifier
{
public:
    using Verdict = MemberCodeVerdict::Verdict;

    explicit MemberCodeVerifier(const Clock &clock);

    // Reads every <dir>/<iss>.pub (standard base64 of a 32-byte Ed25519 public key). Good files are
    // added (replacing a key of the same issuer); each bad one is skipped, logged and listed in the
    // returned problems. A missing folder is one problem.
    QStringList loadTrustedIssuers(const QString &dir);
    // False (and nothing changes) when the id is not a valid issuer id or the key is not 32 bytes.
    bool addTrustedIssuer(const QString &issuer, const QByteArray &publicKey);
    QStringList trustedIssuers() const; // sorted
    // Replaces the revocation list: entries are "<iss>:<mid>".
    void setRevoked(const QSet<QString> &issuerColonMemberIds);

    MemberCodeVerdict verify(const QString &text) const;
    // For raw scanner bytes: invalid UTF-8 is Malformed rather than silently replaced.
    MemberCodeVerdict verify(const QByteArray &utf8) const;

    // Stable English ids for records and logs: "ok", "bad_signature", ...
    static QString verdictName(Verdict verdict);

private:
    MemberCodeVerdict verifyAscii(const QByteArray &text) const;

    const Clock &m_clock;
    QHash<QString, QByteArray> m_keys; // issuer -> 32-byte public key
    QSet<QString> m_revoked;
};
