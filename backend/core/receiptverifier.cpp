#include "receiptverifier.h"
#include "logging.h"
#include "membercode.h"
#include "signedtext.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <sodium.h>

namespace {

using Verdict = ReceiptVerdict::Verdict;

ReceiptVerdict refuse(Verdict verdict, const QString &reason, const Receipt &receipt = {})
{
    return {verdict, receipt, reason};
}

ReceiptVerdict malformed(const char *detail)
{
    qCDebug(lcCore) << "malformed receipt:" << detail;
    return refuse(Verdict::Malformed, QStringLiteral("回执内容不完整或已被改动，格式无效"));
}

QString hoursText(double hours)
{
    return QLocale::c().toString(hours, 'f', 2).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
}

} // namespace

QByteArray ReceiptVerifier::readPublicKey(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("无法读取（%1）").arg(file.errorString());
        return {};
    }
    const QByteArray content = file.read(1024).trimmed();
    const auto key = QByteArray::fromBase64Encoding(content, QByteArray::AbortOnBase64DecodingErrors);
    if (!file.atEnd() || !key || key.decoded.size() != crypto_sign_PUBLICKEYBYTES) {
        *error = QStringLiteral("内容不是 32 字节 Ed25519 公钥的 base64");
        return {};
    }
    return key.decoded;
}

QStringList ReceiptVerifier::loadTrustedKiosks(const QString &dir)
{
    QStringList problems;
    const QDir root(dir);
    if (dir.isEmpty() || !root.exists()) {
        problems << QStringLiteral("受信任终端公钥目录不存在：%1").arg(dir);
        return problems;
    }
    const QStringList centres = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &centre : centres) {
        const QDir folder(root.filePath(centre));
        for (const QFileInfo &info : folder.entryInfoList({QStringLiteral("*.pub")}, QDir::Files, QDir::Name)) {
            const QString kiosk = info.fileName().chopped(4);
            QString error;
            if (!MemberCode::isValidId(centre) || !MemberCode::isValidId(kiosk))
                error = QStringLiteral("文件名不是有效的中心/终端编号");
            const QByteArray key = error.isEmpty() ? readPublicKey(info.absoluteFilePath(), &error) : QByteArray();
            if (!error.isEmpty() || !addTrustedKiosk(centre, kiosk, key)) {
                problems << QStringLiteral("已跳过终端公钥 %1：%2").arg(info.absoluteFilePath(), error);
                qCWarning(lcCore).noquote() << "skipping kiosk key" << info.absoluteFilePath() << error;
            }
        }
    }
    return problems;
}

bool ReceiptVerifier::addTrustedKiosk(const QString &centreId, const QString &kioskId, const QByteArray &publicKey)
{
    if (!MemberCode::isValidId(centreId) || !MemberCode::isValidId(kioskId)
        || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    m_keys.insert(centreId + u'/' + kioskId, publicKey);
    return true;
}

QStringList ReceiptVerifier::trustedKiosks() const
{
    QStringList ids = m_keys.keys();
    ids.sort();
    return ids;
}

ReceiptVerdict ReceiptVerifier::verify(const QByteArray &text) const
{
    if (sodium_init() < 0)
        return malformed("sodium_init failed");
    if (!text.startsWith(Prefix))
        return refuse(Verdict::NotReceipt, text.startsWith("DQM1.") ? QStringLiteral("这是党员码，不是签到回执")
                                                                    : QStringLiteral("这不是签到回执（应以 DQR1. 开头）"));
    if (text.size() > Receipt::MaxTextBytes)
        return malformed("longer than 1024 bytes");
    const char *problem = "";
    const auto parts = SignedText::split(text, qsizetype(sizeof(Prefix) - 1), &problem);
    if (!parts)
        return malformed(problem);
    const auto receipt = Receipt::fromPayload(parts->payload, &problem);
    if (!receipt)
        return malformed(problem);
    const auto key = m_keys.constFind(receipt->centreId + u'/' + receipt->kioskId);
    if (key == m_keys.cend())
        return refuse(Verdict::UnknownKiosk,
                      QStringLiteral("签发终端 %1/%2 不在受信任终端名单中：无法确认此回执").arg(receipt->centreId, receipt->kioskId),
                      *receipt);
    if (!SignedText::verify(text, parts->signedLength, parts->signature, *key))
        return refuse(Verdict::BadSignature,
                      QStringLiteral("签名与终端 %1/%2 的公钥不符：回执被改动或伪造").arg(receipt->centreId, receipt->kioskId),
                      *receipt);
    return {Verdict::Ok, *receipt, {}};
}

QStringList ReceiptVerifier::describe(const Receipt &r)
{
    const auto local = [](const QDateTime &utc) {
        return utc.toTimeZone(QTimeZone::systemTimeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    QStringList lines;
    lines << QStringLiteral("党员：%1（%2 / %3）").arg(r.name, r.issuer, r.memberId);
    lines << QStringLiteral("地点：%1（中心 %2，终端 %3）").arg(r.centreName, r.centreId, r.kioskId);
    if (r.kind == Receipt::Kind::Attendance) {
        lines << QStringLiteral("类型：签到回执");
        lines << QStringLiteral("签到时间：%1").arg(local(r.time));
        if (!r.eventTitle.isEmpty())
            lines << QStringLiteral("参加活动：%1%2").arg(r.eventTitle, r.eventKind.isEmpty() ? QString()
                                                                     : QStringLiteral("（%1）").arg(r.eventKind));
        if (r.hours)
            lines << QStringLiteral("当日学时：%1").arg(hoursText(*r.hours));
        return lines;
    }
    lines << QStringLiteral("类型：%1 年度汇总回执（截至 %2）").arg(r.year).arg(local(r.time));
    lines << QStringLiteral("签到天数：%1").arg(r.checkinDays);
    int events = 0;
    QStringList perKind;
    for (const auto &[kind, n] : r.eventsByKind) {
        events += n;
        perKind << QStringLiteral("%1 %2 次").arg(kind).arg(n);
    }
    lines << QStringLiteral("参加活动：%1 次%2").arg(events).arg(perKind.isEmpty() ? QString()
                                                                    : QStringLiteral("（%1）").arg(perKind.join(QStringLiteral("，"))));
    lines << QStringLiteral("视频学习：%1 个，%2 学时").arg(r.videosWatched).arg(hoursText(r.videoHours));
    return lines;
}

QString ReceiptVerifier::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok: return QStringLiteral("ok");
    case Verdict::NotReceipt: return QStringLiteral("not_receipt");
    case Verdict::Malformed: return QStringLiteral("malformed");
    case Verdict::UnknownKiosk: return QStringLiteral("unknown_kiosk");
    case Verdict::BadSignature: return QStringLiteral("bad_signature");
    }
    return QStringLiteral("malformed");
}
