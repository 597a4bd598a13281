#pragma once
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// One question of a bank (docs/question-bank.md). Options are keyed A, B, C... by position; a
// judge (true/false) question has no options of its own: its two choices are 正确 (0) and 错误 (1).
struct QuizQuestion
{
    enum class Type { Single, Multiple, Judge };

    QString bankId;      // filled in when the bank is loaded
    QString id;          // unique within its bank
    Type type = Type::Single;
    QString stem;
    QStringList options; // empty for judge questions
    QList<int> answer;   // sorted option indexes; judge: {0} = 正确, {1} = 错误
    QString explanation;
    QString source;      // the article, e.g. 《中国共产党章程》（2022年）第二条 (QuizCitation)
    QString sourceText;  // the sentence of that article the answer rests on, quoted exactly
    QStringList tags;
    int difficulty = 1;  // 1 easy .. 3 hard
    int line = 0;        // CSV line the question came from (0 for JSON)

    // The choices shown on screen: the options, or 正确/错误 for a judge question.
    QStringList choices() const;
    // "A", "AC", "正确": how the answer (or a member's selection) is written for people.
    QString answerText(const QList<int> &selection) const;
    QString key() const { return bankId + u'/' + id; } // unique across banks

    static QString typeName(Type t);       // single | multiple | judge
    static QString typeLabel(Type t);      // 单选题 | 多选题 | 判断题
    static bool typeFromName(const QString &name, Type *t);
};

// A 专项测试 as the bank's authors configure it: how many questions of each type, drawn from
// questions carrying any of `tags` (all questions when empty), the time limit and the pass mark.
struct QuizTestSpec
{
    QString id;
    QString title;
    QStringList tags;
    int single = 10;
    int multiple = 5;
    int judge = 5;
    int timeLimitMinutes = 15;
    int passMark = 80; // percent

    int count() const { return single + multiple + judge; }
};

struct QuizBank
{
    QString id;
    QString title;
    QString version;
    QStringList sources; // the documents and editions the questions cite, for the record
    QList<QuizQuestion> questions;
    QList<QuizTestSpec> tests;

    // The default 专项测试 when a bank configures none: 20 questions (10/5/5), 15 min, 80 points.
    static QuizTestSpec defaultTest();
};

// Something wrong in a bank, naming where (CSV line and/or question id) so staff can fix it.
struct QuizProblem
{
    int line = 0;
    QString questionId;
    QString message;

    QString toString() const;
};

// All or nothing, like the roster: a bank with any problem is never used.
struct QuizBankResult
{
    QuizBank bank;
    QList<QuizProblem> problems;

    bool ok() const { return problems.isEmpty(); }
    QStringList problemTexts() const;
};

// Reads banks from JSON (the distributed form) or CSV (what staff save from Excel) and
// validates them: parse errors and rule violations come back together, every one of them.
class QuizBankReader
{
public:
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    static QuizBankResult fromJson(const QByteArray &bytes);
    // CSV sheets: QuizCsvReader::fromCsv.
    // By extension: .json is JSON, anything else CSV (named after the file).
    static QuizBankResult load(const QString &path);

    static QByteArray toJson(const QuizBank &bank);

    // Every rule of docs/question-bank.md; used by both readers.
    static QList<QuizProblem> validate(const QuizBank &bank);

    // Text as compared with the quoted source: without punctuation, symbols and spaces, so an
    // option “‘三个代表’重要思想” is found in “…、“三个代表”重要思想、…”.
    static QString comparable(const QString &text);
};
