#include "membercode.h"
#include "clock.h"
#include "logging.h"
#include "signedtext.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace {

using Verdict = MemberCodeVerdict::Verdict;

const QLatin1String prefix("DQM1.");
using SignedText::appendJsonString;
using SignedText::isValidUtf8;
using SignedText::maxUnixSeconds;
using SignedText::unixSeconds;
constexpr qsizetype ed25519PublicKeyBytes = crypto_sign_PUBLICKEYBYTES;

void initSodium()
{
    // Thread-safe and idempotent; only fails if the system has no usable randomness source.
    if (sodium_init() < 0)
        qCCritical(lcCore) << "sodium_init() failed; member codes cannot be verified";
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s)
        n += c.isLowSurrogate() ? 0 : 1;
    return n;
}

// Names and organisations are shown on screen and written to CSV exports: control characters
// (line breaks, escape sequences) have no business there. Format characters such as the zero
// width joiner inside emoji sequences are fine.
bool isDisplayText(const QString &s, qsizetype maxCodePoints)
{
    if (s.trimmed().isEmpty() || !QStringView(s).isValidUtf16() || codePoints(s) > maxCodePoints)
        return false;
    for (const char32_t c : s.toUcs4()) {
        if (QChar::category(c) == QChar::Other_Control)
            return false;
    }
    return true;
}

MemberCodeVerdict refuse(Verdict verdict, const QString &reason, const MemberCode &code = {})
{
    return {verdict, code, reason};
}

MemberCodeVerdict malformed(const char *detail)
{
    // The member needs one sentence; the detail is for whoever reads the debug log.
    qCDebug(lcCore) << "malformed member code:" << detail;
    return refuse(Verdict::Malformed, QStringLiteral("党员码内容不完整或已损坏，请重新出示或联系工作人员"));
}

// Shape of the payload object: every key present, of its type, within its limits.
std::optional<MemberCode> parsePayload(const QJsonObject &o, const char **problem)
{
    const QJsonValue v = o.value(QLatin1String("v"));
    if (!v.isDouble() || v.toDouble() != 1.0) {
        *problem = "v is not 1";
        return std::nullopt;
    }
    const char *const stringKeys[] = {"iss", "mid", "n", "org", "kind"};
    for (const char *key : stringKeys) {
        if (!o.value(QLatin1String(key)).isString()) {
            *problem = "a text key is missing or not a string";
            return std::nullopt;
        }
    }
    MemberCode code;
    code.issuer = o.value(QLatin1String("iss")).toString();
    code.memberId = o.value(QLatin1String("mid")).toString();
    code.name = o.value(QLatin1String("n")).toString();
    code.org = o.value(QLatin1String("org")).toString();
    const auto kind = MemberCode::kindFromName(o.value(QLatin1String("kind")).toString());
    const auto iat = unixSeconds(o.value(QLatin1String("iat")));
    if (!kind || !iat) {
        *problem = "kind or iat is invalid";
        return std::nullopt;
    }
    code.kind = *kind;
    code.issuedAt = QDateTime::fromSecsSinceEpoch(*iat, Qt::UTC);
    if (o.contains(QLatin1String("exp"))) {
        const auto exp = unixSeconds(o.value(QLatin1String("exp")));
        if (!exp) {
            *problem = "exp is invalid";
            return std::nullopt;
        }
        code.expiresAt = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    }
    if (!code.validate().isEmpty()) {
        *problem = "a field breaks the limits";
        return std::nullopt;
    }
    return code;
}

} // namespace

// ---- MemberCode ------------------------------------------------------------------------------

QString MemberCode::kindName(Kind kind)
{
    return kind == Kind::Flowing ? QStringLiteral("flowing") : QStringLiteral("member");
}

std::optional<MemberCode::Kind> MemberCode::kindFromName(const QString &name)
{
    if (name == QLatin1String("member"))
        return Kind::Member;
    if (name == QLatin1String("flowing"))
        return Kind::Flowing;
    return std::nullopt;
}

