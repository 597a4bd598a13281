// The kiosk's storage as a separate process, for tst_crashconsistency: drives the real services
// (CheckinService, EventStore, QuizStore, ReportService) against one SQLite file in an endless
// loop until the test SIGKILLs it. After each action whose success the member would have been
// told, it prints one line, flushed:
//   ack checkin|registration|quiz|failed_scan ID
//   ack report REPORT_ID CHECKIN_ID
// so the test knows exactly which records the process promised before it died.
//   crash_child DATABASE EVENT_ID RUN
// RUN makes the member ids of this run unique (each member acts once, so nothing is a repeat).
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "eventstore.h"
#include "issuerkey.h"
#include "membercode.h"
#include "quizstore.h"
#include "reportservice.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstdio>

namespace {

const QString centre = QStringLiteral("c1");
const QString kiosk = QStringLiteral("k1");
const QString issuer = QStringLiteral("street-1");

void acknowledge(const char *kind, const QString &id, const QString &extra = {})
{
    // One write of one whole line (shorter than PIPE_BUF), so a kill never leaves half a line.
    const QByteArray line = QByteArray("ack ") + kind + ' ' + id.toLatin1()
        + (extra.isEmpty() ? QByteArray() : ' ' + extra.toLatin1()) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

QString signedCode(const IssuerKey &key, const QString &memberId)
{
    MemberCode c;
    c.memberId = memberId;
    c.name = QStringLiteral("张三明");
    c.org = QStringLiteral("幸福社区第一党支部");
    c.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return key.sign(c);
}

QuizAttemptRecord attempt(const QString &memberId, const QDateTime &now)
{
    QuizAttemptRecord a;
    a.issuer = issuer;
    a.memberId = memberId;
    a.name = QStringLiteral("张三明");
    a.mode = QuizMode::Daily;
    a.banks = {QStringLiteral("crash@1")};
    for (int i = 0; i < 3; ++i)
        a.answers.append({QStringLiteral("crash/q%1").arg(i), {i % 2}, i != 1});
    a.score = {2, 3, 3, 67, 0, false, false};
    a.started = now.addSecs(-60);
    a.finished = now;
    return a;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: crash_child DATABASE EVENT_ID RUN\n");
        return 1;
    }
    Database db(args.at(1));
    if (!db.open()) {
        std::fprintf(stderr, "database: %s\n", qPrintable(db.errorString()));
        return 2;
    }
    const QString eventId = args.at(2);
    const QString run = args.at(3);

    SystemClock clock;
    const IssuerKey key = IssuerKey::generate(issuer);
    MemberCodeVerifier verifier(clock);
    verifier.addTrustedIssuer(key.issuer(), key.publicKey());
    const CheckinSettings settings{centre, kiosk, issuer, true};
    CheckinService checkin(db, verifier, clock, settings);
    EventStore events(db, clock, {centre, kiosk});
    QuizStore quizzes(db, centre, kiosk);
    ReportService reports(db, checkin, clock, settings);

    // The test times its kill from here, so it lands among the writes rather than in start-up.
    std::printf("ready\n");
    std::fflush(stdout);
    for (int n = 0;; ++n) {
        const QString memberId = QStringLiteral("r%1-%2").arg(run).arg(n);
        switch (n % 5) {
        case 0: {
            const CheckinResult r = checkin.checkInCode(signedCode(key, memberId));
            if (r.outcome != CheckinResult::Outcome::CheckedIn)
                return 3;
            acknowledge("checkin", r.recordId);
            break;
        }
        case 1: {
            const MemberRef member{issuer, memberId, QStringLiteral("张三明"), QStringLiteral("幸福社区第一党支部"), false};
            const RegistrationOutcome r = events.registerMember(eventId, member);
            if (!r.ok)
                return 4;
            acknowledge("registration", r.recordId);
            break;
        }
        case 2: {
            const QString id = quizzes.recordAttempt(attempt(memberId, clock.now()));
            if (id.isEmpty())
                return 5;
            acknowledge("quiz", id);
            break;
        }
        case 3: {
            ReportForm form;
            form.name = QStringLiteral("李流动");
            form.phone = QStringLiteral("139%1").arg(run.toInt() * 10000 + n, 8, 10, QLatin1Char('0'));
            form.organisation = QStringLiteral("湖南省长沙县江背镇党委");
            form.consent = true;
            const ReportResult r = reports.submit(form);
            if (!r.accepted() || r.checkin.outcome != CheckinResult::Outcome::CheckedIn)
                return 6;
            acknowledge("report", r.reportId, r.checkin.recordId);
            break;
        }
        default: {
            // A refused scan is a record too (failed_scans + outbox).
            const CheckinResult r = checkin.checkInCode(QStringLiteral("DQM1.forged.%1").arg(memberId));
            if (r.recordId.isEmpty())
                return 7;
            acknowledge("failed_scan", r.recordId);
            break;
        }
        }
    }
}
