#include "quizbank.h"
#include "quizcitation.h"
#include "quizcsvreader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace {

constexpr int maxOptions = 8; // more would not fit as touch cards on a portrait screen

QString letters(const QList<int> &indexes)
{
    QString s;
    for (int i : indexes)
        s += QChar(char16_t(u'A' + i));
    return s;
}

// "A", "AC", ["A","C"]: the letters of an answer as option indexes (out-of-range letters are
// kept, so the validator can say "答案 E 不在选项中"). False when something is not a letter.
bool parseLetters(const QJsonValue &v, QList<int> *out)
{
    QStringList parts;
    if (v.isString()) {
        for (QChar c : v.toString().trimmed())
            parts << QString(c);
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString())
                return false;
            parts << e.toString().trimmed();
        }
    } else {
        return false;
    }
    for (const QString &p : parts) {
        if (p.size() != 1 || p.at(0).toUpper() < u'A' || p.at(0).toUpper() > u'Z')
            return false;
        const int index = p.at(0).toUpper().unicode() - u'A';
        if (!out->contains(index))
            out->append(index);
    }
    std::sort(out->begin(), out->end());
    return true;
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString().trimmed();
    return out;
}

int lineOfOffset(const QByteArray &bytes, int offset)
{
    return int(bytes.left(offset).count('\n')) + 1;
}

QuizTestSpec testFromJson(const QJsonObject &o, QList<QuizProblem> *problems)
{
    QuizTestSpec t = QuizBank::defaultTest();
    t.id = o.value(QStringLiteral("id")).toString().trimmed();
    t.title = o.value(QStringLiteral("title")).toString().trimmed();
    t.tags = stringList(o.value(QStringLiteral("tags")));
    const QJsonObject mix = o.value(QStringLiteral("mix")).toObject();
    if (!mix.isEmpty()) {
        t.single = mix.value(QStringLiteral("single")).toInt(0);
        t.multiple = mix.value(QStringLiteral("multiple")).toInt(0);
        t.judge = mix.value(QStringLiteral("judge")).toInt(0);
        for (auto it = mix.begin(); it != mix.end(); ++it) {
            QuizQuestion::Type type;
            if (!QuizQuestion::typeFromName(it.key(), &type))
                problems->append({0, QString(), QStringLiteral("专项测试“%1”：题型“%2”未知").arg(t.id, it.key())});
        }
    }
    t.timeLimitMinutes = o.value(QStringLiteral("time_limit_minutes")).toInt(t.timeLimitMinutes);
    t.passMark = o.value(QStringLiteral("pass_mark")).toInt(t.passMark);
    return t;
}

} // namespace

QStringList QuizQuestion::choices() const
{
    if (type == Type::Judge)
        return {QStringLiteral("正确"), QStringLiteral("错误")};
    return options;
}

QString QuizQuestion::answerText(const QList<int> &selection) const
{
    if (selection.isEmpty())
        return QStringLiteral("未作答");
    if (type == Type::Judge)
        return selection.constFirst() == 0 ? QStringLiteral("正确") : QStringLiteral("错误");
    QList<int> sorted = selection;
    std::sort(sorted.begin(), sorted.end());
    return letters(sorted);
}

QString QuizQuestion::typeName(Type t)
{
    switch (t) {
    case Type::Single: return QStringLiteral("single");
    case Type::Multiple: return QStringLiteral("multiple");
    case Type::Judge: return QStringLiteral("judge");
    }
    return {};
}

QString QuizQuestion::typeLabel(Type t)
{
    switch (t) {
    case Type::Single: return QStringLiteral("单选题");
    case Type::Multiple: return QStringLiteral("多选题");
    case Type::Judge: return QStringLiteral("判断题");
    }
    return {};
}

bool QuizQuestion::typeFromName(const QString &name, Type *t)
{
    const QString n = name.trimmed().toLower();
    if (n == u"single" || n == u"单选" || n == u"单选题")
        *t = Type::Single;
    else if (n == u"multiple" || n == u"多选" || n == u"多选题")
        *t = Type::Multiple;
    else if (n == u"judge" || n == u"判断" || n == u"判断题")
        *t = Type::Judge;
    else
        return false;
    return true;
}

QuizTestSpec QuizBank::defaultTest()
{
    QuizTestSpec t;
    t.id = QStringLiteral("default");
    t.title = QStringLiteral("综合测试");
    return t;
}

