#include "receiptcommands.h"
#include "fleetreport.h"
#include "framedecoder.h"
#include "receiptverifier.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <cstdio>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitInput = 2, ExitOutput = 4 };

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(message));
    return code;
}

// The receipt's text: given as is, or read from a photo or screenshot with the kiosk's decoder.
QString receiptText(const QString &arg, QString *error)
{
    if (arg.startsWith(QLatin1String("DQR1.")) || arg.startsWith(QLatin1String("DQM1.")))
        return arg.trimmed();
    if (!QFileInfo(arg).isFile()) {
        *error = QStringLiteral("“%1”既不是回执文本（DQR1. 开头），也不是图片文件").arg(arg);
        return {};
    }
    QImageReader reader(arg);
    reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
    const QImage image = reader.read();
    if (image.isNull()) {
        *error = QStringLiteral("无法读取图片 %1：%2").arg(arg, reader.errorString());
        return {};
    }
    const ScanResult result = FrameDecoder().decode(image);
    if (!result.found) {
        *error = QStringLiteral("图片 %1 中没有找到二维码（请拍清楚、拍正，二维码占画面三分之一以上）").arg(arg);
        return {};
    }
    return result.text;
}

} // namespace

int ReceiptCommands::verifyReceipt(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption trustedOpt(QStringLiteral("trusted"),
                                        QStringLiteral("Folder of trusted kiosk keys, <centre>/<kiosk>.pub (the "
                                                       "office's distribution/trusted-kiosks)."),
                                        QStringLiteral("DIR"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("verify-receipt"), QStringLiteral("Check an attendance receipt."));
    parser.addPositionalArgument(QStringLiteral("IMAGE|TEXT"),
                                 QStringLiteral("A photo or screenshot of the receipt QR, or its DQR1. text."));
    parser.addOption(trustedOpt);
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2 || parser.value(trustedOpt).isEmpty())
        return fail(ExitUsage, QStringLiteral("verify-receipt needs IMAGE or TEXT and --trusted DIR (see verify-receipt --help)"));

    ReceiptVerifier verifier;
    for (const QString &problem : verifier.loadTrustedKiosks(parser.value(trustedOpt)))
        std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(problem));
    if (verifier.trustedKiosks().isEmpty())
        return fail(ExitInput, QStringLiteral("%1 中没有可用的终端公钥：无法核验任何回执").arg(parser.value(trustedOpt)));

    QString error;
    const QString text = receiptText(pos.at(1), &error);
    if (text.isEmpty())
        return fail(ExitInput, error);
    const ReceiptVerdict v = verifier.verify(text);
    if (!v.ok()) {
        std::printf("回执无效（%s）：%s\n", qPrintable(ReceiptVerifier::verdictName(v.verdict)), qPrintable(v.reason));
        return ExitInput;
    }
    std::printf("回执有效：由受信任终端 %s/%s 签发，内容未被改动。\n", qPrintable(v.receipt.centreId),
                qPrintable(v.receipt.kioskId));
    for (const QString &line : ReceiptVerifier::describe(v.receipt))
        std::printf("  %s\n", qPrintable(line));
    return ExitOk;
}

int ReceiptCommands::fleet(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Write CSV (UTF-8 with BOM) instead of a table."));
    const QCommandLineOption staleOpt(QStringLiteral("stale-hours"),
                                      QStringLiteral("Flag a kiosk whose last heartbeat is older than N hours (default %1).")
                                              .arg(FleetReport::DefaultStaleHours),
                                      QStringLiteral("N"), QString::number(FleetReport::DefaultStaleHours));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("fleet"), QStringLiteral("Show every kiosk that wrote a heartbeat."));
    parser.addPositionalArgument(QStringLiteral("SHARE"), QStringLiteral("The share's root folder."));
    parser.addOptions({csvOpt, staleOpt});
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return fail(ExitUsage, QStringLiteral("fleet needs SHARE (see fleet --help)"));
    bool ok = false;
    const int staleHours = parser.value(staleOpt).toInt(&ok);
    if (!ok || staleHours < 1 || staleHours > 24 * 365)
        return fail(ExitUsage, QStringLiteral("--stale-hours %1 is not a whole number of hours from 1 to 8760")
                                       .arg(parser.value(staleOpt)));
    const FleetSnapshot s = FleetReport::read(pos.at(1), QDateTime::currentDateTimeUtc(), staleHours);
    for (const QString &p : s.problems)
        std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(p));
    if (s.kiosks.isEmpty() && !s.problems.isEmpty())
        return ExitInput;
    if (parser.isSet(csvOpt)) {
        const QByteArray csv = FleetReport::csv(s);
        if (std::fwrite(csv.constData(), 1, size_t(csv.size()), stdout) != size_t(csv.size()))
            return fail(ExitOutput, QStringLiteral("cannot write the CSV to standard output"));
    } else {
        std::printf("%s", qPrintable(FleetReport::table(s)));
    }
    // Like merge: the report is complete either way; the exit code says "some kiosk needs a look".
    return s.flaggedCount() == 0 ? ExitOk : ExitInput;
}
