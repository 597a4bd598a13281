#include "roster.h"

#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

// Rosters come from Excel in whatever encoding it chose; every bad row is named by its line and
// a roster with any bad row is refused as a whole (design.md §9: "changes nothing").
class TestRoster : public QObject
{
    Q_OBJECT

private:
    static QList<RosterMember> expected()
    {
        return {
            {QStringLiteral("310101-0001"), QStringLiteral("张三明"), QStringLiteral("13800138000"),
             QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
            {QStringLiteral("310101-0002"), QStringLiteral("李四"), QStringLiteral("13900139000"),
             QStringLiteral("外省某县某村党支部"), QStringLiteral("flowing")},
            {QStringLiteral("310101-0003"), QStringLiteral("王🚩五"), QStringLiteral("18612345678"),
             QStringLiteral("幸福社区第二党支部"), QStringLiteral("member")},
        };
    }

    static QString englishCsv()
    {
        return QStringLiteral("member_id,name,phone,organisation,kind\n"
                              "310101-0001,张三明,13800138000,幸福社区第一党支部,member\n"
                              "310101-0002,李四,13900139000,外省某县某村党支部,flowing\n"
                              "310101-0003,王🚩五,18612345678,幸福社区第二党支部,member\n");
    }

    static QByteArray csv(const QStringList &rows)
    {
        return (QStringLiteral("member_id,name,phone,organisation,kind\n") + rows.join(u'\n') + u'\n').toUtf8();
    }

    static QString errorsOf(const RosterResult &r) { return r.errors.join(QLatin1String(" | ")); }

private slots:
    void utf8()
    {
        const RosterResult r = Roster::fromCsv(englishCsv().toUtf8());
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members, expected());
    }

