#pragma once
#include "issuerkey.h"
#include "membercode.h"

#include <QDateTime>
#include <QString>

// A member code as the office issues it (dangqun-admin issue-codes), for tests that need real,
// verifiable codes: issued 2026-01-01, no expiry.
inline QString signedMemberCode(const IssuerKey &key, const QString &memberId, const QString &name,
                                const QString &organisation = QStringLiteral("幸福社区第一党支部"),
                                MemberCode::Kind kind = MemberCode::Kind::Member)
{
    MemberCode c;
    c.memberId = memberId;
    c.name = name;
    c.org = organisation;
    c.kind = kind;
    c.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return key.sign(c);
}
