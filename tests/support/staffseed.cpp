#include "staffseed.h"
#include "batchwriter.h"
#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "eventstore.h"
#include "filelayer.h"
#include "issuerkey.h"
#include "membercode.h"
#include "outbox.h"
#include "quizstore.h"
#include "recordmerger.h"
#include "reportservice.h"
#include "roster.h"
#include "videomanifest.h"
#include "videostore.h"

#include <QDir>
#include <QSqlQuery>
#include <ctime>

namespace StaffSeed {

void useBeijingTime()
{
    qputenv("TZ", "Asia/Shanghai");
    ::tzset();
}

QList<QStringList> attendanceRows()
{
    const QString c = centre, k = kiosk;
    return {
        {QStringLiteral("张三丰"), QStringLiteral("m001"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("本地"),
         QStringLiteral("2026-11-20 09:05:00"), eventTitle, QStringLiteral("手动"), c, k},
        {QStringLiteral("李四光"), QStringLiteral("m002"), QStringLiteral("幸福社区第二党支部"), QStringLiteral("本地"),
         QStringLiteral("2026-11-20 09:10:30"), eventTitle, QStringLiteral("扫码"), c, k},
        {QStringLiteral("赵流动"), QStringLiteral("tel-13900000009"), QStringLiteral("外区红星党支部"),
         QStringLiteral("流动"), QStringLiteral("2026-11-21 14:30:15"), QString(), QStringLiteral("手动"), c, k},
        {QStringLiteral("张三丰"), QStringLiteral("m001"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("本地"),
         QStringLiteral("2026-11-22 08:00:00"), QString(), QStringLiteral("手动"), c, k},
    };
}

bool seed(Database &db, FixedClock &clock, QString *error)
{
    const IssuerKey key = IssuerKey::generate(issuer);
    MemberCodeVerifier verifier(clock);
    verifier.addTrustedIssuer(issuer, key.publicKey());
    const CheckinSettings settings{centre, kiosk, issuer, true};
    CheckinService checkin(db, verifier, clock, settings);
    const QList<RosterMember> roster = {
        {QStringLiteral("m001"), QStringLiteral("张三丰"), QStringLiteral("13800000001"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
        {QStringLiteral("m002"), QStringLiteral("李四光"), QStringLiteral("13800000002"), QStringLiteral("幸福社区第二党支部"), QStringLiteral("member")},
        {QStringLiteral("m003"), QStringLiteral("王五"), QStringLiteral("13800000003"), QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
    };
    if (!checkin.importRoster(roster, error))
        return false;

    clock.set(beijing(2026, 11, 19, 10, 0));
    EventStore events(db, clock, {centre, kiosk});
    EventInfo e;
    e.title = eventTitle;
    e.kind = QStringLiteral("主题党日");
    e.start = beijing(2026, 11, 20, 9, 0);
    e.end = beijing(2026, 11, 20, 11, 0);
    e.place = QStringLiteral("党群服务中心二楼");
    if (!events.saveStaffEvent(e, error))
        return false;

    const auto expect = [&](const CheckinResult &r, const char *what) {
        if (r.outcome != CheckinResult::Outcome::CheckedIn)
            *error = QStringLiteral("%1: %2").arg(QLatin1String(what), r.reason);
        return r.outcome == CheckinResult::Outcome::CheckedIn;
    };
    clock.set(beijing(2026, 11, 20, 9, 5));
    if (!expect(checkin.checkInManual(issuer, QStringLiteral("m001")), "m001"))
        return false;
    clock.set(beijing(2026, 11, 20, 9, 10, 30));
    MemberCode code;
    code.issuer = issuer;
    code.memberId = QStringLiteral("m002");
    code.name = QStringLiteral("李四光");
    code.org = QStringLiteral("幸福社区第二党支部");
    code.issuedAt = QDateTime::fromSecsSinceEpoch(beijing(2026, 11, 1, 0, 0).toSecsSinceEpoch(), Qt::UTC);
    if (!expect(checkin.checkInCode(key.sign(code, error)), "m002"))
        return false;

    clock.set(beijing(2026, 11, 21, 10, 0));
    QuizStore quiz(db, centre, kiosk);
    QuizAttemptRecord attempt;
    attempt.issuer = issuer;
    attempt.memberId = QStringLiteral("m001");
    attempt.name = QStringLiteral("张三丰");
    attempt.mode = QuizMode::Test;
    attempt.banks = {QStringLiteral("dangzhang@1")};
    attempt.score = {8, 10, 10, 80, 60, true, false};
    attempt.started = beijing(2026, 11, 21, 9, 50);
    attempt.finished = clock.now();
    if (quiz.recordAttempt(attempt, error).isEmpty())
        return false;

    clock.set(beijing(2026, 11, 21, 11, 0));
    VideoStore videos(db, clock, {centre, kiosk});
    VideoEntry video;
    video.id = QStringLiteral("v1");
    video.title = QStringLiteral("廉政警示教育片");
    video.category = QStringLiteral("警示教育");
    video.durationSeconds = 600;
    video.credit = 0.5;
    WatchProgress watch(600000);
    watch.addPlayed(0, 600000);
    const VideoSaveResult saved = videos.save({issuer, QStringLiteral("m001"), QStringLiteral("张三丰")}, video, watch, true);
    if (!saved.newlyCredited) {
        *error = QStringLiteral("video not credited: %1").arg(saved.error);
        return false;
    }

    clock.set(beijing(2026, 11, 21, 14, 30, 15));
    ReportService reports(db, checkin, clock, settings);
    ReportForm form;
    form.name = QStringLiteral("赵流动");
    form.phone = QStringLiteral("13900000009");
    form.organisation = QStringLiteral("外区红星党支部");
    form.certificate = QStringLiteral("LD-2026-001");
    form.consent = true;
    const ReportResult reported = reports.submit(form);
    if (!reported.accepted()) {
        *error = QStringLiteral("报到 refused: %1").arg(QStringList(reported.errors.values()).join(u';'));
        return false;
    }

    clock.set(beijing(2026, 11, 22, 8, 0));
    return expect(checkin.checkInManual(issuer, QStringLiteral("m001")), "m001 again");
}

bool mergeToCentral(Database &db, const QString &share, const QString &centralPath, QString *error)
{
    FileLayer files;
    BatchWriter writer(files, share, centre, kiosk);
    const BatchResult written = writer.write(Outbox(db).pending(100000));
    if (!written.delivered()) {
        *error = written.error;
        return false;
    }
    RecordMerger merger;
    if (!merger.open(centralPath, error))
        return false;
    const MergeReport r = merger.merge(share);
    if (!r.problems.isEmpty())
        *error = r.problems.join(u'\n');
    return r.problems.isEmpty() && r.recordsImported > 0;
}

bool seedBoth(const QString &dir, Databases *out, QString *error)
{
    const QDir d(dir);
    out->kiosk = d.filePath(QStringLiteral("kiosk.sqlite"));
    out->central = d.filePath(QStringLiteral("central.sqlite"));
    Database db(out->kiosk);
    if (!db.open()) {
        *error = db.errorString();
        return false;
    }
    FixedClock clock(beijing(2026, 11, 19, 8, 0));
    return seed(db, clock, error) && mergeToCentral(db, d.filePath(QStringLiteral("share")), out->central, error);
}

QStringList auditActions(Database &db)
{
    QStringList out;
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT action FROM audit_log ORDER BY at_utc, rowid"));
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace StaffSeed
