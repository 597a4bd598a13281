#include "xlsxreportwriter.h"
#include "exportfile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <xlsxwriter.h>

namespace {

lxw_datetime toLxw(const QDateTime &t)
{
    const QDate d = t.date();
    const QTime tm = t.time();
    // Whole seconds, as the CSV shows them: milliseconds only make a spreadsheet cell look odd.
    return {d.year(), d.month(), d.day(), tm.hour(), tm.minute(), double(tm.second())};
}

struct Formats
{
    lxw_format *header;
    lxw_format *dateTime;
    lxw_format *date;
};

// Writes one part; false when the row loop was cancelled or a cell was refused.
bool writeSheet(lxw_worksheet *ws, const ReportSheet &sheet, const Formats &f, qint64 &done, qint64 total,
                const ReportWriter::Progress &progress, QString *why)
{
    // Constant-memory mode: column settings and panes before the first row.
    for (qsizetype c = 0; c < sheet.columns.size(); ++c) {
        const ReportColumn &col = sheet.columns.at(c);
        lxw_format *fmt = col.type == ReportColumn::Type::DateTime ? f.dateTime
            : col.type == ReportColumn::Type::Date                 ? f.date
                                                                   : nullptr;
        worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), col.width, fmt);
        worksheet_write_string(ws, 0, lxw_col_t(c), col.title.toUtf8().constData(), f.header);
    }
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t r = 1;
    for (const QVariantList &row : sheet.rows) {
        for (qsizetype c = 0; c < sheet.columns.size(); ++c) {
            const QVariant v = row.value(c);
            if (v.isNull())
                continue;
            lxw_error e = LXW_NO_ERROR;
            switch (sheet.columns.at(c).type) {
            case ReportColumn::Type::DateTime: {
                lxw_datetime dt = toLxw(v.toDateTime());
                e = worksheet_write_datetime(ws, r, lxw_col_t(c), &dt, f.dateTime);
                break;
            }
            case ReportColumn::Type::Date: {
                lxw_datetime dt = toLxw(v.toDate().startOfDay());
                e = worksheet_write_datetime(ws, r, lxw_col_t(c), &dt, f.date);
                break;
            }
            case ReportColumn::Type::Number: e = worksheet_write_number(ws, r, lxw_col_t(c), v.toDouble(), nullptr); break;
            case ReportColumn::Type::Text: {
                const QByteArray s = v.toString().toUtf8();
                if (!s.isEmpty())
                    e = worksheet_write_string(ws, r, lxw_col_t(c), s.constData(), nullptr);
                break;
            }
            }
            if (e != LXW_NO_ERROR) {
                *why = QStringLiteral("第 %1 行：%2").arg(r + 1).arg(QString::fromUtf8(lxw_strerror(e)));
                return false;
            }
        }
        ++r;
        if ((++done & 4095) == 0 && progress && !progress(done, total)) {
            *why = QStringLiteral("导出已取消");
            return false;
        }
    }
    return true;
}

} // namespace

bool XlsxReportWriter::write(const Report &report, const QString &dir, const QString &base, QStringList *written,
                             QString *error, const Progress &progress)
{
    const QString path = ExportFile::freePaths(dir, base, {QString()}, QStringLiteral("xlsx")).constFirst();
    const QString temp = ExportFile::tempPathFor(path);
    // libxlsxwriter's constant-memory temp files go next to the output: /tmp may be a small tmpfs.
    const QByteArray tmpDir = QFile::encodeName(QFileInfo(path).absolutePath());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = const_cast<char *>(tmpDir.constData());
    lxw_workbook *wb = workbook_new_opt(QFile::encodeName(temp).constData(), &options);
    if (!wb) {
        *error = QStringLiteral("无法创建 %1").arg(path);
        return false;
    }
    Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb)};
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xF2F2F2);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_num_format(f.dateTime, "yyyy-mm-dd hh:mm:ss");
    format_set_num_format(f.date, "yyyy-mm-dd");

    const qint64 total = report.rowCount();
    qint64 done = 0;
    QString why;
    bool ok = true;
    for (const ReportSheet &sheet : report.sheets) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheet.name.toUtf8().constData());
        if (!ws) {
            why = QStringLiteral("工作表名称“%1”无效").arg(sheet.name);
            ok = false;
            break;
        }
        if (!writeSheet(ws, sheet, f, done, total, progress, &why)) {
            ok = false;
            break;
        }
    }
    const lxw_error closed = workbook_close(wb); // also frees it; writes the file when ok
    if (ok && closed != LXW_NO_ERROR) {
        why = QStringLiteral("无法写入 %1：%2").arg(path, QString::fromUtf8(lxw_strerror(closed)));
        ok = false;
    }
    if (!ok) {
        *error = why;
        QFile::remove(temp);
        return false;
    }
    if (!ExportFile::commit(temp, path, error))
        return false;
    *written << path;
    return true;
}
