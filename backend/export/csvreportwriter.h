#pragma once
#include "reportwriter.h"

#include <QByteArray>
#include <QVariant>

// CSV as Excel and WPS open it without an import dialog: UTF-8 with a BOM, CRLF, RFC 4180
// quoting. CSV has no sheets: a one-part report is base.csv, a report of several parts one file
// per part, base-<part>.csv. Times are local, "yyyy-MM-dd HH:mm:ss".
class CsvReportWriter final : public ReportWriter
{
public:
    bool write(const Report &report, const QString &dir, const QString &base, QStringList *written, QString *error,
               const Progress &progress = {}) override;

    static QByteArray field(const QString &text);
    static QString cellText(const QVariant &value, ReportColumn::Type type);
};
