#include "quizcsvreader.h"
#include "roster.h"

#include <QHash>
#include <QRegularExpression>

namespace {

struct Row
{
    int line = 0; // where the record starts; a quoted field may span lines
    QStringList fields;
};

// RFC 4180 as Excel and WPS write it: commas, CRLF/LF line ends, quoted fields with doubled
// quotes (which may hold commas and line breaks, common in a long 解析).
bool parseRows(const QString &text, QList<Row> *rows, QString *error, int *errorLine)
{
    int line = 1;
    Row row{1, {}};
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted) {
                *error = QStringLiteral("引号位置不对；字段内的引号要写成两个（\"\"）");
                *errorLine = line;
                return false;
            }
            quoted = true;
            fieldWasQuoted = true;
        } else if (c == u',') {
            row.fields << field;
            field.clear();
            fieldWasQuoted = false;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            row.fields << field;
            rows->append(row);
            field.clear();
            fieldWasQuoted = false;
            ++line;
            row = Row{line, {}};
        } else {
            if (fieldWasQuoted) {
                *error = QStringLiteral("右引号后面还有字符；字段内的引号要写成两个（\"\"）");
                *errorLine = line;
                return false;
            }
            field += c;
        }
    }
    if (quoted) {
        *error = QStringLiteral("引号没有闭合");
        *errorLine = row.line;
        return false;
    }
    if (!field.isEmpty() || fieldWasQuoted || !row.fields.isEmpty()) {
        row.fields << field;
        rows->append(row);
    }
    return true;
}

enum Column { Id, Type, Stem, Answer, Explanation, Source, Tags, Difficulty, SourceText, OptionA };
constexpr int optionColumns = 8;

int columnOf(const QString &header)
{
    static const QHash<QString, int> names = {
        {QStringLiteral("id"), Id},           {QStringLiteral("题号"), Id},
        {QStringLiteral("type"), Type},       {QStringLiteral("题型"), Type},
        {QStringLiteral("stem"), Stem},       {QStringLiteral("题干"), Stem},
        {QStringLiteral("answer"), Answer},   {QStringLiteral("答案"), Answer},
        {QStringLiteral("explanation"), Explanation}, {QStringLiteral("解析"), Explanation},
        {QStringLiteral("source"), Source},   {QStringLiteral("出处"), Source},
        {QStringLiteral("tags"), Tags},       {QStringLiteral("标签"), Tags},
        {QStringLiteral("difficulty"), Difficulty}, {QStringLiteral("难度"), Difficulty},
        {QStringLiteral("source_text"), SourceText}, {QStringLiteral("原文"), SourceText},
    };
    const QString h = header.trimmed().toLower();
    if (names.contains(h))
        return names.value(h);
    static const QRegularExpression option(QStringLiteral("^(?:选项|option_?)([a-h])$"),
                                           QRegularExpression::CaseInsensitiveOption);
    const auto m = option.match(h);
    if (m.hasMatch())
        return OptionA + (m.captured(1).toLower().at(0).unicode() - u'a');
    return -1;
}

// 对/错 and the other ways people write true/false in a sheet.
bool judgeAnswer(const QString &text, int *index)
{
    static const QStringList yes = {QStringLiteral("对"), QStringLiteral("正确"), QStringLiteral("√"),
                                    QStringLiteral("t"), QStringLiteral("true"), QStringLiteral("是")};
    static const QStringList no = {QStringLiteral("错"), QStringLiteral("错误"), QStringLiteral("×"),
                                   QStringLiteral("f"), QStringLiteral("false"), QStringLiteral("否")};
    const QString t = text.trimmed().toLower();
    if (yes.contains(t))
        *index = 0;
    else if (no.contains(t))
        *index = 1;
    else
        return false;
    return true;
}

} // namespace

