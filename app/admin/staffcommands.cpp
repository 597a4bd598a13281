#include "staffcommands.h"
#include "clock.h"
#include "exportjob.h"
#include "pinconfig.h"
#include "pinhash.h"

#include <QFileInfo>
#include <QSysInfo>
#include <QTimeZone>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitInput = 2, ExitOutput = 4 };

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(message));
    return code;
}

QString readLine()
{
    char buffer[256];
    if (!std::fgets(buffer, sizeof buffer, stdin))
        return {};
    return QString::fromLocal8Bit(buffer).trimmed();
}

// At a terminal: asked twice, not echoed. From a pipe (scripts, tests): one line.
QString readPin(QString *error)
{
    if (!::isatty(STDIN_FILENO))
        return readLine();
    termios old{};
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::fprintf(stderr, "New staff PIN (%d-%d digits): ", PinHash::MinDigits, PinHash::MaxDigits);
    const QString first = readLine();
    std::fprintf(stderr, "\nAgain: ");
    const QString second = readLine();
    std::fprintf(stderr, "\n");
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    if (first != second) {
        *error = QStringLiteral("the two PINs differ; nothing was changed");
        return {};
    }
    return first;
}

} // namespace

int StaffCommands::setPin(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption configOpt(QStringLiteral("config"), QStringLiteral("The kiosk's INI file."),
                                       QStringLiteral("FILE"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("set-pin"),
                                 QStringLiteral("Set the staff PIN (read from standard input) of a kiosk."));
    parser.addOption(configOpt);
    parser.process(args);
    if (parser.positionalArguments().size() != 1 || parser.value(configOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("set-pin needs --config FILE and no other arguments"));
    const QString config = parser.value(configOpt);
    if (!QFileInfo(config).isFile())
        return fail(ExitInput, QStringLiteral("%1 is not a file").arg(config));
    QString error;
    const QString pin = readPin(&error);
    if (!error.isEmpty())
        return fail(ExitInput, error);
    if (!PinHash::isValidPin(pin))
        return fail(ExitInput, QStringLiteral("a PIN is %1 to %2 digits (the keypad has digits only); nothing was changed")
                                   .arg(PinHash::MinDigits)
                                   .arg(PinHash::MaxDigits));
    const QString hash = PinHash::hash(pin);
    if (hash.isEmpty())
        return fail(ExitOutput, QStringLiteral("cannot hash the PIN (out of memory?)"));
    if (!PinConfig::writePinHash(config, hash, &error))
        return fail(ExitOutput, error);
    std::printf("staff PIN set in %s (Argon2id hash; restart the kiosk to use it)\n", qPrintable(config));
    return ExitOk;
}

int StaffCommands::exportReport(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("A kiosk database or the central one (merge)."),
                                   QStringLiteral("DB"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Folder to write to (created if missing)."),
                                    QStringLiteral("DIR"), QStringLiteral("."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("xlsx (default) or csv."),
                                       QStringLiteral("FMT"), QStringLiteral("xlsx"));
    const QCommandLineOption fromOpt(QStringLiteral("from"), QStringLiteral("First local day."), QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption toOpt(QStringLiteral("to"), QStringLiteral("Last local day."), QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption eventOpt(QStringLiteral("event"), QStringLiteral("attendance: only this event id."),
                                      QStringLiteral("ID"));
    const QCommandLineOption orgOpt(QStringLiteral("organisation"),
                                    QStringLiteral("attendance, flowing: only this home organisation."), QStringLiteral("ORG"));
    const QCommandLineOption memberOpt(QStringLiteral("member"), QStringLiteral("transcript: only this member id."),
                                       QStringLiteral("ID"));
    const QCommandLineOption centreOpt(QStringLiteral("centre"), QStringLiteral("Only this centre's records (centre id)."),
                                       QStringLiteral("ID"));
    const QCommandLineOption zoneOpt(QStringLiteral("timezone"),
                                     QStringLiteral("The centres' time zone for the times shown (Asia/Shanghai); "
                                                    "never the zone of this PC."),
                                     QStringLiteral("ZONE"), QStringLiteral("Asia/Shanghai"));
    const QCommandLineOption monthsOpt(QStringLiteral("months"), QStringLiteral("unseen: not seen for N months (6)."),
                                       QStringLiteral("N"), QStringLiteral("6"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("Write a staff report."));
    parser.addPositionalArgument(QStringLiteral("KIND"), ExportRequest::kindNames().join(QStringLiteral(" | ")));
    parser.addOptions({dbOpt, outOpt, formatOpt, fromOpt, toOpt, eventOpt, orgOpt, memberOpt, centreOpt, zoneOpt, monthsOpt});
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    const auto kind = ExportRequest::kindFromName(pos.value(1));
    if (pos.size() != 2 || !kind || parser.value(dbOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("export needs KIND (%1) and --db (see export --help)")
                                   .arg(ExportRequest::kindNames().join(QStringLiteral(", "))));
    ExportRequest r;
    r.kind = *kind;
    const QString format = parser.value(formatOpt).toLower();
    if (format != u"csv" && format != u"xlsx")
        return fail(ExitUsage, QStringLiteral("--format is csv or xlsx"));
    r.format = format == u"csv" ? ExportRequest::Format::Csv : ExportRequest::Format::Xlsx;
    for (const auto &[opt, date] : {std::pair{&fromOpt, &r.from}, std::pair{&toOpt, &r.to}}) {
        if (!parser.isSet(*opt))
            continue;
        *date = QDate::fromString(parser.value(*opt), Qt::ISODate);
        if (!date->isValid())
            return fail(ExitUsage, QStringLiteral("--%1 %2 is not a date like 2026-11-27").arg(opt->names().first(),
                                                                                                parser.value(*opt)));
    }
    bool ok = false;
    r.months = parser.value(monthsOpt).toInt(&ok);
    if (!ok || r.months < 1)
        return fail(ExitUsage, QStringLiteral("--months is a whole number of months, at least 1"));
    r.eventId = parser.value(eventOpt);
    r.organisation = parser.value(orgOpt);
    r.memberId = parser.value(memberOpt);
    r.centre = parser.value(centreOpt);
    r.zone = QTimeZone(parser.value(zoneOpt).toUtf8());
    if (!r.zone.isValid())
        return fail(ExitUsage, QStringLiteral("--timezone %1 is not a time zone like Asia/Shanghai").arg(parser.value(zoneOpt)));
    const QByteArray user = qgetenv("USER");
    r.exportedBy = QStringLiteral("dangqun-admin（%1@%2）")
                       .arg(user.isEmpty() ? QStringLiteral("?") : QString::fromLocal8Bit(user), QSysInfo::machineHostName());
    if (!QFileInfo(parser.value(dbOpt)).isFile())
        return fail(ExitInput, QStringLiteral("%1 does not exist").arg(parser.value(dbOpt)));

    const SystemClock clock;
    const ExportResult result = ExportJob::run(parser.value(dbOpt), clock, r, parser.value(outOpt));
    if (!result.ok)
        return fail(result.error.contains(QStringLiteral("数据库")) ? ExitInput : ExitOutput, result.error);
    for (const QString &f : result.files)
        std::printf("%s\n", qPrintable(f));
    std::fprintf(stderr, "%lld row(s) written\n", qlonglong(result.rows));
    return ExitOk;
}
