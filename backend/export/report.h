#pragma once
#include <QList>
#include <QString>
#include <QVariant>

// A report as the writers see it: one or more sheets (parts), each a header and typed rows. The
// builders fill it from the database; the CSV and XLSX writers only format it.
struct ReportColumn
{
    enum class Type { Text, Number, DateTime, Date };
    QString title;
    Type type = Type::Text;
    double width = 12; // in Excel character units
};

struct ReportSheet
{
    QString name;
    QList<ReportColumn> columns;
    QList<QVariantList> rows; // DateTime cells hold local QDateTime, Date cells QDate
};

struct Report
{
    QString title;
    QList<ReportSheet> sheets;

    qint64 rowCount() const
    {
        qint64 n = 0;
        for (const ReportSheet &s : sheets)
            n += s.rows.size();
        return n;
    }
};
