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

#include <QSignalSpy>
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
        return {QStringLiteral("姓名"), QStringLiteral("所属党组织"), QStringLiteral("类别"), QStringLiteral("签到时间"),
                QStringLiteral("活动"), QStringLiteral("方式")};
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
        QCOMPARE(rows.value(0), attendanceHeader());
        QCOMPARE(rows.mid(1), StaffSeed::attendanceRows());
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
        QCOMPARE(x.sheets.size(), 1);
        QCOMPARE(x.sheets.at(0).name, QStringLiteral("签到记录"));
        QCOMPARE(x.sheets.at(0).frozen, QStringLiteral("A2"));
        QCOMPARE(x.sheets.at(0).rows.value(0), attendanceHeader());
        QCOMPARE(x.sheets.at(0).rows.mid(1), StaffSeed::attendanceRows());
        // The check-in time is a real date cell, not text.
        QCOMPARE(x.sheets.at(0).cellTypes.value(1).value(3), QStringLiteral("d"));
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
        QCOMPARE(csvFile(result.files.value(0)).mid(1), QList<QStringList>{all.at(2)});

        r = ExportRequest{};
        r.format = ExportRequest::Format::Csv;
        r.from = r.to = QDate(2026, 11, 22);
        result = run(db, r, freshDir());
        QCOMPARE(csvFile(result.files.value(0)).mid(1), QList<QStringList>{all.at(3)});
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
                                     QStringLiteral("参加活动")}));
        const QList<QStringList> summary = x.sheets.at(0).rows.mid(1);
        const QStringList zhang = {QStringLiteral("张三丰"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("本地"),
                                   QStringLiteral("0.5"), QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("1"),
                                   QStringLiteral("80"), QStringLiteral("1"), QStringLiteral("2")};
        QVERIFY2(summary.contains(zhang), qPrintable(QDebug::toString(summary)));
        QCOMPARE(summary.size(), 3); // 张三丰, 李四光, 赵流动 did something; 王五 did not
        QCOMPARE(x.sheets.at(1).rows.mid(1),
                 (QList<QStringList>{{QStringLiteral("张三丰"), QStringLiteral("幸福社区第一党支部"),
                                      QStringLiteral("廉政警示教育片"), QStringLiteral("0.5"),
                                      QStringLiteral("2026-11-21 11:00:00")}}));
        QCOMPARE(x.sheets.at(2).rows.mid(1),
                 (QList<QStringList>{{QStringLiteral("张三丰"), QStringLiteral("幸福社区第一党支部"),
                                      QStringLiteral("模拟考试"), QStringLiteral("80"), QStringLiteral("60"),
                                      QStringLiteral("通过"), QStringLiteral("8/10"),
                                      QStringLiteral("2026-11-21 10:00:00")}}));
        QCOMPARE(x.sheets.at(3).rows.size(), 3); // header + 2 event check-ins
        QCOMPARE(x.sheets.at(3).rows.at(1).at(2), StaffSeed::eventTitle);
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
        QCOMPARE(x.sheets.at(0).rows.mid(1),
                 (QList<QStringList>{{QStringLiteral("赵流动"), QStringLiteral("13900000009"),
                                      QStringLiteral("LD-2026-001"), QStringLiteral("2026-11-21 14:30:15"), QString(),
                                      QStringLiteral("手动")}}));
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
        QCOMPARE(csvFile(result.files.value(0)).mid(1),
                 (QList<QStringList>{{QStringLiteral("王五"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("本地"),
                                      QStringLiteral("13800000003"), QString()}}));
        // Two months on everyone is; the never-seen first, then by last visit.
        result = run(QStringLiteral("kiosk"), r, freshDir(), StaffSeed::beijing(2027, 1, 25, 12, 0));
        const QList<QStringList> rows = csvFile(result.files.value(0)).mid(1);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).at(0), QStringLiteral("王五"));
        QCOMPARE(rows.at(1), (QStringList{QStringLiteral("李四光"), QStringLiteral("幸福社区第二党支部"),
                                          QStringLiteral("本地"), QStringLiteral("13800000002"),
                                          QStringLiteral("2026-11-20 09:10:30")}));
        QCOMPARE(rows.at(3).at(4), QStringLiteral("2026-11-22 08:00:00"));
        // Centrally there is no roster: the members seen, by the same rule.
        result = run(QStringLiteral("central"), r, freshDir(), StaffSeed::beijing(2027, 1, 25, 12, 0));
        QCOMPARE(csvFile(result.files.value(0)).mid(1).size(), 3);
    }

    // The per-day offset cache across a DST switch (Berlin, 2026-03-29 01:00 UTC), checked
    // against Qt's own conversion, then back to Beijing time for the other tests.
    void localTimesAcrossDaylightSaving()
    {
        qputenv("TZ", "Europe/Berlin");
        ::tzset();
        for (const char *utc : {"2026-03-28T12:00:00.000Z", "2026-03-29T00:59:59.000Z", "2026-03-29T01:00:00.000Z",
                                "2026-03-29T23:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z",
                                "2026-03-29T00:30:00.000Z"}) {
            const QString s = QString::fromLatin1(utc);
            const QDateTime mine = ReportBuilder::localTimeOf(s);
            const QDateTime qt = QDateTime::fromString(s, Qt::ISODateWithMs).toLocalTime();
            QCOMPARE(mine.date(), qt.date()); // the wall-clock fields the writers print
            QCOMPARE(mine.time(), qt.time());
            QCOMPARE(mine.toMSecsSinceEpoch(), qt.toMSecsSinceEpoch());
        }
        QCOMPARE(ReportBuilder::localTimeOf(QStringLiteral("2026-03-29T01:00:00.000Z")).time(), QTime(3, 0));
        StaffSeed::useBeijingTime();
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
