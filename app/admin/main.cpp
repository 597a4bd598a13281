// dangqun-admin: the staff command-line tool of the issuing office (design.md §2, §3). It holds the
// private key; kiosks never run it. Each subcommand validates everything before writing anything.
#include "clock.h"
#include "filedecoder.h"
#include "issuerkey.h"
#include "membercardcodes.h"
#include "membercardpdf.h"
#include "membercode.h"
#include "qrimage.h"
#include "quizbank.h"
#include "roster.h"
#include "staffcommands.h"
#include "zonefile.h"
#include "receiptcommands.h"
#include "synccommands.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageWriter>
#include <QSaveFile>
#include <cstdio>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitInput = 2, ExitOutput = 4 };

constexpr int pngModuleSize = 8; // 8 px a module: crisp on a phone screen, small enough to send

const char *const overview =
        "党群服务中心 staff tool.\n"
        "\n"
        "Commands:\n"
        "  keygen ISSUER [--out DIR]\n"
        "      Create the issuer's Ed25519 key pair: DIR/ISSUER.key (secret, mode 0600) and\n"
        "      DIR/ISSUER.pub (copy it to every kiosk's trusted-issuers folder). Never overwrites.\n"
        "  issue-codes --key K.key --issuer ISSUER --roster members.csv --out DIR\n"
        "              [--expires YYYY-MM-DD] [--title TEXT]\n"
        "      Sign one member QR code per roster row: DIR/<member_id>.png, and printable A4 cards\n"
        "      DIR/member-cards.pdf, and DIR/member-codes.json for distribution/cards/ (the kiosks'\n"
        "      staff screen prints cards for new members from it). The roster is CSV or JSON.\n"
        "  decode [--trusted DIR] FILE...\n"
        "      Read member codes from images (not built yet).\n"
        "  validate-bank FILE [--json OUT [--id ID] [--title TEXT] [--bank-version V]]\n"
        "      Check a question bank (.json, or a .csv sheet saved from Excel) and list every\n"
        "      problem with its line or question id; exit 2 if there is any. With --json, a\n"
        "      valid bank is written as the kiosk's JSON (the import from Excel).\n"
        "  publish --key K.key --dir DIR\n"
        "      Sign a distribution folder (the share's distribution/): writes manifest.json with\n"
        "      every file's sha256 and size, the next version, and manifest.json.sig.\n"
        "  merge SHARE --db central.sqlite [--export-csv FILE]\n"
        "      Import every kiosk's record batches from SHARE/records (idempotent by record id).\n"
        "      Every record not stored is named with file, line and reason (exit 2); damaged\n"
        "      batches are salvaged line by line; a database failure (full disk) exits 4.\n"
        "  missing SHARE --db central.sqlite [--write-requests]\n"
        "      Per kiosk, the seq ranges the office lacks or could not verify (exit 2 if any);\n"
        "      --write-requests puts them in SHARE/resend/<centre>/<kiosk>.json for the kiosk.\n"
        "  resend --db kiosk.sqlite --share SHARE --centre C --kiosk K [--seq FIRST-LAST]...\n"
        "      On a kiosk: write the office's requested records (or the given ranges) again as\n"
        "      verified batches <k>-<first>-<last>.r<stamp>.jsonl; idempotent by record id.\n"
        "  set-pin --config kiosk.ini\n"
        "      Set the staff PIN of a kiosk: read from standard input (asked twice at a terminal),\n"
        "      stored only as its Argon2id hash in [admin] pin_hash.\n"
        "  export attendance|transcript|flowing|unseen --db DB [--out DIR] [--format xlsx|csv]\n"
        "         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--event ID] [--organisation ORG]\n"
        "         [--member ID] [--months N]\n"
        "      The staff reports over a kiosk database or the central one that merge builds.\n"
        "  verify-receipt IMAGE|TEXT --trusted DIR\n"
        "      Check a member's attendance receipt (a photo or screenshot of its QR, or its DQR1.\n"
        "      text) against trusted kiosk keys DIR/<centre>/<kiosk>.pub; prints what it proves.\n"
        "      A forged, altered or unknown-kiosk receipt is refused with the reason (exit 2).\n"
        "  fleet SHARE [--csv] [--stale-hours N]\n"
        "      Every kiosk that wrote a heartbeat to SHARE/status: versions, last contact and sync,\n"
        "      queue, errors, distribution in use, days since the last check-in; stale, failing,\n"
        "      growing-queue and behind kiosks first and flagged (exit 2 when any is flagged).\n"
        "\n"
        "Run 'dangqun-admin COMMAND --help' for the options of a command.\n"
        "Exit codes: 0 ok, 1 usage, 2 bad input, 4 cannot write output.";

