#pragma once
#include "report.h"

#include <QStringList>
#include <functional>

// Writes a Report into a folder; CsvReportWriter and XlsxReportWriter implement it. Both write
// under temp names and rename only complete files (ExportFile).
class ReportWriter
{
public:
    // Called every few thousand rows; returning false cancels (temp files are removed).
    using Progress = std::function<bool(qint64 rowsDone, qint64 rowsTotal)>;

    virtual ~ReportWriter() = default;
    // Writes `report` as `dir/base.<suffix>` (or several files, see the writer); the paths
    // written go to `written`. False with `error` (Chinese) on failure or cancel.
    virtual bool write(const Report &report, const QString &dir, const QString &base, QStringList *written,
                       QString *error, const Progress &progress = {}) = 0;
};
