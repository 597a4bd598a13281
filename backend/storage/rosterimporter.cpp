#include "rosterimporter.h"
#include "checkinservice.h"
#include "database.h"
#include "logging.h"
#include "roster.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const QString fingerprintKey = QStringLiteral("roster_fingerprint");

QStringList rosterFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.csv"), QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

} // namespace

RosterImporter::RosterImporter(Database &db, CheckinService &service) : m_db(db), m_service(service) { }

QByteArray RosterImporter::fingerprint(const QString &rosterDir)
{
    const QStringList files = rosterFiles(rosterDir);
    if (files.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &name : files) {
        QFile f(QDir(rosterDir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return {}; // unreadable: the import reports it
        hash.addData(name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(&f);
        hash.addData(QByteArrayView("\0", 1));
    }
    return hash.result().toHex();
}

RosterImporter::Outcome RosterImporter::importIfChanged(const QString &rosterDir)
{
    Outcome out;
    const QStringList files = rosterFiles(rosterDir);
    if (files.isEmpty())
        return out; // no distributed roster: members from elsewhere (demo, staff) stay
    const QByteArray print = fingerprint(rosterDir);
    if (!print.isEmpty() && QString::fromLatin1(print) == storedFingerprint())
        return out;

    QList<RosterMember> all;
    QHash<QString, QString> seenIn; // member id -> file, for ids repeated across files
    for (const QString &name : files) {
        const RosterResult r = Roster::load(QDir(rosterDir).filePath(name));
        for (const QString &e : r.errors)
            out.problems << QStringLiteral("roster/%1：%2").arg(name, e);
        for (const RosterMember &m : r.members) {
            const auto it = seenIn.constFind(m.memberId);
            if (it != seenIn.constEnd()) {
                out.problems << QStringLiteral("roster/%1：党员编号“%2”在 %3 中已出现").arg(name, m.memberId, *it);
                continue;
            }
            seenIn.insert(m.memberId, name);
            all << m;
        }
    }
    out.members = int(all.size());
    if (!out.problems.isEmpty()) {
        qCWarning(lcStorage).noquote() << "roster not imported, the previous members stay:" << out.problems.first();
        return out;
    }
    QString error;
    if (!m_service.importRoster(all, &error)) {
        out.problems << QStringLiteral("名单导入失败：%1").arg(error);
        qCWarning(lcStorage).noquote() << "roster import failed:" << error;
        return out;
    }
    // After the import: a crash in between only means the same files are imported again.
    storeFingerprint(print);
    out.changed = true;
    qCInfo(lcStorage).noquote() << "roster imported:" << all.size() << "members from" << files.size() << "file(s)";
    return out;
}

QString RosterImporter::storedFingerprint()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(fingerprintKey);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

bool RosterImporter::storeFingerprint(const QByteArray &print)
{
    return m_db.transaction([&](QSqlDatabase &db, QString *error) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
        q.addBindValue(fingerprintKey);
        q.addBindValue(QString::fromLatin1(print));
        if (q.exec())
            return true;
        *error = q.lastError().text();
        return false;
    });
}
