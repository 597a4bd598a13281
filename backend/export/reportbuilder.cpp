#include "reportbuilder.h"
#include "clock.h"
#include "exportsource.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>

namespace {

using Type = ReportColumn::Type;

// "2026-11-20T01:05:00.000Z" -> the same instant at the kiosk's local offset. The stored format
// is fixed, so it is read field by field; and the local offset is looked up per UTC day (it only
// changes at a DST switch) instead of once per row: with 100,000 rows, QDateTime's
// parser and a time-zone lookup per row were most of an export's time (bench_export).
QVariant localTime(const QVariant &utc)
{
    const QString s = utc.toString();
    if (s.isEmpty())
        return {};
    const auto num = [&s](int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; ++i)
            v = v * 10 + (s.at(i).unicode() - '0');
        return v;
    };
    QDateTime t;
    if (s.size() >= 20 && s.at(4) == u'-' && s.at(10) == u'T' && s.endsWith(u'Z')) {
        const int ms = s.size() >= 24 && s.at(19) == u'.' ? num(20, 3) : 0;
        t = QDateTime(QDate(num(0, 4), num(5, 2), num(8, 2)), QTime(num(11, 2), num(14, 2), num(17, 2), ms), Qt::UTC);
    }
    if (!t.isValid()) // anything else (an offset, no seconds): Qt's parser
        return QDateTime::fromString(s, Qt::ISODateWithMs).toLocalTime();
    // A UTC day whose first and last second have the same offset has it throughout (a zone
    // changes offset at most once a day): two look-ups a day; a DST day is looked up per hour.
    const auto offsetAt = [](qint64 secs) {
        return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toLocalTime().offsetFromUtc();
    };
    thread_local qint64 cachedDay = std::numeric_limits<qint64>::min();
    thread_local qint64 cachedHour = std::numeric_limits<qint64>::min();
    thread_local int dayOffset = 0;
    thread_local bool dayUniform = false;
    thread_local int hourOffset = 0;
    const qint64 secs = t.toSecsSinceEpoch();
    const qint64 day = secs / 86400;
    if (day != cachedDay) {
        cachedDay = day;
        dayOffset = offsetAt(day * 86400);
        dayUniform = dayOffset == offsetAt(day * 86400 + 86399);
    }
    if (dayUniform)
        return t.toOffsetFromUtc(dayOffset);
    if (secs / 3600 != cachedHour) {
        cachedHour = secs / 3600;
        hourOffset = offsetAt(cachedHour * 3600);
    }
    return t.toOffsetFromUtc(hourOffset);
}

// The date-range filter every report shares, on a local_date column.
QString range(const ExportRequest &r, const QString &column, QVariantList &binds)
{
    QString sql;
    if (r.from.isValid()) {
        sql += QStringLiteral(" AND %1 >= ?").arg(column);
        binds << r.from.toString(Qt::ISODate);
    }
    if (r.to.isValid()) {
        sql += QStringLiteral(" AND %1 <= ?").arg(column);
        binds << r.to.toString(Qt::ISODate);
    }
    return sql;
}

QString memberFilter(const ExportRequest &r, const QString &alias, QVariantList &binds)
{
    if (r.memberId.isEmpty())
        return {};
    binds << r.memberId;
    return QStringLiteral(" AND %1.member_id = ?").arg(alias);
}

// Excel refuses sheet names over 31 characters, with []:*?/\ or repeated.
QString sheetName(QString name, const Report &report)
{
    static const QString bad = QStringLiteral("[]:*?/\\");
    for (QChar &c : name) {
        if (bad.contains(c))
            c = u'_';
    }
    name = name.trimmed().left(28);
    if (name.isEmpty())
        name = QStringLiteral("未填写");
    QString unique = name;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const ReportSheet &s : report.sheets)
            taken = taken || s.name.compare(unique, Qt::CaseInsensitive) == 0;
        if (!taken)
            return unique;
        unique = name + QStringLiteral("(%1)").arg(n);
    }
}

} // namespace

QDateTime ReportBuilder::localTimeOf(const QString &utc)
{
    return localTime(utc).toDateTime();
}

ReportBuilder::ReportBuilder(QSqlDatabase db, const Clock &clock) : m_db(std::move(db)), m_clock(clock) { }

QString ReportBuilder::kindLabel(const QString &kind)
{
    return kind == u"flowing" ? QStringLiteral("流动") : QStringLiteral("本地");
}

QString ReportBuilder::methodLabel(const QString &method)
{
    return method == u"manual" ? QStringLiteral("手动") : QStringLiteral("扫码");
}

