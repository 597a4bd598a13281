// Staff exports (issue 9, design.md §7): every report checked row by row against a seeded kiosk
// database and the central database `merge` builds from it; XLSX read back by openpyxl.
#include "clock.h"
#include "csvreportwriter.h"
#include "database.h"
#include "exportfile.h"
#include "exportjob.h"
#include "exporttargets.h"
#include "reportbuilder.h"
#include "staffseed.h"
#include "xlsxreader.h"
#include "xlsxreportwriter.h"
#include "zonetimes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <ctime>

namespace {
const bool beijing = (StaffSeed::useBeijingTime(), true);
}

class TestExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_kioskDb;
    QString m_centralDb;
    int m_out = 0;

    QString database(const QString &which) const { return which == u"kiosk" ? m_kioskDb : m_centralDb; }
    QString freshDir()
    {
        const QString d = m_dir.filePath(QStringLiteral("out%1").arg(++m_out));
        QDir().mkpath(d);
        return d;
    }
    ExportResult run(const QString &which, const ExportRequest &r, const QString &dir,
                     const QDateTime &now = StaffSeed::beijing(2026, 11, 25, 12, 0))
    {
        const FixedClock clock(now);
        return ExportJob::run(database(which), clock, r, dir);
    }
    static QList<QStringList> csvFile(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = f.readAll();
        if (!bytes.startsWith("\xEF\xBB\xBF"))
            return {{QStringLiteral("no BOM")}};
        return parseCsv(bytes.mid(3));
    }
    static QStringList attendanceHeader()
    {
        return {QStringLiteral("姓名"),     QStringLiteral("党员编号"), QStringLiteral("所属党组织"),
                QStringLiteral("类别"),     QStringLiteral("签到时间"), QStringLiteral("活动"),
                QStringLiteral("方式"),     QStringLiteral("服务中心"), QStringLiteral("终端")};
    }
    // A copy of the kiosk or central database with one more check-in (fields as in the kiosk's
    // checkins table), for the tests that need a row the shared story does not have.
    QString withCheckin(const QString &which, const QVariantMap &c)
    {
        const QString path = m_dir.filePath(QStringLiteral("extra%1-%2.sqlite").arg(++m_out).arg(which));
        if (!QFile::copy(database(which), path))
            return {};
        const QString name = QStringLiteral("extra-") + path;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QSqlQuery q(db);
            const auto v = [&](const char *key, const char *fallback) {
                return c.value(QLatin1String(key), QString::fromUtf8(fallback)).toString();
            };
            const QString utc = v("checked_utc", "");
            const QStringList keys = {QStringLiteral("id"), QStringLiteral("issuer"), QStringLiteral("member_id"),
                                      QStringLiteral("name"), QStringLiteral("organisation"), QStringLiteral("kind"),
                                      QStringLiteral("method"), QStringLiteral("centre_id"), QStringLiteral("kiosk_id"),
                                      QStringLiteral("checked_utc"), QStringLiteral("local_date")};
            const QStringList values = {v("id", "extra-1"), v("issuer", "street-1"), v("member_id", "m900"),
                                        v("name", "钱晚到"), v("organisation", "幸福社区第一党支部"),
                                        v("kind", "member"), v("method", "qr"), v("centre_id", "c1"),
                                        v("kiosk_id", "k1"), utc, v("local_date", "")};
            if (db.open() && which == u"kiosk") {
                q.prepare(QStringLiteral("INSERT INTO checkins(%1) VALUES(?%2)")
                              .arg(keys.join(u','), QStringLiteral(", ?").repeated(keys.size() - 1)));
                for (const QString &value : values)
                    q.addBindValue(value);
                ok = q.exec();
            } else if (db.isOpen()) {
                QJsonObject payload;
                for (qsizetype i = 0; i < keys.size(); ++i)
                    payload.insert(keys.at(i), values.at(i));
                q.prepare(QStringLiteral("INSERT INTO records(record_id, centre_id, kiosk_id, seq, kind, created_utc, "
                                         "local_date, payload, batch) VALUES(?, ?, ?, 999, 'checkin', ?, ?, ?, 'extra')"));
                for (const QString &value : {values.at(0), values.at(7), values.at(8), utc, values.at(10),
                                             QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))})
                    q.addBindValue(value);
                ok = q.exec();
            }
            if (!ok)
                qWarning() << q.lastError().text();
        }
        QSqlDatabase::removeDatabase(name);
        return ok ? path : QString();
    }
    ExportResult runOn(const QString &path, const ExportRequest &r, const QString &dir)
    {
        const FixedClock clock(StaffSeed::beijing(2026, 11, 25, 12, 0));
        return ExportJob::run(path, clock, r, dir);
    }
    static void addSchemas()
    {
        QTest::addColumn<QString>("db");
        QTest::newRow("kiosk") << QStringLiteral("kiosk");
        QTest::newRow("central") << QStringLiteral("central");
    }
    static QStringList noPartFiles(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(beijing);
        QCOMPARE(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toLocalTime().time().hour(), 8);
        StaffSeed::Databases dbs;
        QString error;
        QVERIFY2(StaffSeed::seedBoth(m_dir.path(), &dbs, &error), qPrintable(error));
        m_kioskDb = dbs.kiosk;
        m_centralDb = dbs.central;
    }

    void attendanceCsv_data() { addSchemas(); }
    void attendanceCsv()
    {
        QFETCH(QString, db);
        ExportRequest r;
        r.format = ExportRequest::Format::Csv;
        r.from = QDate(2026, 11, 20);
        r.to = QDate(2026, 11, 22);
        const QString dir = freshDir();
        const ExportResult result = run(db, r, dir);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.files.size(), 1);
        QCOMPARE(QFileInfo(result.files.first()).fileName(), QStringLiteral("签到记录_2026-11-20_至_2026-11-22.csv"));
        QCOMPARE(result.rows, 4);
        const QList<QStringList> rows = csvFile(result.files.first());
        // Title line (report, range, when, in which zone), header, rows, 合计.
        QCOMPARE(rows.value(0).size(), 1);
        QCOMPARE(rows.value(0).value(0), QStringLiteral("签到记录　2026-11-20 至 2026-11-22　"
                                                        "导出时间：2026-11-25 12:00（Asia/Shanghai）"));
        QCOMPARE(rows.value(1), attendanceHeader());
        QCOMPARE(reportBody(rows), StaffSeed::attendanceRows());
        QCOMPARE(rows.last().value(0), QStringLiteral("合计 4 人次"));
        QCOMPARE(rows.last().value(3), QStringLiteral("本地 3，流动 1"));
        // The chart's data sheet is XLSX only: still one CSV file.
        QCOMPARE(noPartFiles(dir), QStringList{QFileInfo(result.files.first()).fileName()});
    }

    void attendanceXlsx_data() { addSchemas(); }
    void attendanceXlsx()
    {
        QFETCH(QString, db);
        ExportRequest r;
        r.format = ExportRequest::Format::Xlsx;
        const ExportResult result = run(db, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        const XlsxContent x = readXlsx(result.files.value(0));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(x.sheets.size(), 2);
        QCOMPARE(x.sheets.at(0).name, QStringLiteral("签到记录"));
        QCOMPARE(x.sheets.at(0).frozen, QStringLiteral("A3")); // title and header stay in view
        QVERIFY(x.sheets.at(0).rows.value(0).value(0).startsWith(QStringLiteral("签到记录　全部日期　导出时间：")));
        QCOMPARE(x.sheets.at(0).rows.value(1), attendanceHeader());
        QCOMPARE(reportBody(x.sheets.at(0).rows), StaffSeed::attendanceRows());
        QCOMPARE(x.sheets.at(0).rows.last().value(0), QStringLiteral("合计 4 人次"));
        // The check-in time is a real date cell, not text.
        QCOMPARE(x.sheets.at(0).cellTypes.value(2).value(4), QStringLiteral("d"));
        // Attendance per month per centre, and a native chart drawn from it.
        QCOMPARE(x.sheets.at(1).name, QStringLiteral("按月统计"));
        QCOMPARE(x.sheets.at(1).rows.value(1), (QStringList{QStringLiteral("月份"), QStringLiteral("c1")}));
        QCOMPARE(reportBody(x.sheets.at(1).rows), (QList<QStringList>{{QStringLiteral("2026-11"), QStringLiteral("4")}}));
        QCOMPARE(x.sheets.at(1).rows.last(), (QStringList{QStringLiteral("合计"), QStringLiteral("4")}));
        const QString file = result.files.value(0);
        QVERIFY2(xlsxEntries(file).contains(QStringLiteral("xl/charts/chart1.xml")), qPrintable(xlsxEntries(file).join(u' ')));
        const QString chart = xlsxEntryText(file, QStringLiteral("xl/charts/chart1.xml"));
        QVERIFY2(chart.contains(QStringLiteral("<c:f>'按月统计'!$A$3</c:f>")), qPrintable(chart)); // months
        QVERIFY(chart.contains(QStringLiteral("<c:f>'按月统计'!$B$3</c:f>")));                     // c1's counts
    }

    void attendanceFilters_data() { addSchemas(); }
    void attendanceFilters()
    {
        QFETCH(QString, db);
        const QList<QStringList> all = StaffSeed::attendanceRows();
        ExportRequest r;
        r.format = ExportRequest::Format::Csv;
        r.organisation = QStringLiteral("外区红星党支部");
        ExportResult result = run(db, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(reportBody(csvFile(result.files.value(0))), QList<QStringList>{all.at(2)});

        r = ExportRequest{};
        r.format = ExportRequest::Format::Csv;
        r.from = r.to = QDate(2026, 11, 22);
        result = run(db, r, freshDir());
        QCOMPARE(reportBody(csvFile(result.files.value(0))), QList<QStringList>{all.at(3)});
    }

    // --centre: only one centre's rows, whichever database; the centre and kiosk are columns.
    void centreFilter_data() { addSchemas(); }
    void centreFilter()
    {
        QFETCH(QString, db);
        const QString path = withCheckin(db, {{QStringLiteral("centre_id"), QStringLiteral("c2")},
                                              {QStringLiteral("kiosk_id"), QStringLiteral("k7")},
                                              {QStringLiteral("checked_utc"), QStringLiteral("2026-11-23T02:00:00.000Z")},
                                              {QStringLiteral("local_date"), QStringLiteral("2026-11-23")}});
        QVERIFY(!path.isEmpty());
        ExportRequest r;
        r.format = ExportRequest::Format::Csv;
        ExportResult result = runOn(path, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        QList<QStringList> rows = reportBody(csvFile(result.files.value(0)));
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.last().mid(7), (QStringList{QStringLiteral("c2"), QStringLiteral("k7")}));

        r.centre = QStringLiteral("c2");
        result = runOn(path, r, freshDir());
        rows = csvFile(result.files.value(0));
        QVERIFY2(rows.value(0).value(0).contains(QStringLiteral("服务中心 c2")), qPrintable(rows.value(0).value(0)));
        QCOMPARE(reportBody(rows).size(), 1);
        QCOMPARE(reportBody(rows).value(0).value(1), QStringLiteral("m900"));

        r.centre = QStringLiteral("c1");
        result = runOn(path, r, freshDir());
        QCOMPARE(reportBody(csvFile(result.files.value(0))), StaffSeed::attendanceRows());
    }

    // Times are the centre's (the request's zone), never the zone of the PC running the export:
    // with the PC in Los Angeles a 00:30 Beijing check-in still shows as 00:30 (not 08:30 the day
    // before), and the whole story keeps its Beijing times.
    void timesInTheCentresZone_data() { addSchemas(); }
    void timesInTheCentresZone()
    {
        QFETCH(QString, db);
        const QString path = withCheckin(db, {{QStringLiteral("checked_utc"), QStringLiteral("2026-11-23T16:30:00.000Z")},
                                              {QStringLiteral("local_date"), QStringLiteral("2026-11-24")}});
        QVERIFY(!path.isEmpty());
        qputenv("TZ", "America/Los_Angeles");
        ::tzset();
        const auto restore = qScopeGuard([] { StaffSeed::useBeijingTime(); });
        QCOMPARE(QDateTime(QDate(2026, 11, 23), QTime(16, 30), Qt::UTC).toLocalTime().time(), QTime(8, 30));
        ExportRequest r;
        r.format = ExportRequest::Format::Csv;
        ExportResult result = runOn(path, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        QList<QStringList> rows = reportBody(csvFile(result.files.value(0)));
        QCOMPARE(rows.mid(0, 4), StaffSeed::attendanceRows());
        QCOMPARE(rows.value(4).value(4), QStringLiteral("2026-11-24 00:30:00"));
        // XLSX date cells too.
        r.format = ExportRequest::Format::Xlsx;
        result = runOn(path, r, freshDir());
        const XlsxContent x = readXlsx(result.files.value(0));
        QCOMPARE(reportBody(x.sheets.value(0).rows).value(4).value(4), QStringLiteral("2026-11-24 00:30:00"));
        // Another centre's zone is the request's to choose.
        r.format = ExportRequest::Format::Csv;
        r.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
        result = runOn(path, r, freshDir());
        rows = csvFile(result.files.value(0));
        QCOMPARE(reportBody(rows).value(4).value(4), QStringLiteral("2026-11-23 17:30:00"));
        QVERIFY(rows.value(0).value(0).endsWith(QStringLiteral("导出时间：2026-11-25 05:00（Europe/Berlin）")));
    }

    void transcript_data() { addSchemas(); }
    void transcript()
    {
        QFETCH(QString, db);
        ExportRequest r;
        r.kind = ExportRequest::Kind::Transcript;
        const ExportResult result = run(db, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        const XlsxContent x = readXlsx(result.files.value(0));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QStringList names;
        for (const XlsxSheet &s : x.sheets)
            names << s.name;
        QCOMPARE(names, (QStringList{QStringLiteral("汇总"), QStringLiteral("视频学时"), QStringLiteral("测验成绩"),
                                     QStringLiteral("参加活动"), QStringLiteral("学时分布")}));
        const QList<QStringList> summary = reportBody(x.sheets.at(0).rows);
        const QStringList zhang = {QStringLiteral("张三丰"), QStringLiteral("m001"), QStringLiteral("幸福社区第一党支部"),
                                   QStringLiteral("本地"), QStringLiteral("0.5"), QStringLiteral("1"), QStringLiteral("1"),
                                   QStringLiteral("1"), QStringLiteral("80"), QStringLiteral("1"), QStringLiteral("2")};
        QVERIFY2(summary.contains(zhang), qPrintable(QDebug::toString(summary)));
        QCOMPARE(summary.size(), 3); // 张三丰, 李四光, 赵流动 did something; 王五 did not
        // 合计: members, and the sums of 学时, videos, quizzes, passes, events, visits (not of 最高分).
        QCOMPARE(x.sheets.at(0).rows.last(),
                 (QStringList{QStringLiteral("合计 3 人"), QString(), QString(), QString(), QStringLiteral("0.5"),
                              QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("1"), QString(),
                              QStringLiteral("2"), QStringLiteral("4")}));
        QCOMPARE(reportBody(x.sheets.at(1).rows),
                 (QList<QStringList>{{QStringLiteral("张三丰"), QStringLiteral("m001"), QStringLiteral("幸福社区第一党支部"),
                                      QStringLiteral("廉政警示教育片"), QStringLiteral("0.5"),
                                      QStringLiteral("2026-11-21 11:00:00")}}));
        QCOMPARE(reportBody(x.sheets.at(2).rows),
                 (QList<QStringList>{{QStringLiteral("张三丰"), QStringLiteral("m001"), QStringLiteral("幸福社区第一党支部"),
                                      QStringLiteral("模拟考试"), QStringLiteral("80"), QStringLiteral("60"),
                                      QStringLiteral("通过"), QStringLiteral("8/10"),
                                      QStringLiteral("2026-11-21 10:00:00")}}));
        QCOMPARE(reportBody(x.sheets.at(3).rows).size(), 2); // 2 event check-ins
        QCOMPARE(reportBody(x.sheets.at(3).rows).at(0).at(3), StaffSeed::eventTitle);
        // 学时 distribution against the year's 32: three members, all under 8.
        QCOMPARE(reportBody(x.sheets.at(4).rows),
                 (QList<QStringList>{{QStringLiteral("0"), QStringLiteral("2")},
                                     {QStringLiteral("不足 8"), QStringLiteral("1")},
                                     {QStringLiteral("8–16"), QStringLiteral("0")},
                                     {QStringLiteral("16–24"), QStringLiteral("0")},
                                     {QStringLiteral("24–32"), QStringLiteral("0")},
                                     {QStringLiteral("32 及以上"), QStringLiteral("0")}}));
        const QString file = result.files.value(0);
        QVERIFY(xlsxEntries(file).contains(QStringLiteral("xl/charts/chart1.xml")));
        QVERIFY(xlsxEntryText(file, QStringLiteral("xl/charts/chart1.xml")).contains(QStringLiteral("'学时分布'!$B$3:$B$8")));
    }

    void flowingReport_data() { addSchemas(); }
    void flowingReport()
    {
        QFETCH(QString, db);
        ExportRequest r;
        r.kind = ExportRequest::Kind::Flowing;
        const ExportResult result = run(db, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        const XlsxContent x = readXlsx(result.files.value(0));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QCOMPARE(x.sheets.size(), 1);
        QCOMPARE(x.sheets.at(0).name, QStringLiteral("外区红星党支部"));
        QCOMPARE(reportBody(x.sheets.at(0).rows),
                 (QList<QStringList>{{QStringLiteral("外区红星党支部"), QStringLiteral("赵流动"),
                                      QStringLiteral("tel-13900000009"), QStringLiteral("13900000009"),
                                      QStringLiteral("LD-2026-001"), QStringLiteral("2026-11-21 14:30:15"), QString(),
                                      QStringLiteral("手动"), QStringLiteral("c1"), QStringLiteral("k1")}}));
    }

    // The home organisation is a column, whole, even where the sheet name has to be cut (31
    // characters at most in Excel) and in the CSV, which has no sheet names at all.
    void flowingHomeOrganisationColumn_data() { addSchemas(); }
    void flowingHomeOrganisationColumn()
    {
        QFETCH(QString, db);
        const QString home = QStringLiteral("中共某某省某某市某某区某某街道某某社区第一网格党支部委员会第三党小组");
        QVERIFY(home.size() > 31);
        const QString path = withCheckin(db, {{QStringLiteral("organisation"), home},
                                              {QStringLiteral("kind"), QStringLiteral("flowing")},
                                              {QStringLiteral("checked_utc"), QStringLiteral("2026-11-23T02:00:00.000Z")},
                                              {QStringLiteral("local_date"), QStringLiteral("2026-11-23")}});
        QVERIFY(!path.isEmpty());
        ExportRequest r;
        r.kind = ExportRequest::Kind::Flowing;
        ExportResult result = runOn(path, r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        const XlsxContent x = readXlsx(result.files.value(0));
        QCOMPARE(x.sheets.size(), 2);
        QCOMPARE(x.sheets.at(0).name, home.left(28));
        QCOMPARE(x.sheets.at(0).rows.value(1).value(0), QStringLiteral("所属党组织"));
        QCOMPARE(reportBody(x.sheets.at(0).rows).value(0).value(0), home);
        r.format = ExportRequest::Format::Csv;
        result = runOn(path, r, freshDir());
        QCOMPARE(result.files.size(), 2);
        bool found = false;
        for (const QString &f : result.files)
            found = found || reportBody(csvFile(f)).value(0).value(0) == home;
        QVERIFY(found);
    }

    void unseen()
    {
        ExportRequest r;
        r.kind = ExportRequest::Kind::Unseen;
        r.format = ExportRequest::Format::Csv;
        r.months = 1;
        // Three days after the story only 王五 (never seen) is listed.
        ExportResult result = run(QStringLiteral("kiosk"), r, freshDir());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(reportBody(csvFile(result.files.value(0))),
                 (QList<QStringList>{{QStringLiteral("王五"), QStringLiteral("m003"), QStringLiteral("幸福社区第一党支部"),
                                      QStringLiteral("本地"), QStringLiteral("13800000003"), QString()}}));
        // Two months on everyone is; the never-seen first, then by last visit.
        result = run(QStringLiteral("kiosk"), r, freshDir(), StaffSeed::beijing(2027, 1, 25, 12, 0));
        const QList<QStringList> rows = reportBody(csvFile(result.files.value(0)));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).at(0), QStringLiteral("王五"));
        QCOMPARE(rows.at(1), (QStringList{QStringLiteral("李四光"), QStringLiteral("m002"), QStringLiteral("幸福社区第二党支部"),
                                          QStringLiteral("本地"), QStringLiteral("13800000002"),
                                          QStringLiteral("2026-11-20 09:10:30")}));
        QCOMPARE(rows.at(3).at(5), QStringLiteral("2026-11-22 08:00:00"));
        QCOMPARE(csvFile(result.files.value(0)).last().value(0), QStringLiteral("合计 4 人"));
        // Centrally there is no roster: the members seen, by the same rule.
        result = run(QStringLiteral("central"), r, freshDir(), StaffSeed::beijing(2027, 1, 25, 12, 0));
        QCOMPARE(reportBody(csvFile(result.files.value(0))).size(), 3);
    }

    // The per-day offset cache across a DST switch (Berlin, 2026-03-29 01:00 UTC), checked
    // against Qt's own conversion to that zone.
    void zoneTimesAcrossDaylightSaving()
    {
        const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
        ZoneTimes times(berlin);
        for (const char *utc : {"2026-03-28T12:00:00.000Z", "2026-03-29T00:59:59.000Z", "2026-03-29T01:00:00.000Z",
                                "2026-03-29T23:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z",
                                "2026-03-29T00:30:00.000Z"}) {
            const QString s = QString::fromLatin1(utc);
            const QDateTime mine = times.at(s);
            const QDateTime qt = QDateTime::fromString(s, Qt::ISODateWithMs).toTimeZone(berlin);
            QCOMPARE(mine.date(), qt.date()); // the wall-clock fields the writers print
            QCOMPARE(mine.time(), qt.time());
            QCOMPARE(mine.toMSecsSinceEpoch(), qt.toMSecsSinceEpoch());
        }
        QCOMPARE(times.at(QStringLiteral("2026-03-29T01:00:00.000Z")).time(), QTime(3, 0));
        QCOMPARE(times.at(QStringLiteral("2026-03-29T00:59:59.000Z")).time(), QTime(1, 59, 59));
    }

    // Past the sheet's row limit a part goes on in "name(2)", ... each with its title line and
    // header, the 合计 under the last; no row lost or repeated. (The limit is lowered here; the
    // writer's default is Excel's 1,048,576.)
    void xlsxSplitsPastTheRowLimit()
    {
        Report report;
        report.heading = {QStringLiteral("签到记录　测试")};
        ReportSheet sheet{QStringLiteral("签到记录"), {{QStringLiteral("姓名")}, {QStringLiteral("次数"), ReportColumn::Type::Number}}, {}};
        for (int i = 0; i < 10; ++i)
            sheet.rows.append({QStringLiteral("党员%1").arg(i), i});
        sheet.totals = {QStringLiteral("合计 10 人次"), 45};
        report.sheets = {sheet, ReportSheet{QStringLiteral("签到记录(2)"), {{QStringLiteral("x")}}, {}}};
        XlsxReportWriter writer(6); // title + header + 3 rows + 合计
        QStringList files;
        QString error;
        QVERIFY2(writer.write(report, freshDir(), QStringLiteral("split"), &files, &error), qPrintable(error));
        const XlsxContent x = readXlsx(files.value(0));
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QStringList names;
        QList<QStringList> all;
        for (const XlsxSheet &s : x.sheets) {
            names << s.name;
            if (s.name == u"签到记录(2)")
                continue; // the report's own second part, empty
            QCOMPARE(s.rows.value(0).value(0), QStringLiteral("签到记录　测试"));
            QCOMPARE(s.rows.value(1), (QStringList{QStringLiteral("姓名"), QStringLiteral("次数")}));
            QVERIFY(s.rows.size() <= 6);
            QCOMPARE(s.frozen, QStringLiteral("A3"));
            all += s.rows.mid(2);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("签到记录"), QStringLiteral("签到记录(3)"), QStringLiteral("签到记录(4)"),
                                     QStringLiteral("签到记录(5)"), QStringLiteral("签到记录(2)")}));
        QCOMPARE(all.size(), 11);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(all.at(i), (QStringList{QStringLiteral("党员%1").arg(i), QString::number(i)}));
        QCOMPARE(all.last(), (QStringList{QStringLiteral("合计 10 人次"), QStringLiteral("45")}));
        // A limit that leaves no room for a row is refused with a message, not a broken file.
        XlsxReportWriter tiny(2);
        QVERIFY(!tiny.write(report, freshDir(), QStringLiteral("tiny"), &files, &error));
        QVERIFY2(error.contains(QStringLiteral("最多 2 行")), qPrintable(error));
    }

    void csvQuoting()
    {
        QCOMPARE(CsvReportWriter::field(QStringLiteral("plain")), QByteArray("plain"));
        QCOMPARE(CsvReportWriter::field(QStringLiteral("a,b")), QByteArray("\"a,b\""));
        QCOMPARE(CsvReportWriter::field(QStringLiteral("say \"hi\"")), QByteArray("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvReportWriter::field(QStringLiteral("two\r\nlines")), QByteArray("\"two\r\nlines\""));
        QCOMPARE(parseCsv("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"),
                 (QList<QStringList>{{QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QStringLiteral("two\r\nlines")}}));
    }

    // Text that Excel/WPS would run as a formula is written as plain text; numbers are not touched.
    void csvFormulaInjection()
    {
        using T = ReportColumn::Type;
        QCOMPARE(CsvReportWriter::cellText(QStringLiteral("=HYPERLINK(\"http://x\")"), T::Text),
                 QStringLiteral("'=HYPERLINK(\"http://x\")"));
        QCOMPARE(CsvReportWriter::cellText(QStringLiteral("@SUM(A1)"), T::Text), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(CsvReportWriter::cellText(QStringLiteral("+86 138"), T::Text), QStringLiteral("'+86 138"));
        QCOMPARE(CsvReportWriter::cellText(QStringLiteral("张三明"), T::Text), QStringLiteral("张三明"));
        QCOMPARE(CsvReportWriter::cellText(-1.5, T::Number), QStringLiteral("-1.5"));
        // The row writer the exports use, and line() for the office's other CSVs: the same guard.
        QByteArray out;
        CsvReportWriter::appendCell(out, QStringLiteral("=1+1,2"), T::Text);
        QCOMPARE(out, QByteArray("\"'=1+1,2\""));
        QCOMPARE(CsvReportWriter::line({QStringLiteral("-2"), QStringLiteral("张\"三\""), QString()}),
                 QByteArray("'-2,\"张\"\"三\"\"\",\r\n"));
    }

    void neverOverwritesAnEarlierExport()
    {
        const QString dir = freshDir();
        ExportRequest r;
        r.format = ExportRequest::Format::Csv;
        const ExportResult first = run(QStringLiteral("kiosk"), r, dir);
        const ExportResult second = run(QStringLiteral("kiosk"), r, dir);
        QVERIFY(first.ok && second.ok);
        QVERIFY(first.files != second.files);
        QVERIFY(second.files.first().endsWith(QLatin1String("(2).csv")));
    }

    void cancelledLeavesNothing()
    {
        const QString dir = freshDir();
        const FixedClock clock(StaffSeed::beijing(2026, 11, 25, 12, 0));
        const std::atomic_bool cancel{true};
        const ExportResult r = ExportJob::run(m_kioskDb, clock, ExportRequest{}, dir, &cancel);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("导出已取消"));
        QCOMPARE(noPartFiles(dir), QStringList());
    }

    void unwritableTarget()
    {
        const FixedClock clock(StaffSeed::beijing(2026, 11, 25, 12, 0));
        const ExportResult r = ExportJob::run(m_kioskDb, clock, ExportRequest{}, QStringLiteral("/proc/no-such/x"));
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("无法创建文件夹")), qPrintable(r.error));
    }

    void notADatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.sqlite"));
        const FixedClock clock(StaffSeed::beijing(2026, 11, 25, 12, 0));
        const ExportResult r = ExportJob::run(path, clock, ExportRequest{}, freshDir());
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("既不是终端数据库")), qPrintable(r.error));
    }

    void jobOnWorkerThread()
    {
        const FixedClock clock(StaffSeed::beijing(2026, 11, 25, 12, 0));
        ExportJob job(m_kioskDb, clock);
        QSignalSpy progress(&job, &ExportJob::progressChanged);
        QSignalSpy finished(&job, &ExportJob::finished);
        ExportRequest r;
        r.format = ExportRequest::Format::Xlsx;
        QVERIFY(job.start(r, freshDir()));
        QVERIFY(!job.start(r, freshDir())); // one at a time
        QVERIFY(finished.wait(30000));
        const ExportResult result = finished.at(0).at(0).value<ExportResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(!job.isRunning());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);
    }

    void targets()
    {
        const QString mounts = m_dir.filePath(QStringLiteral("mounts"));
        QFile f(mounts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("/dev/sda1 / ext4 rw,relatime 0 0\n"
                "/dev/sdb1 /media/kiosk/KINGSTON vfat rw,nosuid 0 0\n"
                "/dev/sdc1 /run/media/staff/MY\\040STICK exfat rw 0 0\n"
                "/dev/sdd1 /media/kiosk/CDROM iso9660 ro 0 0\n"
                "tmpfs /media tmpfs rw 0 0\n");
        f.close();
        const ExportTargets targets(mounts, {QStringLiteral("/media"), QStringLiteral("/run/media")});
        QCOMPARE(targets.removableMounts(),
                 (QStringList{QStringLiteral("/media/kiosk/KINGSTON"), QStringLiteral("/run/media/staff/MY STICK")}));
        const QList<ExportTarget> list = targets.list(QStringLiteral("/srv/share"), QStringLiteral("c1"), true);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).path, QStringLiteral("/srv/share/exports/c1"));
        QVERIFY(!list.at(0).removable);
        QCOMPARE(list.at(2).label, QStringLiteral("U盘 MY STICK"));
        // An offline share is never offered (it may be an empty mount point).
        QCOMPARE(targets.list(QStringLiteral("/srv/share"), QStringLiteral("c1"), false).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
