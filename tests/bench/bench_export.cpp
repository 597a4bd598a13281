// Staff exports (design.md §8, issue 23): 100,000 attendance rows to CSV (budget <= 0.5 s) and
// XLSX (<= 1.5 s). A kiosk database is filled with check-ins spread over a year, 20 events, a
// fifth of them 流动党员; each format is exported several times and the median wall and CPU time
// reported, split into the query (ReportBuilder: rows, times in the centre's zone, the monthly
// chart data) and the writing (the writer, temp file + fsync + rename). The export is the full
// one staff get: 党员编号, 服务中心 and 终端 columns, title line, 合计, the XLSX chart.
//
//   bench_export [ROWS] [RUNS]     (defaults 100000, 5)
//   taskset -c 0 bench_export      (one core: the stand-in for a kiosk board)
#include "zonefile.h"
#include "clock.h"
#include "csvreportwriter.h"
#include "database.h"
#include "reportbuilder.h"
#include "xlsxreportwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sched.h>

namespace {

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

bool fill(Database &db, int rows)
{
    return db.transaction([rows](QSqlDatabase &c, QString *) {
        QSqlQuery e(c);
        e.prepare(QStringLiteral("INSERT INTO events(id, title, kind, start_utc, end_utc) VALUES(?, ?, '主题党日', ?, ?)"));
        for (int i = 0; i < 20; ++i) {
            e.addBindValue(QStringLiteral("e%1").arg(i));
            e.addBindValue(QStringLiteral("主题党日活动第%1期：学习党章党规").arg(i));
            e.addBindValue(QStringLiteral("2026-%1-10T01:00:00.000Z").arg(i % 12 + 1, 2, 10, QLatin1Char('0')));
            e.addBindValue(QStringLiteral("2026-%1-10T03:00:00.000Z").arg(i % 12 + 1, 2, 10, QLatin1Char('0')));
            if (!e.exec())
                return false;
        }
        QSqlQuery q(c);
        q.prepare(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, event_id, "
                                 "centre_id, kiosk_id, checked_utc, local_date) VALUES(?, 'street-1', ?, ?, ?, ?, ?, ?, "
                                 "'c1', 'k1', ?, ?)"));
        const QDateTime start(QDate(2026, 1, 1), QTime(0, 30), Qt::UTC);
        for (int i = 0; i < rows; ++i) {
            const QDateTime t = start.addSecs(qint64(i) * 311);
            q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
            q.addBindValue(QStringLiteral("m%1").arg(i % 5000));
            q.addBindValue(QStringLiteral("党员%1号").arg(i % 5000));
            q.addBindValue(QStringLiteral("幸福社区第%1党支部").arg(i % 40));
            q.addBindValue(i % 5 == 0 ? QStringLiteral("flowing") : QStringLiteral("member"));
            q.addBindValue(i % 7 == 0 ? QStringLiteral("manual") : QStringLiteral("qr"));
            q.addBindValue(i % 3 == 0 ? QVariant(QStringLiteral("e%1").arg(i % 20)) : QVariant());
            q.addBindValue(t.toString(Qt::ISODateWithMs));
            q.addBindValue(t.toLocalTime().date().toString(Qt::ISODate));
            if (!q.exec())
                return false;
        }
        return true;
    });
}

struct Sample
{
    double queryMs, writeMs, cpu;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    readZoneFileOnce(); // as the kiosk and dangqun-admin do: what they run is what is measured
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!db.open() || !fill(db, rows)) {
        std::fprintf(stderr, "cannot build the database: %s\n", qPrintable(db.errorString()));
        return 1;
    }
    QFile load(QStringLiteral("/proc/loadavg"));
    load.open(QIODevice::ReadOnly);
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    const int cores = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : -1;
    std::printf("bench_export: %d attendance rows, %d runs each, on %d core(s), load average %s", rows, runs, cores,
                load.readAll().constData());
    const FixedClock clock(QDateTime(QDate(2027, 1, 1), QTime(12, 0)));
    CsvReportWriter csv;
    XlsxReportWriter xlsx;
    const QList<QPair<const char *, ReportWriter *>> writers = {{"CSV ", &csv}, {"XLSX", &xlsx}};
    for (const auto &[name, writer] : writers) {
        QList<double> query, write, total, cpu;
        qint64 bytes = 0;
        for (int r = 0; r < runs; ++r) {
            const QString out = dir.filePath(QStringLiteral("out%1").arg(r));
            QDir().mkpath(out);
            const double cpu0 = cpuMs();
            QElapsedTimer timer;
            timer.start();
            ReportBuilder builder(db.connection(), clock);
            QString error;
            const std::optional<Report> report = builder.build(ExportRequest{}, &error);
            const double q = timer.nsecsElapsed() / 1e6;
            QStringList files;
            if (!report || report->rowCount() != rows || !writer->write(*report, out, QStringLiteral("bench"), &files, &error)) {
                std::fprintf(stderr, "export failed: %s\n", qPrintable(error));
                return 1;
            }
            const double t = timer.nsecsElapsed() / 1e6;
            query << q;
            write << t - q;
            total << t;
            cpu << cpuMs() - cpu0;
            bytes = QFileInfo(files.constFirst()).size();
        }
        std::printf("%s: median %.0f ms wall (query %.0f ms + write %.0f ms), %.0f ms CPU; best %.0f ms; file %.1f MB\n",
                    name, median(total), median(query), median(write), median(cpu),
                    *std::min_element(total.begin(), total.end()), bytes / 1e6);
    }
    return 0;
}
