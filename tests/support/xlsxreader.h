#pragma once
#include <QList>
#include <QString>
#include <QStringList>

// Reads an XLSX file back with an independent reader (python3-openpyxl), as the staff's Excel or
// WPS would: every sheet's cells as text (dates as "yyyy-MM-dd HH:mm:ss"), the frozen pane and
// which cells hold real dates. Used by the export tests to show the file opens and holds the rows.
struct XlsxSheet
{
    QString name;
    QString frozen;               // openpyxl's freeze_panes, "A2" for a frozen header row
    QList<QStringList> rows;      // the header row first
    QList<QStringList> cellTypes; // per cell: "s" text, "n" number, "d" date, "" empty
};

struct XlsxContent
{
    QString error; // empty when the file was read
    QList<XlsxSheet> sheets;
};

XlsxContent readXlsx(const QString &path);
// A small RFC 4180 reader for the CSV exports (quoted fields, doubled quotes, CRLF).
QList<QStringList> parseCsv(const QByteArray &utf8);
// A report sheet's (or CSV file's) data rows: without the title line and header above them and
// the 合计 line below.
QList<QStringList> reportBody(const QList<QStringList> &rows);
// The entries of an XLSX (zip) file, e.g. "xl/charts/chart1.xml" for a native chart, and the
// text of one of them; read by python3's zipfile, independent of the writer.
QStringList xlsxEntries(const QString &path);
QString xlsxEntryText(const QString &path, const QString &entry);
