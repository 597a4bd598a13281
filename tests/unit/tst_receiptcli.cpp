#include "kioskkey.h"
#include "qrimage.h"
#include "receipt.h"

#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include "adminrun.h"
#include "fleettestsupport.h"
#include "receipttestsupport.h"

using AdminRun::run;

// `dangqun-admin verify-receipt` and `dangqun-admin fleet` as staff run them (issue 12).
class TestReceiptCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<KioskKey> m_key;
    QString m_text;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString trusted() const { return path(QStringLiteral("trusted")); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_key = KioskKey::loadOrCreate(path(QStringLiteral("kiosk")), ReceiptTest::centre, ReceiptTest::kiosk, &error);
        QVERIFY2(m_key, qPrintable(error));
        QVERIFY(ReceiptTest::trust(trusted(), *m_key));
        m_text = m_key->sign(ReceiptTest::attendance(), &error);
        QVERIFY2(!m_text.isEmpty(), qPrintable(error));
    }

    void validTextIsExplained()
    {
        const auto r = run({QStringLiteral("verify-receipt"), m_text, QStringLiteral("--trusted"), trusted()});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        qInfo().noquote() << QStringLiteral("verify-receipt printed:\n") + r.out;
        QVERIFY(r.out.contains(QStringLiteral("回执有效")));
        QVERIFY(r.out.contains(QStringLiteral("欧阳晓明")));
        QVERIFY(r.out.contains(QStringLiteral("幸福街道党群服务中心")));
        QVERIFY(r.out.contains(QStringLiteral("主题党日")));
        QVERIFY(r.out.contains(QStringLiteral("1.5")));
    }

    // A phone photo of the kiosk screen: the QR on a grey background, a little tilted.
    void photoIsDecodedAndVerified()
    {
        const QImage qr = QrImage::render(m_text, 6, QrImage::Ecc::M);
        QImage photo(qr.width() + 300, qr.height() + 200, QImage::Format_RGB32);
        photo.fill(QColor(90, 96, 100));
        {
            QPainter p(&photo);
            p.setRenderHint(QPainter::SmoothPixmapTransform);
            p.translate(photo.width() / 2.0, photo.height() / 2.0);
            p.rotate(6);
            p.drawImage(-qr.width() / 2, -qr.height() / 2, qr);
        }
        const QString png = path(QStringLiteral("photo.jpg"));
        QVERIFY(photo.save(png, "JPG", 85));
        const auto r = run({QStringLiteral("verify-receipt"), png, QStringLiteral("--trusted"), trusted()});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY(r.out.contains(QStringLiteral("欧阳晓明")));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QString altered = m_text;
        altered[altered.lastIndexOf(u'.') + 5] = altered[altered.lastIndexOf(u'.') + 5] == u'A' ? u'B' : u'A';
        QTest::newRow("one character changed") << altered << QStringLiteral("bad_signature");
        QString error;
        const auto other = KioskKey::loadOrCreate(path(QStringLiteral("k7")), QStringLiteral("c1"), QStringLiteral("k7"), &error);
        Receipt r = ReceiptTest::attendance();
        r.kioskId = QStringLiteral("k7");
        QTest::newRow("unknown kiosk") << other->sign(r) << QStringLiteral("unknown_kiosk");
        QTest::newRow("member code") << QStringLiteral("DQM1.e30.AAAA") << QStringLiteral("not_receipt");
    }

    void refusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const auto r = run({QStringLiteral("verify-receipt"), text, QStringLiteral("--trusted"), trusted()});
        QCOMPARE(r.code, 2);
        qInfo().noquote() << r.out.trimmed();
        QVERIFY2(r.out.contains(QStringLiteral("回执无效（%1）").arg(reason)), qPrintable(r.out + r.err));
        QVERIFY(!r.out.contains(QStringLiteral("回执有效")));
    }

    void usageAndUnreadableInput()
    {
        QCOMPARE(run({QStringLiteral("verify-receipt"), m_text}).code, 1); // --trusted is required
        const auto noKeys = run({QStringLiteral("verify-receipt"), m_text, QStringLiteral("--trusted"), path(QStringLiteral("none"))});
        QCOMPARE(noKeys.code, 2);
        const QString blank = path(QStringLiteral("blank.png"));
        QImage white(400, 300, QImage::Format_Grayscale8);
        white.fill(255);
        QVERIFY(white.save(blank));
        const auto noQr = run({QStringLiteral("verify-receipt"), blank, QStringLiteral("--trusted"), trusted()});
        QCOMPARE(noQr.code, 2);
        QVERIFY(noQr.err.contains(QStringLiteral("没有找到二维码")));
    }

    void fleetTableAndCsv()
    {
        const QString share = path(QStringLiteral("share"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(FleetTest::manifest(share, 7));
        QVERIFY(FleetTest::heartbeat(share, FleetTest::beat(QStringLiteral("c1"), QStringLiteral("fresh")), now));
        FleetTest::Beat stale = FleetTest::beat(QStringLiteral("c2"), QStringLiteral("stale"));
        stale.minutesAgo = 5 * 60;
        QVERIFY(FleetTest::heartbeat(share, stale, now));

        // Five hours old: stale at the default 24 h? No. At --stale-hours 2: yes, and listed first.
        const auto relaxed = run({QStringLiteral("fleet"), share});
        QVERIFY2(relaxed.code == 0, qPrintable(relaxed.err + relaxed.out));
        QVERIFY(relaxed.out.contains(QStringLiteral("共 2 台终端，0 台需要关注")));
        const auto strict = run({QStringLiteral("fleet"), share, QStringLiteral("--stale-hours"), QStringLiteral("2")});
        QCOMPARE(strict.code, 2);
        QVERIFY(strict.out.indexOf(QStringLiteral("stale")) < strict.out.indexOf(QStringLiteral("fresh")));
        QVERIFY(strict.out.contains(QStringLiteral("失联")));

        const auto csv = run({QStringLiteral("fleet"), share, QStringLiteral("--csv"), QStringLiteral("--stale-hours"),
                              QStringLiteral("2")});
        QCOMPARE(csv.code, 2);
        const QStringList lines = csv.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(1).startsWith(QStringLiteral("c2,stale,stale,1.2.0,")));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("c1,fresh,,1.2.0,")));

        QCOMPARE(run({QStringLiteral("fleet"), share, QStringLiteral("--stale-hours"), QStringLiteral("soon")}).code, 1);
        QCOMPARE(run({QStringLiteral("fleet"), path(QStringLiteral("nowhere"))}).code, 2);
    }
};

QTEST_MAIN(TestReceiptCli)
#include "tst_receiptcli.moc"