QString ReportBuilder::quizModeLabel(const QString &mode)
{
    if (mode == u"daily")
        return QStringLiteral("每日一练");
    if (mode == u"test")
        return QStringLiteral("模拟考试");
    if (mode == u"challenge")
        return QStringLiteral("挑战答题");
    if (mode == u"wrongbook")
        return QStringLiteral("错题练习");
    return mode;
}

std::optional<Report> ReportBuilder::build(const ExportRequest &request, QString *error, const std::atomic_bool *cancel)
{
    m_cancel = cancel;
    if (!ExportSource::prepare(m_db, error))
        return std::nullopt;
    Report report;
    report.title = ExportRequest::kindTitle(request.kind);
    bool ok = false;
    switch (request.kind) {
    case ExportRequest::Kind::Attendance: ok = attendance(request, report, error); break;
    case ExportRequest::Kind::Transcript: ok = transcript(request, report, error); break;
    case ExportRequest::Kind::Flowing: ok = flowing(request, report, error); break;
    case ExportRequest::Kind::Unseen: ok = unseen(request, report, error); break;
    }
    if (!ok)
        return std::nullopt;
    return report;
}

bool ReportBuilder::select(const QString &sql, const QVariantList &binds,
                           const std::function<void(const QSqlQuery &)> &row, QString *error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        *error = QStringLiteral("查询失败：%1").arg(q.lastError().text());
        return false;
    }
    for (qint64 n = 0; q.next(); ++n) {
        if ((n & 1023) == 0 && m_cancel && m_cancel->load()) {
            *error = QStringLiteral("导出已取消");
            return false;
        }
        row(q);
    }
    return true;
}

bool ReportBuilder::attendance(const ExportRequest &r, Report &out, QString *error)
{
    ReportSheet sheet{QStringLiteral("签到记录"),
                      {{QStringLiteral("姓名"), Type::Text, 10}, {QStringLiteral("所属党组织"), Type::Text, 30},
                       {QStringLiteral("类别"), Type::Text, 8}, {QStringLiteral("签到时间"), Type::DateTime, 18},
                       {QStringLiteral("活动"), Type::Text, 30}, {QStringLiteral("方式"), Type::Text, 8}},
                      {}};
    QVariantList binds;
    QString where = range(r, QStringLiteral("c.local_date"), binds);
    if (!r.eventId.isEmpty()) {
        where += QStringLiteral(" AND c.event_id = ?");
        binds << r.eventId;
    }
    if (!r.organisation.isEmpty()) {
        where += QStringLiteral(" AND c.organisation = ?");
        binds << r.organisation;
    }
    const QString sql = QStringLiteral("SELECT c.name, c.organisation, c.kind, c.checked_utc, "
                                       "coalesce(e.title, c.event_id, ''), c.method FROM ex_checkins c "
                                       "LEFT JOIN ex_events e ON e.id = c.event_id WHERE 1%1 ORDER BY c.checked_utc")
                            .arg(where);
    const bool ok = select(sql, binds, [&](const QSqlQuery &q) {
        sheet.rows.append({q.value(0), q.value(1), kindLabel(q.value(2).toString()), localTime(q.value(3)), q.value(4),
                           methodLabel(q.value(5).toString())});
    }, error);
    out.sheets.append(std::move(sheet));
    return ok;
}

bool ReportBuilder::flowing(const ExportRequest &r, Report &out, QString *error)
{
    QVariantList binds;
    QString where = range(r, QStringLiteral("c.local_date"), binds);
    if (!r.organisation.isEmpty()) {
        where += QStringLiteral(" AND c.organisation = ?");
        binds << r.organisation;
    }
    // Phone and 活动证 number from the member's latest 报到 form, if they filled one in.
    const QString sql = QStringLiteral(
        "SELECT c.organisation, c.name, coalesce(f.phone, ''), coalesce(f.certificate_no, ''), c.checked_utc, "
        "coalesce(e.title, c.event_id, ''), c.method FROM ex_checkins c "
        "LEFT JOIN (SELECT issuer, member_id, phone, certificate_no, max(reported_utc) FROM ex_flowing_reports "
        "GROUP BY issuer, member_id) f ON f.issuer = c.issuer AND f.member_id = c.member_id "
        "LEFT JOIN ex_events e ON e.id = c.event_id WHERE c.kind = 'flowing'%1 ORDER BY c.organisation, c.checked_utc")
                            .arg(where);
    const QList<ReportColumn> columns = {
        {QStringLiteral("姓名"), Type::Text, 10},     {QStringLiteral("联系电话"), Type::Text, 14},
        {QStringLiteral("流动党员活动证号"), Type::Text, 20}, {QStringLiteral("签到时间"), Type::DateTime, 18},
        {QStringLiteral("活动"), Type::Text, 30},     {QStringLiteral("方式"), Type::Text, 8}};
    QString current;
    const bool ok = select(sql, binds, [&](const QSqlQuery &q) {
        // One sheet per home organisation: each can be sent back to its outflow branch as is.
        if (out.sheets.isEmpty() || q.value(0).toString() != current) {
            current = q.value(0).toString();
            out.sheets.append({sheetName(current, out), columns, {}});
        }
        out.sheets.last().rows.append({q.value(1), q.value(2), q.value(3), localTime(q.value(4)), q.value(5),
                                       methodLabel(q.value(6).toString())});
    }, error);
    if (out.sheets.isEmpty())
        out.sheets.append({QStringLiteral("流动党员"), columns, {}});
    return ok;
}

