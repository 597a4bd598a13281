#include "pinyinengine.h"
#include "pinyininitials.h"

#include <QTest>

// The pinyin engine as a member uses it: key sequences in, committed text out.
class TestPinyinEngine : public QObject
{
    Q_OBJECT

private:
    // Types `keys` (letters, and '<' for backspace) and returns what was committed on the way.
    static QString type(PinyinEngine &e, const QString &keys)
    {
        QString committed;
        for (const QChar ch : keys) {
            const PinyinEngine::Step s = ch == u'<' ? e.backspace() : e.key(ch);
            committed += s.commit;
        }
        return committed;
    }

private slots:
    void initTestCase()
    {
        PinyinEngine e;
        QVERIFY2(e.isOpen(), qPrintable(e.errorString()));
    }

    void zhangFirstCandidate()
    {
        PinyinEngine e;
        QCOMPARE(type(e, QStringLiteral("zhang")), QString());
        QVERIFY(e.isComposing());
        QCOMPARE(e.preedit(), QStringLiteral("zhang"));
        QVERIFY(e.candidateCount() > 5);
        QCOMPARE(e.candidate(0), QStringLiteral("张"));
        const PinyinEngine::Step s = e.choose(0);
        QVERIFY(s.consumed);
        QCOMPARE(s.commit, QStringLiteral("张"));
        QVERIFY(!e.isComposing());
        QCOMPARE(e.preedit(), QString());
    }

    void zhongguoIsBestMatch()
    {
        PinyinEngine e;
        type(e, QStringLiteral("zhongguo"));
        QCOMPARE(e.preedit(), QStringLiteral("zhong'guo"));
        QCOMPARE(e.candidate(0), QStringLiteral("中国"));
        // The space bar takes the best match.
        QCOMPARE(e.space().commit, QStringLiteral("中国"));
    }

    void phraseFromLongPinyin()
    {
        PinyinEngine e;
        type(e, QStringLiteral("liudongdangyuan"));
        QCOMPARE(e.candidate(0), QStringLiteral("流动党员"));
        QCOMPARE(e.choose(0).commit, QStringLiteral("流动党员"));
    }

    void partialChoiceThenRest()
    {
        PinyinEngine e;
        type(e, QStringLiteral("liudongdangyuan"));
        const int liudong = int(e.candidates().indexOf(QStringLiteral("流动")));
        QVERIFY(liudong > 0);
        const PinyinEngine::Step first = e.choose(liudong);
        QCOMPARE(first.commit, QString()); // dang'yuan still to choose
        QVERIFY(e.isComposing());
        QCOMPARE(e.preedit(), QStringLiteral("流动dang'yuan"));
        QCOMPARE(e.candidate(0), QStringLiteral("党员"));
        QCOMPARE(e.choose(0).commit, QStringLiteral("流动党员"));
    }

    void backspaceInTheMiddle()
    {
        PinyinEngine e;
        // A slip of the finger ("zhongguu"), corrected, then the phrase.
        QCOMPARE(type(e, QStringLiteral("zhongguu<o")), QString());
        QCOMPARE(e.pinyin(), QStringLiteral("zhongguo"));
        QCOMPARE(e.candidate(0), QStringLiteral("中国"));
        // Back to "zhong": the candidates follow the pinyin.
        type(e, QStringLiteral("<<<"));
        QCOMPARE(e.pinyin(), QStringLiteral("zhong"));
        QCOMPARE(e.candidate(0), QStringLiteral("中"));
        QCOMPARE(e.choose(0).commit, QStringLiteral("中"));
    }

    void backspaceUndoesPartialChoice()
    {
        PinyinEngine e;
        type(e, QStringLiteral("liudongdangyuan"));
        e.choose(int(e.candidates().indexOf(QStringLiteral("流动"))));
        QCOMPARE(e.preedit(), QStringLiteral("流动dang'yuan"));
        // Letters after the fixed part go first...
        type(e, QStringLiteral("<"));
        QCOMPARE(e.pinyin(), QStringLiteral("liudongdangyua"));
        QVERIFY(e.preedit().startsWith(QStringLiteral("流动")));
        type(e, QStringLiteral("n"));
        QCOMPARE(e.candidate(0), QStringLiteral("党员"));
    }

    void backspaceToEmptyAndThrough()
    {
        PinyinEngine e;
        type(e, QStringLiteral("ab<<"));
        QVERIFY(!e.isComposing());
        QCOMPARE(e.candidateCount(), 0);
        // Nothing composed: the field deletes a character itself.
        QVERIFY(!e.backspace().consumed);
    }

