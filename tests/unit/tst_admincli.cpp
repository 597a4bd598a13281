#include "clock.h"
#include "membercode.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "adminrun.h"
#include "cameralikeframes.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

// The staff tool end to end, as staff run it: keygen, then issue-codes on a roster; what comes out
// must scan (ZXing on the PNG) and verify with the .pub the kiosks get.
class TestAdminCli : public QObject
{
    Q_OBJECT

private:
    using Run = AdminRun::Result;
    static Run run(const QStringList &args) { return AdminRun::run(args); }

    QTemporaryDir m_dir;

    static QString roster()
    {
        const QDir data(qEnvironmentVariable("KIOSK_TEST_DATA", QStringLiteral(KIOSK_SOURCE_DIR "/tests/data")));
        return data.filePath(QStringLiteral("roster/members.csv"));
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QString decodeQr(const QString &png)
    {
        const QImage image = QImage(png).convertToFormat(QImage::Format_Grayscale8);
        if (image.isNull())
            return {};
        const ZXing::ImageView view(image.constBits(), image.width(), image.height(), ZXing::ImageFormat::Lum,
                                    int(image.bytesPerLine()));
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        const ZXing::Result result = ZXing::ReadBarcode(view, hints);
        return result.isValid() ? QString::fromStdString(result.text()) : QString();
    }

    // Makes keys/street-1.{key,pub} once for the tests that need a key.
    void ensureKey()
    {
        if (!QFile::exists(path(QStringLiteral("keys/street-1.key"))))
            QCOMPARE(run({QStringLiteral("keygen"), QStringLiteral("street-1"), QStringLiteral("--out"),
                          path(QStringLiteral("keys"))})
                             .code,
                     0);
    }

    QStringList issueArgs(const QString &out, const QString &rosterPath) const
    {
        return {QStringLiteral("issue-codes"), QStringLiteral("--key"), path(QStringLiteral("keys/street-1.key")),
                QStringLiteral("--issuer"), QStringLiteral("street-1"), QStringLiteral("--roster"), rosterPath,
                QStringLiteral("--out"), out};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(DANGQUN_ADMIN)), DANGQUN_ADMIN);
    }

    void keygenWritesKeyPair()
    {
        const Run r = run({QStringLiteral("keygen"), QStringLiteral("street-1"), QStringLiteral("--out"),
                           path(QStringLiteral("gen"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString key = path(QStringLiteral("gen/street-1.key"));
        const QString pub = path(QStringLiteral("gen/street-1.pub"));
        QCOMPARE(QByteArray::fromBase64(readAll(key).trimmed()).size(), 64);
        QCOMPARE(QByteArray::fromBase64(readAll(pub).trimmed()).size(), 32);
        const auto notOwner = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                | QFileDevice::WriteOther;
        QCOMPARE(QFile::permissions(key) & notOwner, QFileDevice::Permissions());
        QVERIFY(r.out.contains(pub));

        // A second keygen for the same issuer must not replace the key.
        const QByteArray before = readAll(key);
        const Run again = run({QStringLiteral("keygen"), QStringLiteral("street-1"), QStringLiteral("--out"),
                               path(QStringLiteral("gen"))});
        QCOMPARE(again.code, 2);
        QVERIFY2(again.err.contains(u"already exists"), qPrintable(again.err));
        QCOMPARE(readAll(key), before);
    }

    void issueCodesForRoster()
    {
        ensureKey();
        const QString out = path(QStringLiteral("cards"));
        const QDate lastDay = QDate::currentDate().addYears(1);
        QStringList args = issueArgs(out, roster());
        args << QStringLiteral("--expires") << lastDay.toString(Qt::ISODate) << QStringLiteral("--title")
             << QStringLiteral("幸福街道党工委 · 党员码");
        const Run r = run(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const QStringList pngs = QDir(out).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(pngs, (QStringList{QStringLiteral("310101-0001.png"), QStringLiteral("310101-0002.png"),
                                    QStringLiteral("310101-0003.png")}));
        const QByteArray pdf = readAll(QDir(out).filePath(QStringLiteral("member-cards.pdf")));
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.contains("NotoSansCJK")); // Chinese text is set in the CJK font, embedded
        QVERIFY(pdf.contains("/Count 1"));     // three cards fit on one page

        SystemClock clock;
        MemberCodeVerifier verifier(clock);
        QVERIFY(verifier.loadTrustedIssuers(path(QStringLiteral("keys"))).isEmpty());
        const QStringList names = {QStringLiteral("张三明"), QStringLiteral("李四"), QStringLiteral("王🚩五")};
        for (int i = 0; i < pngs.size(); ++i) {
            const QString text = decodeQr(QDir(out).filePath(pngs.at(i)));
            QVERIFY2(text.startsWith(u"DQM1."), qPrintable(pngs.at(i)));
            const MemberCodeVerdict v = verifier.verify(text);
            QCOMPARE(MemberCodeVerifier::verdictName(v.verdict), u"ok");
            QCOMPARE(v.code.issuer, u"street-1");
            QCOMPARE(v.code.memberId + QLatin1String(".png"), pngs.at(i));
            QCOMPARE(v.code.name, names.at(i));
            QCOMPARE(v.code.kind, i == 1 ? MemberCode::Kind::Flowing : MemberCode::Kind::Member);
            QVERIFY(v.code.expiresAt.has_value());
            QCOMPARE(*v.code.expiresAt, lastDay.addDays(1).startOfDay()); // valid through the last day
        }
    }

    void cardsPaginate()
    {
        ensureKey();
        QString csv = QStringLiteral("member_id,name,phone,organisation,kind\n");
        for (int i = 1; i <= 9; ++i)
            csv += QStringLiteral("m%1,党员%1,1380013800%1,第%1党支部,member\n").arg(i);
        const QString rosterPath = path(QStringLiteral("nine.csv"));
        QFile f(rosterPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(csv.toUtf8());
        f.close();
        const QString out = path(QStringLiteral("nine"));
        const Run r = run(issueArgs(out, rosterPath));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.png")}, QDir::Files).size(), 9);
        QVERIFY(readAll(QDir(out).filePath(QStringLiteral("member-cards.pdf"))).contains("/Count 2"));
    }

    void badRosterWritesNothing()
    {
        ensureKey();
        const QString rosterPath = path(QStringLiteral("bad.csv"));
        QFile f(rosterPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("member_id,name,phone,organisation,kind\n"
                "a1,\xe5\xbc\xa0\xe4\xb8\x89,13800138000,o,member\n"
                "a2,\xe6\x9d\x8e\xe5\x9b\x9b,1380013,o,member\n");
        f.close();
        const QString out = path(QStringLiteral("bad-out"));
        const Run r = run(issueArgs(out, rosterPath));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"第 3 行"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }

    void keyMustMatchIssuer()
    {
        ensureKey();
        QStringList args = issueArgs(path(QStringLiteral("mismatch")), roster());
        args[args.indexOf(QStringLiteral("street-1"))] = QStringLiteral("street-2");
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"street-2"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("mismatch"))));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList() << 1;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 1;
        QTest::newRow("keygen without issuer") << QStringList{QStringLiteral("keygen")} << 1;
        QTest::newRow("keygen bad issuer") << QStringList{QStringLiteral("keygen"), QStringLiteral("../evil")} << 1;
        QTest::newRow("keygen unknown option")
                << QStringList{QStringLiteral("keygen"), QStringLiteral("x"), QStringLiteral("--force")} << 1;
        QTest::newRow("issue-codes without options") << QStringList{QStringLiteral("issue-codes")} << 1;
        QTest::newRow("issue-codes without roster")
                << QStringList{QStringLiteral("issue-codes"), QStringLiteral("--key"), QStringLiteral("k.key"),
                               QStringLiteral("--issuer"), QStringLiteral("k"), QStringLiteral("--out"),
                               QStringLiteral("o")}
                << 1;
        QTest::newRow("missing key file")
                << QStringList{QStringLiteral("issue-codes"), QStringLiteral("--key"), QStringLiteral("/nonexistent/k.key"),
                               QStringLiteral("--issuer"), QStringLiteral("k"), QStringLiteral("--roster"),
                               QStringLiteral("r.csv"), QStringLiteral("--out"), QStringLiteral("o")}
                << 2;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Run r = run(args);
        QCOMPARE(r.code, code);
        QVERIFY(!r.err.trimmed().isEmpty()); // always a message saying what is wrong
    }

    void badExpiryDates()
    {
        ensureKey();
        for (const QString &date : {QStringLiteral("2020-01-01"), QStringLiteral("next year"),
                                    QStringLiteral("2027-02-30")}) {
            QStringList args = issueArgs(path(QStringLiteral("exp")), roster());
            args << QStringLiteral("--expires") << date;
            const Run r = run(args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(date), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("exp"))));
    }

    // decode runs the kiosk's own decoder and verifier on the cards issue-codes wrote.
    void decodeReadsIssuedCards()
    {
        ensureKey();
        const QString out = path(QStringLiteral("decode-cards"));
        QCOMPARE(run(issueArgs(out, roster())).code, 0);
        const QString card = QDir(out).filePath(QStringLiteral("310101-0001.png"));
        const Run ok = run({QStringLiteral("decode"), QStringLiteral("--trusted"), path(QStringLiteral("keys")), card});
        QCOMPARE(ok.code, 0);
        QVERIFY2(ok.out.contains(QStringLiteral("\tok\t")), qPrintable(ok.out + ok.err));
        QVERIFY(ok.out.contains(QStringLiteral("DQM1.")));
        QVERIFY(ok.out.contains(QStringLiteral(" ms\t")));
        QCOMPARE(ok.out.count(QLatin1Char('\n')), 1);

        // Without the issuer's key the same code is readable but not trusted.
        const Run unknown = run({QStringLiteral("decode"), QStringLiteral("--trusted"), path(QStringLiteral("none")), card});
        QVERIFY2(unknown.out.contains(QStringLiteral("\tunknown_issuer\t")), qPrintable(unknown.out));

        const Run missing = run({QStringLiteral("decode"), path(QStringLiteral("no-such.png"))});
        QCOMPARE(missing.code, 2);
        QVERIFY(!missing.err.isEmpty());
        QCOMPARE(run({QStringLiteral("decode")}).code, 1);
    }

    // The staff tool reads at least 95% of camera-like frames (tilt, blur, noise, low light,
    // glare, phone screens) that the test generates.
    void decodeReadsCameraLikeFrames()
    {
        const QList<CameraLikeFrame> frames = CameraLikeFrames::generate(120);
        const QString dir = path(QStringLiteral("camera-like"));
        QVERIFY(QDir().mkpath(dir));
        QStringList files;
        for (int i = 0; i < frames.size(); ++i) {
            files << QDir(dir).filePath(QStringLiteral("f%1.png").arg(i, 3, 10, QLatin1Char('0')));
            QVERIFY(frames[i].image.save(files.last()));
        }
        const Run r = run(QStringList{QStringLiteral("decode")} + files);
        QCOMPARE(r.code, 0);
        int read = 0;
        QStringList missed;
        for (int i = 0; i < frames.size(); ++i) {
            if (r.out.contains(files[i] + QLatin1Char('\t')) && r.out.contains(frames[i].text))
                ++read;
            else
                missed << frames[i].condition;
        }
        qInfo("decode read %d of %lld camera-like frames; missed: %s", read, qlonglong(frames.size()),
              qPrintable(missed.join(QStringLiteral(", "))));
        QVERIFY2(read * 100 >= 95 * frames.size(), qPrintable(missed.join(QStringLiteral(", "))));
    }

    void helpListsCommands()
    {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char *cmd : {"keygen", "issue-codes", "decode"})
            QVERIFY(r.out.contains(QLatin1String(cmd)));
    }
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admincli.moc"
