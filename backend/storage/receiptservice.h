#pragma once
#include <QString>
#include <optional>

#include "receipt.h"

class Clock;
class Database;

struct ReceiptSettings
{
    QString centreId;
    QString centreName;
    QString kioskId;
};

// Builds the content of attendance receipts from the kiosk's own database (issue 12): it only
// ever states what this kiosk recorded, which is what its key may vouch for. Runs on the storage
// thread; reads only. Signing is KioskKey's (core), so this class never holds a secret.
class ReceiptService
{
public:
    ReceiptService(Database &db, const Clock &clock, ReceiptSettings settings);

    // The member's check-in `recordId`, or (empty id) their latest check-in here today; with the
    // event it was bound to and the video 学时 credited to them here that day. Nothing when there
    // is no such check-in (`error` says so in Chinese).
    std::optional<Receipt> attendance(const QString &issuer, const QString &memberId, const QString &recordId,
                                      QString *error) const;
    // Everything this kiosk recorded for the member in the current calendar year: days with a
    // check-in, event attendances by kind, video 学时 and videos credited.
    std::optional<Receipt> annual(const QString &issuer, const QString &memberId, QString *error) const;

    // Longer event titles are cut (with "…") so the receipt stays a QR a phone reads off a screen.
    static constexpr int MaxTitleCharacters = 16;

private:
    Receipt base(Receipt::Kind kind, const QString &issuer, const QString &memberId) const;

    Database &m_db;
    const Clock &m_clock;
    ReceiptSettings m_settings;
};