bool ReportBuilder::unseen(const ExportRequest &r, Report &out, QString *error)
{
    ReportSheet sheet{QStringLiteral("未到访党员"),
                      {{QStringLiteral("姓名"), Type::Text, 10}, {QStringLiteral("所属党组织"), Type::Text, 30},
                       {QStringLiteral("类别"), Type::Text, 8}, {QStringLiteral("联系电话"), Type::Text, 14},
                       {QStringLiteral("最后到访"), Type::DateTime, 18}},
                      {}};
    const QString cutoff = m_clock.now().toLocalTime().addMonths(-r.months).toUTC().toString(Qt::ISODateWithMs);
    const QString sql = QStringLiteral(
        "SELECT name, organisation, kind, coalesce(phone, ''), last FROM (SELECT m.*, (SELECT max(checked_utc) "
        "FROM ex_checkins c WHERE c.issuer = m.issuer AND c.member_id = m.member_id) AS last FROM ex_members m) "
        "WHERE last IS NULL OR last < ? ORDER BY last IS NOT NULL, last, name");
    const bool ok = select(sql, {cutoff}, [&](const QSqlQuery &q) {
        sheet.rows.append({q.value(0), q.value(1), kindLabel(q.value(2).toString()), q.value(3), localTime(q.value(4))});
    }, error);
    out.sheets.append(std::move(sheet));
    return ok;
}

