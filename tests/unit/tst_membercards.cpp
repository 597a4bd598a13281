#include "checkinservice.h"
#include "clock.h"
#include "contentvalidator.h"
#include "database.h"
#include "issuerkey.h"
#include "membercardcodes.h"
#include "membercardprinter.h"
#include "membercode.h"
#include "roster.h"
#include "signedcodes.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 打印党员证 (issue 9): cards for the roster members without one, from the signed codes the
// office distributes in cards/ — each verified, printed once, recorded with an audit row.
class TestMemberCards : public QObject
{
    Q_OBJECT

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));
    IssuerKey m_forger = IssuerKey::generate(QStringLiteral("street-1")); // same id, wrong key

    static QString code(const IssuerKey &key, const QString &mid, const QString &name)
    {
        return signedMemberCode(key, mid, name);
    }

    static int count(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
    }

    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

private slots:
    void codesFile()
    {
        const QStringList codes = {code(m_key, QStringLiteral("XF0001"), QStringLiteral("张三明"))};
        const MemberCardCodesResult back = MemberCardCodes::fromJson(MemberCardCodes::toJson(codes));
        QVERIFY(back.ok());
        QCOMPARE(back.codes, codes);
        QVERIFY(!MemberCardCodes::fromJson(R"({"format":2,"codes":[]})").ok());
        const MemberCardCodesResult bad = MemberCardCodes::fromJson(R"({"format":1,"codes":["DQM1.a.b","hello"]})");
        QVERIFY(!bad.ok());
        QVERIFY(bad.codes.isEmpty());
        QVERIFY(bad.errors.first().contains(QStringLiteral("第 2 条")));

        // The sync refuses a broken cards file before it can replace a good one.
        QTemporaryDir staged;
        QVERIFY(write(staged.filePath(QStringLiteral("cards/codes.json")), "{\"format\":1,\"codes\":[42]}"));
        QVERIFY(!ContentValidator::validate(staged.path(), QStringLiteral("cards/codes.json")).isEmpty());
        QVERIFY(write(staged.filePath(QStringLiteral("cards/codes.json")), MemberCardCodes::toJson(codes)));
        QVERIFY(ContentValidator::validate(staged.path(), QStringLiteral("cards/codes.json")).isEmpty());
    }

    void printsEachNewMemberOnce()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("kiosk.sqlite")));
        QVERIFY(db.open());
        MemberCodeVerifier none(m_clock);
        CheckinService service(db, none, m_clock, {QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("street-1"), true});
        QString error;
        QVERIFY2(service.importRoster({{QStringLiteral("XF0001"), QStringLiteral("张三明"), QStringLiteral("13800001001"),
                                        QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
                                       {QStringLiteral("XF0002"), QStringLiteral("李秀英"), QStringLiteral("13800001002"),
                                        QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
                                       {QStringLiteral("XF0003"), QStringLiteral("王五"), QStringLiteral("13800001003"),
                                        QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")},
                                       {QStringLiteral("XF0004"), QStringLiteral("赵六"), QStringLiteral("13800001004"),
                                        QStringLiteral("幸福社区第一党支部"), QStringLiteral("member")}},
                                      &error),
                 qPrintable(error));
        const QString content = dir.filePath(QStringLiteral("content"));
        const QString issuers = dir.filePath(QStringLiteral("issuers"));
        QVERIFY(m_key.save(issuers));
        // XF0001 and XF0002 properly signed; XF0003 forged; XF0004 has no code yet; XF0099 is
        // not on this centre's roster.
        QVERIFY(write(content + QStringLiteral("/cards/member-codes.json"),
                      MemberCardCodes::toJson({code(m_key, QStringLiteral("XF0001"), QStringLiteral("张三明")),
                                               code(m_key, QStringLiteral("XF0002"), QStringLiteral("李秀英")),
                                               code(m_forger, QStringLiteral("XF0003"), QStringLiteral("王五")),
                                               code(m_key, QStringLiteral("XF0099"), QStringLiteral("外人"))})));
        MemberCardPrinter printer(db, m_clock, {content, issuers, QStringLiteral("幸福社区党群服务中心"),
                                                QStringLiteral("c1"), QStringLiteral("k1")});
        const QString out = dir.filePath(QStringLiteral("usb"));
        QVERIFY(QDir().mkpath(out));

        const CardPrintResult first = printer.print(out);
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.printed, 2);
        // The forged code; then XF0003 and XF0004 as roster members without a usable code.
        QCOMPARE(first.skipped.size(), 3);
        QVERIFY(first.skipped.join(u'\n').contains(QStringLiteral("XF0004")));
        QFile pdf(first.path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{QFileInfo(first.path).fileName()}); // no temp left
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM member_cards")), 2);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM member_cards WHERE issuer = 'street-1' AND member_id IN ('XF0001','XF0002')")), 2);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'print_cards'")), 1);

        // Printed once: the next press finds nothing due and writes nothing.
        const CardPrintResult second = printer.print(out);
        QCOMPARE(second.printed, 0);
        QVERIFY(second.path.isEmpty());
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 1);
    }
};

QTEST_MAIN(TestMemberCards) // the cards are drawn with fonts: QtGui
#include "tst_membercards.moc"
