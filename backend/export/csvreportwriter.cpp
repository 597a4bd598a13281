#include "csvreportwriter.h"
#include "exportfile.h"

#include <QDateTime>
#include <QFile>
#include <QStringEncoder>

namespace {

// Excel and WPS run a CSV cell starting with = + - @ as a formula ("CSV injection"): a name or
// title typed on the kiosk must never execute on the office PC, so such text gets a leading
// apostrophe, which both show as plain text. (XLSX cells are typed strings: no such risk.)
bool looksLikeFormula(QStringView text)
{
    return !text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front());
}

bool needsQuotes(QStringView text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\n' || u == u'\r')
            return true;
    }
    return false;
}

// UTF-8 of `text` appended to `out` without a temporary QByteArray.
void appendUtf8(QByteArray &out, QStringView text)
{
    const qsizetype old = out.size();
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii) {
        out.resize(old + text.size());
        char *p = out.data() + old;
        for (QChar c : text)
            *p++ = char(c.unicode());
        return;
    }
    QStringEncoder encoder(QStringEncoder::Utf8);
    out.resize(old + text.size() * 3);
    char *end = encoder.appendToBuffer(out.data() + old, text);
    out.resize(end - out.data());
}

void appendText(QByteArray &out, QStringView text, bool guard)
{
    const bool formula = guard && looksLikeFormula(text);
    if (!needsQuotes(text)) {
        if (formula)
            out += '\'';
        appendUtf8(out, text);
        return;
    }
    out += '"';
    if (formula)
        out += '\'';
    qsizetype from = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'"') {
            appendUtf8(out, text.sliced(from, i + 1 - from));
            out += '"';
            from = i + 1;
        }
    }
    appendUtf8(out, text.sliced(from));
    out += '"';
}

void appendDigits(char *p, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

QByteArray CsvReportWriter::field(const QString &text)
{
    QByteArray out;
    appendText(out, text, false);
    return out;
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
    if (looksLikeFormula(text))
        text.prepend(u'\'');
    return text;
}

void CsvReportWriter::appendCell(QByteArray &out, const QVariant &value, ReportColumn::Type type)
{
    if (value.isNull())
        return;
    switch (type) {
    case ReportColumn::Type::DateTime: {
        const QDateTime t = value.toDateTime();
        if (!t.isValid())
            return;
        const QDate d = t.date();
        const QTime tm = t.time();
        char s[19] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', ' ', '0', '0', ':', '0', '0', ':', '0', '0'};
        appendDigits(s, d.year(), 4);
        appendDigits(s + 5, d.month(), 2);
        appendDigits(s + 8, d.day(), 2);
        appendDigits(s + 11, tm.hour(), 2);
        appendDigits(s + 14, tm.minute(), 2);
        appendDigits(s + 17, tm.second(), 2);
        out.append(s, sizeof s);
        return;
    }
    case ReportColumn::Type::Date:
    case ReportColumn::Type::Number: appendText(out, cellText(value, type), false); return;
    case ReportColumn::Type::Text: break;
    }
    if (value.typeId() == QMetaType::QString)
        appendText(out, *static_cast<const QString *>(value.constData()), true);
    else
        appendText(out, value.toString(), true);
}

QByteArray CsvReportWriter::line(const QStringList &cells)
{
    QByteArray out;
    for (qsizetype c = 0; c < cells.size(); ++c) {
        if (c)
            out += ',';
        appendText(out, cells.at(c), true);
    }
    out += "\r\n";
    return out;
}

bool CsvReportWriter::write(const Report &report, const QString &dir, const QString &base, QStringList *written,
                            QString *error, const Progress &progress)
{
    QList<const ReportSheet *> sheets;
    for (const ReportSheet &s : report.sheets) {
        if (!s.chart)
            sheets << &s;
    }
    QStringList parts;
    for (const ReportSheet *s : sheets)
        parts << (sheets.size() == 1 ? QString() : s->name);
    const QStringList paths = ExportFile::freePaths(dir, base, parts, QStringLiteral("csv"));
    const qint64 total = report.rowCount();
    qint64 done = 0;
    constexpr qsizetype flushAt = 1 << 20;
    for (qsizetype i = 0; i < sheets.size(); ++i) {
        const ReportSheet &sheet = *sheets.at(i);
        const QString temp = ExportFile::tempPathFor(paths.at(i));
        QFile out(temp);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            *error = QStringLiteral("无法写入 %1：%2").arg(paths.at(i), out.errorString());
            return false;
        }
        QByteArray buffer = bom();
        buffer.reserve(flushAt + (64 << 10));
        for (const QString &h : report.heading)
            buffer += line({h});
        QStringList titles;
        for (const ReportColumn &c : sheet.columns)
            titles << c.title;
        buffer += line(titles);
        const auto writeRow = [&](const QVariantList &row) {
            for (qsizetype c = 0; c < sheet.columns.size(); ++c) {
                if (c)
                    buffer += ',';
                if (c < row.size())
                    appendCell(buffer, row.at(c), sheet.columns.at(c).type);
            }
            buffer += "\r\n";
        };
        bool ok = true;
        for (const QVariantList &row : sheet.rows) {
            writeRow(row);
            ++done;
            if (buffer.size() >= flushAt) {
                ok = out.write(buffer) == buffer.size();
                buffer.resize(0);
                if (!ok || (progress && !progress(done, total)))
                    break;
            }
        }
        if (ok && !sheet.totals.isEmpty())
            writeRow(sheet.totals);
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
