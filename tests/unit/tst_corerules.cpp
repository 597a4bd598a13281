#include "checkinrules.h"
#include "masking.h"

#include <QTest>

class TestCoreRules : public QObject
{
    Q_OBJECT

private slots:
    void maskName_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("three") << "张三明" << "张*明";
        QTest::newRow("two") << "李四" << "李*";
        QTest::newRow("four") << "欧阳明华" << "欧**华";
        QTest::newRow("one") << "王" << "*";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("spaces") << " 张三明 " << "张*明";
        QTest::newRow("outside BMP") << QString::fromUtf8("𠮷野家") << QString::fromUtf8("𠮷*家");
        QTest::newRow("latin") << "Anna" << "A**a";
    }
    void maskName()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(Masking::name(in), out);
    }

    void maskPhoneAndGreeting()
    {
        QCOMPARE(Masking::phone(QStringLiteral("13812345678")), QStringLiteral("138****5678"));
        QCOMPARE(Masking::phone(QStringLiteral("123")), QStringLiteral("***"));
        QCOMPARE(Masking::greeting(QStringLiteral("张三明")), QStringLiteral("张*明同志"));
    }

    void eventWindow()
    {
        const QDate d(2026, 11, 27);
        const QList<EventWindow> events = {
            {QStringLiteral("am"), QStringLiteral("党课"), QStringLiteral("党课"), QDateTime(d, QTime(9, 0)),
             QDateTime(d, QTime(11, 0))},
            {QStringLiteral("pm"), QStringLiteral("主题党日"), QStringLiteral("主题党日"), QDateTime(d, QTime(10, 45)),
             QDateTime(d, QTime(12, 0))},
            {QStringLiteral("off"), QStringLiteral("取消"), QStringLiteral("党课"), QDateTime(d, QTime(8, 0)),
             QDateTime(d, QTime(18, 0)), true},
        };
        auto at = [&](int h, int m) {
            const auto e = CheckinRules::eventAt(QDateTime(d, QTime(h, m)), events);
            return e ? e->id : QString();
        };
        QCOMPARE(at(8, 29), QString());          // before the 30-minute lead; cancelled ignored
        QCOMPARE(at(8, 30), QStringLiteral("am"));
        QCOMPARE(at(10, 14), QStringLiteral("am"));
        QCOMPARE(at(10, 15), QStringLiteral("pm")); // the later session's lead has begun
        QCOMPARE(at(12, 0), QStringLiteral("pm"));  // the end is inclusive
        QCOMPARE(at(12, 1), QString());
    }

    void repeatRule()
    {
        QVERIFY(CheckinRules::isRepeat(true, QString(), QString()));
        QVERIFY(CheckinRules::isRepeat(true, QStringLiteral("e"), QStringLiteral("e")));
        QVERIFY(!CheckinRules::isRepeat(true, QString(), QStringLiteral("e")));
        QVERIFY(!CheckinRules::isRepeat(false, QString(), QString()));
    }
};

QTEST_GUILESS_MAIN(TestCoreRules)
#include "tst_corerules.moc"
