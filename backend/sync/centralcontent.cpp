#include "centralcontent.h"
#include "distributionmanifest.h"
#include "eventcatalog.h"
#include "organisationdirectory.h"
#include "roster.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const QStringList tables = {
    QStringLiteral("CREATE TABLE IF NOT EXISTS central_distribution(version INTEGER, issuer TEXT, fingerprint TEXT,"
                   " loaded_utc TEXT)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS central_members(issuer TEXT NOT NULL, member_id TEXT NOT NULL,"
                   " name TEXT NOT NULL, phone TEXT, organisation TEXT, kind TEXT NOT NULL, file TEXT NOT NULL,"
                   " PRIMARY KEY(issuer, member_id))"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS central_organisations(name TEXT PRIMARY KEY, initials TEXT)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS central_events(event_id TEXT PRIMARY KEY, title TEXT NOT NULL,"
                   " kind TEXT, start_utc TEXT, end_utc TEXT, place TEXT, capacity INTEGER, open_to_flowing INTEGER,"
                   " organisation TEXT, cancelled INTEGER, file TEXT NOT NULL)"),
};

QStringList filesIn(const QString &dir, const QStringList &patterns)
{
    return QDir(dir).entryList(patterns, QDir::Files, QDir::Name); // hidden files are not listed
}

QString utc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

bool CentralContent::createTables(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    for (const QString &sql : tables) {
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

CentralContent::Outcome CentralContent::load(QSqlDatabase &db, const QString &shareRoot)
{
    Outcome out;
    const QDir dist(QDir(shareRoot).filePath(QStringLiteral("distribution")));
    if (!dist.exists())
        return out;
    DistributionManifest manifest;
    if (QFile f(dist.filePath(QStringLiteral("manifest.json"))); f.open(QIODevice::ReadOnly)) {
        QString ignored;
        DistributionManifest::parse(f.readAll(), &manifest, &ignored);
    }
    const QStringList rosterFiles = filesIn(dist.filePath(QStringLiteral("roster")), {QStringLiteral("*.csv"), QStringLiteral("*.json")});
    const QStringList eventFiles = filesIn(dist.filePath(QStringLiteral("events")), {QStringLiteral("*.json")});
    const QStringList orgFiles = filesIn(dist.filePath(QStringLiteral("organisations")), {QStringLiteral("*.json")});

    // Unchanged since the last load: nothing to do (a city's roster is read once, not per merge).
    QCryptographicHash print(QCryptographicHash::Sha256);
    print.addData(manifest.issuer.toUtf8());
    for (const auto &[folder, names] : {std::pair{QStringLiteral("roster"), rosterFiles}, std::pair{QStringLiteral("events"), eventFiles},
                                        std::pair{QStringLiteral("organisations"), orgFiles}}) {
        for (const QString &n : names) {
            const QFileInfo fi(dist.filePath(folder + u'/' + n));
            print.addData(QStringLiteral("%1/%2:%3:%4;").arg(folder, n).arg(fi.size()).arg(fi.lastModified().toMSecsSinceEpoch()).toUtf8());
        }
    }
    const QString fingerprint = QString::fromLatin1(print.result().toHex());
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT fingerprint FROM central_distribution")) && q.next() && q.value(0).toString() == fingerprint)
        return out;

    // Read everything first, with the kiosks' parsers; any refusal keeps the previous tables.
    QList<QPair<RosterMember, QString>> members;
    QHash<QString, QString> seenIn;
    for (const QString &n : rosterFiles) {
        const RosterResult r = Roster::load(dist.filePath(QStringLiteral("roster/") + n));
        for (const QString &e : r.errors)
            out.problems << QStringLiteral("distribution/roster/%1: %2").arg(n, e);
        for (const RosterMember &m : r.members) {
            if (const auto it = seenIn.constFind(m.memberId); it != seenIn.constEnd()) {
                out.problems << QStringLiteral("distribution/roster/%1: 党员编号“%2”在 %3 中已出现").arg(n, m.memberId, *it);
                continue;
            }
            seenIn.insert(m.memberId, n);
            members.append({m, QStringLiteral("roster/") + n});
        }
    }
    QList<QPair<EventInfo, QString>> events;
    for (const QString &n : eventFiles) {
        const EventCatalogResult r = EventCatalog::load(dist.filePath(QStringLiteral("events/") + n));
        for (const QString &e : r.problems)
            out.problems << QStringLiteral("distribution/events/%1: %2").arg(n, e);
        for (const EventInfo &e : r.events)
            events.append({e, QStringLiteral("events/") + n});
    }
    QList<OrganisationDirectory::Entry> organisations;
    for (const QString &n : orgFiles) {
        QString error;
        const OrganisationDirectory d = OrganisationDirectory::load(dist.filePath(QStringLiteral("organisations/") + n), &error);
        if (!error.isEmpty())
            out.problems << QStringLiteral("distribution/organisations/%1: %2").arg(n, error);
        organisations += d.entries();
    }
    if (!out.problems.isEmpty())
        return out;

    if (!db.transaction()) {
        out.error = db.lastError().text();
        return out;
    }
    const auto fail = [&](const QSqlQuery &failed) {
        out.error = failed.lastError().text();
        db.rollback();
        return out;
    };
    for (const char *t : {"central_distribution", "central_members", "central_organisations", "central_events"})
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(t))))
            return fail(q);
    q.prepare(QStringLiteral("INSERT INTO central_distribution VALUES(?, ?, ?, ?)"));
    q.addBindValue(manifest.version);
    q.addBindValue(manifest.issuer);
    q.addBindValue(fingerprint);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec())
        return fail(q);
    q.prepare(QStringLiteral("INSERT INTO central_members VALUES(?, ?, ?, ?, ?, ?, ?)"));
    for (const auto &[m, file] : std::as_const(members)) {
        q.addBindValue(manifest.issuer);
        q.addBindValue(m.memberId);
        q.addBindValue(m.name);
        q.addBindValue(m.phone);
        q.addBindValue(m.organisation);
        q.addBindValue(m.kind);
        q.addBindValue(file);
        if (!q.exec())
            return fail(q);
    }
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO central_organisations VALUES(?, ?)"));
    for (const OrganisationDirectory::Entry &o : std::as_const(organisations)) {
        q.addBindValue(o.name);
        q.addBindValue(o.initials);
        if (!q.exec())
            return fail(q);
    }
    q.prepare(QStringLiteral("INSERT INTO central_events VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QHash<QString, QString> eventIn;
    for (const auto &[e, file] : std::as_const(events)) {
        if (eventIn.contains(e.id)) {
            out.problems << QStringLiteral("distribution/%1: 活动编号“%2”在 %3 中已出现").arg(file, e.id, eventIn.value(e.id));
            db.rollback();
            return out;
        }
        eventIn.insert(e.id, file);
        q.addBindValue(e.id);
        q.addBindValue(e.title);
        q.addBindValue(e.kind);
        q.addBindValue(utc(e.start));
        q.addBindValue(utc(e.end));
        q.addBindValue(e.place);
        q.addBindValue(e.capacity);
        q.addBindValue(e.openToFlowing ? 1 : 0);
        q.addBindValue(e.organisation);
        q.addBindValue(e.cancelled ? 1 : 0);
        q.addBindValue(file);
        if (!q.exec())
            return fail(q);
    }
    if (!db.commit()) {
        out.error = db.lastError().text();
        db.rollback();
        return out;
    }
    out.loaded = true;
    out.members = int(members.size());
    out.organisations = int(organisations.size());
    out.events = int(events.size());
    return out;
}
