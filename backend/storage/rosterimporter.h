#pragma once
#include <QString>
#include <QStringList>

class CheckinService;
class Database;

// Puts the distributed member list (content/roster/*.csv|*.json, design.md §5) into the members
// table that manual check-in and the staff exports read. Runs at start and whenever a new
// distribution is in service; a fingerprint of the files in `meta` skips the rewrite when
// nothing changed, so a restart does not rewrite thousands of rows.
//
// All files together are one roster: a member id in two files is an error, and any error keeps
// the members already imported (a broken file never empties the list).
class RosterImporter
{
public:
    struct Outcome
    {
        bool changed = false;    // the members table was rewritten
        int members = 0;         // how many the folder holds (when read)
        QStringList problems;    // Chinese, each naming its file and line
    };

    RosterImporter(Database &db, CheckinService &service);

    Outcome importIfChanged(const QString &rosterDir);

    // sha256 over the names and bytes of the folder's roster files; empty when there are none.
    static QByteArray fingerprint(const QString &rosterDir);

private:
    QString storedFingerprint();
    bool storeFingerprint(const QByteArray &fingerprint);

    Database &m_db;
    CheckinService &m_service;
};
