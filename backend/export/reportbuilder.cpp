#include "reportbuilder.h"
#include "clock.h"
#include "exportsource.h"

#include <QDateTime>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>

namespace {

using Type = ReportColumn::Type;

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

QString centreFilter(const ExportRequest &r, const QString &alias, QVariantList &binds)
{
    if (r.centre.isEmpty())
        return {};
    binds << r.centre;
    return QStringLiteral(" AND %1.centre_id = ?").arg(alias);
}

// The 合计 line: `label` in the first column, the sum of every Number column listed in `sum`.
QVariantList totalsRow(const ReportSheet &sheet, const QString &label, const QList<int> &sum = {})
{
    QVariantList out(sheet.columns.size());
    out[0] = label;
    for (int c : sum) {
        double total = 0;
        for (const QVariantList &row : sheet.rows)
            total += row.value(c).toDouble();
        out[c] = total;
    }
    return out;
}

QString countLabel(qsizetype n, const char *unit)
{
    return QStringLiteral("合计 %1 %2").arg(n).arg(QString::fromUtf8(unit));
}

const ReportColumn memberIdColumn{QStringLiteral("党员编号"), ReportColumn::Type::Text, 14};
const ReportColumn centreColumn{QStringLiteral("服务中心"), ReportColumn::Type::Text, 16};
const ReportColumn kioskColumn{QStringLiteral("终端"), ReportColumn::Type::Text, 12};

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
    m_times.emplace(request.zone.isValid() ? request.zone : ExportRequest::defaultZone());
    if (!ExportSource::prepare(m_db, error))
        return std::nullopt;
    Report report;
    report.title = ExportRequest::kindTitle(request.kind);
    report.heading << heading(request);
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

QString ReportBuilder::heading(const ExportRequest &r) const
{
    QStringList parts{ExportRequest::kindTitle(r.kind)};
    if (r.kind == ExportRequest::Kind::Unseen) {
        parts << QStringLiteral("%1 个月未到访").arg(r.months);
    } else {
        const QString from = r.from.isValid() ? r.from.toString(Qt::ISODate) : QStringLiteral("最早");
        const QString to = r.to.isValid() ? r.to.toString(Qt::ISODate) : QStringLiteral("最近");
        parts << (r.from.isValid() || r.to.isValid() ? QStringLiteral("%1 至 %2").arg(from, to)
                                                     : QStringLiteral("全部日期"));
    }
    if (!r.centre.isEmpty())
        parts << QStringLiteral("服务中心 %1").arg(r.centre);
    if (!r.eventId.isEmpty())
        parts << QStringLiteral("活动 %1").arg(r.eventId);
    if (!r.organisation.isEmpty())
        parts << QStringLiteral("党组织 %1").arg(r.organisation);
    if (!r.memberId.isEmpty())
        parts << QStringLiteral("党员编号 %1").arg(r.memberId);
    if (!r.exportedBy.isEmpty())
        parts << QStringLiteral("导出：%1").arg(r.exportedBy);
    const QTimeZone zone = m_times->zone();
    parts << QStringLiteral("导出时间：%1（%2）")
                 .arg(m_clock.now().toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                      QString::fromUtf8(zone.id()));
    return parts.join(QStringLiteral("　"));
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
                      {{QStringLiteral("姓名"), Type::Text, 10}, memberIdColumn,
                       {QStringLiteral("所属党组织"), Type::Text, 30}, {QStringLiteral("类别"), Type::Text, 8},
                       {QStringLiteral("签到时间"), Type::DateTime, 18}, {QStringLiteral("活动"), Type::Text, 30},
                       {QStringLiteral("方式"), Type::Text, 8}, centreColumn, kioskColumn},
                      {}};
    QVariantList binds;
    QString where = range(r, QStringLiteral("c.local_date"), binds) + centreFilter(r, QStringLiteral("c"), binds);
    if (!r.eventId.isEmpty()) {
        where += QStringLiteral(" AND c.event_id = ?");
        binds << r.eventId;
    }
    if (!r.organisation.isEmpty()) {
        where += QStringLiteral(" AND c.organisation = ?");
        binds << r.organisation;
    }
    const QString sql = QStringLiteral("SELECT c.name, c.member_id, c.organisation, c.kind, c.checked_utc, "
                                       "coalesce(e.title, c.event_id, ''), c.method, c.centre_id, c.kiosk_id "
                                       "FROM ex_checkins c LEFT JOIN ex_events e ON e.id = c.event_id "
                                       "WHERE 1%1 ORDER BY c.checked_utc")
                            .arg(where);
    // Attendance per month (in the centre's zone) per centre, for the chart: counted as the rows
    // go by rather than by another query.
    QMap<QString, QMap<QString, int>> perMonth;
    QMap<QString, int> centres;
    int flowing = 0;
    const QString member = kindLabel(QStringLiteral("member"));
    const QString flowingLabel = kindLabel(QStringLiteral("flowing"));
    const QString qr = methodLabel(QStringLiteral("qr"));
    const QString manual = methodLabel(QStringLiteral("manual"));
    const bool ok = select(sql, binds, [&](const QSqlQuery &q) {
        const bool isFlowing = q.value(3).toString() == u"flowing";
        flowing += isFlowing;
        const QVariant at = local(q.value(4));
        const QString centre = q.value(7).toString();
        ++perMonth[at.toDate().toString(QStringLiteral("yyyy-MM"))][centre];
        centres[centre] = 0;
        sheet.rows.append({q.value(0), q.value(1), q.value(2), isFlowing ? flowingLabel : member, at, q.value(5),
                           q.value(6).toString() == u"manual" ? manual : qr, centre, q.value(8)});
    }, error);
    sheet.totals = totalsRow(sheet, countLabel(sheet.rows.size(), "人次"));
    sheet.totals[3] = QStringLiteral("本地 %1，流动 %2").arg(sheet.rows.size() - flowing).arg(flowing);
    out.sheets.append(std::move(sheet));

