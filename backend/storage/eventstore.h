#pragma once
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

#include "eventcatalog.h"
#include "registrationrules.h"

class Clock;
class Database;

struct EventStoreSettings
{
    QString centreId;
    QString kioskId;
};

// The member a registration is for (from their verified code or the roster).
struct MemberRef
{
    QString issuer;
    QString memberId;
    QString name;
    QString organisation;
    bool flowing = false;
};

// An event as the 活动报名 page and the greeting show it, with the member's standing.
struct EventListing
{
    EventInfo event;
    int registered = 0;
    int waitlisted = 0;
    int seatsLeft = -1; // -1 = no limit
    RegistrationStatus myStatus = RegistrationStatus::None;
    int myPosition = 0;   // 1-based place on the waitlist
    bool myPromoted = false;
};

struct RegistrationOutcome
{
    bool ok = false;
    RegistrationStatus status = RegistrationStatus::None;
    int position = 0;      // waitlist place when waitlisted
    QString code;          // RegistrationDecision::code, or "storage", "unknown_event"
    QString reason;        // Chinese
    QString eventTitle;
    QString recordId;      // the registration's id
    int promoted = 0;      // members moved up from the waitlist by a cancellation
};

struct EventImportSummary
{
    bool ok = false;
    int added = 0;
    int updated = 0;
    int cancelled = 0;     // cancelled or withdrawn upstream by this import
    int promoted = 0;
    QStringList problems;
};

// Events and 报名 in the kiosk's database (issue 7). Every registration, cancellation and
// promotion is a row of registration_log written with its outbox row in the same BEGIN IMMEDIATE
// transaction as the decision that caused it, so two kiosks' (or two connections') requests for
// the last seat are serialised: one gets it, the other is waitlisted. Not thread-safe: use on
// the thread that opened the Database.
class EventStore
{
public:
    EventStore(Database &db, const Clock &clock, EventStoreSettings settings);

    // Upserts the distributed events: a changed one is updated, a cancelled one marked (its
    // registrations kept and marked); a share event that disappeared from the file before its
    // start is treated as withdrawn (cancelled). A raised capacity promotes the waitlist.
    EventImportSummary importDistributed(const QList<EventInfo> &events);

    // Staff (issue 9): create (empty id: one is generated) or edit a kiosk event, or cancel
    // one. Distributed events are edited upstream only. `error` is Chinese.
    std::optional<EventInfo> saveStaffEvent(EventInfo event, QString *error);
    bool cancelEvent(const QString &eventId, QString *error);

    std::optional<EventInfo> event(const QString &id) const;
    // Events not yet ended that start within `days`; cancelled ones only where `member` holds
    // a registration (so they see it was cancelled). Ordered by start.
    QList<EventListing> upcoming(const QDateTime &now, const MemberRef *member, int days = 60) const;
    // The member's registrations (registered or waitlisted) for events starting on `day`.
    QList<EventListing> registrationsOn(const QDate &day, const MemberRef &member) const;

    RegistrationOutcome registerMember(const QString &eventId, const MemberRef &member);
    RegistrationOutcome cancelRegistration(const QString &eventId, const MemberRef &member);

    QString errorString() const { return m_error; }

private:
    bool logChange(QSqlDatabase &db, const QString &registrationId, const QString &change, QString *error);
    bool promoteWaiting(QSqlDatabase &db, const EventInfo &event, int *promoted, QString *error);
    bool markRegistrations(QSqlDatabase &db, const QString &eventId, bool cancelled, QString *error);
    bool writeEvent(QSqlDatabase &db, const EventInfo &e, bool insert, QString *error);
    bool eventOutbox(QSqlDatabase &db, const EventInfo &e, const QString &action, QString *error);
    QList<EventListing> listings(const QString &where, const QVariantList &binds, const MemberRef *member,
                                 bool onlyMine) const;

    Database &m_db;
    const Clock &m_clock;
    EventStoreSettings m_settings;
    QString m_error;
};

// Shared by EventStore and EventReports: one events row.
namespace EventRows {
QString columns();                            // the SELECT list matching fromQuery()
EventInfo fromQuery(const class QSqlQuery &q, int first = 0);
std::optional<EventInfo> read(const QSqlDatabase &db, const QString &id);
QString utc(const QDateTime &t);
} // namespace EventRows