void say(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
}

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(message));
    return code;
}

int keygen(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder for the key files (default: current)."),
                                 QStringLiteral("DIR"), QStringLiteral("."));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("keygen"), QStringLiteral("Create an issuer key pair."));
    parser.addPositionalArgument(QStringLiteral("ISSUER"),
                                 QStringLiteral("Issuer id, e.g. street-1 (letters, digits, _ . -)."));
    parser.addOption(out);
    parser.process(args);
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return fail(ExitUsage, QStringLiteral("keygen needs exactly one ISSUER (see keygen --help)"));
    const QString issuer = pos.at(1);
    if (!MemberCode::isValidId(issuer))
        return fail(ExitUsage, QStringLiteral("“%1” is not a valid issuer id: letters, digits, '_', '.', '-', "
                                              "at most %2 characters, not starting with '.' or '-'")
                                       .arg(issuer)
                                       .arg(MemberCode::MaxIdLength));
    const QDir dir(parser.value(out));
    for (const char *suffix : {".key", ".pub"}) {
        const QString path = dir.filePath(issuer + QLatin1String(suffix));
        if (QFileInfo::exists(path))
            return fail(ExitInput, QStringLiteral("%1 already exists; refusing to overwrite it (a new key would make "
                                                  "every code already issued by %2 invalid)")
                                           .arg(path, issuer));
    }
    const IssuerKey key = IssuerKey::generate(issuer);
    QString error;
    if (key.isNull() || !key.save(parser.value(out), &error))
        return fail(ExitOutput, error.isEmpty() ? QStringLiteral("cannot create a key") : error);
    say(QStringLiteral("secret key: %1 (keep it with the issuing office; back it up offline)")
                .arg(dir.filePath(issuer + QLatin1String(".key"))));
    say(QStringLiteral("public key: %1 (copy to each kiosk's trusted-issuers folder)")
                .arg(dir.filePath(issuer + QLatin1String(".pub"))));
    return ExitOk;
}

// The .pub next to a key, if present, must be its own: catches a key file copied over another.
QString checkPublicKeyNextTo(const QString &keyPath, const IssuerKey &key)
{
    const QFileInfo info(keyPath);
    QFile pub(info.dir().filePath(key.issuer() + QLatin1String(".pub")));
    if (!pub.exists() || !pub.open(QIODevice::ReadOnly))
        return {};
    if (pub.read(1024).trimmed() != key.publicKeyBase64())
        return QStringLiteral("%1 does not belong to %2: codes signed with this key would be refused by kiosks")
                .arg(pub.fileName(), keyPath);
    return {};
}

bool savePng(const QImage &image, const QString &path, QString *error)
{
    QSaveFile file(path);
    QImageWriter writer(&file, "png");
    if (!file.open(QIODevice::WriteOnly) || !writer.write(image) || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, writer.error() != QImageWriter::UnknownError
                                                                         ? writer.errorString()
                                                                         : file.errorString());
        return false;
    }
    return true;
}

