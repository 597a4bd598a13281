#pragma once
#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include "receipt.h"

// The outcome of checking one receipt text. `receipt` is filled whenever the payload parsed,
// but only trustworthy when ok().
struct ReceiptVerdict
{
    enum class Verdict { Ok, NotReceipt, Malformed, UnknownKiosk, BadSignature };

    Verdict verdict = Verdict::Malformed;
    Receipt receipt;
    QString reason; // one Chinese sentence; empty when Ok

    bool ok() const { return verdict == Verdict::Ok; }
};

// Checks DQR1 receipts against the trusted kiosks' public keys (issue 12). Used offline at a home
// branch by `dangqun-admin verify-receipt` and by the tests.
//
// Trusted kiosks are a folder laid out like the share's status folder: <dir>/<centre>/<kiosk>.pub
// (standard base64 of a 32-byte Ed25519 public key). The office publishes it as the
// distribution's trusted-kiosks/ folder; a kiosk whose key is not there (or was removed) is not
// trusted.
class ReceiptVerifier
{
public:
    using Verdict = ReceiptVerdict::Verdict;
    static constexpr char Prefix[] = "DQR1.";

    // Reads every <dir>/<centre>/<kiosk>.pub; bad files are skipped and listed in the returned
    // problems (Chinese). A missing folder is one problem.
    QStringList loadTrustedKiosks(const QString &dir);
    bool addTrustedKiosk(const QString &centreId, const QString &kioskId, const QByteArray &publicKey);
    QStringList trustedKiosks() const; // "centre/kiosk", sorted

    ReceiptVerdict verify(const QByteArray &text) const;
    ReceiptVerdict verify(const QString &text) const { return verify(text.toUtf8()); }

    // What a verified receipt proves, one Chinese line each (for verify-receipt and the screen).
    static QStringList describe(const Receipt &receipt);
    static QString verdictName(Verdict verdict); // "ok", "bad_signature", ... for logs and tests

    // Reads one .pub file: the 32-byte key, or empty with `error` set (Chinese).
    static QByteArray readPublicKey(const QString &path, QString *error);

private:
    QHash<QString, QByteArray> m_keys; // "centre/kiosk" -> public key
};
