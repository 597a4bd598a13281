#pragma once
#include "reportwriter.h"

// XLSX through libxlsxwriter, for Excel and WPS: one sheet per report part, a bold header row
// with the panes frozen below it, column widths set, times and dates as real spreadsheet dates
// (sortable, filterable) with a display format. Written in libxlsxwriter's constant-memory mode
// (rows streamed to disk), so 100,000 rows do not need 100,000 rows of cell objects.
class XlsxReportWriter final : public ReportWriter
{
public:
    bool write(const Report &report, const QString &dir, const QString &base, QStringList *written, QString *error,
               const Progress &progress = {}) override;
};