QString QuizProblem::toString() const
{
    QString where;
    if (line > 0)
        where = QStringLiteral("第 %1 行").arg(line);
    if (!questionId.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral("，")) + QStringLiteral("题目 %1").arg(questionId);
    return where.isEmpty() ? message : where + QStringLiteral("：") + message;
}

QStringList QuizBankResult::problemTexts() const
{
    QStringList out;
    for (const QuizProblem &p : problems)
        out << p.toString();
    return out;
}

QuizBankResult QuizBankReader::fromJson(const QByteArray &bytes)
{
    QuizBankResult r;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : QStringLiteral("顶层应为对象 {…}");
        r.problems.append({lineOfOffset(bytes, parseError.offset), QString(),
                           QStringLiteral("不是有效的 JSON：%1").arg(why)});
        return r;
    }
    const QJsonObject root = doc.object();
    QuizBank &bank = r.bank;
    bank.id = root.value(QStringLiteral("id")).toString().trimmed();
    bank.title = root.value(QStringLiteral("title")).toString().trimmed();
    bank.version = root.value(QStringLiteral("version")).toVariant().toString().trimmed();
    bank.sources = stringList(root.value(QStringLiteral("sources")));
    for (const QJsonValue &tv : root.value(QStringLiteral("tests")).toArray())
        bank.tests.append(testFromJson(tv.toObject(), &r.problems));

    const QJsonArray questions = root.value(QStringLiteral("questions")).toArray();
    for (qsizetype i = 0; i < questions.size(); ++i) {
        const QJsonObject o = questions.at(i).toObject();
        QuizQuestion q;
        q.id = o.value(QStringLiteral("id")).toVariant().toString().trimmed();
        const QString label = q.id.isEmpty() ? QStringLiteral("#%1").arg(i + 1) : q.id;
        const QString typeName = o.value(QStringLiteral("type")).toString();
        if (!QuizQuestion::typeFromName(typeName, &q.type))
            r.problems.append({0, label, QStringLiteral("题型“%1”未知（应为 single、multiple 或 judge）").arg(typeName)});
        q.stem = o.value(QStringLiteral("stem")).toString().trimmed();
        q.options = stringList(o.value(QStringLiteral("options")));
        const QJsonValue answer = o.value(QStringLiteral("answer"));
        if (answer.isBool()) {
            if (q.type != QuizQuestion::Type::Judge)
                r.problems.append({0, label, QStringLiteral("只有判断题的答案可以是 true/false")});
            q.answer = {answer.toBool() ? 0 : 1};
        } else if (!answer.isUndefined() && !answer.isNull()) {
            if (q.type == QuizQuestion::Type::Judge)
                r.problems.append({0, label, QStringLiteral("判断题的答案应为 true（正确）或 false（错误）")});
            else if (!parseLetters(answer, &q.answer))
                r.problems.append({0, label, QStringLiteral("答案应为选项字母，如 \"A\" 或 [\"A\",\"C\"]")});
        }
        q.explanation = o.value(QStringLiteral("explanation")).toString().trimmed();
        q.source = o.value(QStringLiteral("source")).toString().trimmed();
        q.sourceText = o.value(QStringLiteral("source_text")).toString().trimmed();
        q.tags = stringList(o.value(QStringLiteral("tags")));
        q.difficulty = o.value(QStringLiteral("difficulty")).toInt(1);
        bank.questions.append(q);
    }
    r.problems += validate(bank);
    for (QuizQuestion &q : bank.questions)
        q.bankId = bank.id;
    if (!r.ok())
        r.bank.questions.clear(); // all or nothing
    return r;
}

QuizBankResult QuizBankReader::load(const QString &path)
{
    QFile f(path);
    QuizBankResult r;
    if (!f.open(QIODevice::ReadOnly)) {
        r.problems.append({0, QString(), QStringLiteral("无法打开文件 %1：%2").arg(path, f.errorString())});
        return r;
    }
    if (f.size() > MaxFileBytes) {
        r.problems.append({0, QString(), QStringLiteral("文件过大（超过 16 MB），不像题库")});
        return r;
    }
    const QByteArray bytes = f.readAll();
    const QFileInfo info(path);
    if (info.suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0)
        return fromJson(bytes);
    // A CSV sheet carries only questions: the bank is named after the file.
    return QuizCsvReader::fromCsv(bytes, info.completeBaseName(), info.completeBaseName(),
                                  info.lastModified().toUTC().toString(QStringLiteral("yyyyMMdd")));
}

