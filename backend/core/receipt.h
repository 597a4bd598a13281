#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

// A signed attendance receipt (issue 12): what a kiosk vouches for, for a 流动党员 to show their
// home branch. Text "DQR1.<payload>.<signature>" under the member-code rules (SignedText):
// payload = base64url of compact UTF-8 JSON, keys in this fixed order (absent ones left out):
//   v (1), t ("a" attendance | "y" annual), iss, mid, n (member: issuer, id, full name),
//   c, cn, k (centre id, centre name, kiosk id: the kiosk whose key signed it),
//   attendance ("a"): at (check-in, Unix s; with iss/mid it names the check-in among the office's
//     merged records), ev, ek (event title and kind, when bound to an event),
//     h (学时 credited to the member at this centre that day, when any);
//   annual ("y"): y (year), iat (issued, Unix s; the summary covers 1 January up to it),
//     d (days with a check-in), e (event attendances by kind: an array of counts in the order of
//     EventCatalog::kinds(), design.md §6), vh (video 学时), vn (videos credited).
// Texts (name, centre name, event title and kinds) follow the display rules of member names.
// signature = Ed25519 by the kiosk's own key (KioskKey) over "DQR1.<payload>".
class Receipt
{
public:
    enum class Kind { Attendance, Annual };

    static constexpr int MaxTextBytes = 1024;    // the whole text, as for member codes
    static constexpr int MaxEventKinds = 16;
    static constexpr double MaxHours = 100000;

    Kind kind = Kind::Attendance;
    QString issuer;
    QString memberId;
    QString name;
    QString centreId;
    QString centreName;
    QString kioskId;
    QDateTime time; // UTC, whole seconds: the check-in (attendance) or the issue time (annual)

    // Attendance only.
    QString eventTitle;
    QString eventKind;
    std::optional<double> hours; // 学时, two decimals

    // Annual only.
    int year = 0;
    int checkinDays = 0;
    QList<QPair<QString, int>> eventsByKind; // known kinds, counts > 0, in EventCatalog::kinds() order
    double videoHours = 0;
    int videosWatched = 0;

    bool isNull() const { return issuer.isEmpty(); }

    // Empty when every field is within the rules, else the first problem (Chinese).
    QString validate() const;
    QByteArray payloadJson() const;
    // "a" / "y".
    static QString kindName(Kind kind);
    // Parses a payload object (the verifier has checked the JSON); `problem` names what is wrong.
    static std::optional<Receipt> fromPayload(const QByteArray &json, const char **problem);
    // 学时 as stored: rounded to hundredths, so a value survives the JSON round trip exactly.
    static double roundHours(double hours);

    friend bool operator==(const Receipt &, const Receipt &) = default;
};
