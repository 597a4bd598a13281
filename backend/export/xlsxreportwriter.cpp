#include "xlsxreportwriter.h"
#include "exportfile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSet>

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
    lxw_format *title;
    lxw_format *header;
    lxw_format *dateTime;
    lxw_format *date;
    lxw_format *total;
};

// One sheet of the workbook: a part, or a piece of a part too long for one sheet.
struct Piece
{
    const ReportSheet *sheet;
    QString name;
    qsizetype first; // rows [first, last) of the part
    qsizetype last;
    bool withTotals;
};

// Excel refuses sheet names over 31 characters or repeated (case-insensitively).
QString continuationName(const QString &name, int n, QSet<QString> &taken)
{
    for (;; ++n) {
        const QString suffix = QStringLiteral("(%1)").arg(n);
        const QString candidate = name.left(31 - suffix.size()) + suffix;
        if (!taken.contains(candidate.toLower())) {
            taken.insert(candidate.toLower());
            return candidate;
        }
    }
}

lxw_error writeCell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const QVariant &v, ReportColumn::Type type,
                    const Formats &f, lxw_format *textFormat)
{
    if (v.isNull())
        return LXW_NO_ERROR;
    switch (type) {
    case ReportColumn::Type::DateTime: {
        const QDateTime t = v.toDateTime();
        if (!t.isValid())
            return LXW_NO_ERROR;
        lxw_datetime dt = toLxw(t);
        return worksheet_write_datetime(ws, r, c, &dt, f.dateTime);
    }
    case ReportColumn::Type::Date: {
        lxw_datetime dt = toLxw(v.toDate().startOfDay());
        return worksheet_write_datetime(ws, r, c, &dt, f.date);
    }
    case ReportColumn::Type::Number:
        if (v.typeId() == QMetaType::QString) // a label in a 合计 line
            break;
        return worksheet_write_number(ws, r, c, v.toDouble(), textFormat);
    case ReportColumn::Type::Text: break;
    }
    const QByteArray s = v.toString().toUtf8();
    return s.isEmpty() ? LXW_NO_ERROR : worksheet_write_string(ws, r, c, s.constData(), textFormat);
}

