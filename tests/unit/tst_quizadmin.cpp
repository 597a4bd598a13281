#include "adminrun.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// `dangqun-admin validate-bank` end to end: a bad sheet is refused with every problem named
// (exit 2), a good one passes and, with --json, becomes a bank the kiosk loads.
class TestQuizAdmin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    using Run = AdminRun::Result;
    static Run admin(const QStringList &args) { return AdminRun::run(args); }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }

private slots:
    void badSheetIsRefusedWithEveryProblem()
    {
        const QString path = write(QStringLiteral("bad.csv"),
                                   QStringLiteral("题号,题型,题干,选项A,选项B,答案,解析,出处,原文\n"
                                                  "q1,单选,题一,甲,乙,C,解析,《中国共产党章程》（2022年）第一条,甲\n"
                                                  "q1,判断,题二,甲,,对,,《中国共产党章程》第七章第四十二条,\n")
                                       .toUtf8());
        const Run r = admin({QStringLiteral("validate-bank"), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("第 2 行，题目 q1：答案 C 不在选项中")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("第 3 行，题目 q1：题号重复（第 2 行已使用）")));
        QVERIFY(r.err.contains(QStringLiteral("第 3 行，题目 q1：判断题不应有选项")));
        QVERIFY(r.err.contains(QStringLiteral("第 3 行，题目 q1：解析为空")));
        QVERIFY(r.err.contains(QStringLiteral("第 3 行，题目 q1：出处“《中国共产党章程》第七章第四十二条”的格式无法识别")));
        QVERIFY(r.err.contains(QStringLiteral("第 3 行，题目 q1：缺少原文")));
    }

    // A sheet saved empty says so, rather than printing an empty problem.
    void emptySheetIsNamed()
    {
        const Run r = admin({QStringLiteral("validate-bank"), write(QStringLiteral("empty.csv"), QByteArray())});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("empty.csv: 文件是空的（0 字节）")), qPrintable(r.err));
    }

    void sampleBankPasses()
    {
        const Run r = admin({QStringLiteral("validate-bank"),
                             QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral(": ok")), qPrintable(r.out + r.err));
    }

    void templateBecomesJson()
    {
        const QString out = m_dir.filePath(QStringLiteral("bank.json"));
        const Run r = admin({QStringLiteral("validate-bank"), QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/question-bank-template.csv"),
                             QStringLiteral("--json"), out, QStringLiteral("--id"), QStringLiteral("demo"),
                             QStringLiteral("--title"), QStringLiteral("示例题库"), QStringLiteral("--bank-version"),
                             QStringLiteral("1")});
        QCOMPARE(r.code, 0);
        const Run again = admin({QStringLiteral("validate-bank"), out});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains(QStringLiteral("demo 示例题库 (version 1)")), qPrintable(again.out));
        // Never overwrites.
        const Run twice = admin({QStringLiteral("validate-bank"), QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/question-bank-template.csv"),
                                 QStringLiteral("--json"), out});
        QCOMPARE(twice.code, 4);
    }
};

QTEST_GUILESS_MAIN(TestQuizAdmin)
#include "tst_quizadmin.moc"