    ReportSheet months{QStringLiteral("按月统计"), {{QStringLiteral("月份"), Type::Text, 10}}, {}};
    for (auto it = centres.begin(); it != centres.end(); ++it) {
        it.value() = int(months.columns.size());
        months.columns.append({it.key(), Type::Number, 12});
    }
    QList<int> sums;
    for (int c = 1; c < months.columns.size(); ++c)
        sums << c;
    for (auto m = perMonth.cbegin(); m != perMonth.cend(); ++m) {
        QVariantList row(months.columns.size(), 0);
        row[0] = m.key();
        for (auto c = m.value().cbegin(); c != m.value().cend(); ++c)
            row[centres.value(c.key())] = c.value();
        months.rows.append(row);
    }
    months.totals = totalsRow(months, QStringLiteral("合计"), sums);
    months.chart = ReportChart{ReportChart::Kind::StackedColumn, QStringLiteral("每月签到人次（按服务中心）"),
                               QStringLiteral("月份"), QStringLiteral("人次")};
    out.sheets.append(std::move(months));
    return ok;
}

bool ReportBuilder::flowing(const ExportRequest &r, Report &out, QString *error)
{
    QVariantList binds;
    QString where = range(r, QStringLiteral("c.local_date"), binds) + centreFilter(r, QStringLiteral("c"), binds);
    if (!r.organisation.isEmpty()) {
        where += QStringLiteral(" AND c.organisation = ?");
        binds << r.organisation;
    }
    // Phone and 活动证 number from the member's latest 报到 form, if they filled one in.
    const QString sql = QStringLiteral(
        "SELECT c.organisation, c.name, c.member_id, coalesce(f.phone, ''), coalesce(f.certificate_no, ''), "
        "c.checked_utc, coalesce(e.title, c.event_id, ''), c.method, c.centre_id, c.kiosk_id FROM ex_checkins c "
        "LEFT JOIN (SELECT issuer, member_id, phone, certificate_no, max(reported_utc) FROM ex_flowing_reports "
        "GROUP BY issuer, member_id) f ON f.issuer = c.issuer AND f.member_id = c.member_id "
        "LEFT JOIN ex_events e ON e.id = c.event_id WHERE c.kind = 'flowing'%1 ORDER BY c.organisation, c.checked_utc")
                            .arg(where);
    // The home organisation is a column, whole: a sheet name is cut at 28 characters and is lost
    // when a sheet is copied out or the report is a CSV.
    const QList<ReportColumn> columns = {
        {QStringLiteral("所属党组织"), Type::Text, 30}, {QStringLiteral("姓名"), Type::Text, 10}, memberIdColumn,
        {QStringLiteral("联系电话"), Type::Text, 14},   {QStringLiteral("流动党员活动证号"), Type::Text, 20},
        {QStringLiteral("签到时间"), Type::DateTime, 18}, {QStringLiteral("活动"), Type::Text, 30},
        {QStringLiteral("方式"), Type::Text, 8},        centreColumn, kioskColumn};
    QString current;
    const bool ok = select(sql, binds, [&](const QSqlQuery &q) {
        // One sheet per home organisation: each can be sent back to its outflow branch as is.
        if (out.sheets.isEmpty() || q.value(0).toString() != current) {
            current = q.value(0).toString();
            out.sheets.append({sheetName(current, out), columns, {}});
        }
        out.sheets.last().rows.append({q.value(0), q.value(1), q.value(2), q.value(3), q.value(4), local(q.value(5)),
                                       q.value(6), methodLabel(q.value(7).toString()), q.value(8), q.value(9)});
    }, error);
    if (out.sheets.isEmpty())
        out.sheets.append({QStringLiteral("流动党员"), columns, {}});
    for (ReportSheet &sheet : out.sheets)
        sheet.totals = totalsRow(sheet, countLabel(sheet.rows.size(), "人次"));
    return ok;
}

