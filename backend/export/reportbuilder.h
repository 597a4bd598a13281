#pragma once
#include "exportrequest.h"
#include "report.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <atomic>

class Clock;

// Turns an ExportRequest into a Report (design.md §7) by querying the ex_* views ExportSource lays
// over a kiosk or central database. Times come out in local time, kinds and methods in the words
// staff use (本地/流动, 扫码/手动). Runs on whatever thread owns `db` (the export worker).
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
    // A stored UTC stamp ("2026-11-20T01:05:00.000Z") at the kiosk's local offset; null if empty.
    static QDateTime localTimeOf(const QString &utc);

private:
    bool attendance(const ExportRequest &r, Report &out, QString *error);
    bool transcript(const ExportRequest &r, Report &out, QString *error);
    bool flowing(const ExportRequest &r, Report &out, QString *error);
    bool unseen(const ExportRequest &r, Report &out, QString *error);
    // Runs `sql` with `binds`, calling `row` for each result; checks `m_cancel` as it goes.
    bool select(const QString &sql, const QVariantList &binds, const std::function<void(const QSqlQuery &)> &row,
                QString *error);

    QSqlDatabase m_db;
    const Clock &m_clock;
    const std::atomic_bool *m_cancel = nullptr;
};