bool MemberCode::isValidId(const QString &id)
{
    if (id.isEmpty() || id.size() > MaxIdLength || id.front() == u'.' || id.front() == u'-')
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                || u == u'_' || u == u'.' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool MemberCode::isValidName(const QString &name)
{
    return isDisplayText(name, MaxNameLength);
}

bool MemberCode::isValidOrganisation(const QString &org)
{
    return isDisplayText(org, MaxOrganisationLength);
}

QString MemberCode::validate() const
{
    if (!isValidId(issuer))
        return QStringLiteral("签发单位编号“%1”无效：只能用字母、数字、下划线、点和连字符，最长 %2 个字符")
                .arg(issuer).arg(MaxIdLength);
    if (!isValidId(memberId))
        return QStringLiteral("党员编号“%1”无效：只能用字母、数字、下划线、点和连字符，最长 %2 个字符")
                .arg(memberId).arg(MaxIdLength);
    if (!isValidName(name))
        return QStringLiteral("姓名不能为空、不能含控制字符，最长 %1 个字").arg(MaxNameLength);
    if (!isValidOrganisation(org))
        return QStringLiteral("所属组织不能为空、不能含控制字符，最长 %1 个字").arg(MaxOrganisationLength);
    const auto inRange = [](const QDateTime &t) {
        return t.isValid() && t.toSecsSinceEpoch() >= 0 && t.toSecsSinceEpoch() <= qint64(maxUnixSeconds);
    };
    if (!inRange(issuedAt))
        return QStringLiteral("签发时间无效");
    if (expiresAt && (!inRange(*expiresAt) || expiresAt->toSecsSinceEpoch() <= issuedAt.toSecsSinceEpoch()))
        return QStringLiteral("有效期无效：必须晚于签发时间");
    return {};
}

QByteArray MemberCode::payloadJson() const
{
    QByteArray out;
    out.reserve(128 + name.size() * 4 + org.size() * 4);
    out += "{\"v\":1,\"iss\":";
    appendJsonString(out, issuer);
    out += ",\"mid\":";
    appendJsonString(out, memberId);
    out += ",\"n\":";
    appendJsonString(out, name);
    out += ",\"org\":";
    appendJsonString(out, org);
    out += ",\"kind\":";
    appendJsonString(out, kindName(kind));
    out += ",\"iat\":" + QByteArray::number(issuedAt.toSecsSinceEpoch());
    if (expiresAt)
        out += ",\"exp\":" + QByteArray::number(expiresAt->toSecsSinceEpoch());
    out += '}';
    return out;
}

// ---- MemberCodeVerifier ----------------------------------------------------------------------

MemberCodeVerifier::MemberCodeVerifier(const Clock &clock) : m_clock(clock)
{
    initSodium();
}

QStringList MemberCodeVerifier::loadTrustedIssuers(const QString &dir)
{
    QStringList problems;
    const QDir folder(dir);
    if (dir.isEmpty() || !folder.exists()) {
        problems << QStringLiteral("签发单位公钥目录不存在：%1").arg(dir);
        qCWarning(lcCore).noquote() << "trusted issuers folder does not exist:" << dir;
        return problems;
    }
    const QFileInfoList files = folder.entryInfoList({QStringLiteral("*.pub")}, QDir::Files, QDir::Name);
    for (const QFileInfo &info : files) {
        const QString path = info.absoluteFilePath();
        const QString issuer = info.fileName().chopped(4);
        auto skip = [&](const QString &why) {
            problems << QStringLiteral("已跳过签发单位公钥 %1：%2").arg(path, why);
            qCWarning(lcCore).noquote() << "skipping trusted issuer key" << path << "-" << why;
        };
        if (!MemberCode::isValidId(issuer)) {
            skip(QStringLiteral("文件名不是有效的签发单位编号"));
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            skip(QStringLiteral("无法读取（%1）").arg(file.errorString()));
            continue;
        }
        // A public key is 44 characters; anything much larger is not one, so don't read it all.
        const QByteArray content = file.read(1024).trimmed();
        const auto key = QByteArray::fromBase64Encoding(content, QByteArray::AbortOnBase64DecodingErrors);
        if (!file.atEnd() || !key || key.decoded.size() != ed25519PublicKeyBytes) {
            skip(QStringLiteral("内容不是 32 字节 Ed25519 公钥的 base64"));
            continue;
        }
        addTrustedIssuer(issuer, key.decoded);
    }
    qCInfo(lcCore).noquote() << "trusted issuers:" << trustedIssuers().join(QLatin1String(", "));
    return problems;
}

bool MemberCodeVerifier::addTrustedIssuer(const QString &issuer, const QByteArray &publicKey)
{
    if (!MemberCode::isValidId(issuer) || publicKey.size() != ed25519PublicKeyBytes)
        return false;
    m_keys.insert(issuer, publicKey);
    return true;
}

QStringList MemberCodeVerifier::trustedIssuers() const
{
    QStringList ids = m_keys.keys();
    ids.sort();
    return ids;
}

void MemberCodeVerifier::setRevoked(const QSet<QString> &issuerColonMemberIds)
{
    m_revoked = issuerColonMemberIds;
}

MemberCodeVerdict MemberCodeVerifier::verify(const QString &text) const
{
    if (!text.startsWith(prefix))
        return refuse(Verdict::NotMemberCode, QStringLiteral("这不是党员码"));
    // Every UTF-16 unit becomes at least one UTF-8 byte: a cheap bound before converting.
    if (text.size() > MemberCode::MaxTextBytes)
        return malformed("longer than 1024 bytes");
    if (!QStringView(text).isValidUtf16())
        return malformed("not valid Unicode");
    return verifyAscii(text.toUtf8());
}

MemberCodeVerdict MemberCodeVerifier::verify(const QByteArray &utf8) const
{
    if (!utf8.startsWith(prefix.data()))
        return refuse(Verdict::NotMemberCode, QStringLiteral("这不是党员码"));
    if (utf8.size() > MemberCode::MaxTextBytes)
        return malformed("longer than 1024 bytes");
    if (!isValidUtf8(utf8))
        return malformed("not valid UTF-8");
    return verifyAscii(utf8);
}

MemberCodeVerdict MemberCodeVerifier::verifyAscii(const QByteArray &text) const
{
    if (text.size() > MemberCode::MaxTextBytes)
        return malformed("longer than 1024 bytes");
    const char *problem = "";
    const auto parts = SignedText::split(text, prefix.size(), &problem);
    if (!parts)
        return malformed(problem);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(parts->payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return malformed("payload is not a JSON object");
    const auto parsed = parsePayload(doc.object(), &problem);
    if (!parsed)
        return malformed(problem);
    const MemberCode &code = *parsed;

    const auto key = m_keys.constFind(code.issuer);
    if (key == m_keys.cend())
        return refuse(Verdict::UnknownIssuer,
                      QStringLiteral("无法识别此码的签发单位（%1），请联系工作人员").arg(code.issuer), code);

    // The signature covers the text exactly as scanned: "DQM1." + the payload part.
    if (!SignedText::verify(text, parts->signedLength, parts->signature, *key))
        return refuse(Verdict::BadSignature, QStringLiteral("签名无效，此码可能被伪造"), code);

    if (m_revoked.contains(code.issuer + u':' + code.memberId))
        return refuse(Verdict::Revoked, QStringLiteral("此党员码已被注销，请联系所在党组织"), code);

    if (code.expiresAt && m_clock.now() >= *code.expiresAt) {
        // exp is the first second the code is no longer valid; the member thinks in "valid until".
        const QDate lastDay = code.expiresAt->addSecs(-1).toLocalTime().date();
        return refuse(Verdict::Expired,
                      QStringLiteral("此党员码已过期（有效期至 %1），请联系所在党组织重新领取")
                              .arg(lastDay.toString(Qt::ISODate)),
                      code);
    }
    return {Verdict::Ok, code, {}};
}

QString MemberCodeVerifier::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok: return QStringLiteral("ok");
    case Verdict::BadSignature: return QStringLiteral("bad_signature");
    case Verdict::UnknownIssuer: return QStringLiteral("unknown_issuer");
    case Verdict::Expired: return QStringLiteral("expired");
    case Verdict::Revoked: return QStringLiteral("revoked");
    case Verdict::Malformed: return QStringLiteral("malformed");
    case Verdict::NotMemberCode: return QStringLiteral("not_member_code");
    }
    return QStringLiteral("malformed");
}