bool ReportBuilder::unseen(const ExportRequest &r, Report &out, QString *error)
{
    ReportSheet sheet{QStringLiteral("未到访党员"),
                      {{QStringLiteral("姓名"), Type::Text, 10}, memberIdColumn,
                       {QStringLiteral("所属党组织"), Type::Text, 30},
                       {QStringLiteral("类别"), Type::Text, 8}, {QStringLiteral("联系电话"), Type::Text, 14},
                       {QStringLiteral("最后到访"), Type::DateTime, 18}},
                      {}};
    const QString cutoff =
        m_clock.now().toTimeZone(m_times->zone()).addMonths(-r.months).toUTC().toString(Qt::ISODateWithMs);
    const QString sql = QStringLiteral(
        "SELECT name, member_id, organisation, kind, coalesce(phone, ''), last FROM (SELECT m.*, (SELECT max(checked_utc) "
        "FROM ex_checkins c WHERE c.issuer = m.issuer AND c.member_id = m.member_id) AS last FROM ex_members m) "
        "WHERE last IS NULL OR last < ? ORDER BY last IS NOT NULL, last, name");
    const bool ok = select(sql, {cutoff}, [&](const QSqlQuery &q) {
        sheet.rows.append({q.value(0), q.value(1), q.value(2), kindLabel(q.value(3).toString()), q.value(4),
                           local(q.value(5))});
    }, error);
    sheet.totals = totalsRow(sheet, countLabel(sheet.rows.size(), "人"));
    out.sheets.append(std::move(sheet));
    return ok;
}