QList<QuizProblem> QuizBankReader::validate(const QuizBank &bank)
{
    QList<QuizProblem> p;
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!idPattern.match(bank.id).hasMatch())
        p.append({0, QString(), QStringLiteral("题库编号 id“%1”无效（字母、数字、_ . -，最长 64）").arg(bank.id)});
    if (bank.title.isEmpty())
        p.append({0, QString(), QStringLiteral("题库缺少名称 title")});
    if (bank.version.isEmpty())
        p.append({0, QString(), QStringLiteral("题库缺少版本 version")});
    if (bank.questions.isEmpty())
        p.append({0, QString(), QStringLiteral("题库中没有题目")});

    QHash<QString, int> seen; // id -> line (or 0) of its first use
    for (qsizetype i = 0; i < bank.questions.size(); ++i) {
        const QuizQuestion &q = bank.questions.at(i);
        const QString label = q.id.isEmpty() ? QStringLiteral("#%1").arg(i + 1) : q.id;
        const auto add = [&](const QString &m) { p.append({q.line, label, m}); };
        if (q.id.isEmpty())
            add(QStringLiteral("缺少题号 id"));
        else if (!idPattern.match(q.id).hasMatch())
            add(QStringLiteral("题号只能含字母、数字、_ . -"));
        else if (seen.contains(q.id))
            add(seen.value(q.id) > 0 ? QStringLiteral("题号重复（第 %1 行已使用）").arg(seen.value(q.id))
                                     : QStringLiteral("题号重复"));
        else
            seen.insert(q.id, q.line);
        if (q.stem.isEmpty())
            add(QStringLiteral("题干为空"));
        if (q.type == QuizQuestion::Type::Judge) {
            if (!q.options.isEmpty())
                add(QStringLiteral("判断题不应有选项（选项固定为“正确/错误”）"));
        } else {
            if (q.options.size() < 2)
                add(QStringLiteral("选择题至少需要 2 个选项"));
            if (q.options.size() > maxOptions)
                add(QStringLiteral("选项最多 %1 个").arg(maxOptions));
            QSet<QString> texts;
            for (qsizetype k = 0; k < q.options.size(); ++k) {
                const QString &o = q.options.at(k);
                if (o.isEmpty())
                    add(QStringLiteral("选项 %1 为空").arg(QChar(char16_t(u'A' + k))));
                else if (texts.contains(o))
                    add(QStringLiteral("选项 %1 与前面的选项重复").arg(QChar(char16_t(u'A' + k))));
                texts.insert(o);
            }
        }
        const int choiceCount = int(q.choices().size());
        if (q.answer.isEmpty())
            add(QStringLiteral("缺少答案"));
        for (int a : q.answer) {
            if (a < 0 || a >= choiceCount)
                add(QStringLiteral("答案 %1 不在选项中").arg(QChar(char16_t(u'A' + a))));
        }
        if (q.type == QuizQuestion::Type::Single && q.answer.size() > 1)
            add(QStringLiteral("单选题只能有一个答案"));
        if (q.type == QuizQuestion::Type::Multiple && q.answer.size() == 1)
            add(QStringLiteral("多选题至少要有两个正确答案（只有一个的请改为单选题）"));
        if (q.explanation.isEmpty())
            add(QStringLiteral("解析为空"));
        QuizCitation citation;
        QString citationProblem;
        if (q.source.isEmpty())
            add(QStringLiteral("缺少出处（如《中国共产党章程》（2022年）第四十一条）"));
        else if (!QuizCitation::parse(q.source, &citation, &citationProblem))
            add(citationProblem);
        if (q.sourceText.isEmpty()) {
            add(QStringLiteral("缺少原文 source_text（出处条文中答案所依据的原句，照录）"));
        } else if (q.type != QuizQuestion::Type::Judge) {
            // The marked answer must be the article's own words: a correct option that the quoted
            // sentence does not contain is either a wrong answer or a wrong quotation.
            const QString quoted = comparable(q.sourceText);
            for (int a : q.answer) {
                if (a < 0 || a >= q.options.size())
                    continue;
                const QString option = comparable(q.options.at(a));
                if (!option.isEmpty() && !quoted.contains(option))
                    add(QStringLiteral("答案 %1“%2”不见于原文 source_text，请核对答案或原文")
                            .arg(QChar(char16_t(u'A' + a))).arg(q.options.at(a)));
            }
        }
        if (q.difficulty < 1 || q.difficulty > 3)
            add(QStringLiteral("难度应为 1、2 或 3"));
    }

    QSet<QString> testIds;
    for (const QuizTestSpec &t : bank.tests) {
        const QString name = t.title.isEmpty() ? t.id : t.title;
        const auto add = [&](const QString &m) { p.append({0, QString(), QStringLiteral("专项测试“%1”：%2").arg(name, m)}); };
        if (t.id.isEmpty() || testIds.contains(t.id))
            add(QStringLiteral("编号为空或重复"));
        testIds.insert(t.id);
        if (t.title.isEmpty())
            add(QStringLiteral("缺少名称 title"));
        if (t.single < 0 || t.multiple < 0 || t.judge < 0 || t.count() < 1)
            add(QStringLiteral("题量应为正数"));
        if (t.timeLimitMinutes < 1 || t.timeLimitMinutes > 180)
            add(QStringLiteral("限时应为 1 到 180 分钟"));
        if (t.passMark < 1 || t.passMark > 100)
            add(QStringLiteral("及格分应为 1 到 100"));
        // The mix must be drawable without repeats from the questions the tags select.
        const struct { QuizQuestion::Type type; int wanted; } mix[] = {
            {QuizQuestion::Type::Single, t.single}, {QuizQuestion::Type::Multiple, t.multiple},
            {QuizQuestion::Type::Judge, t.judge}};
        for (const auto &m : mix) {
            int available = 0;
            for (const QuizQuestion &q : bank.questions) {
                const bool tagged = t.tags.isEmpty()
                    || std::any_of(t.tags.begin(), t.tags.end(), [&](const QString &tag) { return q.tags.contains(tag); });
                available += (q.type == m.type && tagged) ? 1 : 0;
            }
            if (available < m.wanted)
                add(QStringLiteral("需要 %1 道%2，题库中只有 %3 道")
                        .arg(m.wanted).arg(QuizQuestion::typeLabel(m.type)).arg(available));
        }
    }
    return p;
}

