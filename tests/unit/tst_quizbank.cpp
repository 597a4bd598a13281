#include "quizbank.h"
#include "quizcitation.h"
#include "quizcsvreader.h"
#include "quizlibrary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

// Question banks: the JSON and CSV readers, every validator rule, the sample bank, and the
// library that keeps the previous bank when a new one is bad.
class TestQuizBank : public QObject
{
    Q_OBJECT

private:
    static QJsonObject single(const QString &id)
    {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("type"), QStringLiteral("single")},
                           {QStringLiteral("stem"), QStringLiteral("党的最高理想和最终目标是（　）。")},
                           {QStringLiteral("options"), QJsonArray{QStringLiteral("实现共产主义"), QStringLiteral("全面小康")}},
                           {QStringLiteral("answer"), QJsonArray{QStringLiteral("A")}},
                           {QStringLiteral("explanation"), QStringLiteral("党章总纲。")},
                           {QStringLiteral("source"), QStringLiteral("《中国共产党章程》（2022年）总纲")},
                           {QStringLiteral("source_text"), QStringLiteral("党的最高理想和最终目标是实现共产主义。")},
                           {QStringLiteral("tags"), QJsonArray{QStringLiteral("党章")}},
                           {QStringLiteral("difficulty"), 1}};
    }

    static QJsonObject bank(const QJsonArray &questions, const QJsonArray &tests = {})
    {
        return QJsonObject{{QStringLiteral("id"), QStringLiteral("b1")},
                           {QStringLiteral("title"), QStringLiteral("测试题库")},
                           {QStringLiteral("version"), QStringLiteral("1")},
                           {QStringLiteral("tests"), tests},
                           {QStringLiteral("questions"), questions}};
    }

    static QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(); }

    static QString joined(const QuizBankResult &r) { return r.problemTexts().join(u'\n'); }

    static QByteArray csvUtf8()
    {
        return QStringLiteral(
                   "题号,题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处,标签,难度,原文\r\n"
                   "q1,单选,预备期为（　）。,半年,一年,两年,三年,B,第七条。,《中国共产党章程》（2022年）第七条,党章,1,预备党员的预备期为一年。\r\n"
                   "q2,多选,纪律处分有（　）。,警告,留党察看,开除党籍,降级,ABC,\"第四十一条：\r\n警告、严重警告……\",《中国共产党章程》（2022年）第四十一条,党章；纪律,2,"
                   "对党员的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。\r\n"
                   "q3,判断,党禁止任何形式的个人崇拜。,,,,,对,第十条。,《中国共产党章程》（2022年）第十条第（六）项,党章,,党禁止任何形式的个人崇拜。\r\n")
            .toUtf8();
    }

    static void checkCsvBank(const QuizBankResult &r)
    {
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QCOMPARE(r.bank.questions.size(), 3);
        const QuizQuestion &q1 = r.bank.questions.at(0);
        QCOMPARE(q1.type, QuizQuestion::Type::Single);
        QCOMPARE(q1.options.size(), 4);
        QCOMPARE(q1.answer, QList<int>{1});
        QCOMPARE(q1.line, 2);
        const QuizQuestion &q2 = r.bank.questions.at(1);
        QCOMPARE(q2.answer, (QList<int>{0, 1, 2}));
        QVERIFY(q2.explanation.contains(u'\n')); // a quoted cell may span lines
        QCOMPARE(q2.tags, (QStringList{QStringLiteral("党章"), QStringLiteral("纪律")}));
        QCOMPARE(q2.difficulty, 2);
        const QuizQuestion &q3 = r.bank.questions.at(2);
        QCOMPARE(q3.type, QuizQuestion::Type::Judge);
        QVERIFY(q3.options.isEmpty());
        QCOMPARE(q3.answer, QList<int>{0});
        QCOMPARE(q3.line, 5); // the multi-line cell of q2 takes two lines
        QCOMPARE(q3.stem, QStringLiteral("党禁止任何形式的个人崇拜。"));
    }

