#pragma once
#include <QList>
#include <QString>
#include <QStringList>

#include "membercardpdf.h"

class Clock;
class Database;

struct CardPrintSettings
{
    QString contentDir;        // cards/ holds the office's signed codes
    QString trustedIssuersDir; // every code is verified before it is printed
    QString title;             // heads every card: the centre's name
    QString centreId;
    QString kioskId;
};

struct CardPrintResult
{
    int printed = 0;
    QString path;         // the PDF written; empty when nothing was
    QStringList skipped;  // codes refused, members without a code (Chinese)
    QString error;        // why nothing was written; empty on success or when nothing was due
};

// 打印党员证 on the staff screen (issue 9): A4 cards for the roster members who have no card
// yet. The kiosk cannot sign codes (the issuer key stays at the office, design.md §3), so it prints
// the codes the office distributes in cards/ (see MemberCardCodes), each checked against the
// trusted issuers and matched to the roster by issuer and member id. Runs on the storage thread.
class MemberCardPrinter
{
public:
    MemberCardPrinter(Database &db, const Clock &clock, CardPrintSettings settings);

    // The cards due: roster members (members.source = 'roster') with a verified code and no row in
    // member_cards. Members without a code and refused codes are listed in `skipped`.
    // `issuers`, when given, receives each card's issuer (the card itself does not carry it).
    QList<MemberCardPdf::Card> pending(QStringList *skipped, QStringList *issuers = nullptr);

    // Writes the due cards as one PDF in `folder` (complete or not at all), then records them as
    // printed together with the audit row, in one transaction.
    CardPrintResult print(const QString &folder);

private:
    Database &m_db;
    const Clock &m_clock;
    CardPrintSettings m_settings;
};
