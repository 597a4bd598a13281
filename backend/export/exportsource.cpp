#include "exportsource.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

bool hasTable(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next();
}

QString j(const QString &key)
{
    return QStringLiteral("json_extract(payload, '$.%1')").arg(key);
}

// 流动党员报到 forms exist only as outbox payloads on a kiosk and as records centrally: the same
// JSON either way, so one definition over either table.
QString flowingReports(const QString &table)
{
    return QStringLiteral("CREATE TEMP VIEW ex_flowing_reports AS SELECT %1 AS issuer, %2 AS member_id, %3 AS name, "
                          "%4 AS phone, %5 AS home_organisation, %6 AS certificate_no, %7 AS reported_utc "
                          "FROM %8 WHERE kind = 'flowing_report_in'")
        .arg(j(QStringLiteral("issuer")), j(QStringLiteral("member_id")), j(QStringLiteral("name")),
             j(QStringLiteral("phone")), j(QStringLiteral("home_organisation")), j(QStringLiteral("certificate_no")),
             j(QStringLiteral("reported_utc")), table);
}

// Everyone the database knows: the base list, plus anyone seen at check-in who is not in it
// (a foreign code scanned before any roster arrived), with the name of their latest check-in.
QString members(const QString &base)
{
    return QStringLiteral(
               "CREATE TEMP VIEW ex_members AS %1 UNION ALL "
               "SELECT issuer, member_id, name, organisation, kind, NULL FROM ("
               " SELECT issuer, member_id, name, organisation, kind, max(checked_utc) FROM ex_checkins c"
               " WHERE NOT EXISTS (SELECT 1 FROM (%1) b WHERE b.issuer = c.issuer AND b.member_id = c.member_id)"
               " GROUP BY issuer, member_id)")
        .arg(base);
}

QStringList kioskViews()
{
    return {
        QStringLiteral("CREATE TEMP VIEW ex_checkins AS SELECT id, issuer, member_id, name, organisation, kind, method, "
                       "event_id, checked_utc, local_date, centre_id, kiosk_id FROM main.checkins"),
        QStringLiteral("CREATE TEMP VIEW ex_events AS SELECT id, title, kind, start_utc FROM main.events"),
        QStringLiteral("CREATE TEMP VIEW ex_video_credits AS SELECT issuer, member_id, video_id, title, credit, "
                       "credited_utc, local_date, centre_id FROM main.video_credits"),
        QStringLiteral("CREATE TEMP VIEW ex_quiz_attempts AS SELECT issuer, member_id, mode, total, correct, score, "
                       "pass_mark, passed, finished_utc, local_date, centre_id FROM main.quiz_attempts"),
        flowingReports(QStringLiteral("main.outbox")),
        members(QStringLiteral("SELECT issuer, member_id, name, organisation, kind, phone FROM main.members")),
    };
}

QStringList centralViews()
{
    const auto cols = [](const QStringList &keys) {
        QStringList out;
        for (const QString &k : keys)
            out << j(k) + QStringLiteral(" AS ") + k;
        return out.join(QStringLiteral(", "));
    };
    return {
        QStringLiteral("CREATE TEMP VIEW ex_checkins AS SELECT %1, centre_id, kiosk_id FROM main.records "
                       "WHERE kind = 'checkin'")
            .arg(cols({QStringLiteral("id"), QStringLiteral("issuer"), QStringLiteral("member_id"),
                       QStringLiteral("name"), QStringLiteral("organisation"), QStringLiteral("kind"),
                       QStringLiteral("method"), QStringLiteral("event_id"), QStringLiteral("checked_utc"),
                       QStringLiteral("local_date")})),
        // Events reach the office as staff changes ("event" records, the latest wins) and inside
        // every registration (title, kind, start): together they name every event a kiosk used.
        QStringLiteral(
            "CREATE TEMP VIEW ex_events AS "
            "SELECT id, title, kind, start_utc FROM (SELECT %1 AS id, %2 AS title, %3 AS kind, %4 AS start_utc, "
            " max(created_utc) FROM main.records WHERE kind = 'event' GROUP BY 1) "
            "UNION ALL "
            "SELECT id, title, kind, start_utc FROM (SELECT %1 AS id, %5 AS title, %6 AS kind, %7 AS start_utc, "
            " max(created_utc) FROM main.records WHERE kind LIKE 'registration%' AND %1 NOT IN "
            " (SELECT %1 FROM main.records WHERE kind = 'event') GROUP BY 1)")
            .arg(j(QStringLiteral("event_id")), j(QStringLiteral("title")), j(QStringLiteral("kind")),
                 j(QStringLiteral("start_utc")), j(QStringLiteral("event_title")), j(QStringLiteral("event_kind")),
                 j(QStringLiteral("event_start_utc"))),
        QStringLiteral("CREATE TEMP VIEW ex_video_credits AS SELECT %1, centre_id FROM main.records "
                       "WHERE kind = 'video_credit'")
            .arg(cols({QStringLiteral("issuer"), QStringLiteral("member_id"), QStringLiteral("video_id"),
                       QStringLiteral("title"), QStringLiteral("credit"), QStringLiteral("credited_utc"),
                       QStringLiteral("local_date")})),
        QStringLiteral("CREATE TEMP VIEW ex_quiz_attempts AS SELECT %1, centre_id FROM main.records "
                       "WHERE kind = 'quiz_attempt'")
            .arg(cols({QStringLiteral("issuer"), QStringLiteral("member_id"), QStringLiteral("mode"),
                       QStringLiteral("total"), QStringLiteral("correct"), QStringLiteral("score"),
                       QStringLiteral("pass_mark"), QStringLiteral("passed"), QStringLiteral("finished_utc"),
                       QStringLiteral("local_date")})),
        flowingReports(QStringLiteral("main.records")),
        // No roster centrally: the 报到 forms are the base list (they carry the phone).
        members(QStringLiteral("SELECT issuer, member_id, name, home_organisation AS organisation, "
                               "'flowing' AS kind, phone FROM "
                               "(SELECT *, max(reported_utc) FROM ex_flowing_reports GROUP BY issuer, member_id)")),
    };
}

} // namespace

ExportSource::Schema ExportSource::detect(const QSqlDatabase &db)
{
    if (hasTable(db, QStringLiteral("checkins")) && hasTable(db, QStringLiteral("outbox")))
        return Schema::Kiosk;
    if (hasTable(db, QStringLiteral("records")) && hasTable(db, QStringLiteral("batches")))
        return Schema::Central;
    return Schema::Unknown;
}

bool ExportSource::prepare(QSqlDatabase &db, QString *error)
{
    const Schema schema = detect(db);
    if (schema == Schema::Unknown) {
        *error = QStringLiteral("%1 既不是终端数据库，也不是汇总数据库（merge 生成）").arg(db.databaseName());
        return false;
    }
    QSqlQuery q(db);
    for (const char *view : {"ex_members", "ex_flowing_reports", "ex_quiz_attempts", "ex_video_credits", "ex_events",
                             "ex_checkins"})
        q.exec(QStringLiteral("DROP VIEW IF EXISTS temp.%1").arg(QLatin1String(view)));
    for (const QString &sql : schema == Schema::Kiosk ? kioskViews() : centralViews()) {
        if (!q.exec(sql)) {
            *error = QStringLiteral("%1: %2").arg(db.databaseName(), q.lastError().text());
            return false;
        }
    }
    return true;
}