    void utf8WithBomAndCrlf()
    {
        QByteArray bytes = "\xEF\xBB\xBF" + englishCsv().toUtf8();
        bytes.replace("\n", "\r\n");
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members, expected());
        QVERIFY(!r.members.first().memberId.startsWith(QChar(0xFEFF)));
    }

    void oldMacLineEnds()
    {
        QByteArray bytes = englishCsv().toUtf8();
        bytes.replace("\n", "\r");
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members, expected());
    }

    void gb18030AsExcelSavesIt()
    {
        // Chinese Excel's "CSV (逗号分隔)": GBK bytes, Chinese headers, CRLF.
        QString text = QStringLiteral("党员编号,姓名,手机号,所属组织,类型\r\n"
                                      "310101-0001,张三明,13800138000,幸福社区第一党支部,在册党员\r\n"
                                      "310101-0002,李四,13900139000,外省某县某村党支部,流动党员\r\n"
                                      "310101-0003,王🚩五,18612345678,幸福社区第二党支部,member\r\n");
        QStringEncoder encoder("GB18030");
        QVERIFY2(encoder.isValid(), "this Qt cannot encode GB18030 (built without ICU?)");
        const QByteArray bytes = encoder.encode(text);
        QVERIFY(!encoder.hasError());
        QVERIFY(QString::fromUtf8(bytes).toUtf8() != bytes); // really not UTF-8
        QVERIFY(bytes.contains("\xb5\xb3\xd4\xb1")); // 党员 in GBK
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members, expected());
    }

    void headerInAnyOrderWithExtraColumns()
    {
        const QByteArray bytes = QStringLiteral("备注,kind,Phone,name,member_id,organisation\n"
                                                "note,member,13800138000,张三明,310101-0001,幸福社区第一党支部\n")
                                         .toUtf8();
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members.size(), 1);
        QCOMPARE(r.members.first(), expected().first());
    }

    void quotedFields()
    {
        // Commas, doubled quotes and line breaks inside quotes; the line break is in a column we
        // ignore, and the bad phone two records later must still be reported at its real line.
        const QByteArray bytes = QStringLiteral(
                "member_id,name,phone,organisation,kind,note\r\n"
                "\"310101-0001\",\"张\"\"三\"\"明\",13800138000,\"幸福社区,第一党支部\",member,\"第一行\r\n第二行\r\n第三行\"\r\n"
                "310101-0002,李四,13900139000,\"\",flowing,\n"
                "310101-0003,王五,1234,支部,member,\"\"\n")
                                         .toUtf8();
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY(r.members.isEmpty());
        QCOMPARE(r.errors.size(), 2);
        QVERIFY2(r.errors.at(0).startsWith(u"第 5 行") && r.errors.at(0).contains(u"所属组织"), qPrintable(errorsOf(r)));
        QVERIFY2(r.errors.at(1).startsWith(u"第 6 行") && r.errors.at(1).contains(u"1234"), qPrintable(errorsOf(r)));

        const QByteArray good = QStringLiteral("member_id,name,phone,organisation,kind,note\n"
                                               "\"310101-0001\",\"张\"\"三\"\"明\",13800138000,\"幸福社区,第一党支部\","
                                               "member,\"a\nb\"\n")
                                        .toUtf8();
        const RosterResult ok = Roster::fromCsv(good);
        QVERIFY2(ok.ok(), qPrintable(errorsOf(ok)));
        QCOMPARE(ok.members.first().name, u"张\"三\"明");
        QCOMPARE(ok.members.first().organisation, u"幸福社区,第一党支部");
    }

    void lineBreakInNameIsRefused()
    {
        const RosterResult r = Roster::fromCsv(csv({QStringLiteral("1,\"张\n三\",13800138000,支部,member")}));
        QVERIFY(r.members.isEmpty());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().startsWith(u"第 2 行"));
    }

    void badPhone_data()
    {
        QTest::addColumn<QString>("phone");
        QTest::newRow("10 digits") << QStringLiteral("1380013800");
        QTest::newRow("12 digits") << QStringLiteral("138001380000");
        QTest::newRow("starts with 2") << QStringLiteral("23800138000");
        QTest::newRow("letters") << QStringLiteral("1380013800a");
        QTest::newRow("excel scientific") << QStringLiteral("1.38001E+10");
        QTest::newRow("dashes") << QStringLiteral("138-0013-8000");
        QTest::newRow("full-width digits") << QStringLiteral("１３８００１３８０００");
        QTest::newRow("empty") << QString();
    }
    void badPhone()
    {
        QFETCH(QString, phone);
        const RosterResult r = Roster::fromCsv(csv({
                QStringLiteral("310101-0001,张三明,13800138000,支部,member"),
                QStringLiteral("310101-0002,李四,13900139000,支部,member"),
                QStringLiteral("310101-0003,王五,%1,支部,member").arg(phone),
        }));
        QVERIFY(r.members.isEmpty());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().startsWith(u"第 4 行"), qPrintable(errorsOf(r)));
        QVERIFY(r.errors.first().contains(u"手机号"));
    }

    void duplicateId()
    {
        const RosterResult r = Roster::fromCsv(csv({
                QStringLiteral("310101-0001,张三明,13800138000,支部,member"),
                QStringLiteral("310101-0002,李四,13900139000,支部,member"),
                QStringLiteral("310101-0001,王五,18612345678,支部,member"),
        }));
        QVERIFY(r.members.isEmpty());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().startsWith(u"第 4 行"), qPrintable(errorsOf(r)));
        QVERIFY(r.errors.first().contains(u"第 2 行"));
        QVERIFY(r.errors.first().contains(u"310101-0001"));
    }

    void allOrNothing()
    {
        // Three good rows and one bad: nothing is returned, and every bad row is listed.
        const RosterResult one = Roster::fromCsv(csv({
                QStringLiteral("310101-0001,张三明,13800138000,支部,member"),
                QStringLiteral("310101-0002,李四,13900139000,支部,leader"),
                QStringLiteral("310101-0003,王五,18612345678,支部,member"),
                QStringLiteral("310101-0004,赵六,18612345679,支部,flowing"),
        }));
        QVERIFY(one.members.isEmpty());
        QVERIFY(!one.ok());
        QCOMPARE(one.errors.size(), 1);
        QVERIFY(one.errors.first().startsWith(u"第 3 行"));
        QVERIFY(one.errors.first().contains(u"leader"));

        const RosterResult several = Roster::fromCsv(csv({
                QStringLiteral("bad id!,张三明,13800138000,支部,member"),
                QStringLiteral("310101-0002,,13900139000,支部,member"),
                QStringLiteral("310101-0003,王五,18612345678,,member"),
        }));
        QVERIFY(several.members.isEmpty());
        QCOMPARE(several.errors.size(), 3);
        QVERIFY(several.errors.at(0).startsWith(u"第 2 行"));
        QVERIFY(several.errors.at(1).startsWith(u"第 3 行"));
        QVERIFY(several.errors.at(2).startsWith(u"第 4 行"));

        QStringList many;
        for (int i = 0; i < 200; ++i)
            many << QStringLiteral("id%1,名,123,支部,member").arg(i);
        const RosterResult capped = Roster::fromCsv(csv(many));
        QCOMPARE(capped.errors.size(), Roster::MaxErrors + 1);
        QVERIFY(capped.members.isEmpty());
    }

    void blankRowsAreSkipped()
    {
        const RosterResult r = Roster::fromCsv(csv({
                QStringLiteral("310101-0001,张三明,13800138000,幸福社区第一党支部,member"),
                QString(),
                QStringLiteral(",,,,"),
                QStringLiteral("310101-0002,李四,13900139000,外省某县某村党支部,flowing"),
                QStringLiteral(" , , , , "),
        }));
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members.size(), 2);
        QCOMPARE(r.members.at(1), expected().at(1));
    }

    void structuralErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("表头");
        QTest::newRow("header only") << QByteArray("member_id,name,phone,organisation,kind\n") << QStringLiteral("没有");
        QTest::newRow("missing column") << QByteArray("member_id,name,organisation,kind\n1,a,b,member\n")
                                        << QStringLiteral("phone");
        QTest::newRow("duplicate column") << QByteArray("member_id,name,phone,organisation,kind,name\n")
                                          << QStringLiteral("两次");
        QTest::newRow("no header") << QByteArray("310101-0001,a,13800138000,b,member\n") << QStringLiteral("第 1 行");
        QTest::newRow("short row") << csv({QStringLiteral("310101-0001,张三明,13800138000")})
                                   << QStringLiteral("第 2 行");
        QTest::newRow("unterminated quote") << csv({QStringLiteral("1,\"张三明,13800138000,支部,member")})
                                            << QStringLiteral("第 2 行");
        QTest::newRow("text after quote") << csv({QStringLiteral("1,\"张\"三,13800138000,支部,member")})
                                          << QStringLiteral("第 2 行");
        QTest::newRow("bare quote") << csv({QStringLiteral("1,张\"三,13800138000,支部,member")}) << QStringLiteral("第 2 行");
        QTest::newRow("utf-16") << QByteArray("\xff\xfem\x00i\x00", 6) << QStringLiteral("UTF-16");
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00", 6) << QStringLiteral("二进制");
        QTest::newRow("neither utf-8 nor gb18030") << QByteArray("member_id,name\n\xff\xff\x80\n")
                                                   << QStringLiteral("编码");
        QTest::newRow("sql injection id") << csv({QStringLiteral("1'; DROP TABLE members;--,a,13800138000,b,member")})
                                          << QStringLiteral("党员编号");
    }
    void structuralErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        const RosterResult r = Roster::fromCsv(bytes);
        QVERIFY(r.members.isEmpty());
        QVERIFY(!r.errors.isEmpty());
        QVERIFY2(errorsOf(r).contains(mentions), qPrintable(errorsOf(r)));
    }

    void json()
    {
        const QByteArray bytes = QStringLiteral(R"({"members":[
            {"member_id":"310101-0001","name":"张三明","phone":"13800138000","organisation":"幸福社区第一党支部","kind":"member"},
            {"member_id":"310101-0002","name":"李四","phone":"13900139000","organisation":"外省某县某村党支部","kind":"flowing"},
            {"member_id":"310101-0003","name":"王🚩五","phone":"18612345678","organisation":"幸福社区第二党支部","kind":"member","extra":1}
        ]})")
                                         .toUtf8();
        const RosterResult r = Roster::fromJson(bytes);
        QVERIFY2(r.ok(), qPrintable(errorsOf(r)));
        QCOMPARE(r.members, expected());
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray good = R"({"member_id":"1","name":"a","phone":"13800138000","organisation":"o","kind":"member"})";
        QTest::newRow("not json") << QByteArray("member_id,name") << QStringLiteral("JSON");
        QTest::newRow("array at top") << QByteArray("[]") << QStringLiteral("members");
        QTest::newRow("members not array") << QByteArray(R"({"members":{}})") << QStringLiteral("members");
        QTest::newRow("empty") << QByteArray(R"({"members":[]})") << QStringLiteral("没有");
        QTest::newRow("entry not object") << "{\"members\":[" + good + ",5]}" << QStringLiteral("第 2 位");
        QTest::newRow("phone number") << QByteArray(R"({"members":[{"member_id":"1","name":"a","phone":13800138000,)"
                                                    R"("organisation":"o","kind":"member"}]})")
                                      << QStringLiteral("phone");
        QTest::newRow("missing kind") << QByteArray(R"({"members":[{"member_id":"1","name":"a","phone":"13800138000",)"
                                                    R"("organisation":"o"}]})")
                                      << QStringLiteral("kind");
        QTest::newRow("duplicate") << "{\"members\":[" + good + "," + good + "]}" << QStringLiteral("重复");
        QTest::newRow("bad phone") << QByteArray(R"({"members":[{"member_id":"1","name":"a","phone":"110",)"
                                                 R"("organisation":"o","kind":"member"}]})")
                                   << QStringLiteral("第 1 位");
    }
    void jsonErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        const RosterResult r = Roster::fromJson(bytes);
        QVERIFY(r.members.isEmpty());
        QVERIFY(!r.errors.isEmpty());
        QVERIFY2(errorsOf(r).contains(mentions), qPrintable(errorsOf(r)));
    }

    void loadSampleFiles()
    {
        const QDir data(qEnvironmentVariable("KIOSK_TEST_DATA", QStringLiteral(KIOSK_SOURCE_DIR "/tests/data")));
        const RosterResult csvFile = Roster::load(data.filePath(QStringLiteral("roster/members.csv")));
        QVERIFY2(csvFile.ok(), qPrintable(errorsOf(csvFile)));
        const RosterResult jsonFile = Roster::load(data.filePath(QStringLiteral("roster/members.json")));
        QVERIFY2(jsonFile.ok(), qPrintable(errorsOf(jsonFile)));
        QCOMPARE(csvFile.members, jsonFile.members);
        QCOMPARE(csvFile.members.size(), 3);
        QCOMPARE(csvFile.members.at(1).kind, u"flowing");

        const RosterResult missing = Roster::load(data.filePath(QStringLiteral("roster/nope.csv")));
        QVERIFY(missing.members.isEmpty());
        QCOMPARE(missing.errors.size(), 1);
        QVERIFY(missing.errors.first().contains(u"nope.csv"));
    }
};

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
