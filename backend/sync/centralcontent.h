#pragma once
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The distribution as the office's central database carries it (design.md §5, §7): the roster,
// the organisations and the events read from <share>/distribution with the kiosks' own parsers
// (Roster, OrganisationDirectory, EventCatalog), so "not seen for N months" can run over the
// roster (members never seen included) and check-ins at distributed events can show the title.
//
// Tables (replaced together, in one transaction, whenever the set on the share differs from the
// one loaded; a file a kiosk would refuse keeps the previous tables and is reported):
//   central_distribution(version, issuer, fingerprint, loaded_utc)       one row
//   central_members(issuer, member_id, name, phone, organisation, kind, file)
//       PRIMARY KEY(issuer, member_id); kind 'member' | 'flowing'; issuer from manifest.json
//   central_organisations(name PRIMARY KEY, initials)
//   central_events(event_id PRIMARY KEY, title, kind, start_utc, end_utc, place, capacity,
//       open_to_flowing, organisation, cancelled, file)     times ISO-8601 UTC with ms
// A check-in record's payload carries issuer + member_id and event_id: join on those.
class CentralContent
{
public:
    struct Outcome
    {
        bool loaded = false;   // the tables were replaced by this run
        int members = 0, organisations = 0, events = 0;
        QStringList problems;  // files refused (the previous tables stay)
        QString error;         // the database failed
    };

    static bool createTables(QSqlDatabase &db, QString *error);
    static Outcome load(QSqlDatabase &db, const QString &shareRoot);
};