bool ReportBuilder::transcript(const ExportRequest &r, Report &out, QString *error)
{
    const ReportColumn name{QStringLiteral("姓名"), Type::Text, 10};
    const ReportColumn org{QStringLiteral("所属党组织"), Type::Text, 30};
    QVariantList vb, qb, cb;
    const QString videoWhere = range(r, QStringLiteral("v.local_date"), vb) + memberFilter(r, QStringLiteral("v"), vb)
        + centreFilter(r, QStringLiteral("v"), vb);
    const QString quizWhere = range(r, QStringLiteral("a.local_date"), qb) + memberFilter(r, QStringLiteral("a"), qb)
        + centreFilter(r, QStringLiteral("a"), qb);
    const QString visitWhere = range(r, QStringLiteral("c.local_date"), cb) + memberFilter(r, QStringLiteral("c"), cb)
        + centreFilter(r, QStringLiteral("c"), cb);

    // 汇总 first: one line a member with anything in the range, the parts below give the detail.
    ReportSheet summary{QStringLiteral("汇总"),
                        {name, memberIdColumn, org, {QStringLiteral("类别"), Type::Text, 8},
                         {QStringLiteral("视频学时"), Type::Number, 10}, {QStringLiteral("完成视频"), Type::Number, 10},
                         {QStringLiteral("测验次数"), Type::Number, 10}, {QStringLiteral("测验通过"), Type::Number, 10},
                         {QStringLiteral("最高分"), Type::Number, 8}, {QStringLiteral("参加活动"), Type::Number, 10},
                         {QStringLiteral("到访次数"), Type::Number, 10}},
                        {}};
    const QString summarySql = QStringLiteral(
        "SELECT m.name, m.member_id, m.organisation, m.kind, coalesce(v.hours, 0), coalesce(v.n, 0), coalesce(a.n, 0), "
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
        summary.rows.append({q.value(0), q.value(1), q.value(2), kindLabel(q.value(3).toString()), q.value(4).toDouble(),
                             q.value(5).toInt(), q.value(6).toInt(), q.value(7).toInt(), q.value(8), q.value(9).toInt(),
                             q.value(10).toInt()});
    }, error);
    summary.totals = totalsRow(summary, countLabel(summary.rows.size(), "人"), {4, 5, 6, 7, 9, 10});

    // How many members reached how many 学时 (of the year's 32): the chart's data.
    ReportSheet spread{QStringLiteral("学时分布"),
                       {{QStringLiteral("视频学时"), Type::Text, 14}, {QStringLiteral("人数"), Type::Number, 10}},
                       {}};
    const double step = annualStudyHours / 4;
    const QStringList buckets = {QStringLiteral("0"), QStringLiteral("不足 %1").arg(step),
                                 QStringLiteral("%1–%2").arg(step).arg(2 * step),
                                 QStringLiteral("%1–%2").arg(2 * step).arg(3 * step),
                                 QStringLiteral("%1–%2").arg(3 * step).arg(annualStudyHours),
                                 QStringLiteral("%1 及以上").arg(annualStudyHours)};
    QList<int> counts(buckets.size(), 0);
    for (const QVariantList &row : std::as_const(summary.rows)) {
        const double h = row.at(4).toDouble();
        ++counts[h <= 0 ? 0 : h >= annualStudyHours ? 5 : 1 + int(h / step)];
    }
    for (qsizetype i = 0; i < buckets.size(); ++i)
        spread.rows.append({buckets.at(i), counts.at(i)});
    spread.totals = totalsRow(spread, QStringLiteral("合计"), {1});
    spread.chart = ReportChart{ReportChart::Kind::Column, QStringLiteral("视频学时分布（人数）"),
                               QStringLiteral("视频学时"), QStringLiteral("人数")};
    out.sheets.append(std::move(summary));

    ReportSheet videos{QStringLiteral("视频学时"),
                       {name, memberIdColumn, org, {QStringLiteral("视频"), Type::Text, 30},
                        {QStringLiteral("学时"), Type::Number, 8}, {QStringLiteral("完成时间"), Type::DateTime, 18}},
                       {}};
    ok = ok && select(QStringLiteral("SELECT m.name, m.member_id, m.organisation, v.title, v.credit, v.credited_utc "
                                     "FROM ex_video_credits v JOIN ex_members m ON m.issuer = v.issuer AND "
                                     "m.member_id = v.member_id WHERE 1%1 ORDER BY m.organisation, m.name, "
                                     "v.credited_utc")
                          .arg(videoWhere),
                      vb, [&](const QSqlQuery &q) {
        videos.rows.append({q.value(0), q.value(1), q.value(2), q.value(3), q.value(4).toDouble(), local(q.value(5))});
    }, error);
    videos.totals = totalsRow(videos, countLabel(videos.rows.size(), "条"), {4});
    out.sheets.append(std::move(videos));

    ReportSheet quizzes{QStringLiteral("测验成绩"),
                        {name, memberIdColumn, org, {QStringLiteral("类型"), Type::Text, 10},
                         {QStringLiteral("得分"), Type::Number, 8}, {QStringLiteral("及格分"), Type::Number, 8},
                         {QStringLiteral("是否通过"), Type::Text, 8}, {QStringLiteral("答对/题数"), Type::Text, 10},
                         {QStringLiteral("完成时间"), Type::DateTime, 18}},
                        {}};
    int passed = 0;
    ok = ok && select(QStringLiteral("SELECT m.name, m.member_id, m.organisation, a.mode, a.score, a.pass_mark, a.passed, "
                                     "a.correct, a.total, a.finished_utc FROM ex_quiz_attempts a JOIN ex_members m ON "
                                     "m.issuer = a.issuer AND m.member_id = a.member_id WHERE 1%1 "
                                     "ORDER BY m.organisation, m.name, a.finished_utc")
                          .arg(quizWhere),
                      qb, [&](const QSqlQuery &q) {
        passed += q.value(6).toBool();
        quizzes.rows.append({q.value(0), q.value(1), q.value(2), quizModeLabel(q.value(3).toString()),
                             q.value(4).toInt(), q.value(5).toInt(),
                             q.value(6).toBool() ? QStringLiteral("通过") : QStringLiteral("未通过"),
                             QStringLiteral("%1/%2").arg(q.value(7).toInt()).arg(q.value(8).toInt()),
                             local(q.value(9))});
    }, error);
    quizzes.totals = totalsRow(quizzes, countLabel(quizzes.rows.size(), "次"));
    quizzes.totals[6] = QStringLiteral("通过 %1").arg(passed);
    out.sheets.append(std::move(quizzes));

    ReportSheet events{QStringLiteral("参加活动"),
                       {name, memberIdColumn, org, {QStringLiteral("活动"), Type::Text, 30},
                        {QStringLiteral("签到时间"), Type::DateTime, 18}, {QStringLiteral("方式"), Type::Text, 8},
                        centreColumn},
                       {}};
    ok = ok && select(QStringLiteral("SELECT c.name, c.member_id, c.organisation, coalesce(e.title, c.event_id), "
                                     "c.checked_utc, c.method, c.centre_id FROM ex_checkins c LEFT JOIN ex_events e "
                                     "ON e.id = c.event_id WHERE c.event_id IS NOT NULL%1 "
                                     "ORDER BY c.organisation, c.name, c.checked_utc")
                          .arg(visitWhere),
                      cb, [&](const QSqlQuery &q) {
        events.rows.append({q.value(0), q.value(1), q.value(2), q.value(3), local(q.value(4)),
                            methodLabel(q.value(5).toString()), q.value(6)});
    }, error);
    events.totals = totalsRow(events, countLabel(events.rows.size(), "人次"));
    out.sheets.append(std::move(events));
    out.sheets.append(std::move(spread));
    return ok;
}
