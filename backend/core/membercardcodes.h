#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

// The signed member codes the issuing office hands to its centres so their kiosks can print
// cards for new members (issue 9): distribution/cards/*.json, as `dangqun-admin issue-codes`
// writes it next to the PNGs and the PDF:
//   {"format": 1, "codes": ["DQM1.<payload>.<signature>", ...]}
// A code is no secret (it is printed on the card); the issuer's key never leaves the office,
// which is why a kiosk cannot make cards itself. Here only the shape is checked; the kiosk
// verifies each code's signature with its trusted issuers before printing it.
struct MemberCardCodesResult
{
    QStringList codes;
    QStringList errors; // Chinese, naming the entry; all or nothing

    bool ok() const { return errors.isEmpty(); }
};

class MemberCardCodes
{
public:
    static constexpr int Format = 1;
    static constexpr qint64 MaxFileBytes = 32 * 1024 * 1024;

    static QByteArray toJson(const QStringList &codes);
    static MemberCardCodesResult fromJson(const QByteArray &bytes);
    static MemberCardCodesResult load(const QString &path);
    // Every *.json in `dir`; a missing folder is an empty set.
    static MemberCardCodesResult loadFolder(const QString &dir);
};