int issueCodes(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("The issuer's secret key file (ISSUER.key)."),
                                    QStringLiteral("K.key"));
    const QCommandLineOption issuerOpt(QStringLiteral("issuer"), QStringLiteral("Issuer id; must match the key file."),
                                       QStringLiteral("ISSUER"));
    const QCommandLineOption rosterOpt(QStringLiteral("roster"), QStringLiteral("Member list, CSV or JSON."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output folder (created if missing)."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption expiresOpt(QStringLiteral("expires"),
                                        QStringLiteral("Last day the codes are valid (local time); default: never."),
                                        QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption titleOpt(QStringLiteral("title"),
                                      QStringLiteral("Heading on each card, e.g. the centre's name (default: ISSUER)."),
                                      QStringLiteral("TEXT"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("issue-codes"), QStringLiteral("Sign member codes for a roster."));
    parser.addOptions({keyOpt, issuerOpt, rosterOpt, outOpt, expiresOpt, titleOpt});
    parser.process(args);
    if (parser.positionalArguments().size() != 1)
        return fail(ExitUsage, QStringLiteral("issue-codes takes no positional arguments (see issue-codes --help)"));
    for (const QCommandLineOption *o : {&keyOpt, &issuerOpt, &rosterOpt, &outOpt}) {
        if (parser.value(*o).isEmpty())
            return fail(ExitUsage, QStringLiteral("issue-codes needs --%1 (see issue-codes --help)").arg(o->names().first()));
    }

    const SystemClock clock;
    const QString issuer = parser.value(issuerOpt);
    const QString keyPath = parser.value(keyOpt);
    if (!MemberCode::isValidId(issuer))
        return fail(ExitUsage, QStringLiteral("“%1” is not a valid issuer id").arg(issuer));
    if (QFileInfo(keyPath).completeBaseName() != issuer)
        return fail(ExitInput, QStringLiteral("key file %1 is not named %2.key: signing as %2 with another issuer's "
                                              "key makes codes every kiosk refuses")
                                       .arg(keyPath, issuer));
    std::optional<QDateTime> expires;
    if (parser.isSet(expiresOpt)) {
        const QDate last = QDate::fromString(parser.value(expiresOpt), Qt::ISODate);
        if (!last.isValid())
            return fail(ExitUsage, QStringLiteral("--expires %1 is not a date like 2027-06-30").arg(parser.value(expiresOpt)));
        if (last < clock.localDate())
            return fail(ExitUsage, QStringLiteral("--expires %1 is in the past").arg(parser.value(expiresOpt)));
        // Valid through the whole last day: the code stops at the next local midnight.
        expires = last.addDays(1).startOfDay().toUTC();
    }

    QString error;
    const auto key = IssuerKey::load(keyPath, issuer, &error);
    if (!key)
        return fail(ExitInput, error);
    if (const QString mismatch = checkPublicKeyNextTo(keyPath, *key); !mismatch.isEmpty())
        return fail(ExitInput, mismatch);
    const RosterResult roster = Roster::load(parser.value(rosterOpt));
    if (!roster.ok()) {
        for (const QString &e : roster.errors)
            std::fprintf(stderr, "%s\n", qPrintable(e));
        return fail(ExitInput, QStringLiteral("roster %1 refused (%2 problems); nothing was written")
                                       .arg(parser.value(rosterOpt))
                                       .arg(roster.errors.size()));
    }

    // Sign, check and render everything in memory first: a bad row means no files at all.
    MemberCodeVerifier verifier(clock);
    verifier.addTrustedIssuer(issuer, key->publicKey());
    const QDateTime now = QDateTime::fromSecsSinceEpoch(clock.now().toSecsSinceEpoch(), Qt::UTC);
    QList<MemberCardPdf::Card> cards;
    QList<QImage> images;
    QStringList problems;
    for (const RosterMember &m : roster.members) {
        MemberCode code;
        code.issuer = issuer;
        code.memberId = m.memberId;
        code.name = m.name;
        code.org = m.organisation;
        code.kind = MemberCode::kindFromName(m.kind).value_or(MemberCode::Kind::Member);
        code.issuedAt = now;
        code.expiresAt = expires;
        const QString text = key->sign(code, &error);
        if (text.isEmpty()) {
            problems << QStringLiteral("%1: %2").arg(m.memberId, error);
            continue;
        }
        if (const MemberCodeVerdict v = verifier.verify(text); !v.ok() || v.code != code) {
            problems << QStringLiteral("%1: signed code does not verify (%2)")
                                .arg(m.memberId, MemberCodeVerifier::verdictName(v.verdict));
            continue;
        }
        const QImage image = QrImage::render(text, pngModuleSize, QrImage::Ecc::M);
        if (image.isNull()) {
            problems << QStringLiteral("%1: code too long for a QR code").arg(m.memberId);
            continue;
        }
        images << image;
        cards << MemberCardPdf::Card{m.memberId, m.name, m.organisation, code.kind, text};
    }
    if (!problems.isEmpty()) {
        for (const QString &p : problems)
            std::fprintf(stderr, "%s\n", qPrintable(p));
        return fail(ExitInput, QStringLiteral("%1 members could not be issued; nothing was written").arg(problems.size()));
    }

    const QDir out(parser.value(outOpt));
    if (!out.mkpath(QStringLiteral(".")))
        return fail(ExitOutput, QStringLiteral("cannot create %1").arg(out.path()));
    for (qsizetype i = 0; i < cards.size(); ++i) {
        if (!savePng(images.at(i), out.filePath(cards.at(i).memberId + QLatin1String(".png")), &error))
            return fail(ExitOutput, error);
    }
    const QString title = parser.value(titleOpt).isEmpty() ? issuer : parser.value(titleOpt);
    const QString pdfPath = out.filePath(QStringLiteral("member-cards.pdf"));
    if (!MemberCardPdf(title).write(pdfPath, cards, &error))
        return fail(ExitOutput, error);
    // The signed texts for the centres' kiosks: copied into distribution/cards/, they let the
    // staff screen print cards for new members (the kiosk has no key to sign them itself).
    QStringList texts;
    for (const MemberCardPdf::Card &c : cards)
        texts << c.codeText;
    const QString codesPath = out.filePath(QStringLiteral("member-codes.json"));
    QSaveFile codesFile(codesPath);
    if (!codesFile.open(QIODevice::WriteOnly) || codesFile.write(MemberCardCodes::toJson(texts)) < 0 || !codesFile.commit())
        return fail(ExitOutput, QStringLiteral("cannot write %1: %2").arg(codesPath, codesFile.errorString()));
    say(QStringLiteral("issued %1 member codes for %2%3").arg(cards.size()).arg(issuer,
            expires ? QStringLiteral(", valid through %1").arg(parser.value(expiresOpt)) : QString()));
    say(QStringLiteral("  images: %1/<member_id>.png").arg(out.path()));
    say(QStringLiteral("  cards:  %1").arg(pdfPath));
    say(QStringLiteral("  codes for the kiosks' 打印党员证: %1 (put it in distribution/cards/)").arg(codesPath));
    return ExitOk;
}

int decode(QCommandLineParser &parser, const QStringList &args)
{
    const QCommandLineOption trusted(QStringLiteral("trusted"),
                                     QStringLiteral("Folder of trusted issuer keys (<iss>.pub) to verify against."),
                                     QStringLiteral("DIR"), QStringLiteral("/etc/dangqun-kiosk/trusted-issuers"));
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("decode"),
                                 QStringLiteral("Read QR codes from images or videos with the kiosk's own decoder."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Image or video files."), QStringLiteral("FILE..."));
    parser.addOption(trusted);
    parser.process(args);
    const QStringList files = parser.positionalArguments().mid(1);
    if (files.isEmpty())
        return fail(ExitUsage, QStringLiteral("decode needs at least one FILE (see decode --help)"));

    SystemClock clock;
    MemberCodeVerifier verifier(clock);
    for (const QString &problem : verifier.loadTrustedIssuers(parser.value(trusted)))
        std::fprintf(stderr, "dangqun-admin: %s\n", qPrintable(problem));

    FileDecoder decoder;
    const QList<FileDecoder::Hit> hits = decoder.decode(files);
    // A video shows one code for many frames: one line per run of the same text.
    for (qsizetype i = 0; i < hits.size();) {
        const FileDecoder::Hit &h = hits[i];
        qsizetype j = i + 1;
        double totalMs = h.decodeMs;
        while (j < hits.size() && hits[j].file == h.file && hits[j].text == h.text) {
            totalMs += hits[j].decodeMs;
            ++j;
        }
        const MemberCodeVerdict v = verifier.verify(h.text);
        say(QStringLiteral("%1\tframe %2 (%3 ms)\t%4 frame(s)\t%5\t%6 ms\t%7")
                .arg(h.file)
                .arg(h.frameIndex)
                .arg(h.timestampMs)
                .arg(j - i)
                .arg(MemberCodeVerifier::verdictName(v.verdict))
                .arg(totalMs / double(j - i), 0, 'f', 2)
                .arg(h.text));
        i = j;
    }
    int status = ExitOk;
    for (const FileDecoder::Summary &s : decoder.summaries()) {
        std::fprintf(stderr, "%s: %d frame(s) decoded, %d with a code%s%s\n", qPrintable(s.file), s.frames, s.hits,
                     s.error.isEmpty() ? "" : ": ", qPrintable(s.error));
        if (!s.error.isEmpty())
            status = ExitInput;
    }
    return status;
}

int validateBank(QCommandLineParser &parser, const QStringList &args)
{
    parser.clearPositionalArguments();
    parser.addPositionalArgument(QStringLiteral("validate-bank"), QStringLiteral("Check a question bank."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Question bank: .json or .csv (UTF-8 or GB18030)."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("When the bank is valid, write it as the kiosk's JSON to OUT (never overwrites)."),
                                     QStringLiteral("OUT"));
    const QCommandLineOption idOpt(QStringLiteral("id"), QStringLiteral("Bank id for a CSV sheet (default: file name)."),
                                   QStringLiteral("ID"));
    const QCommandLineOption titleOpt(QStringLiteral("title"), QStringLiteral("Bank title for a CSV sheet."),
                                      QStringLiteral("TEXT"));
    const QCommandLineOption versionOpt(QStringLiteral("bank-version"), QStringLiteral("Bank version for a CSV sheet."),
                                        QStringLiteral("V"));
    parser.addOptions({jsonOpt, idOpt, titleOpt, versionOpt});
    parser.process(args);
    const QStringList files = parser.positionalArguments().mid(1);
    if (files.size() != 1)
        return fail(ExitUsage, QStringLiteral("validate-bank takes exactly one FILE"));
    QuizBankResult r = QuizBankReader::load(files.constFirst());
    // A sheet holds only questions: the bank's name and version may be given here.
    if (r.ok() && !files.constFirst().endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        if (parser.isSet(idOpt))
            r.bank.id = parser.value(idOpt);
        if (parser.isSet(titleOpt))
            r.bank.title = parser.value(titleOpt);
        if (parser.isSet(versionOpt))
            r.bank.version = parser.value(versionOpt);
        r.problems = QuizBankReader::validate(r.bank);
    }
    if (!r.ok()) {
        for (const QuizProblem &p : r.problems)
            std::fprintf(stderr, "%s: %s\n", qPrintable(files.constFirst()), qPrintable(p.toString()));
        return fail(ExitInput, QStringLiteral("%1 problem(s); the bank would not be loaded").arg(r.problems.size()));
    }
    int counts[3] = {0, 0, 0};
    for (const QuizQuestion &q : r.bank.questions)
        ++counts[int(q.type)];
    say(QStringLiteral("%1: ok — %2 %3 (version %4): %5 questions (%6 single, %7 multiple, %8 judge), %9 test(s)")
            .arg(files.constFirst(), r.bank.id, r.bank.title, r.bank.version)
            .arg(r.bank.questions.size()).arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(r.bank.tests.size()));
    if (parser.isSet(jsonOpt)) {
        const QString out = parser.value(jsonOpt);
        if (QFileInfo::exists(out))
            return fail(ExitOutput, QStringLiteral("%1 exists; not overwritten").arg(out));
        QSaveFile f(out);
        const QByteArray json = QuizBankReader::toJson(r.bank);
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit())
            return fail(ExitOutput, QStringLiteral("cannot write %1: %2").arg(out, f.errorString()));
        say(QStringLiteral("  written: %1 (copy it to the share's distribution/quiz/)").arg(out));
    }
    return ExitOk;
}

} // namespace

int main(int argc, char **argv)
{
    readZoneFileOnce(); // exports convert every time to local time
    // QPdfWriter needs QtGui (fonts), but staff run this over SSH or in CI without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("dangqun-admin"));
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(overview));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("keygen | issue-codes | decode | validate-bank | publish | merge | missing | resend | set-pin | export | verify-receipt | fleet"));

    // First pass only finds the command; each command then declares its options and parses again,
    // so `COMMAND --help` shows that command's options and unknown options are refused.
    const QStringList args = QGuiApplication::arguments();
    parser.parse(args);
    const QString command = parser.positionalArguments().value(0);
    if (command == u"keygen")
        return keygen(parser, args);
    if (command == u"issue-codes")
        return issueCodes(parser, args);
    if (command == u"decode")
        return decode(parser, args);
    if (command == u"validate-bank")
        return validateBank(parser, args);
    if (command == u"publish")
        return SyncCommands::publish(parser, args);
    if (command == u"merge")
        return SyncCommands::merge(parser, args);
    if (command == u"missing")
        return SyncCommands::missing(parser, args);
    if (command == u"resend")
        return SyncCommands::resend(parser, args);
    if (command == u"set-pin")
        return StaffCommands::setPin(parser, args);
    if (command == u"export")
        return StaffCommands::exportReport(parser, args);
    if (command == u"verify-receipt")
        return ReceiptCommands::verifyReceipt(parser, args);
    if (command == u"fleet")
        return ReceiptCommands::fleet(parser, args);
    if (command.isEmpty()) {
        if (parser.isSet(QStringLiteral("version")))
            parser.showVersion();
        if (parser.isSet(QStringLiteral("help")))
            parser.showHelp(ExitOk);
        std::fprintf(stderr, "%s\n", qPrintable(parser.helpText()));
        return fail(ExitUsage, QStringLiteral("no command given"));
    }
    std::fprintf(stderr, "%s\n", qPrintable(parser.helpText()));
    return fail(ExitUsage, QStringLiteral("unknown command “%1”").arg(command));
}
