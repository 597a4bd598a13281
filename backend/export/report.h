#pragma once
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

// A report as the writers see it: one or more sheets (parts), each a header and typed rows. The
// builders fill it from the database; the CSV and XLSX writers only format it.
struct ReportColumn
{
    enum class Type { Text, Number, DateTime, Date };
    QString title;
    Type type = Type::Text;
    double width = 12; // in Excel character units
};

// A native spreadsheet chart over a sheet's own cells (issue 19): the first column holds the
// categories, every further column is one series. CSV has no charts: such a sheet is left out
// of a CSV export (the sheet exists for the chart; the rows it sums are the CSV).
struct ReportChart
{
    enum class Kind { Column, StackedColumn, Line };
    Kind kind = Kind::Column;
    QString title;
    QString xTitle;
    QString yTitle;
};

struct ReportSheet
{
    QString name;
    QList<ReportColumn> columns;
    QList<QVariantList> rows; // DateTime cells hold QDateTime at the centre's offset, Date cells QDate
    QVariantList totals = {}; // the 合计 line under the rows, typed like a row; empty = none
    std::optional<ReportChart> chart = {};
};

struct Report
{
    QString title;
    // Lines above every sheet's header: the report's name, the range, who exported it and when.
    QStringList heading;
    QList<ReportSheet> sheets;

    qint64 rowCount() const
    {
        qint64 n = 0;
        for (const ReportSheet &s : sheets)
            n += s.chart ? 0 : s.rows.size();
        return n;
    }
};