QString QuizBankReader::comparable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isPunct() && !c.isSymbol() && !c.isSpace())
            out += c;
    }
    return out;
}

QByteArray QuizBankReader::toJson(const QuizBank &bank)
{
    QJsonArray questions;
    for (const QuizQuestion &q : bank.questions) {
        QJsonObject o{{QStringLiteral("id"), q.id},
                      {QStringLiteral("type"), QuizQuestion::typeName(q.type)},
                      {QStringLiteral("stem"), q.stem}};
        if (q.type == QuizQuestion::Type::Judge) {
            o.insert(QStringLiteral("answer"), q.answer.value(0) == 0);
        } else {
            o.insert(QStringLiteral("options"), QJsonArray::fromStringList(q.options));
            QJsonArray a;
            for (int i : q.answer)
                a.append(QString(QChar(char16_t(u'A' + i))));
            o.insert(QStringLiteral("answer"), a);
        }
        o.insert(QStringLiteral("explanation"), q.explanation);
        o.insert(QStringLiteral("source"), q.source);
        o.insert(QStringLiteral("source_text"), q.sourceText);
        o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(q.tags));
        o.insert(QStringLiteral("difficulty"), q.difficulty);
        questions.append(o);
    }
    QJsonArray tests;
    for (const QuizTestSpec &t : bank.tests) {
        tests.append(QJsonObject{
            {QStringLiteral("id"), t.id}, {QStringLiteral("title"), t.title},
            {QStringLiteral("tags"), QJsonArray::fromStringList(t.tags)},
            {QStringLiteral("mix"), QJsonObject{{QStringLiteral("single"), t.single},
                                                {QStringLiteral("multiple"), t.multiple},
                                                {QStringLiteral("judge"), t.judge}}},
            {QStringLiteral("time_limit_minutes"), t.timeLimitMinutes}, {QStringLiteral("pass_mark"), t.passMark}});
    }
    const QJsonObject root{{QStringLiteral("format"), 1},
                           {QStringLiteral("id"), bank.id},
                           {QStringLiteral("title"), bank.title},
                           {QStringLiteral("version"), bank.version},
                           {QStringLiteral("sources"), QJsonArray::fromStringList(bank.sources)},
                           {QStringLiteral("tests"), tests},
                           {QStringLiteral("questions"), questions}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}
