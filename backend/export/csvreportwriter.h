#pragma once
#include "reportwriter.h"

#include <QByteArray>
#include <QStringList>
#include <QVariant>

// CSV as Excel and WPS open it without an import dialog: UTF-8 with a BOM, CRLF, RFC 4180
// quoting, and text Excel would run as a formula made plain. CSV has no sheets: a one-part report
// is base.csv, a report of several parts one file per part, base-<part>.csv; the report's title
// line comes first, the 合计 line last; a chart's data sheet is left out (no charts in CSV).
// Times are the wall clock the report carries, "yyyy-MM-dd HH:mm:ss".
//
// The one CSV writer of the project (issue 21): tables that are not a Report (the office's fleet
// and merge listings) write their lines with line() so every CSV has the same quoting and guard.
class CsvReportWriter final : public ReportWriter
{
public:
    bool write(const Report &report, const QString &dir, const QString &base, QStringList *written, QString *error,
               const Progress &progress = {}) override;

    static QByteArray bom() { return QByteArrayLiteral("\xEF\xBB\xBF"); }
    // One CSV line of text cells (quoted, formula-guarded), with its CRLF.
    static QByteArray line(const QStringList &cells);
    static QByteArray field(const QString &text);
    static QString cellText(const QVariant &value, ReportColumn::Type type);
    // Appends one cell as field(cellText(value, type)) would, without the temporaries (the hot
    // path of a 100,000-row export).
    static void appendCell(QByteArray &out, const QVariant &value, ReportColumn::Type type);
};
