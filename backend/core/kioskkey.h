#pragma once
#include <QByteArray>
#include <QString>
#include <optional>

#include "issuerkey.h"

class Receipt;

// The kiosk's own Ed25519 key pair, which signs attendance receipts (issue 12). Generated on the
// first start into the data folder as <data_dir>/kiosk-receipt.key (the IssuerKey file format,
// mode 0600, written to a temporary name, fsynced and linked into place, so a crash never leaves
// half a key and two starts never make two keys). The public half reaches the office through the
// share (status/<centre>/<kiosk>.pub, written by the sync) and is published back in the
// distribution's trusted-kiosks/ folder.
class KioskKey
{
public:
    static QString fileName() { return QStringLiteral("kiosk-receipt.key"); }

    // Loads the key, or creates it when there is none. A file that exists but is not a valid key
    // is refused (and kept for staff to look at), never silently replaced: receipts already
    // handed out would stop verifying.
    static std::optional<KioskKey> loadOrCreate(const QString &dataDir, const QString &centreId,
                                                const QString &kioskId, QString *error);

    QString centreId() const { return m_centreId; }
    QString kioskId() const { return m_kioskId; }
    QByteArray publicKey() const { return m_key.publicKey(); }
    QByteArray publicKeyBase64() const { return m_key.publicKeyBase64(); }

    // "DQR1.<payload>.<signature>". The receipt's centre and kiosk must be this key's; it must
    // validate and fit Receipt::MaxTextBytes. Empty with `error` (Chinese) otherwise.
    QString sign(const Receipt &receipt, QString *error = nullptr) const;

private:
    KioskKey(IssuerKey key, QString centreId, QString kioskId);

    IssuerKey m_key;
    QString m_centreId;
    QString m_kioskId;
};