// Writes one piece; false when the row loop was cancelled or a cell was refused.
bool writePiece(lxw_workbook *wb, lxw_worksheet *ws, const Piece &piece, const QStringList &heading,
                const Formats &f, qint64 &done, qint64 total, const ReportWriter::Progress &progress, QString *why)
{
    const ReportSheet &sheet = *piece.sheet;
    // Constant-memory mode: column settings and panes before the first row, rows in order.
    for (qsizetype c = 0; c < sheet.columns.size(); ++c) {
        const ReportColumn &col = sheet.columns.at(c);
        lxw_format *fmt = col.type == ReportColumn::Type::DateTime ? f.dateTime
            : col.type == ReportColumn::Type::Date                 ? f.date
                                                                   : nullptr;
        worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), col.width, fmt);
    }
    lxw_row_t r = 0;
    for (const QString &line : heading)
        worksheet_write_string(ws, r++, 0, line.toUtf8().constData(), f.title);
    const lxw_row_t headerRow = r;
    for (qsizetype c = 0; c < sheet.columns.size(); ++c)
        worksheet_write_string(ws, r, lxw_col_t(c), sheet.columns.at(c).title.toUtf8().constData(), f.header);
    ++r;
    worksheet_freeze_panes(ws, r, 0);
    const auto fail = [&](lxw_error e) {
        *why = QStringLiteral("工作表“%1”第 %2 行无法写入：%3").arg(piece.name).arg(r + 1).arg(QString::fromUtf8(lxw_strerror(e)));
        return false;
    };
    for (qsizetype i = piece.first; i < piece.last; ++i) {
        const QVariantList &row = sheet.rows.at(i);
        for (qsizetype c = 0; c < sheet.columns.size() && c < row.size(); ++c) {
            const lxw_error e = writeCell(ws, r, lxw_col_t(c), row.at(c), sheet.columns.at(c).type, f, nullptr);
            if (e != LXW_NO_ERROR)
                return fail(e);
        }
        ++r;
        if (!sheet.chart && (++done & 4095) == 0 && progress && !progress(done, total)) {
            *why = QStringLiteral("导出已取消");
            return false;
        }
    }
    const lxw_row_t lastDataRow = r - 1;
    if (piece.withTotals && !sheet.totals.isEmpty()) {
        for (qsizetype c = 0; c < sheet.columns.size() && c < sheet.totals.size(); ++c) {
            const lxw_error e = writeCell(ws, r, lxw_col_t(c), sheet.totals.at(c), sheet.columns.at(c).type, f, f.total);
            if (e != LXW_NO_ERROR)
                return fail(e);
        }
        ++r;
    }
    if (!sheet.chart || sheet.columns.size() < 2 || piece.last == piece.first)
        return true;
    const ReportChart &spec = *sheet.chart;
    const uint8_t type = spec.kind == ReportChart::Kind::Line            ? LXW_CHART_LINE
        : spec.kind == ReportChart::Kind::StackedColumn                  ? LXW_CHART_COLUMN_STACKED
                                                                         : LXW_CHART_COLUMN;
    lxw_chart *chart = workbook_add_chart(wb, type);
    const QByteArray sheetName = piece.name.toUtf8();
    for (qsizetype c = 1; c < sheet.columns.size(); ++c) {
        lxw_chart_series *series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, sheetName.constData(), headerRow + 1, 0, lastDataRow, 0);
        chart_series_set_values(series, sheetName.constData(), headerRow + 1, lxw_col_t(c), lastDataRow, lxw_col_t(c));
        chart_series_set_name_range(series, sheetName.constData(), headerRow, lxw_col_t(c));
    }
    const QByteArray title = spec.title.toUtf8(), x = spec.xTitle.toUtf8(), y = spec.yTitle.toUtf8();
    chart_title_set_name(chart, title.constData());
    chart_axis_set_name(chart->x_axis, x.constData());
    chart_axis_set_name(chart->y_axis, y.constData());
    if (sheet.columns.size() == 2)
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options options{};
    options.x_scale = 2;
    options.y_scale = 1.5;
    const lxw_error e = worksheet_insert_chart_opt(ws, headerRow, lxw_col_t(sheet.columns.size() + 1), chart, &options);
    return e == LXW_NO_ERROR || fail(e);
}

} // namespace

bool XlsxReportWriter::write(const Report &report, const QString &dir, const QString &base, QStringList *written,
                             QString *error, const Progress &progress)
{
    // Rows a sheet has for data: what the limit leaves after the title, header and 合计 lines.
    const qsizetype perSheet = qsizetype(m_maxRows) - report.heading.size() - 2;
    if (perSheet < 1) {
        *error = QStringLiteral("每个工作表最多 %1 行，放不下标题和表头").arg(m_maxRows);
        return false;
    }
    QSet<QString> taken;
    for (const ReportSheet &s : report.sheets)
        taken.insert(s.name.toLower());
    QList<Piece> pieces;
    for (const ReportSheet &s : report.sheets) {
        qsizetype first = 0;
        int n = 1;
        do {
            const qsizetype last = std::min(s.rows.size(), first + perSheet);
            pieces.append({&s, n == 1 ? s.name : continuationName(s.name, n, taken), first, last,
                           last == s.rows.size()});
            first = last;
            ++n;
        } while (first < s.rows.size());
    }

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
    Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
              workbook_add_format(wb)};
    format_set_bold(f.title);
    format_set_font_size(f.title, 12);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xF2F2F2);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_num_format(f.dateTime, "yyyy-mm-dd hh:mm:ss");
    format_set_num_format(f.date, "yyyy-mm-dd");
    format_set_bold(f.total);
    format_set_top(f.total, LXW_BORDER_THIN);

    const qint64 total = report.rowCount();
    qint64 done = 0;
    QString why;
    bool ok = true;
    for (const Piece &piece : pieces) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, piece.name.toUtf8().constData());
        if (!ws) {
            why = QStringLiteral("工作表名称“%1”无效").arg(piece.name);
            ok = false;
            break;
        }
        if (!writePiece(wb, ws, piece, report.heading, f, done, total, progress, &why)) {
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
