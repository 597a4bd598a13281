#include "checkincontroller.h"
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "issuerkey.h"
#include "membercode.h"
#include "revocationlist.h"
#include "rosterimporter.h"
#include "signedcodes.h"
#include "storagethread.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Distributed content the check-in depends on (design.md §3, §5): the revocation list parsed and
// put in force, the roster imported when (and only when) it changed, a bad file never
// emptying what is in force.
class TestContentRefresh : public QObject
{
    Q_OBJECT

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));

    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }

    static int memberCount(Database &db)
    {
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM members WHERE source = 'roster'")) && q.next()
            ? q.value(0).toInt()
            : -1;
    }

    QString code(const QString &mid, const QString &name) const { return signedMemberCode(m_key, mid, name); }

    static QByteArray roster(const QStringList &ids)
    {
        QByteArray csv = "member_id,name,phone,organisation,kind\n";
        int n = 0;
        for (const QString &id : ids)
            csv += QStringLiteral("%1,党员%2,1380000%3,幸福社区第一党支部,member\n")
                       .arg(id)
                       .arg(++n)
                       .arg(1000 + n)
                       .toUtf8();
        return csv;
    }

private slots:
    void revocationList()
    {
        const RevocationResult ok = RevocationList::fromJson(
            R"({"format": 1, "revoked": [{"iss": "street-1", "mid": "XF0009", "reason": "组织关系转出"},
                                         {"iss": "street-2", "mid": "A-1"}]})");
        QVERIFY(ok.ok());
        QCOMPARE(ok.entries, (QSet<QString>{QStringLiteral("street-1:XF0009"), QStringLiteral("street-2:A-1")}));

        const RevocationResult newer = RevocationList::fromJson(R"({"format": 2, "revoked": []})");
        QVERIFY(!newer.ok());
        QVERIFY(newer.errors.first().contains(QStringLiteral("格式版本")));

        // One bad entry refuses the whole file; nothing half-applied.
        const RevocationResult bad = RevocationList::fromJson(
            R"({"format": 1, "revoked": [{"iss": "street-1", "mid": "XF0009"}, {"iss": "street-1", "mid": "../x"}]})");
        QVERIFY(!bad.ok());
        QVERIFY(bad.entries.isEmpty());
        QVERIFY(bad.errors.first().contains(QStringLiteral("第 2 条")));

        QVERIFY(!RevocationList::fromJson("{not json").ok());
        QVERIFY(!RevocationList::fromJson(R"({"format": 1})").ok());
    }

    void revocationFolder()
    {
        QTemporaryDir dir;
        QVERIFY(RevocationList::loadFolder(dir.filePath(QStringLiteral("missing"))).ok());
        QVERIFY(write(dir.filePath(QStringLiteral("a.json")), R"({"format":1,"revoked":[{"iss":"s","mid":"1"}]})"));
        QVERIFY(write(dir.filePath(QStringLiteral("b.json")), R"({"format":1,"revoked":[{"iss":"s","mid":"2"}]})"));
        QVERIFY(write(dir.filePath(QStringLiteral("notes.txt")), "not read"));
        const RevocationResult both = RevocationList::loadFolder(dir.path());
        QVERIFY2(both.ok(), qPrintable(both.errors.join(u'\n')));
        QCOMPARE(both.entries.size(), 2);
        QVERIFY(write(dir.filePath(QStringLiteral("c.json")), "[]"));
        const RevocationResult broken = RevocationList::loadFolder(dir.path());
        QVERIFY(!broken.ok());
        QVERIFY(broken.errors.first().startsWith(QStringLiteral("c.json")));
    }

    void rosterImportedOnlyWhenChanged()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("kiosk.sqlite")));
        QVERIFY(db.open());
        MemberCodeVerifier verifier(m_clock);
        CheckinService service(db, verifier, m_clock, {QStringLiteral("c1"), QStringLiteral("k1"),
                                                       QStringLiteral("street-1"), true});
        RosterImporter importer(db, service);
        const QString folder = dir.filePath(QStringLiteral("roster"));

        // No distributed roster: nothing is touched.
        RosterImporter::Outcome out = importer.importIfChanged(folder);
        QVERIFY(!out.changed && out.problems.isEmpty());

        QVERIFY(write(folder + QStringLiteral("/a.csv"), roster({QStringLiteral("XF0001"), QStringLiteral("XF0002")})));
        QVERIFY(write(folder + QStringLiteral("/b.csv"), roster({QStringLiteral("XF0003")})));
        out = importer.importIfChanged(folder);
        QVERIFY2(out.problems.isEmpty(), qPrintable(out.problems.join(u'\n')));
        QVERIFY(out.changed);
        QCOMPARE(memberCount(db), 3);

        // The same files again (a restart): not rewritten.
        out = importer.importIfChanged(folder);
        QVERIFY(!out.changed);

        // A member id in two files: refused, the three members stay.
        QVERIFY(write(folder + QStringLiteral("/b.csv"), roster({QStringLiteral("XF0002")})));
        out = importer.importIfChanged(folder);
        QVERIFY(!out.changed);
        QCOMPARE(out.problems.size(), 1);
        QVERIFY(out.problems.first().contains(QStringLiteral("XF0002")));
        QCOMPARE(memberCount(db), 3);

        // Fixed: the new list replaces the old one.
        QVERIFY(QFile::remove(folder + QStringLiteral("/b.csv")));
        out = importer.importIfChanged(folder);
        QVERIFY(out.changed);
        QCOMPARE(memberCount(db), 2);
    }

    // Through the controller the kiosk uses: a code revoked by the distribution is refused,
    // and a later distribution that lifts the revocation lets it in.
    void controllerPutsRevocationInForce()
    {
        QTemporaryDir dir;
        KioskConfig config;
        config.dataDir = dir.filePath(QStringLiteral("data"));
        config.contentDir = dir.filePath(QStringLiteral("content"));
        config.trustedIssuersDir = dir.filePath(QStringLiteral("issuers"));
        config.issuerId = QStringLiteral("street-1");
        config.centreId = QStringLiteral("c1");
        config.kioskId = QStringLiteral("k1");
        QVERIFY(QDir().mkpath(config.dataDir));
        QVERIFY(m_key.save(config.trustedIssuersDir));
        const QString revoked = config.contentDir + QStringLiteral("/revoked/revoked.json");
        QVERIFY(write(revoked, R"({"format":1,"revoked":[{"iss":"street-1","mid":"XF0009"}]})"));
        QVERIFY(write(config.contentDir + QStringLiteral("/roster/roster.csv"), roster({QStringLiteral("XF0009")})));

        StorageThread storage(config.databasePath());
        CheckinController checkin(config, m_clock, storage, nullptr);
        QSignalSpy problems(&checkin, &CheckinController::contentProblems);
        QSignalSpy finished(&checkin, &CheckinController::finished);
        checkin.reloadContent();
        QTRY_COMPARE(problems.size(), 1);
        QVERIFY(problems.first().first().toStringList().isEmpty());

        checkin.submitCode(code(QStringLiteral("XF0009"), QStringLiteral("王五")));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.last().first().toMap().value(QStringLiteral("verdict")).toString(), QStringLiteral("revoked"));

        // A broken list keeps the revocation in force (and says why).
        QVERIFY(write(revoked, R"({"format":1,"revoked":[{"iss":"street-1"}]})"));
        checkin.reloadContent();
        QTRY_COMPARE(problems.size(), 2);
        QCOMPARE(problems.last().first().toStringList().size(), 1);
        checkin.clear();
        checkin.submitCode(code(QStringLiteral("XF0009"), QStringLiteral("王五")));
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(finished.last().first().toMap().value(QStringLiteral("verdict")).toString(), QStringLiteral("revoked"));

        QVERIFY(write(revoked, R"({"format":1,"revoked":[]})"));
        checkin.reloadContent();
        QTRY_COMPARE(problems.size(), 3);
        checkin.clear();
        checkin.submitCode(code(QStringLiteral("XF0009"), QStringLiteral("王五")));
        QTRY_COMPARE(finished.size(), 3);
        QCOMPARE(finished.last().first().toMap().value(QStringLiteral("outcome")).toString(), QStringLiteral("checkedIn"));
        storage.stop();
    }
};

QTEST_GUILESS_MAIN(TestContentRefresh)
#include "tst_contentrefresh.moc"
