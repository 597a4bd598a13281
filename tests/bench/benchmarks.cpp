// benchmarks: every number of design.md §8 in one table (issue 11). The measurements themselves
// live in the single-purpose benches next to this file (bench_decode, bench_scan_latency,
// bench_export, bench_sync, bench_videomemory), run here as child processes whose output is
// parsed; cold start runs the real kiosk (--demo --exit-when-ready, offscreen). Only the
// check-in commit, which no other bench measures, is timed in this process.
// Usage: benchmarks [--json FILE] [--quick]     (a Release build; never a ctest)
#include "benchtable.h"
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "issuerkey.h"
#include "membercode.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>

namespace {

// Runs a bench and returns its standard output ("" when it failed, with a message).
QString runChild(const QString &program, const QStringList &args, int timeoutMs = 600'000)
{
    std::printf("running %s %s ...\n", qPrintable(program.section(u'/', -1)), qPrintable(args.join(u' ')));
    std::fflush(stdout);
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished();
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

QRegularExpressionMatch find(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text);
}

void decode(BenchTable &table, bool quick)
{
    const QString out = runChild(QStringLiteral(BENCH_DECODE), {quick ? QStringLiteral("2") : QStringLiteral("5")});
    const QString num = QStringLiteral("\\s*([-+\\d.]+)");
    for (const QString &code : {QStringLiteral("yes"), QStringLiteral("no")}) {
        // NV12 is what the camera delivers; the BGRX rows stay in the bench's own output.
        const auto m = find(out, QStringLiteral("^NV12\\s+%1\\s+\\|%2\\s*/%2%2\\s*/%2%2%2\\s+\\|%2\\s*/%2%2\\s*/%2"
                                                "\\s+\\|\\s*(\\d+)/(\\d+) of (\\d+)$")
                                     .arg(code, num));
        if (!m.hasMatch()) {
            table.missing(QStringLiteral("decode (code: %1)").arg(code));
            continue;
        }
        const auto v = [&](int i) { return m.captured(i).toDouble(); };
        const QString what = code == u"yes" ? QStringLiteral("with a code") : QStringLiteral("without a code");
        table.add({QStringLiteral("QR decode 1280x720 NV12, %1: first pass CPU ms").arg(what), v(3), v(4),
                   QStringLiteral("within 1.05x bare: next row"), qQNaN(), BenchRow::Info,
                   QStringLiteral("bare ZXing (defaults, QR only) %1 / %2 ms CPU; wall %3 / %4 ms")
                       .arg(v(1)).arg(v(2)).arg(v(9)).arg(v(10))});
        table.add({QStringLiteral("First pass CPU over bare ZXing, %1: x").arg(what), v(5), qQNaN(),
                   QStringLiteral("<= 1.05x"), 1.05, BenchRow::Median,
                   QStringLiteral("sum over frames, per-thread CPU; median of paired ratios %1").arg(v(6), 0, 'f', 3)});
    }
    const QRegularExpression pass(QStringLiteral("^(\\S+)\\s+\\|%1\\s*/%1\\s+\\|%1$").arg(num),
                                  QRegularExpression::MultilineOption);
    const int passes = int(out.indexOf(QLatin1String("extra passes")));
    for (auto it = pass.globalMatch(out.mid(qMax(0, passes))); passes >= 0 && it.hasNext();) {
        const auto p = it.next();
        table.add({QStringLiteral("Extra pass %1 (only when idle), empty frame: CPU ms").arg(p.captured(1)),
                   p.captured(2).toDouble(), p.captured(3).toDouble(), QStringLiteral("(idle time only)"), qQNaN(),
                   BenchRow::Info, QStringLiteral("%1 s CPU per minute of empty frames at 10 fps").arg(p.captured(4))});
    }
    const auto h = find(out, QStringLiteral("hand-off only.*wall ([\\d.]+) / ([\\d.]+) ms"));
    if (h.hasMatch())
        table.add({QStringLiteral("Hand-off only (GUI -> worker -> GUI, no decode): ms"), h.captured(1).toDouble(),
                   h.captured(2).toDouble(), QStringLiteral("(part of the overhead)"), qQNaN(), BenchRow::Info, {}});
}

void scanToGreeting(BenchTable &table, bool quick)
{
    const QString out = runChild(QStringLiteral(BENCH_SCAN_LATENCY), {quick ? QStringLiteral("20") : QStringLiteral("60")});
    const auto m = find(out, QStringLiteral("median ([\\d.]+) ms\\s+p90 ([\\d.]+) ms"));
    if (!m.hasMatch())
        return table.missing(QStringLiteral("scan-to-greeting"));
    table.add({QStringLiteral("Scan to greeting: ms"), m.captured(1).toDouble(), m.captured(2).toDouble(),
               QStringLiteral("<= 150 ms"), 150, BenchRow::P90,
               QStringLiteral("frame in the sink -> committed check-in result on the GUI thread")});
}

// One start of a program that prints "ready <wall ms> <cpu ms>" at its first frame and exits.
struct Start
{
    bool ok = false;
    double wallMs = 0; // process start (as seen from here) -> the ready line
    double cpuMs = 0;  // the child's own CPU time, all threads, at its first frame
};

Start startOnce(const QString &program, const QStringList &args)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    child.start(program, args);
    QByteArray line;
    while (!line.startsWith("ready ")) {
        if (child.canReadLine())
            line = child.readLine().trimmed();
        else if (!child.waitForReadyRead(60'000))
            break;
    }
    Start s;
    s.wallMs = t.nsecsElapsed() / 1e6;
    if (!child.waitForFinished(30'000))
        child.kill();
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() < 3) {
        std::fprintf(stderr, "%s did not become ready: %s\n", qPrintable(program), child.readAllStandardError().constData());
        return s;
    }
    s.cpuMs = parts.at(2).toDouble(&s.ok);
    return s;
}

// Cold start against its anchor (issue 23, design.md §8): the kiosk (--demo --exit-when-ready)
// and a minimal Qt Quick window with one Chinese text (bench_hello), started alternately in the
// same run, offscreen; judged on the ratio of their CPU time at the first frame, which other work
// on the machine changes far less than wall time.
void coldStart(BenchTable &table, bool quick)
{
    QTemporaryDir data;
    const QStringList kioskArgs{QStringLiteral("--demo"), QStringLiteral("--data-dir"), data.path(),
                                QStringLiteral("--exit-when-ready")};
    const int runs = quick ? 3 : 7;
    std::printf("running dangqun-kiosk --demo --exit-when-ready and bench_hello x %d each ...\n", runs);
    std::fflush(stdout);
    // The first start creates the demo installation: not a start the kiosk makes every day.
    const Start first = startOnce(QStringLiteral(DANGQUN_KIOSK), kioskArgs);
    if (!first.ok)
        return table.missing(QStringLiteral("cold start"));
    QList<double> kioskWall, kioskCpu, helloWall, helloCpu, ratios;
    for (int i = 0; i < runs; ++i) {
        const Start hello = startOnce(QStringLiteral(BENCH_HELLO), {});
        const Start kiosk = startOnce(QStringLiteral(DANGQUN_KIOSK), kioskArgs);
        if (!hello.ok || !kiosk.ok)
            return table.missing(QStringLiteral("cold start"));
        helloWall << hello.wallMs;
        helloCpu << hello.cpuMs;
        kioskWall << kiosk.wallMs;
        kioskCpu << kiosk.cpuMs;
        ratios << kiosk.cpuMs / hello.cpuMs;
    }
    table.add({QStringLiteral("Cold start to interactive home (process start -> first frame): ms"), BenchTable::median(kioskWall),
               BenchTable::p90(kioskWall), QStringLiteral("(wall; judged on CPU below)"), qQNaN(), BenchRow::Info,
               QStringLiteral("%1 runs, offscreen, demo data; minimal window %2 ms; first run (new data dir) %3 ms")
                   .arg(runs).arg(BenchTable::median(helloWall), 0, 'f', 0).arg(first.wallMs, 0, 'f', 0)});
    table.add({QStringLiteral("Cold start CPU, kiosk / minimal Qt Quick window: ratio"), BenchTable::median(ratios),
               BenchTable::p90(ratios), QStringLiteral("<= 2x"), 2, BenchRow::Median,
               QStringLiteral("kiosk %1 ms CPU, minimal window %2 ms CPU (medians, all threads, at the first frame)")
                   .arg(BenchTable::median(kioskCpu), 0, 'f', 0).arg(BenchTable::median(helloCpu), 0, 'f', 0)});
}

void checkinCommit(BenchTable &table, bool quick)
{
    std::printf("timing CheckinService::checkInCode on a file database ...\n");
    std::fflush(stdout);
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("kiosk.sqlite")));
    if (!db.open())
        return table.missing(QStringLiteral("check-in commit: ") + db.errorString());
    QSqlQuery pragma(db.connection());
    const bool full = pragma.exec(QStringLiteral("PRAGMA synchronous")) && pragma.next() && pragma.value(0).toInt() == 2;
    SystemClock clock;
    const IssuerKey key = IssuerKey::generate(QStringLiteral("street-1"));
    MemberCodeVerifier verifier(clock);
    verifier.addTrustedIssuer(key.issuer(), key.publicKey());
    CheckinService service(db, verifier, clock, {QStringLiteral("c1"), QStringLiteral("k1"), key.issuer(), true});
    const int n = quick ? 100 : 500;
    QStringList codes;
    for (int i = 0; i < n; ++i) {
        MemberCode c;
        c.memberId = QStringLiteral("m%1").arg(i);
        c.name = QStringLiteral("张三明");
        c.org = QStringLiteral("幸福社区第一党支部");
        c.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        codes << key.sign(c);
    }
    QList<double> ms;
    for (const QString &code : codes) {
        QElapsedTimer t;
        t.start();
        const CheckinResult r = service.checkInCode(code);
        ms << t.nsecsElapsed() / 1e6;
        if (r.outcome != CheckinResult::Outcome::CheckedIn)
            return table.missing(QStringLiteral("check-in commit: ") + r.reason);
    }
    table.add({QStringLiteral("Check-in commit (verify + record + outbox, durable): ms"), BenchTable::median(ms),
               BenchTable::p90(ms), QStringLiteral("<= 5 ms median"), 5, BenchRow::Median,
               QStringLiteral("%1 members, WAL, synchronous=%2").arg(n).arg(full ? QStringLiteral("FULL") : QStringLiteral("NOT FULL"))});
}

void exports(BenchTable &table, bool quick)
{
    const QString out = runChild(QStringLiteral(BENCH_EXPORT), {QStringLiteral("100000"), quick ? QStringLiteral("2") : QStringLiteral("5")});
    for (const auto &[name, budget] : {std::pair{QStringLiteral("CSV"), 1000}, std::pair{QStringLiteral("XLSX"), 5000}}) {
        const auto m = find(out, QStringLiteral("^%1\\s*: median ([\\d.]+) ms wall \\(query ([\\d.]+) ms \\+ write ([\\d.]+) ms\\), "
                                                "([\\d.]+) ms CPU; best ([\\d.]+) ms").arg(name));
        if (!m.hasMatch()) {
            table.missing(QStringLiteral("export ") + name);
            continue;
        }
        table.add({QStringLiteral("Export 100,000 attendance rows, %1: ms").arg(name), m.captured(1).toDouble(), qQNaN(),
                   QStringLiteral("<= %1 ms").arg(budget), double(budget), BenchRow::Median,
                   QStringLiteral("query %1 + write %2 ms; CPU %3 ms; best %4 ms")
                       .arg(m.captured(2), m.captured(3), m.captured(4), m.captured(5))});
    }
}

void sync(BenchTable &table, bool quick)
{
    QList<double> ms;
    for (int i = 0; i < (quick ? 1 : 3); ++i) {
        const auto m = find(runChild(QStringLiteral(BENCH_SYNC), {}), QStringLiteral("sync 10,000 records: (\\d+) ms .*, ok\\)"));
        if (m.hasMatch())
            ms << m.captured(1).toDouble();
    }
    if (ms.isEmpty())
        return table.missing(QStringLiteral("sync 10,000"));
    table.add({QStringLiteral("Sync 10,000 records to the share: ms"), BenchTable::median(ms),
               ms.size() > 2 ? BenchTable::p90(ms) : qQNaN(), QStringLiteral("<= 2000 ms"), 2000, BenchRow::Median,
               QStringLiteral("bench_sync, runs: %1").arg(ms.size())});
}

void videoMemory(BenchTable &table, bool quick)
{
    const QString seconds = quick ? QStringLiteral("10") : QStringLiteral("30");
    const QString out = runChild(QStringLiteral(BENCH_VIDEOMEMORY),
                                 {QStringLiteral("--seconds"), seconds, QStringLiteral("--cycles"), QStringLiteral("10")});
    const auto peak = find(out, QStringLiteral("peak RSS ([\\d.]+) MB, (\\d+) frames \\(([\\d.]+) fps\\)"));
    if (!peak.hasMatch())
        return table.missing(QStringLiteral("RSS during 1080p playback"));
    const auto growth = find(out, QStringLiteral("\\(growth ([-\\d.]+) MB\\)"));
    table.add({QStringLiteral("Resident memory playing 1080p (peak): MB"), peak.captured(1).toDouble(), qQNaN(),
               QStringLiteral("<= 300 MB"), 300, BenchRow::Median,
               QStringLiteral("%1 s at %2 fps; growth over 10 play/close cycles %3 MB")
                   .arg(seconds, peak.captured(3), growth.captured(1))});
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Every design.md §8 number: a table, and JSON with --json."));
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Write the results as JSON."), QStringLiteral("FILE"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("Fewer rounds (a smoke run; not for the README)."));
    const QCommandLineOption onlyOpt(QStringLiteral("only"),
                                     QStringLiteral("Only these parts, comma-separated: decode, scan, coldstart, "
                                                    "commit, export, sync, videomemory."),
                                     QStringLiteral("PARTS"));
    parser.addOptions({jsonOpt, quickOpt, onlyOpt});
    parser.process(app);
    const bool quick = parser.isSet(quickOpt);
    const QStringList only = parser.value(onlyOpt).split(u',', Qt::SkipEmptyParts);
    const auto wanted = [&only](const char *part) { return only.isEmpty() || only.contains(QLatin1String(part)); };

    BenchTable table;
    if (wanted("decode"))
        decode(table, quick);
    if (wanted("scan"))
        scanToGreeting(table, quick);
    if (wanted("coldstart"))
        coldStart(table, quick);
    if (wanted("commit"))
        checkinCommit(table, quick);
    if (wanted("export"))
        exports(table, quick);
    if (wanted("sync"))
        sync(table, quick);
    if (wanted("videomemory"))
        videoMemory(table, quick);

    std::printf("\n%s", qPrintable(table.markdown()));
    if (parser.isSet(jsonOpt) && !table.writeJson(parser.value(jsonOpt), app.arguments().join(u' '))) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(parser.value(jsonOpt)));
        return 2;
    }
    return table.complete() ? 0 : 1;
}
