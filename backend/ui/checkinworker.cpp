#include "checkinworker.h"
#include "database.h"
#include "logging.h"
#include "membercode.h"
#include "revocationlist.h"
#include "rosterimporter.h"

#include <QDir>

CheckinWorker::CheckinWorker(KioskConfig config, const Clock &clock) : m_config(std::move(config)), m_clock(clock) { }

CheckinWorker::~CheckinWorker() = default;

CheckinService &CheckinWorker::service(Database &db)
{
    if (m_service)
        return *m_service;
    m_verifier = std::make_unique<MemberCodeVerifier>(m_clock);
    const QStringList problems = m_verifier->loadTrustedIssuers(m_config.trustedIssuersDir);
    for (const QString &p : problems)
        qCWarning(lcUi).noquote() << "trusted issuers:" << p;
    if (m_verifier->trustedIssuers().isEmpty())
        qCWarning(lcUi) << "no trusted issuer keys in" << m_config.trustedIssuersDir << "- every code will be refused";
    m_service = std::make_unique<CheckinService>(
        db, *m_verifier, m_clock,
        CheckinSettings{m_config.centreId, m_config.kioskId, m_config.issuerId, m_config.oncePerDay});
    return *m_service;
}

CheckinResult CheckinWorker::checkInCode(Database &db, const QString &text)
{
    CheckinResult r = service(db).checkInCode(text);
    if (r.outcome != CheckinResult::Outcome::Refused || r.verdict != QLatin1String("unknown_issuer"))
        return r;
    const MemberCodeVerdict v = m_verifier->verify(text);
    if (v.verdict != MemberCodeVerifier::Verdict::UnknownIssuer)
        return r;
    r.issuer = v.code.issuer;
    r.memberId = v.code.memberId;
    r.name = v.code.name;
    r.organisation = v.code.org;
    r.flowing = true;
    return r;
}

QStringList CheckinWorker::refreshContent(Database &db)
{
    CheckinService &checkin = service(db);
    const QDir content(m_config.contentDir);
    QStringList problems;
    // A refused list keeps the previous one: un-revoking every code because of one typo would
    // be worse than missing the newest revocation until the office fixes the file.
    const RevocationResult revoked = RevocationList::loadFolder(content.filePath(QStringLiteral("revoked")));
    if (revoked.ok())
        m_verifier->setRevoked(revoked.entries);
    problems << revoked.errors;
    problems << RosterImporter(db, checkin).importIfChanged(content.filePath(QStringLiteral("roster"))).problems;
    return problems;
}