QuizBankResult QuizCsvReader::fromCsv(const QByteArray &bytes, const QString &bankId, const QString &title,
                                      const QString &version)
{
    QuizBankResult r;
    r.bank.id = bankId;
    r.bank.title = title;
    r.bank.version = version;
    QString decodeError;
    const QString text = Roster::decodeText(bytes, &decodeError);
    if (!decodeError.isEmpty()) {
        r.problems.append({0, QString(), decodeError});
        return r;
    }
    QList<Row> rows;
    QString csvError;
    int csvLine = 0;
    if (!parseRows(text, &rows, &csvError, &csvLine)) {
        r.problems.append({csvLine, QString(), csvError});
        return r;
    }
    // Excel leaves rows of empty cells where something was deleted.
    rows.removeIf([](const Row &row) {
        return std::all_of(row.fields.begin(), row.fields.end(), [](const QString &f) { return f.trimmed().isEmpty(); });
    });
    if (rows.isEmpty()) {
        r.problems.append({0, QString(), bytes.isEmpty()
            ? QStringLiteral("文件是空的（0 字节）：第 1 行应为表头（题号,题型,题干,选项A…,答案,解析,出处,原文）；请从 question-bank-template.csv 开始填写")
            : QStringLiteral("文件中只有空行：第 1 行应为表头（题号,题型,题干,选项A…,答案,解析,出处,原文）")});
        return r;
    }
    QHash<int, int> where; // column -> field index
    const Row header = rows.takeFirst();
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const int col = columnOf(header.fields.at(i));
        if (col >= 0 && !where.contains(col))
            where.insert(col, int(i));
    }
    static const struct { int column; const char16_t *name; } required[] = {
        {Id, u"题号"}, {Type, u"题型"}, {Stem, u"题干"}, {Answer, u"答案"},
        {Explanation, u"解析"}, {Source, u"出处"}, {SourceText, u"原文"}};
    for (const auto &c : required) {
        if (!where.contains(c.column))
            r.problems.append({header.line, QString(), QStringLiteral("表头缺少“%1”列").arg(QString::fromUtf16(c.name))});
    }
    if (!r.ok())
        return r;

    for (const Row &row : rows) {
        const auto cell = [&](int col) { return where.contains(col) ? row.fields.value(where.value(col)).trimmed() : QString(); };
        QuizQuestion q;
        q.line = row.line;
        q.id = cell(Id);
        const QString label = q.id;
        const QString typeText = cell(Type);
        if (!QuizQuestion::typeFromName(typeText, &q.type))
            r.problems.append({row.line, label, QStringLiteral("题型“%1”未知（应为 单选、多选 或 判断）").arg(typeText)});
        q.stem = cell(Stem);
        // Options are the filled option columns; a gap (A and C filled, B empty) is an error.
        int last = -1;
        for (int k = 0; k < optionColumns; ++k) {
            if (!cell(OptionA + k).isEmpty())
                last = k;
        }
        for (int k = 0; k <= last; ++k)
            q.options << cell(OptionA + k);
        const QString answer = cell(Answer);
        if (q.type == QuizQuestion::Type::Judge) {
            int index = 0;
            if (judgeAnswer(answer, &index))
                q.answer = {index};
            else if (!answer.isEmpty())
                r.problems.append({row.line, label, QStringLiteral("判断题的答案应为“对”或“错”，而不是“%1”").arg(answer)});
        } else {
            for (QChar c : answer) {
                if (c == u',' || c == u'，' || c == u'、' || c == u' ' || c == u';' || c == u'；')
                    continue;
                const QChar up = c.toUpper();
                if (up < u'A' || up > u'Z') {
                    r.problems.append({row.line, label, QStringLiteral("答案“%1”应为选项字母，如 A 或 ACD").arg(answer)});
                    q.answer.clear();
                    break;
                }
                const int index = up.unicode() - u'A';
                if (!q.answer.contains(index))
                    q.answer.append(index);
            }
            std::sort(q.answer.begin(), q.answer.end());
        }
        q.explanation = cell(Explanation);
        q.source = cell(Source);
        q.sourceText = cell(SourceText);
        static const QRegularExpression tagSeparators(QStringLiteral("[;；,，、|\\s]+"));
        q.tags = cell(Tags).split(tagSeparators, Qt::SkipEmptyParts);
        const QString difficulty = cell(Difficulty);
        if (!difficulty.isEmpty()) {
            bool ok = false;
            q.difficulty = difficulty.toInt(&ok);
            if (!ok)
                q.difficulty = 0; // reported by the validator
        }
        q.bankId = bankId;
        r.bank.questions.append(q);
    }
    r.problems += QuizBankReader::validate(r.bank);
    if (!r.ok())
        r.bank.questions.clear();
    return r;
}
