#pragma once
#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>

// The member codes the issuing office has withdrawn (design.md §3: a member moved away, a card
// lost), delivered as distribution/revoked/*.json:
//   {"format": 1, "revoked": [{"iss": "street-1", "mid": "XF0009", "reason": "组织关系转出",
//                              "since": "2026-10-01"}]}
// `reason` and `since` are for people reading the file; the kiosk needs only iss and mid.
// All or nothing, like the roster: one bad entry refuses the whole file, so a typo never
// silently un-revokes a code.
struct RevocationResult
{
    QSet<QString> entries; // "<iss>:<mid>", as MemberCodeVerifier::setRevoked takes them
    QStringList errors;    // Chinese, naming the entry

    bool ok() const { return errors.isEmpty(); }
};

class RevocationList
{
public:
    static constexpr int Format = 1;
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    static RevocationResult fromJson(const QByteArray &bytes);
    static RevocationResult load(const QString &path);
    // Every *.json in `dir`, combined; a missing folder is an empty list (nothing revoked yet).
    static RevocationResult loadFolder(const QString &dir);
};
