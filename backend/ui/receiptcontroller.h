#pragma once
#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <optional>

#include "kioskkey.h"
#include "receiptservice.h"

class Clock;
class MemberSession;
class StorageThread;

// The member's signed attendance receipt on screen (issue 12): after a check-in (the scan result
// screen's 生成回执) or for the whole year (年度回执 in the member's session). The content is read
// on the storage thread (ReceiptService), signed with the kiosk's key and handed to QML as the
// DQR1 text, which a QrCodeItem draws. The member photographs it for their home branch.
class ReceiptController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ReceiptController is created by the application")

    // False when the kiosk has no usable key (the reason is in `error` and the log).
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    // A receipt (or why there is none) is up.
    Q_PROPERTY(bool shown READ shown NOTIFY changed)
    Q_PROPERTY(QString text READ text NOTIFY changed)       // DQR1.…; empty when none
    Q_PROPERTY(QString title READ title NOTIFY changed)     // 签到回执 / 2026 年度汇总回执
    Q_PROPERTY(QStringList lines READ lines NOTIFY changed) // what it states, name masked
    Q_PROPERTY(QString error READ error NOTIFY changed)     // Chinese; empty when fine

public:
    ReceiptController(const Clock &clock, StorageThread &storage, MemberSession *session, ReceiptSettings settings,
                      std::optional<KioskKey> key, QString keyError = {}, QObject *parent = nullptr);

    bool available() const { return m_key.has_value(); }
    bool busy() const { return m_busy; }
    bool shown() const { return m_shown; }
    QString text() const { return m_text; }
    QString title() const { return m_title; }
    QStringList lines() const { return m_lines; }
    QString error() const { return m_error; }

    // For the member of the current session: their latest check-in here today.
    Q_INVOKABLE void requestAttendance();
    // For the member of the current session: this year at this centre.
    Q_INVOKABLE void requestAnnual();
    Q_INVOKABLE void clear();

    // What the screen shows beside the QR (public for tests): the name masked, as everywhere.
    static QStringList screenLines(const Receipt &receipt);

signals:
    void changed();

private:
    struct Outcome
    {
        QString text;
        QString error;
        std::optional<Receipt> receipt;
    };
    void request(Receipt::Kind kind);
    void deliver(Receipt::Kind kind, const Outcome &outcome);

    const Clock &m_clock;
    StorageThread &m_storage;
    MemberSession *m_session;
    ReceiptSettings m_settings;
    std::optional<KioskKey> m_key;
    QString m_keyError;
    bool m_busy = false;
    bool m_shown = false;
    int m_generation = 0; // a result for a member who has left is dropped
    QString m_text;
    QString m_title;
    QStringList m_lines;
    QString m_error;
};
