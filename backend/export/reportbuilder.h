#pragma once
#include "exportrequest.h"
#include "report.h"

#include "zonetimes.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <atomic>
#include <optional>

class Clock;

// Turns an ExportRequest into a Report (design.md §7) by querying the ex_* views ExportSource lays
// over a kiosk or central database. Times come out in the centre's zone (the request's, never the
// PC's), kinds and methods in the words staff use (本地/流动, 扫码/手动); every sheet has a title
// line, a 合计 line, and the attendance and transcript reports a chart's data (issue 19). Runs on
// whatever thread owns `db` (the export worker).
class ReportBuilder
{
public:
    ReportBuilder(QSqlDatabase db, const Clock &clock);

    // Empty optional with `error` (Chinese) on a query failure or when `cancel` became true.
    std::optional<Report> build(const ExportRequest &request, QString *error,
                                const std::atomic_bool *cancel = nullptr);

    static QString kindLabel(const QString &kind);     // member -> 本地, flowing -> 流动
    static QString methodLabel(const QString &method); // qr -> 扫码, manual -> 手动
    static QString quizModeLabel(const QString &mode);
    // The 学时 a member is to reach in a year (党员教育培训: at least 32 学时 a year); the
    // transcript's distribution and the staff 统计 page count against it.
    static constexpr double annualStudyHours = 32;

private:
    bool attendance(const ExportRequest &r, Report &out, QString *error);
    bool transcript(const ExportRequest &r, Report &out, QString *error);
    bool flowing(const ExportRequest &r, Report &out, QString *error);
    bool unseen(const ExportRequest &r, Report &out, QString *error);
    QString heading(const ExportRequest &r) const;
    QVariant local(const QVariant &utc) { return m_times->at(utc.toString()); }
    // Runs `sql` with `binds`, calling `row` for each result; checks `m_cancel` as it goes.
    bool select(const QString &sql, const QVariantList &binds, const std::function<void(const QSqlQuery &)> &row,
                QString *error);

    QSqlDatabase m_db;
    const Clock &m_clock;
    const std::atomic_bool *m_cancel = nullptr;
    std::optional<ZoneTimes> m_times;
};
