#pragma once
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>

#include "checkinrules.h"

class Clock;
class Database;
class QSqlDatabase;
class MemberCodeVerifier;
struct RosterMember;

struct CheckinSettings
{
    QString centreId;
    QString kioskId;
    QString localIssuer; // codes of other issuers are 流动党员 here
    bool oncePerDay = true;
};

// What the screen shows after a scan or a manual check-in.
struct CheckinResult
{
    // NeedsReport: a valid code of a 流动党员 not yet known here; nothing is recorded until the
    // 报到 form is submitted (issue 4).
    enum class Outcome { CheckedIn, AlreadyCheckedIn, Refused, NotMemberCode, Failed, NeedsReport };

    Outcome outcome = Outcome::Failed;
    QString verdict;      // stable id: ok, bad_signature, ... (MemberCodeVerifier::verdictName)
    QString reason;       // Chinese, for the member
    QString issuer;
    QString memberId;
    QString name;         // full name: the UI masks it
    QString organisation;
    bool flowing = false;
    QString method;       // qr | manual
    QDateTime time;       // this check-in, or the first one of the day for a repeat
    QString eventId;
    QString eventTitle;
    QString eventRegistration; // with an event: registered | walk_in (issue 7)
    QString recordId;
};

// A member found by phone number for manual check-in (shown masked for confirmation).
struct MemberMatch
{
    QString issuer;
    QString memberId;
    QString name;
    QString organisation;
    bool flowing = false;
};

// Turns a scanned text or a confirmed manual identification into a check-in record (design.md §3,
// §4): every attempt that reaches a verdict is recorded together with its outbox row in one
// transaction, and the result is returned only after the commit. Not thread-safe: use it on
// the thread that opened the Database.
class CheckinService
{
public:
    CheckinService(Database &db, const MemberCodeVerifier &verifier, const Clock &clock, CheckinSettings settings);

    CheckinResult checkInCode(const QString &text);
    QList<MemberMatch> membersByPhone(const QString &phone) const;
    CheckinResult checkInManual(const QString &issuer, const QString &memberId);

    // Writes done in the same transaction as a check-in (issue 4: the 报到 registers the member).
    using TransactionStep = std::function<bool(QSqlDatabase &db, QString *error)>;
    // 流动党员报到: `registerMember` runs first in the check-in's transaction; all or nothing.
    CheckinResult checkInReported(const MemberMatch &member, const QString &method,
                                  const TransactionStep &registerMember);
    bool isKnownMember(const QString &issuer, const QString &memberId) const;

    // Replaces the local issuer's roster in one transaction (all or nothing).
    bool importRoster(const QList<RosterMember> &members, QString *error);

    // Events that a scan could bind to: those overlapping [now - 1 day, now + 1 day].
    QList<EventWindow> eventsNear(const QDateTime &now) const;

private:
    CheckinResult record(CheckinResult base, const TransactionStep &first = {});
    CheckinResult recordFailedScan(const QString &verdict, const QString &reason, const QString &text,
                                   CheckinResult::Outcome outcome);

    Database &m_db;
    const MemberCodeVerifier &m_verifier;
    const Clock &m_clock;
    CheckinSettings m_settings;
};