bool ReportBuilder::transcript(const ExportRequest &r, Report &out, QString *error)
{
    const ReportColumn name{QStringLiteral("姓名"), Type::Text, 10};
    const ReportColumn org{QStringLiteral("所属党组织"), Type::Text, 30};
    QVariantList vb, qb, cb;
    const QString videoWhere = range(r, QStringLiteral("v.local_date"), vb) + memberFilter(r, QStringLiteral("v"), vb);
    const QString quizWhere = range(r, QStringLiteral("a.local_date"), qb) + memberFilter(r, QStringLiteral("a"), qb);
    const QString visitWhere = range(r, QStringLiteral("c.local_date"), cb) + memberFilter(r, QStringLiteral("c"), cb);

    // 汇总 first: one line a member with anything in the range, the parts below give the detail.
    ReportSheet summary{QStringLiteral("汇总"),
                        {name, org, {QStringLiteral("类别"), Type::Text, 8}, {QStringLiteral("视频学时"), Type::Number, 10},
                         {QStringLiteral("完成视频"), Type::Number, 10}, {QStringLiteral("测验次数"), Type::Number, 10},
                         {QStringLiteral("测验通过"), Type::Number, 10}, {QStringLiteral("最高分"), Type::Number, 8},
                         {QStringLiteral("参加活动"), Type::Number, 10}, {QStringLiteral("到访次数"), Type::Number, 10}},
                        {}};
    const QString summarySql = QStringLiteral(
        "SELECT m.name, m.organisation, m.kind, coalesce(v.hours, 0), coalesce(v.n, 0), coalesce(a.n, 0), "
        "coalesce(a.passed, 0), a.best, coalesce(c.events, 0), coalesce(c.n, 0) FROM ex_members m "
        "LEFT JOIN (SELECT issuer, member_id, sum(credit) AS hours, count(*) AS n FROM ex_video_credits v WHERE 1%1 "
        " GROUP BY 1, 2) v ON v.issuer = m.issuer AND v.member_id = m.member_id "
        "LEFT JOIN (SELECT issuer, member_id, count(*) AS n, sum(passed) AS passed, max(score) AS best "
        " FROM ex_quiz_attempts a WHERE 1%2 GROUP BY 1, 2) a ON a.issuer = m.issuer AND a.member_id = m.member_id "
        "LEFT JOIN (SELECT issuer, member_id, count(*) AS n, count(event_id) AS events FROM ex_checkins c WHERE 1%3 "
        " GROUP BY 1, 2) c ON c.issuer = m.issuer AND c.member_id = m.member_id "
        "WHERE v.n IS NOT NULL OR a.n IS NOT NULL OR c.n IS NOT NULL ORDER BY m.organisation, m.name")
                                   .arg(videoWhere, quizWhere, visitWhere);
    bool ok = select(summarySql, vb + qb + cb, [&](const QSqlQuery &q) {
        summary.rows.append({q.value(0), q.value(1), kindLabel(q.value(2).toString()), q.value(3).toDouble(),
                             q.value(4).toInt(), q.value(5).toInt(), q.value(6).toInt(), q.value(7), q.value(8).toInt(),
                             q.value(9).toInt()});
    }, error);
    out.sheets.append(std::move(summary));

    ReportSheet videos{QStringLiteral("视频学时"),
                       {name, org, {QStringLiteral("视频"), Type::Text, 30}, {QStringLiteral("学时"), Type::Number, 8},
                        {QStringLiteral("完成时间"), Type::DateTime, 18}},
                       {}};
    ok = ok && select(QStringLiteral("SELECT m.name, m.organisation, v.title, v.credit, v.credited_utc FROM "
                                     "ex_video_credits v JOIN ex_members m ON m.issuer = v.issuer AND m.member_id = "
                                     "v.member_id WHERE 1%1 ORDER BY m.organisation, m.name, v.credited_utc")
                          .arg(videoWhere),
                      vb, [&](const QSqlQuery &q) {
        videos.rows.append({q.value(0), q.value(1), q.value(2), q.value(3).toDouble(), localTime(q.value(4))});
    }, error);
    out.sheets.append(std::move(videos));

    ReportSheet quizzes{QStringLiteral("测验成绩"),
                        {name, org, {QStringLiteral("类型"), Type::Text, 10}, {QStringLiteral("得分"), Type::Number, 8},
                         {QStringLiteral("及格分"), Type::Number, 8}, {QStringLiteral("是否通过"), Type::Text, 8},
                         {QStringLiteral("答对/题数"), Type::Text, 10}, {QStringLiteral("完成时间"), Type::DateTime, 18}},
                        {}};
    ok = ok && select(QStringLiteral("SELECT m.name, m.organisation, a.mode, a.score, a.pass_mark, a.passed, a.correct, "
                                     "a.total, a.finished_utc FROM ex_quiz_attempts a JOIN ex_members m ON m.issuer = "
                                     "a.issuer AND m.member_id = a.member_id WHERE 1%1 "
                                     "ORDER BY m.organisation, m.name, a.finished_utc")
                          .arg(quizWhere),
                      qb, [&](const QSqlQuery &q) {
        quizzes.rows.append({q.value(0), q.value(1), quizModeLabel(q.value(2).toString()), q.value(3).toInt(),
                             q.value(4).toInt(), q.value(5).toBool() ? QStringLiteral("通过") : QStringLiteral("未通过"),
                             QStringLiteral("%1/%2").arg(q.value(6).toInt()).arg(q.value(7).toInt()),
                             localTime(q.value(8))});
    }, error);
    out.sheets.append(std::move(quizzes));

    ReportSheet events{QStringLiteral("参加活动"),
                       {name, org, {QStringLiteral("活动"), Type::Text, 30},
                        {QStringLiteral("签到时间"), Type::DateTime, 18}, {QStringLiteral("方式"), Type::Text, 8}},
                       {}};
    ok = ok && select(QStringLiteral("SELECT c.name, c.organisation, coalesce(e.title, c.event_id), c.checked_utc, "
                                     "c.method FROM ex_checkins c LEFT JOIN ex_events e ON e.id = c.event_id "
                                     "WHERE c.event_id IS NOT NULL%1 ORDER BY c.organisation, c.name, c.checked_utc")
                          .arg(visitWhere),
                      cb, [&](const QSqlQuery &q) {
        events.rows.append({q.value(0), q.value(1), q.value(2), localTime(q.value(3)), methodLabel(q.value(4).toString())});
    }, error);
    out.sheets.append(std::move(events));
    return ok;
}
