#pragma once
#include "reportwriter.h"

// XLSX through libxlsxwriter, for Excel and WPS: one sheet per report part, the report's title
// line, a bold header row with the panes frozen below it, column widths set, times and dates as
// real spreadsheet dates (sortable, filterable) with a display format, a bold 合计 line, and a
// native chart beside a sheet that asks for one. Written in libxlsxwriter's constant-memory mode
// (rows streamed to disk), so 100,000 rows do not need 100,000 rows of cell objects.
//
// A sheet holds at most 1,048,576 rows: a part with more rows goes on as "name(2)", "name(3)",
// ..., each with the title line and header again, the 合计 under the last (issue 19).
class XlsxReportWriter final : public ReportWriter
{
public:
    static constexpr int excelMaxRows = 1048576;

    // `maxRowsPerSheet` counts every row of a sheet (title, header, data, 合计); tests lower it.
    explicit XlsxReportWriter(int maxRowsPerSheet = excelMaxRows) : m_maxRows(maxRowsPerSheet) { }

    bool write(const Report &report, const QString &dir, const QString &base, QStringList *written, QString *error,
               const Progress &progress = {}) override;

private:
    int m_maxRows;
};