    void predictionAfterCommit()
    {
        PinyinEngine e;
        type(e, QStringLiteral("zhongguo"));
        QCOMPARE(e.choose(0).commit, QStringLiteral("中国"));
        QVERIFY(e.isPredicting());
        QVERIFY(e.candidateCount() > 0);
        const QString next = e.candidate(0);
        QCOMPARE(e.choose(0).commit, next);
        // Typing a letter leaves prediction for new pinyin.
        type(e, QStringLiteral("d"));
        QVERIFY(!e.isPredicting());
        QVERIFY(e.isComposing());
    }

    void punctuationCommitsBestFirst()
    {
        PinyinEngine e;
        QCOMPARE(type(e, QStringLiteral("zhongguo，")), QStringLiteral("中国，"));
        QVERIFY(!e.isComposing());
    }

    void enterCommitsLetters()
    {
        PinyinEngine e;
        type(e, QStringLiteral("wifi"));
        QCOMPARE(e.enter().commit, QStringLiteral("wifi"));
        QVERIFY(!e.enter().consumed);
    }

    void digitMode()
    {
        PinyinEngine e;
        e.setMode(PinyinEngine::Mode::Digits);
        QCOMPARE(type(e, QStringLiteral("138a0013<8000")), QStringLiteral("1380013") + QStringLiteral("8000"));
        QVERIFY(!e.isComposing());
        QCOMPARE(e.candidateCount(), 0);
    }

    void digitsInPinyinMode()
    {
        PinyinEngine e;
        // Idle: a digit is just a digit. Composing: the best candidate, then the digit.
        QCOMPARE(type(e, QStringLiteral("3")), QStringLiteral("3"));
        QCOMPARE(type(e, QStringLiteral("hao1")), QStringLiteral("好1"));
    }

    void latinMode()
    {
        PinyinEngine e;
        e.setMode(PinyinEngine::Mode::Latin);
        QCOMPARE(type(e, QStringLiteral("Zhang")), QStringLiteral("Zhang"));
        QVERIFY(!e.isComposing());
    }

    void switchingModeDropsComposition()
    {
        PinyinEngine e;
        type(e, QStringLiteral("zhong"));
        e.setMode(PinyinEngine::Mode::Latin);
        QVERIFY(!e.isComposing());
        QCOMPARE(e.preedit(), QString());
        e.setMode(PinyinEngine::Mode::Pinyin);
        type(e, QStringLiteral("zhang"));
        QCOMPARE(e.candidate(0), QStringLiteral("张"));
    }

    void missingDictionary()
    {
        // No engine is alive between tests, so this one really opens the decoder and fails:
        // the keyboard still types latin letters.
        PinyinEngine e(QStringLiteral("/no/such/dict_pinyin.dat"));
        QVERIFY(!e.isOpen());
        QVERIFY(e.errorString().contains(QStringLiteral("/no/such/dict_pinyin.dat")));
        e.setMode(PinyinEngine::Mode::Pinyin);
        QCOMPARE(e.mode(), PinyinEngine::Mode::Latin);
        QCOMPARE(type(e, QStringLiteral("ab")), QStringLiteral("ab"));
    }

    void initials()
    {
        QCOMPARE(PinyinInitials::of(QStringLiteral("党群服务中心")), QStringLiteral("dqfwzx"));
        QCOMPARE(PinyinInitials::of(QStringLiteral("中共深圳市委")), QStringLiteral("zgszsw"));
        QCOMPARE(PinyinInitials::of(QStringLiteral("第3支部（A区）")), QStringLiteral("d3zbaq"));
        QVERIFY(PinyinInitials::matches(QStringLiteral("中共某街道党工委"), QStringLiteral("zgmjddgw"),
                                        QStringLiteral("jddgw")));
        QVERIFY(PinyinInitials::matches(QStringLiteral("中共某街道党工委"), QStringLiteral("zgmjddgw"),
                                        QStringLiteral("ZG")));
        QVERIFY(PinyinInitials::matches(QStringLiteral("中共某街道党工委"), QString(), QStringLiteral("街道")));
        QVERIFY(!PinyinInitials::matches(QStringLiteral("中共某街道党工委"), QStringLiteral("zgmjddgw"),
                                         QStringLiteral("xq")));
    }
};

QTEST_GUILESS_MAIN(TestPinyinEngine)
#include "tst_pinyinengine.moc"
