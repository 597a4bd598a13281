#include "xlsxreader.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace {

// Python prints JSON; dates as text so both sides compare the same strings.
const char *const script = R"PY(
import json, sys, datetime
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows, types = [], []
    for row in ws.iter_rows():
        r, t = [], []
        for c in row:
            v = c.value
            if v is None:
                r.append(""); t.append("")
            elif isinstance(v, datetime.datetime):
                r.append(v.strftime("%Y-%m-%d %H:%M:%S")); t.append("d")
            elif isinstance(v, (int, float)):
                r.append(("%g" % v)); t.append("n")
            else:
                r.append(str(v)); t.append("s")
        rows.append(r); types.append(t)
    out.append({"name": ws.title, "frozen": ws.freeze_panes or "", "rows": rows, "types": types})
print(json.dumps(out, ensure_ascii=False))
)PY";

QList<QStringList> toRows(const QJsonArray &a)
{
    QList<QStringList> out;
    for (const QJsonValue &row : a) {
        QStringList cells;
        for (const QJsonValue &c : row.toArray())
            cells << c.toString();
        out << cells;
    }
    return out;
}

} // namespace

XlsxContent readXlsx(const QString &path)
{
    XlsxContent content;
    // Debian's python3-openpyxl lives with the system interpreter, not a pyenv one on PATH.
    const QString python = QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                                                 : QStringLiteral("python3");
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QString::fromUtf8(script), path});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        content.error = QStringLiteral("openpyxl could not read %1: %2").arg(path, QString::fromUtf8(p.readAllStandardError()));
        return content;
    }
    const QJsonArray sheets = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    for (const QJsonValue &v : sheets) {
        const QJsonObject o = v.toObject();
        content.sheets.append({o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("frozen")).toString(),
                               toRows(o.value(QStringLiteral("rows")).toArray()),
                               toRows(o.value(QStringLiteral("types")).toArray())});
    }
    if (content.sheets.isEmpty())
        content.error = QStringLiteral("no sheets in %1").arg(path);
    return content;
}

QList<QStringList> parseCsv(const QByteArray &utf8)
{
    const QString text = QString::fromUtf8(utf8);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

QList<QStringList> reportBody(const QList<QStringList> &rows)
{
    return rows.size() < 3 ? QList<QStringList>() : rows.mid(2, rows.size() - 3);
}

namespace {

QString python3()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                                 : QStringLiteral("python3");
}

QString runPython(const char *code, const QStringList &args)
{
    QProcess p;
    p.start(python3(), QStringList{QStringLiteral("-c"), QString::fromUtf8(code)} + args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

QStringList xlsxEntries(const QString &path)
{
    return runPython("import sys, zipfile\nprint('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", {path})
        .split(u'\n', Qt::SkipEmptyParts);
}

QString xlsxEntryText(const QString &path, const QString &entry)
{
    return runPython("import sys, zipfile\nsys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
                     {path, entry});
}
