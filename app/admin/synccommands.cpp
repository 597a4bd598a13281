#include "synccommands.h"
#include "publisher.h"
#include "recordmerger.h"
#include "database.h"
#include "filelayer.h"
#include "resender.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSaveFile>
#include <QFile>
#include <QSqlQuery>
#include <cstdio>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitInput = 2, ExitOutput = 4 };

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(message));
    return code;
}

QByteArray csvField(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        s = u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return s.toUtf8();
}

// Every merged record, one line each, UTF-8 with BOM (so Excel and WPS open it as UTF-8).
bool exportCsv(RecordMerger &merger, const QString &path, qint64 *rows, QString *error)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    out.write("\xEF\xBB\xBF" "record_id,centre_id,kiosk_id,seq,kind,created_utc,local_date,payload\r\n");
    QSqlQuery q(merger.connection());
    q.exec(QStringLiteral("SELECT record_id, centre_id, kiosk_id, seq, kind, created_utc, local_date, payload FROM records "
                          "ORDER BY centre_id, kiosk_id, seq"));
    *rows = 0;
    while (q.next()) {
        QByteArray line;
        for (int i = 0; i < 8; ++i)
            line += (i ? "," : "") + csvField(q.value(i).toString());
        out.write(line + "\r\n");
        ++*rows;
    }
    if (!out.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace

int SyncCommands::publish(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("The issuer's secret key file (ISSUER.key)."),
                                    QStringLiteral("K.key"));
    const QCommandLineOption dirOpt(QStringLiteral("dir"),
                                    QStringLiteral("The distribution folder (usually <share>/distribution)."),
                                    QStringLiteral("DIR"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("publish"), QStringLiteral("Sign a distribution folder."));
    parser.addOptions({keyOpt, dirOpt});
    parser.process(args);
    if (parser.positionalArguments().size() != 1 || parser.value(keyOpt).isEmpty() || parser.value(dirOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("publish needs --key and --dir and no other arguments (see publish --help)"));
    DistributionManifest m;
    QString error;
    if (!Publisher::publish(parser.value(keyOpt), parser.value(dirOpt), &m, &error))
        return fail(ExitInput, error);
    qint64 bytes = 0;
    for (const DistributionFile &f : m.files)
        bytes += f.size;
    std::printf("published version %lld of %s: %lld files, %lld bytes, signed by %s\n", qlonglong(m.version),
                qPrintable(parser.value(dirOpt)), qlonglong(m.files.size()), qlonglong(bytes), qPrintable(m.issuer));
    return ExitOk;
}

int SyncCommands::merge(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("The central SQLite file (created if missing)."),
                                   QStringLiteral("central.sqlite"));
    const QCommandLineOption csvOpt(QStringLiteral("export-csv"),
                                    QStringLiteral("Afterwards, write every merged record to FILE (CSV, UTF-8 with BOM)."),
                                    QStringLiteral("FILE"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("merge"), QStringLiteral("Import every kiosk's record batches."));
    parser.addPositionalArgument(QStringLiteral("SHARE"), QStringLiteral("The share's root folder."));
    parser.addOptions({dbOpt, csvOpt});
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2 || parser.value(dbOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("merge needs SHARE and --db (see merge --help)"));
    RecordMerger merger;
    QString error;
    if (!merger.open(parser.value(dbOpt), &error))
        return fail(ExitOutput, error);
    QElapsedTimer timer;
    timer.start();
    const MergeReport r = merger.merge(pos.at(1));
    for (const QString &n : r.notices)
        std::printf("notice: %s\n", qPrintable(n));
    for (const QString &p : r.problems)
        std::fprintf(stderr, "problem: %s\n", qPrintable(p));
    std::printf("merged %d new batch(es) (%d unchanged, %d salvaged): %lld records imported, %lld already present, "
                "%lld NOT imported, %lld in total; %lld problem(s); %lld ms\n",
                r.batchesRead, r.batchesUnchanged, r.batchesSalvaged, qlonglong(r.recordsImported),
                qlonglong(r.recordsAlreadyThere), qlonglong(r.recordsRefused), qlonglong(merger.recordCount()),
                qlonglong(r.problems.size()), qlonglong(timer.elapsed()));
    // A failed commit or a full disk: what was committed before stands, nothing after it is
    // marked imported, and the exit code must not say success.
    if (!r.fatal.isEmpty())
        return fail(ExitOutput, r.fatal);
    if (parser.isSet(csvOpt)) {
        qint64 rows = 0;
        if (!exportCsv(merger, parser.value(csvOpt), &rows, &error))
            return fail(ExitOutput, error);
        std::printf("exported %lld records to %s\n", qlonglong(rows), qPrintable(parser.value(csvOpt)));
    }
    // Bad batches are reported, not fatal: the good ones are in, and the exit code says "look".
    return r.problems.isEmpty() ? ExitOk : ExitInput;
}

int SyncCommands::missing(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("The central SQLite file merge builds."),
                                   QStringLiteral("central.sqlite"));
    const QCommandLineOption writeOpt(QStringLiteral("write-requests"),
                                      QStringLiteral("Also write SHARE/resend/<centre>/<kiosk>.json for each kiosk listed."));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("missing"), QStringLiteral("List the records each kiosk must resend."));
    parser.addPositionalArgument(QStringLiteral("SHARE"), QStringLiteral("The share's root folder."));
    parser.addOptions({dbOpt, writeOpt});
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2 || parser.value(dbOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("missing needs SHARE and --db (see missing --help)"));
    if (!QFile::exists(parser.value(dbOpt)))
        return fail(ExitInput, QStringLiteral("%1 does not exist (run merge first)").arg(parser.value(dbOpt)));
    RecordMerger merger;
    QString error;
    if (!merger.open(parser.value(dbOpt), &error))
        return fail(ExitOutput, error);
    const QList<MissingRange> ranges = merger.missing(&error);
    if (!error.isEmpty())
        return fail(ExitOutput, error);
    QMap<QString, QJsonArray> perKiosk; // "centre/kiosk" -> [[first, last], ...]
    qint64 records = 0;
    for (const MissingRange &m : ranges) {
        std::printf("%s/%s: seq %lld-%lld (%lld records) %s\n", qPrintable(m.centreId), qPrintable(m.kioskId),
                    qlonglong(m.firstSeq), qlonglong(m.lastSeq), qlonglong(m.lastSeq - m.firstSeq + 1),
                    m.why == MissingRange::Why::Gap ? "never arrived"
                                                     : qPrintable(QStringLiteral("salvaged from a damaged file, unverified: ") + m.batch));
        perKiosk[m.centreId + u'/' + m.kioskId].append(QJsonArray{m.firstSeq, m.lastSeq});
        records += m.lastSeq - m.firstSeq + 1;
    }
    std::printf("%lld kiosk(s) must resend %lld record(s) in %lld range(s)\n", qlonglong(perKiosk.size()), qlonglong(records),
                qlonglong(ranges.size()));
    if (parser.isSet(writeOpt)) {
        // The kiosk reads its request (`dangqun-admin resend`): the office never writes a record.
        for (auto it = perKiosk.cbegin(); it != perKiosk.cend(); ++it) {
            const QString path = QDir(pos.at(1)).filePath(QStringLiteral("resend/%1.json").arg(it.key()));
            QDir().mkpath(QFileInfo(path).absolutePath());
            QSaveFile out(path);
            const QJsonObject o{{QStringLiteral("format"), 1},
                                {QStringLiteral("written_utc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                                {QStringLiteral("ranges"), it.value()}};
            if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(o).toJson()) < 0 || !out.commit())
                return fail(ExitOutput, QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
            std::printf("wrote %s\n", qPrintable(path));
        }
    }
    // Something is missing: the exit code says so.
    return ranges.isEmpty() ? ExitOk : ExitInput;
}

int SyncCommands::resend(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("This kiosk's database."), QStringLiteral("kiosk.sqlite"));
    const QCommandLineOption shareOpt(QStringLiteral("share"), QStringLiteral("The share's root folder."), QStringLiteral("SHARE"));
    const QCommandLineOption centreOpt(QStringLiteral("centre"), QStringLiteral("This kiosk's centre id."), QStringLiteral("C"));
    const QCommandLineOption kioskOpt(QStringLiteral("kiosk"), QStringLiteral("This kiosk's id."), QStringLiteral("K"));
    const QCommandLineOption seqOpt(QStringLiteral("seq"),
                                    QStringLiteral("A range FIRST-LAST to resend (repeatable); default: the office's request "
                                                   "SHARE/resend/<centre>/<kiosk>.json."),
                                    QStringLiteral("FIRST-LAST"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("resend"), QStringLiteral("Write the records the office lacks again."));
    parser.addOptions({dbOpt, shareOpt, centreOpt, kioskOpt, seqOpt});
    parser.process(args);
    if (parser.positionalArguments().size() != 1 || parser.value(dbOpt).isEmpty() || parser.value(shareOpt).isEmpty()
        || parser.value(centreOpt).isEmpty() || parser.value(kioskOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("resend needs --db, --share, --centre and --kiosk (see resend --help)"));
    FileLayer files;
    Resender resender(files, parser.value(shareOpt), parser.value(centreOpt), parser.value(kioskOpt));
    Resender::Ranges ranges;
    QString tag, error;
    if (parser.isSet(seqOpt)) {
        for (const QString &r : parser.values(seqOpt)) {
            const qint64 first = r.section(u'-', 0, 0).toLongLong(), last = r.section(u'-', 1, 1).toLongLong();
            if (first <= 0 || last < first)
                return fail(ExitUsage, QStringLiteral("--seq %1 is not FIRST-LAST").arg(r));
            ranges.append({first, last});
        }
        tag = QStringLiteral("r") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
    } else if (!resender.readRequest(&ranges, &tag, &error)) {
        return fail(ExitInput, error);
    }
    if (!QFile::exists(parser.value(dbOpt)))
        return fail(ExitInput, QStringLiteral("%1 does not exist").arg(parser.value(dbOpt)));
    Database db(parser.value(dbOpt));
    if (!db.open())
        return fail(ExitInput, QStringLiteral("cannot open %1").arg(parser.value(dbOpt)));
    const ResendResult r = resender.resend(db, ranges, tag);
    std::printf("resent %lld record(s) in %d batch(es) tagged %s; %lld asked for but not in this kiosk's outbox\n",
                qlonglong(r.records), r.batches, qPrintable(tag), qlonglong(r.notInOutbox));
    if (!r.ok())
        return fail(ExitOutput, r.error);
    return r.notInOutbox == 0 ? ExitOk : ExitInput;
}
