#include "csvreportwriter.h"
#include "exportfile.h"

#include <QDateTime>
#include <QFile>

QByteArray CsvReportWriter::field(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    return bytes;
}

QString CsvReportWriter::cellText(const QVariant &value, ReportColumn::Type type)
{
    if (value.isNull())
        return {};
    switch (type) {
    case ReportColumn::Type::DateTime: return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ReportColumn::Type::Date: return value.toDate().toString(Qt::ISODate);
    case ReportColumn::Type::Number: return QString::number(value.toDouble(), 'g', 12);
    case ReportColumn::Type::Text: break;
    }
    QString text = value.toString();
    // Excel and WPS run a CSV cell starting with = + - @ as a formula ("CSV injection"): a name or
    // title typed on the kiosk must never execute on the office PC, so such text gets a leading
    // apostrophe, which both show as plain text. (XLSX cells are typed strings: no such risk.)
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    return text;
}

bool CsvReportWriter::write(const Report &report, const QString &dir, const QString &base, QStringList *written,
                            QString *error, const Progress &progress)
{
    QStringList parts;
    for (const ReportSheet &s : report.sheets)
        parts << (report.sheets.size() == 1 ? QString() : s.name);
    const QStringList paths = ExportFile::freePaths(dir, base, parts, QStringLiteral("csv"));
    const qint64 total = report.rowCount();
    qint64 done = 0;
    for (qsizetype i = 0; i < report.sheets.size(); ++i) {
        const ReportSheet &sheet = report.sheets.at(i);
        const QString temp = ExportFile::tempPathFor(paths.at(i));
        QFile out(temp);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            *error = QStringLiteral("无法写入 %1：%2").arg(paths.at(i), out.errorString());
            return false;
        }
        QByteArray buffer("\xEF\xBB\xBF");
        for (qsizetype c = 0; c < sheet.columns.size(); ++c)
            buffer += (c ? "," : "") + field(sheet.columns.at(c).title);
        buffer += "\r\n";
        bool ok = true;
        for (const QVariantList &row : sheet.rows) {
            for (qsizetype c = 0; c < sheet.columns.size(); ++c)
                buffer += (c ? "," : "") + field(cellText(row.value(c), sheet.columns.at(c).type));
            buffer += "\r\n";
            if ((++done & 4095) == 0) {
                ok = out.write(buffer) == buffer.size();
                buffer.clear();
                if (!ok || (progress && !progress(done, total)))
                    break;
            }
        }
        ok = ok && out.write(buffer) == buffer.size() && out.flush();
        const bool cancelled = ok && progress && !progress(done, total);
        out.close();
        if (!ok || cancelled) {
            *error = cancelled ? QStringLiteral("导出已取消")
                               : QStringLiteral("无法写入 %1：%2").arg(paths.at(i), out.errorString());
            QFile::remove(temp);
            return false;
        }
        if (!ExportFile::commit(temp, paths.at(i), error))
            return false;
        *written << paths.at(i);
    }
    return true;
}
