#include "membercardprinter.h"
#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membercardcodes.h"
#include "membercode.h"

#include <QDir>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

MemberCardPrinter::MemberCardPrinter(Database &db, const Clock &clock, CardPrintSettings settings)
    : m_db(db), m_clock(clock), m_settings(std::move(settings))
{
}

QList<MemberCardPdf::Card> MemberCardPrinter::pending(QStringList *skipped, QStringList *issuers)
{
    const MemberCardCodesResult distributed =
        MemberCardCodes::loadFolder(QDir(m_settings.contentDir).filePath(QStringLiteral("cards")));
    *skipped << distributed.errors;
    MemberCodeVerifier verifier(m_clock);
    verifier.loadTrustedIssuers(m_settings.trustedIssuersDir);
    QHash<QString, std::pair<QString, MemberCode>> codes; // "iss:mid" -> text, code
    for (const QString &text : distributed.codes) {
        const MemberCodeVerdict v = verifier.verify(text);
        if (!v.ok()) {
            *skipped << QStringLiteral("%1：%2").arg(v.code.memberId.isEmpty() ? text.left(24) : v.code.memberId,
                                                     v.reason);
            continue;
        }
        codes.insert(v.code.issuer + u':' + v.code.memberId, {text, v.code});
    }

    QList<MemberCardPdf::Card> due;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT m.issuer, m.member_id, m.name FROM members m WHERE m.source = 'roster' "
                             "AND NOT EXISTS (SELECT 1 FROM member_cards c WHERE c.issuer = m.issuer "
                             "AND c.member_id = m.member_id) ORDER BY m.member_id"));
    if (!q.exec()) {
        *skipped << QStringLiteral("无法读取名单：%1").arg(q.lastError().text());
        return due;
    }
    while (q.next()) {
        const QString key = q.value(0).toString() + u':' + q.value(1).toString();
        const auto it = codes.constFind(key);
        if (it == codes.constEnd()) {
            *skipped << QStringLiteral("%1 %2：上级尚未下发党员码").arg(q.value(1).toString(), q.value(2).toString());
            continue;
        }
        const MemberCode &c = it->second;
        due << MemberCardPdf::Card{c.memberId, c.name, c.org, c.kind, it->first};
        if (issuers)
            *issuers << c.issuer;
    }
    return due;
}

CardPrintResult MemberCardPrinter::print(const QString &folder)
{
    CardPrintResult r;
    QStringList issuers;
    const QList<MemberCardPdf::Card> due = pending(&r.skipped, &issuers);
    if (due.isEmpty())
        return r;
    const QString name = QStringLiteral("党员证-%1.pdf").arg(m_clock.now().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = QDir(folder).filePath(name);
    QString error;
    if (!MemberCardPdf(m_settings.title).write(path, due, &error)) {
        r.error = QStringLiteral("党员证未能写入：%1").arg(error);
        qCWarning(lcStorage).noquote() << "member cards not written:" << error;
        return r;
    }
    const QString utc = m_clock.utcStamp();
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO member_cards(issuer, member_id, printed_utc) VALUES(?, ?, ?)"));
        for (qsizetype i = 0; i < due.size(); ++i) {
            q.addBindValue(issuers.at(i));
            q.addBindValue(due.at(i).memberId);
            q.addBindValue(utc);
            if (!q.exec()) {
                *err = q.lastError().text();
                return false;
            }
        }
        return AuditLog(m_db, m_clock, m_settings.centreId, m_settings.kioskId)
            .append(db, AuditLog::PrintCards, QStringLiteral("%1 张 → %2").arg(due.size()).arg(path), err);
    });
    if (!ok) {
        // The PDF is complete on the medium; the cards stay due, so the next print repeats them
        // rather than silently forgetting anyone.
        r.error = QStringLiteral("党员证已写入，但打印记录未能保存：%1").arg(m_db.errorString());
    }
    r.printed = int(due.size());
    r.path = path;
    return r;
}
