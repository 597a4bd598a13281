// dangqun-admin set-pin and export (issue 9), run as staff run them.
#include "database.h"
#include "clock.h"
#include "pinconfig.h"
#include "pinhash.h"
#include "staffseed.h"
#include "xlsxreader.h"

#include <QProcess>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const bool beijing = (StaffSeed::useBeijingTime(), true);
}

class TestStaffCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_kioskDb;
    QString m_centralDb;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    static Run admin(const QStringList &args, const QByteArray &input = {}, const QByteArray &tz = {})
    {
        QProcess p;
        if (!tz.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TZ"), QString::fromLatin1(tz));
            p.setProcessEnvironment(env);
        }
        p.start(QStringLiteral(DANGQUN_ADMIN), args);
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QString exampleIni()
    {
        const QString path = m_dir.filePath(QStringLiteral("kiosk.ini"));
        QFile::remove(path);
        QFile::copy(QStringLiteral(KIOSK_EXAMPLE_INI), path);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return path;
    }
    static QList<QStringList> csvRows(const QString &path)
    {
        return parseCsv(contents(path).mid(3));
    }
    static QByteArray contents(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(beijing);
        StaffSeed::Databases dbs;
        QString error;
        QVERIFY2(StaffSeed::seedBoth(m_dir.path(), &dbs, &error), qPrintable(error));
        m_kioskDb = dbs.kiosk;
        m_centralDb = dbs.central;
    }

    void setPinWritesOnlyTheHash()
    {
        const QString ini = exampleIni();
        const QByteArray before = contents(ini);
        const Run r = admin({QStringLiteral("set-pin"), QStringLiteral("--config"), ini}, "802417\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray after = contents(ini);
        QVERIFY(!after.contains("802417"));
        // Every comment and every other line kept: only the pin_hash line changed.
        QCOMPARE(after.count('\n'), before.count('\n'));
        QVERIFY(after.contains("; Staff PIN as a libsodium Argon2id hash"));
        QSettings s(ini, QSettings::IniFormat);
        const QString hash = s.value(QStringLiteral("admin/pin_hash")).toString();
        QVERIFY(PinHash::verify(hash, QStringLiteral("802417")));
        // Again: replaced, not added twice.
        QCOMPARE(admin({QStringLiteral("set-pin"), QStringLiteral("--config"), ini}, "1111\n").code, 0);
        QCOMPARE(contents(ini).count("pin_hash="), 1);
    }

    void setPinRefusesABadPin()
    {
        const QString ini = exampleIni();
        const QByteArray before = contents(ini);
        const Run r = admin({QStringLiteral("set-pin"), QStringLiteral("--config"), ini}, "12ab\n");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("digits")));
        QCOMPARE(contents(ini), before);
    }

    void pinConfigEdits()
    {
        QCOMPARE(PinConfig::withPinHash(QStringLiteral("[kiosk]\nid=k1\n"), QStringLiteral("H")),
                 QStringLiteral("[kiosk]\nid=k1\n\n[admin]\npin_hash=\"H\"\n"));
        QCOMPARE(PinConfig::withPinHash(QStringLiteral("[admin]\n; c\n\n[camera]\ndevice=\n"), QStringLiteral("H")),
                 QStringLiteral("[admin]\n; c\npin_hash=\"H\"\n\n[camera]\ndevice=\n"));
        QCOMPARE(PinConfig::withPinHash(QStringLiteral("[admin]\npin_hash = old\n[x]\npin_hash=keep\n"), QStringLiteral("H")),
                 QStringLiteral("[admin]\npin_hash=\"H\"\n[x]\npin_hash=keep\n"));
    }

    void exportAttendance_data()
    {
        QTest::addColumn<bool>("central");
        QTest::newRow("kiosk") << false;
        QTest::newRow("central") << true;
    }
    void exportAttendance()
    {
        QFETCH(bool, central);
        const QString out = m_dir.filePath(central ? QStringLiteral("out-central") : QStringLiteral("out-kiosk"));
        const Run r = admin({QStringLiteral("export"), QStringLiteral("attendance"), QStringLiteral("--db"),
                             central ? m_centralDb : m_kioskDb, QStringLiteral("--from"), QStringLiteral("2026-11-20"),
                             QStringLiteral("--to"), QStringLiteral("2026-11-22"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString file = r.out.trimmed();
        QVERIFY(file.endsWith(QLatin1String(".xlsx")));
        const XlsxContent x = readXlsx(file);
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(reportBody(x.sheets.value(0).rows), StaffSeed::attendanceRows());
        QVERIFY(x.sheets.value(0).rows.value(0).value(0).contains(QStringLiteral("导出：dangqun-admin")));
    }

    // The office PC's zone is not the centre's: run with TZ=America/Los_Angeles, a check-in at
    // 00:30 Beijing time still reads 00:30 (--timezone defaults to Asia/Shanghai); --centre keeps
    // one centre's rows.
    void exportInTheCentresZone()
    {
        const QString db = m_dir.filePath(QStringLiteral("late.sqlite"));
        QVERIFY(QFile::copy(m_kioskDb, db));
        {
            Database d(db);
            QVERIFY(d.open());
            QSqlQuery q(d.connection());
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, centre_id, "
                         "kiosk_id, checked_utc, local_date) VALUES('late-1', 'street-1', 'm002', '李四光', "
                         "'幸福社区第二党支部', 'member', 'qr', 'c2', 'k9', '2026-11-23T16:30:00.000Z', '2026-11-24')")),
                     qPrintable(q.lastError().text()));
        }
        const QString out = m_dir.filePath(QStringLiteral("out-zone"));
        const QStringList base = {QStringLiteral("export"), QStringLiteral("attendance"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), out};
        Run r = admin(base, {}, "America/Los_Angeles");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QList<QStringList> rows = reportBody(csvRows(r.out.trimmed()));
        QCOMPARE(rows.mid(0, 4), StaffSeed::attendanceRows());
        QCOMPARE(rows.value(4).value(4), QStringLiteral("2026-11-24 00:30:00"));
        QCOMPARE(rows.value(4).mid(7), (QStringList{QStringLiteral("c2"), QStringLiteral("k9")}));

        r = admin(base + QStringList{QStringLiteral("--centre"), QStringLiteral("c2")}, {}, "America/Los_Angeles");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        rows = reportBody(csvRows(r.out.trimmed()));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.value(0).value(1), QStringLiteral("m002"));

        r = admin(base + QStringList{QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin")}, {},
                  "America/Los_Angeles");
        QCOMPARE(reportBody(csvRows(r.out.trimmed())).value(4).value(4), QStringLiteral("2026-11-23 17:30:00"));
        QCOMPARE(admin(base + QStringList{QStringLiteral("--timezone"), QStringLiteral("Mars/Olympus")}).code, 1);
    }

    void exportRefusesBadArguments()
    {
        QCOMPARE(admin({QStringLiteral("export"), QStringLiteral("everything"), QStringLiteral("--db"), m_kioskDb}).code, 1);
        QCOMPARE(admin({QStringLiteral("export"), QStringLiteral("attendance"), QStringLiteral("--db"), m_kioskDb,
                        QStringLiteral("--from"), QStringLiteral("27.11.2026")})
                     .code,
                 1);
        const Run missing = admin({QStringLiteral("export"), QStringLiteral("unseen"), QStringLiteral("--db"),
                                   m_dir.filePath(QStringLiteral("none.sqlite"))});
        QCOMPARE(missing.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestStaffCli)
#include "tst_staffcli.moc"
