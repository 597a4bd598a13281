#pragma once
#include "membercode.h"

#include <QList>
#include <QString>

// Printable member cards: A4 pages of credit-card-sized cards (85.6 x 54 mm, ISO/IEC 7810 ID-1),
// two across and four down, with cut marks, for staff to print, cut and laminate (design.md §1).
// Each card carries the issuing centre, the member's name, organisation and kind, and the QR code.
class MemberCardPdf
{
public:
    struct Card
    {
        QString memberId;
        QString name;
        QString organisation;
        MemberCode::Kind kind = MemberCode::Kind::Member;
        QString codeText; // the signed "DQM1...." text the QR code holds
    };

    static constexpr int Columns = 2;
    static constexpr int Rows = 4;

    // `issuerLine` heads every card, e.g. "幸福街道党工委 · 党员码".
    explicit MemberCardPdf(QString issuerLine);

    // Writes every card to `path` (replacing it only once the whole document is written). False
    // with `error` set when there are no cards, a code does not fit a QR code, or the file fails.
    bool write(const QString &path, const QList<Card> &cards, QString *error = nullptr) const;

    // "在册党员" / "流动党员", as printed on the card.
    static QString kindLabel(MemberCode::Kind kind);

private:
    QString m_issuerLine;
};