private slots:
    void sampleBankIsValidAndCitesItsSources()
    {
        const QuizBankResult r =
            QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QVERIFY(r.bank.questions.size() >= 60);
        QVERIFY(!r.bank.tests.isEmpty());
        const QStringList documents = {QStringLiteral("《中国共产党章程》"), QStringLiteral("《关于新形势下党内政治生活的若干准则》"),
                                       QStringLiteral("《中国共产党廉洁自律准则》"), QStringLiteral("《中国共产党纪律处分条例》"),
                                       QStringLiteral("《中国共产党党内监督条例》"), QStringLiteral("《中国共产党支部工作条例（试行）》"),
                                       QStringLiteral("《中国共产党党员教育管理工作条例》")};
        for (const QString &d : documents) {
            const auto n = std::count_if(r.bank.questions.begin(), r.bank.questions.end(),
                                         [&](const QuizQuestion &q) { return q.source.startsWith(d); });
            QVERIFY2(n >= 8, qPrintable(d));
            // The edition of every document is recorded in the bank.
            QVERIFY2(std::any_of(r.bank.sources.begin(), r.bank.sources.end(),
                                 [&](const QString &s) { return s.startsWith(d) && s.contains(u'年'); }),
                     qPrintable(d));
        }
        for (const QuizQuestion &q : r.bank.questions) {
            QVERIFY2(std::any_of(documents.begin(), documents.end(), [&](const QString &d) { return q.source.startsWith(d); }),
                     qPrintable(q.id));
            QCOMPARE(q.bankId, QStringLiteral("dangzhang-dangui"));
        }
    }

    void jsonRoundTrip()
    {
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({single(QStringLiteral("a"))})));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        const QuizBankResult again = QuizBankReader::fromJson(QuizBankReader::toJson(r.bank));
        QVERIFY2(again.ok(), qPrintable(joined(again)));
        QCOMPARE(again.bank.questions.constFirst().answer, QList<int>{0});
        QCOMPARE(again.bank.questions.constFirst().stem, r.bank.questions.constFirst().stem);
    }

    void judgeAnswerIsBoolean()
    {
        QJsonObject q = single(QStringLiteral("j"));
        q.insert(QStringLiteral("type"), QStringLiteral("judge"));
        q.remove(QStringLiteral("options"));
        q.insert(QStringLiteral("answer"), false);
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({q})));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QCOMPARE(r.bank.questions.constFirst().answer, QList<int>{1});
        QCOMPARE(r.bank.questions.constFirst().choices(), (QStringList{QStringLiteral("正确"), QStringLiteral("错误")}));
    }

    // One row per kind of problem the validator finds; each names its question.
    void validatorFindsEachProblem_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("answer not among options") << "answer" << QJsonValue(QJsonArray{QStringLiteral("C")}) << "答案 C 不在选项中";
        QTest::newRow("no answer") << "answer" << QJsonValue(QJsonArray{}) << "缺少答案";
        QTest::newRow("answer not letters") << "answer" << QJsonValue(QStringLiteral("1")) << "答案应为选项字母";
        QTest::newRow("single with two answers") << "answer" << QJsonValue(QStringLiteral("AB")) << "单选题只能有一个答案";
        QTest::newRow("empty explanation") << "explanation" << QJsonValue(QStringLiteral(" ")) << "解析为空";
        QTest::newRow("no source") << "source" << QJsonValue(QString()) << "缺少出处";
        QTest::newRow("empty stem") << "stem" << QJsonValue(QString()) << "题干为空";
        QTest::newRow("unknown type") << "type" << QJsonValue(QStringLiteral("essay")) << "题型“essay”未知";
        QTest::newRow("one option") << "options" << QJsonValue(QJsonArray{QStringLiteral("甲")}) << "至少需要 2 个选项";
        QTest::newRow("duplicate option") << "options" << QJsonValue(QJsonArray{QStringLiteral("甲"), QStringLiteral("甲")})
                                          << "选项 B 与前面的选项重复";
        QTest::newRow("empty option") << "options" << QJsonValue(QJsonArray{QStringLiteral("甲"), QString()}) << "选项 B 为空";
        QTest::newRow("difficulty") << "difficulty" << QJsonValue(7) << "难度应为 1、2 或 3";
        QTest::newRow("bad id") << "id" << QJsonValue(QStringLiteral("题 1")) << "题号只能含字母";
        QTest::newRow("missing id") << "id" << QJsonValue(QString()) << "缺少题号";
        // Citations (QuizCitation) and the quoted sentence the answer rests on.
        QTest::newRow("citation by chapter") << "source" << QJsonValue(QStringLiteral("《中国共产党章程》第七章第四十二条"))
                                             << "格式无法识别";
        QTest::newRow("citation without edition") << "source" << QJsonValue(QStringLiteral("《中国共产党章程》第四十一条"))
                                                  << "格式无法识别";
        QTest::newRow("superseded edition") << "source" << QJsonValue(QStringLiteral("《中国共产党纪律处分条例》（2018年）第十条"))
                                            << "现行文本为 2023 年版";
        QTest::newRow("准则 cited by article") << "source"
                                             << QJsonValue(QStringLiteral("《关于新形势下党内政治生活的若干准则》（2016年）第五条"))
                                             << "按“部分”引用";
        QTest::newRow("纪律处分条例 by 编") << "source" << QJsonValue(QStringLiteral("《中国共产党纪律处分条例》（2023年）第一编第二章"))
                                         << "格式无法识别";
        QTest::newRow("article past the end") << "source" << QJsonValue(QStringLiteral("《中国共产党章程》（2022年）第六十条"))
                                              << "只有 55 条";
        QTest::newRow("no source text") << "source_text" << QJsonValue(QString()) << "缺少原文";
        QTest::newRow("answer not in source text") << "source_text" << QJsonValue(QStringLiteral("党的最高理想是别的。"))
                                                   << "答案 A“实现共产主义”不见于原文";
    }
    void validatorFindsEachProblem()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject q = single(QStringLiteral("q7"));
        q.insert(field, value);
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({single(QStringLiteral("q1")), q})));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(expected), qPrintable(joined(r)));
        const QString where = value.toString() == u"题 1" ? QStringLiteral("题目 题 1")
                                                           : (field == u"id" ? QStringLiteral("题目 #2") : QStringLiteral("题目 q7"));
        QVERIFY2(joined(r).contains(where), qPrintable(joined(r)));
        QVERIFY(r.bank.questions.isEmpty()); // all or nothing
    }

    void duplicateIds()
    {
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({single(QStringLiteral("a")), single(QStringLiteral("a"))})));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(QStringLiteral("题目 a：题号重复")), qPrintable(joined(r)));
    }

    void judgeWithOptions()
    {
        QJsonObject q = single(QStringLiteral("j"));
        q.insert(QStringLiteral("type"), QStringLiteral("judge"));
        q.insert(QStringLiteral("answer"), true);
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({q})));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(QStringLiteral("判断题不应有选项")), qPrintable(joined(r)));
    }

    void judgeWithLetterAnswer()
    {
        QJsonObject q = single(QStringLiteral("j"));
        q.insert(QStringLiteral("type"), QStringLiteral("judge"));
        q.remove(QStringLiteral("options"));
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({q})));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(QStringLiteral("判断题的答案应为 true")), qPrintable(joined(r)));
    }

    void multipleWithSingleAnswer()
    {
        QJsonObject q = single(QStringLiteral("m"));
        q.insert(QStringLiteral("type"), QStringLiteral("multiple"));
        const QuizBankResult r = QuizBankReader::fromJson(json(bank({q})));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(QStringLiteral("题目 m：多选题至少要有两个正确答案")), qPrintable(joined(r)));
    }

    void bankHeaderAndEmptyBank()
    {
        QJsonObject b = bank({});
        b.insert(QStringLiteral("id"), QStringLiteral("有 空格"));
        b.remove(QStringLiteral("title"));
        b.remove(QStringLiteral("version"));
        const QString text = joined(QuizBankReader::fromJson(json(b)));
        QVERIFY(text.contains(QStringLiteral("题库编号 id")));
        QVERIFY(text.contains(QStringLiteral("缺少名称 title")));
        QVERIFY(text.contains(QStringLiteral("缺少版本 version")));
        QVERIFY(text.contains(QStringLiteral("题库中没有题目")));
    }

    void testSpecThatCannotBeFilled()
    {
        const QJsonArray tests{QJsonObject{{QStringLiteral("id"), QStringLiteral("t")},
                                           {QStringLiteral("title"), QStringLiteral("党章专项")},
                                           {QStringLiteral("tags"), QJsonArray{QStringLiteral("党章")}},
                                           {QStringLiteral("mix"), QJsonObject{{QStringLiteral("single"), 2}}},
                                           {QStringLiteral("time_limit_minutes"), 0},
                                           {QStringLiteral("pass_mark"), 120}}};
        const QString text = joined(QuizBankReader::fromJson(json(bank({single(QStringLiteral("a"))}, tests))));
        QVERIFY2(text.contains(QStringLiteral("专项测试“党章专项”：需要 2 道单选题，题库中只有 1 道")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("限时应为 1 到 180 分钟")));
        QVERIFY(text.contains(QStringLiteral("及格分应为 1 到 100")));
    }

    void notJsonNamesTheLine()
    {
        const QuizBankResult r = QuizBankReader::fromJson("{\n\"id\": \"b\",\n\"title\": ,\n}");
        QVERIFY(!r.ok());
        QVERIFY2(r.problems.constFirst().line == 3, qPrintable(joined(r)));
    }

    void csvUtf8WithAndWithoutBom()
    {
        checkCsvBank(QuizCsvReader::fromCsv(csvUtf8(), QStringLiteral("b"), QStringLiteral("题库"), QStringLiteral("1")));
        checkCsvBank(QuizCsvReader::fromCsv("\xEF\xBB\xBF" + csvUtf8(), QStringLiteral("b"), QStringLiteral("题库"),
                                            QStringLiteral("1")));
    }

    void csvGb18030()
    {
        QStringEncoder encoder("GB18030");
        QVERIFY(encoder.isValid());
        const QByteArray bytes = encoder.encode(QString::fromUtf8(csvUtf8()));
        QVERIFY(bytes != csvUtf8());
        checkCsvBank(QuizCsvReader::fromCsv(bytes, QStringLiteral("b"), QStringLiteral("题库"), QStringLiteral("1")));
    }

    void csvEnglishHeadersInAnyOrder()
    {
        const QByteArray csv = "answer,id,type,stem,option_a,option_b,explanation,source,source_text\n"
                               "A,x1,single,Q,yes,no,why,\xe3\x80\x8aX\xe3\x80\x8b\xef\xbc\x88""2020\xe5\xb9\xb4\xef\xbc\x89\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1,yes it is\n";
        const QuizBankResult r = QuizCsvReader::fromCsv(csv, QStringLiteral("b"), QStringLiteral("t"), QStringLiteral("1"));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QCOMPARE(r.bank.questions.constFirst().options, (QStringList{QStringLiteral("yes"), QStringLiteral("no")}));
    }

    void csvProblemsNameTheirLine()
    {
        QByteArray csv = csvUtf8();
        csv += QStringLiteral("q1,单选,重复的题,甲,乙,,,C,,,党章,\r\n"
                              "q9,判断,有选项的判断题,甲,乙,,,不对,解析,出处,,\r\n"
                              "q10,多选,只有一个答案,甲,乙,丙,,A,解析,出处,,\r\n")
                   .toUtf8();
        const QuizBankResult r = QuizCsvReader::fromCsv(csv, QStringLiteral("b"), QStringLiteral("t"), QStringLiteral("1"));
        const QString text = joined(r);
        QVERIFY(!r.ok());
        QVERIFY2(text.contains(QStringLiteral("第 6 行，题目 q1：题号重复（第 2 行已使用）")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("第 6 行，题目 q1：答案 C 不在选项中")));
        QVERIFY(text.contains(QStringLiteral("第 6 行，题目 q1：解析为空")));
        QVERIFY(text.contains(QStringLiteral("第 7 行，题目 q9：判断题的答案应为“对”或“错”")));
        QVERIFY(text.contains(QStringLiteral("第 7 行，题目 q9：判断题不应有选项")));
        QVERIFY(text.contains(QStringLiteral("第 8 行，题目 q10：多选题至少要有两个正确答案")));
    }

    void csvMissingColumnsAndBadQuotes()
    {
        const QuizBankResult noAnswer = QuizCsvReader::fromCsv("题号,题型,题干,解析,出处\nq,单选,x,y,z\n", QStringLiteral("b"),
                                                              QStringLiteral("t"), QStringLiteral("1"));
        QVERIFY(joined(noAnswer).contains(QStringLiteral("表头缺少“答案”列")));
        const QuizBankResult quotes = QuizCsvReader::fromCsv("题号,题型\nq,\"单\"选\n", QStringLiteral("b"),
                                                            QStringLiteral("t"), QStringLiteral("1"));
        QVERIFY2(joined(quotes).contains(QStringLiteral("第 2 行")), qPrintable(joined(quotes)));
    }

    void citationsParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("document");
        QTest::addColumn<int>("edition");
        QTest::addColumn<int>("number");
        QTest::addColumn<int>("item");
        QTest::addColumn<QString>("place");
        QTest::newRow("article") << "《中国共产党章程》（2022年）第四十一条" << "中国共产党章程" << 2022 << 41 << 0 << "第四十一条";
        QTest::newRow("item") << "《中国共产党章程》（2022年）第十条第（六）项" << "中国共产党章程" << 2022 << 10 << 6 << "第十条第（六）项";
        QTest::newRow("preamble") << "《中国共产党章程》（2022年）总纲" << "中国共产党章程" << 2022 << 0 << 0 << "总纲";
        QTest::newRow("part") << "《关于新形势下党内政治生活的若干准则》（2016年）第十二部分" << "关于新形势下党内政治生活的若干准则"
                              << 2016 << 12 << 0 << "第十二部分";
        QTest::newRow("hundreds") << "《中国共产党纪律处分条例》（2023年）第一百五十八条" << "中国共产党纪律处分条例" << 2023 << 158
                                  << 0 << "第一百五十八条";
        QTest::newRow("title with brackets") << "《中国共产党支部工作条例（试行）》（2018年）第十一条"
                                             << "中国共产党支部工作条例（试行）" << 2018 << 11 << 0 << "第十一条";
        QTest::newRow("a document the kiosk does not know") << "《中华人民共和国宪法》（2018年）第一条" << "中华人民共和国宪法"
                                                            << 2018 << 1 << 0 << "第一条";
    }
    void citationsParse()
    {
        QFETCH(QString, text);
        QuizCitation c;
        QString why;
        QVERIFY2(QuizCitation::parse(text, &c, &why), qPrintable(why));
        QTEST(c.document, "document");
        QTEST(c.edition, "edition");
        QTEST(c.number, "number");
        QTEST(c.item, "item");
        QTEST(c.placeText(), "place");
    }

    void citationsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("chapter and article") << "《中国共产党章程》第七章第四十二条" << "格式无法识别";
        QTest::newRow("no book-title marks") << "中国共产党章程（2022年）第四十一条" << "格式无法识别";
        QTest::newRow("no 条") << "《中国共产党章程》（2022年）第四十一" << "格式无法识别";
        QTest::newRow("old 党章") << "《中国共产党章程》（2017年）第四十一条" << "现行文本为 2022 年版";
        QTest::newRow("wrong opening") << "《中国共产党章程》（2022年）序言" << "开篇称“总纲”";
        QTest::newRow("条例 has no 总纲") << "《中国共产党纪律处分条例》（2023年）总纲" << "请引用具体条文";
        QTest::newRow("not a number") << "《中国共产党章程》（2022年）第十十条" << "不是条文编号的写法";
        QTest::newRow("part with item") << "《关于新形势下党内政治生活的若干准则》（2016年）第五部分第（一）项" << "部分之下没有“项”";
        QTest::newRow("beyond the last part") << "《关于新形势下党内政治生活的若干准则》（2016年）第十三部分" << "只有 12 个部分";
        QTest::newRow("empty") << "" << "格式无法识别";
    }
    void citationsRefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        QuizCitation c;
        QString reason;
        QVERIFY(!QuizCitation::parse(text, &c, &reason));
        QVERIFY2(reason.contains(why), qPrintable(reason));
    }

    void chineseNumeralsRoundTrip()
    {
        for (int n = 1; n <= 199; ++n)
            QCOMPARE(QuizCitation::chineseNumber(QuizCitation::chineseNumeral(n)), n);
        QCOMPARE(QuizCitation::chineseNumeral(41), QStringLiteral("四十一"));
        QCOMPARE(QuizCitation::chineseNumeral(108), QStringLiteral("一百零八"));
        QCOMPARE(QuizCitation::chineseNumber(QStringLiteral("一百十")), -1);
        QCOMPARE(QuizCitation::chineseNumber(QStringLiteral("零")), -1);
    }

    // Multiple choice: every correct option must be the quoted sentence's own words (modulo
    // punctuation); a wrong option may be anything. A judge question is not checked this way.
    void answerMustBeInTheQuotedSentence()
    {
        QJsonObject m = single(QStringLiteral("m"));
        m.insert(QStringLiteral("type"), QStringLiteral("multiple"));
        m.insert(QStringLiteral("options"), QJsonArray{QStringLiteral("“三个代表”重要思想"), QStringLiteral("科学发展观"), QStringLiteral("别的")});
        m.insert(QStringLiteral("answer"), QStringLiteral("AB"));
        m.insert(QStringLiteral("source_text"), QStringLiteral("……邓小平理论、“三个代表”重要思想、科学发展观、……"));
        QuizBankResult r = QuizBankReader::fromJson(json(bank({m})));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        m.insert(QStringLiteral("answer"), QStringLiteral("AC"));
        r = QuizBankReader::fromJson(json(bank({m})));
        QVERIFY2(joined(r).contains(QStringLiteral("题目 m：答案 C“别的”不见于原文")), qPrintable(joined(r)));
        QVERIFY(!joined(r).contains(QStringLiteral("答案 A")));
        QJsonObject j = single(QStringLiteral("j"));
        j.insert(QStringLiteral("type"), QStringLiteral("judge"));
        j.remove(QStringLiteral("options"));
        j.insert(QStringLiteral("answer"), false);
        j.insert(QStringLiteral("stem"), QStringLiteral("党的最高理想是全面小康。"));
        r = QuizBankReader::fromJson(json(bank({j})));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
    }

    void emptySheetSaysSo()
    {
        const QuizBankResult r = QuizCsvReader::fromCsv(QByteArray(), QStringLiteral("b"), QStringLiteral("t"), QStringLiteral("1"));
        QVERIFY(!r.ok());
        QVERIFY2(joined(r).contains(QStringLiteral("文件是空的（0 字节）")), qPrintable(joined(r)));
        const QuizBankResult blank = QuizCsvReader::fromCsv(",,\r\n\r\n", QStringLiteral("b"), QStringLiteral("t"), QStringLiteral("1"));
        QVERIFY2(joined(blank).contains(QStringLiteral("只有空行")), qPrintable(joined(blank)));
    }

    // Facts about where things stand in the texts (issue 22: dz-040 … dz-043 cited 党章 第四十二条
    // for the five kinds of discipline; 第四十一条 is right). Every question that quotes one of these
    // sentences must cite that place, and an explanation that names the 党章 article beside it must
    // name the right one. Checked against the shipped bank, the template sheet and the example in
    // docs/question-bank.md.
    static void checkFacts(const QuizBank &bank, const QString &what, bool everyFactUsed)
    {
        struct Fact { const char16_t *document; const char16_t *phrase; int number; };
        static const Fact facts[] = {
            {u"中国共产党章程", u"警告、严重警告、撤销党内职务、留党察看、开除党籍", 41},
            {u"中国共产党章程", u"留党察看最长不超过两年", 41},
            {u"中国共产党章程", u"开除党籍是党内的最高处分", 41},
            {u"中国共产党章程", u"党的纪律主要包括政治纪律", 40},
            {u"中国共产党章程", u"预备党员的预备期为一年", 7},
            {u"中国共产党章程", u"年满十八岁", 1},
            {u"中国共产党章程", u"面向党旗进行入党宣誓", 6},
            {u"中国共产党章程", u"连续六个月不参加党的组织生活", 9},
            {u"中国共产党章程", u"党的全国代表大会每五年举行一次", 19},
            {u"中国共产党章程", u"镰刀和锤头", 53},
            {u"中国共产党纪律处分条例", u"谈话提醒、批评教育、责令检查、诫勉", 5},
            {u"中国共产党纪律处分条例", u"受到警告处分一年内", 10},
            {u"关于新形势下党内政治生活的若干准则", u"党的最大政治优势是密切联系群众", 5},
            {u"关于新形势下党内政治生活的若干准则", u"民主集中制是党的根本组织原则", 6},
        };
        // Sentences a document does not contain (or no longer contains).
        static const struct { const char16_t *document; const char16_t *phrase; } absent[] = {
            {u"关于新形势下党内政治生活的若干准则", u"根本组织制度和领导制度"},
            {u"中国共产党章程", u"党的领导主要是政治、思想和组织的领导"},
        };
        for (const Fact &f : facts) {
            int used = 0;
            for (const QuizQuestion &q : bank.questions) {
                QuizCitation c;
                QString why;
                QVERIFY2(QuizCitation::parse(q.source, &c, &why), qPrintable(what + u' ' + q.id + u' ' + why));
                const QString phrase = QString::fromUtf16(f.phrase);
                if (c.document == QStringView(f.document) && q.sourceText.contains(phrase)) {
                    ++used;
                    QVERIFY2(c.number == f.number,
                             qPrintable(QStringLiteral("%1 %2 cites %3 for “%4”, which is 第%5%6")
                                            .arg(what, q.id, q.source, phrase, QuizCitation::chineseNumeral(f.number),
                                                 c.place == QuizCitation::Place::Part ? QStringLiteral("部分") : QStringLiteral("条"))));
                }
                if (QStringView(f.document) == u"中国共产党章程" && q.explanation.contains(phrase)
                    && q.explanation.contains(QStringLiteral("党章第"))) {
                    QVERIFY2(q.explanation.contains(QStringLiteral("党章第%1条").arg(QuizCitation::chineseNumeral(f.number))),
                             qPrintable(what + u' ' + q.id + QStringLiteral(" explanation: ") + q.explanation));
                }
            }
            if (everyFactUsed)
                QVERIFY2(used > 0, qPrintable(what + QStringLiteral(" has no question on “") + QString::fromUtf16(f.phrase) + u'”'));
        }
        for (const auto &a : absent) {
            for (const QuizQuestion &q : bank.questions) {
                QuizCitation c;
                QString why;
                QuizCitation::parse(q.source, &c, &why);
                const QString phrase = QString::fromUtf16(a.phrase);
                QVERIFY2(c.document != QStringView(a.document) || (!q.stem.contains(phrase) && !q.sourceText.contains(phrase)),
                         qPrintable(what + u' ' + q.id + QStringLiteral(": not in the cited document: ") + phrase));
            }
        }
        // Explanations that tie a topic to the wrong article (tl-002 and tl-006 of version 2026.1).
        static const struct { const char16_t *citation; const char16_t *topic; } misattributed[] = {
            {u"党章第四十二条", u"处分种类"}, {u"党章第四十二条", u"五种"}, {u"党章第四十二条", u"留党察看"},
            {u"党章第四十二条", u"最高处分"},
        };
        for (const auto &m : misattributed) {
            for (const QuizQuestion &q : bank.questions) {
                QVERIFY2(!q.explanation.contains(QStringView(m.citation)) || !q.explanation.contains(QStringView(m.topic)),
                         qPrintable(what + u' ' + q.id + QStringLiteral(" explanation: ") + q.explanation));
            }
        }
        // Every question of the 纪律处分条例 cites an article (the parser refuses 编/章 only).
        for (const QuizQuestion &q : bank.questions) {
            QuizCitation c;
            QString why;
            if (QuizCitation::parse(q.source, &c, &why) && c.document == u"中国共产党纪律处分条例")
                QVERIFY2(c.place == QuizCitation::Place::Article && c.number > 0, qPrintable(q.id));
        }
    }

    void citationsAgreeWithTheTexts()
    {
        const QuizBankResult shipped =
            QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"));
        QVERIFY2(shipped.ok(), qPrintable(joined(shipped)));
        checkFacts(shipped.bank, QStringLiteral("sample bank"), true);
        const QuizBankResult sheet = QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/question-bank-template.csv"));
        QVERIFY2(sheet.ok(), qPrintable(joined(sheet)));
        checkFacts(sheet.bank, QStringLiteral("template"), false);
        QFile doc(QStringLiteral(KIOSK_SOURCE_DIR "/docs/question-bank.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        const qsizetype start = text.indexOf(QStringLiteral("```json\n"));
        QVERIFY(start >= 0);
        const qsizetype end = text.indexOf(QStringLiteral("```"), start + 8);
        QuizBankResult example = QuizBankReader::fromJson(text.mid(start + 8, end - start - 8).toUtf8());
        QVERIFY2(example.ok(), qPrintable(joined(example)));
        checkFacts(example.bank, QStringLiteral("docs/question-bank.md"), false);
    }

    void sampleBankCoversTheSevenDocuments()
    {
        const QuizBankResult r =
            QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QVERIFY(r.bank.questions.size() >= 200);
        QHash<QString, int> perDocument;
        for (const QuizQuestion &q : r.bank.questions) {
            QuizCitation c;
            QString why;
            QVERIFY2(QuizCitation::parse(q.source, &c, &why), qPrintable(why));
            ++perDocument[c.document];
        }
        for (const char16_t *d : {u"中国共产党章程", u"关于新形势下党内政治生活的若干准则", u"中国共产党廉洁自律准则",
                                  u"中国共产党纪律处分条例", u"中国共产党党内监督条例", u"中国共产党支部工作条例（试行）",
                                  u"中国共产党党员教育管理工作条例"})
            QVERIFY2(perDocument.value(QString::fromUtf16(d)) >= 10, qPrintable(QString::fromUtf16(d)));
    }

    void templateIsAValidSheet()
    {
        const QuizBankResult r = QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/question-bank-template.csv"));
        QVERIFY2(r.ok(), qPrintable(joined(r)));
        QVERIFY(r.bank.questions.size() >= 3);
    }

    // A bad bank never replaces a good one: the kiosk keeps the previous version and says so.
    void libraryKeepsThePreviousBank()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("b1.json"));
        const auto write = [&](const QByteArray &bytes) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        };
        write(json(bank({single(QStringLiteral("a")), single(QStringLiteral("b"))})));
        const QuizLibrary first = QuizLibrary::load(dir.path());
        QVERIFY(first.problems().isEmpty());
        QCOMPARE(first.allQuestions().size(), 2);
        QVERIFY(first.find(QStringLiteral("b1/a")));

        write(json(bank({single(QStringLiteral("a")), single(QStringLiteral("a"))})));
        const QuizLibrary second = QuizLibrary::load(dir.path(), first);
        QCOMPARE(second.allQuestions().size(), 2); // the previous version stays in service
        QCOMPARE(second.problems().size(), 1);
        QVERIFY2(second.problems().constFirst().contains(QStringLiteral("继续使用之前的版本")), qPrintable(second.problems().constFirst()));
        QVERIFY(second.problems().constFirst().contains(QStringLiteral("题号重复")));

        const QuizLibrary fresh = QuizLibrary::load(dir.path()); // nothing to fall back to
        QVERIFY(fresh.isEmpty());
        QCOMPARE(fresh.problems().size(), 1);
    }

    void libraryOffersADefaultTestForABankWithoutTests()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("b1.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json(bank({single(QStringLiteral("a")), single(QStringLiteral("b"))})));
        f.close();
        const auto tests = QuizLibrary::load(dir.path()).tests();
        QCOMPARE(tests.size(), 1);
        QCOMPARE(tests.constFirst().second.single, 2);
        QCOMPARE(tests.constFirst().second.count(), 2);
        QCOMPARE(tests.constFirst().second.timeLimitMinutes, 15);
        QCOMPARE(tests.constFirst().second.passMark, 80);
    }
};

QTEST_GUILESS_MAIN(TestQuizBank)
#include "tst_quizbank.moc"
