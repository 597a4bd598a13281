#include "contentvalidator.h"
#include "distributionmanifest.h"
#include "kioskkey.h"
#include "qrimage.h"
#include "receipt.h"
#include "receiptverifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "receipttestsupport.h"

using Verdict = ReceiptVerdict::Verdict;

// Signed attendance receipts (issue 12): the kiosk's key, the DQR1 text, and every way a receipt
// is refused at the home branch.
class TestReceipt : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    KioskKey key(const QString &sub) const
    {
        QString error;
        auto k = KioskKey::loadOrCreate(m_dir.filePath(sub), ReceiptTest::centre, ReceiptTest::kiosk, &error);
        if (!k)
            qFatal("kiosk key: %s", qPrintable(error));
        return *k;
    }

    // A verifier with exactly the keys in a trusted folder, as the home branch has it.
    static ReceiptVerifier trusting(const QString &dir)
    {
        ReceiptVerifier v;
        v.loadTrustedKiosks(dir);
        return v;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void keyIsCreatedOnceAndPrivate()
    {
        const KioskKey first = key(QStringLiteral("data"));
        const QString path = m_dir.filePath(QStringLiteral("data/") + KioskKey::fileName());
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                                              | QFileDevice::WriteUser),
                 QFileDevice::Permissions());
        // No temporary file left behind.
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("data"))).entryList(QDir::Files), QStringList{KioskKey::fileName()});
        // The second start loads the same key.
        QCOMPARE(key(QStringLiteral("data")).publicKey(), first.publicKey());
        QCOMPARE(first.publicKey().size(), 32);
    }

    void corruptKeyIsRefusedNotReplaced()
    {
        const QString dir = m_dir.filePath(QStringLiteral("corrupt"));
        QVERIFY(QDir().mkpath(dir));
        QFile f(QDir(dir).filePath(KioskKey::fileName()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a key\n");
        f.close();
        QString error;
        QVERIFY(!KioskKey::loadOrCreate(dir, ReceiptTest::centre, ReceiptTest::kiosk, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not a key\n"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<Receipt>("receipt");
        QTest::newRow("attendance") << ReceiptTest::attendance();
        Receipt plain = ReceiptTest::attendance();
        plain.eventTitle.clear();
        plain.eventKind.clear();
        plain.hours.reset();
        QTest::newRow("plain check-in") << plain;
        QTest::newRow("annual") << ReceiptTest::annual();
        Receipt empty = ReceiptTest::annual();
        empty.eventsByKind.clear();
        QTest::newRow("annual without events") << empty;
    }

    void roundTrip()
    {
        QFETCH(Receipt, receipt);
        const KioskKey k = key(QStringLiteral("data"));
        QString error;
        const QString text = k.sign(receipt, &error);
        QVERIFY2(text.startsWith(QLatin1String("DQR1.")), qPrintable(error));
        QVERIFY(ReceiptTest::trust(m_dir.filePath(QStringLiteral("trusted")), k));
        const ReceiptVerdict v = trusting(m_dir.filePath(QStringLiteral("trusted"))).verify(text);
        QVERIFY2(v.ok(), qPrintable(v.reason));
        QCOMPARE(v.receipt, receipt);
        const QString described = ReceiptVerifier::describe(v.receipt).join(u'\n');
        QVERIFY(described.contains(receipt.name));
        QVERIFY(described.contains(receipt.centreName));
    }

    void oneChangedByteIsRefused()
    {
        const KioskKey k = key(QStringLiteral("data"));
        QVERIFY(ReceiptTest::trust(m_dir.filePath(QStringLiteral("trusted")), k));
        const ReceiptVerifier v = trusting(m_dir.filePath(QStringLiteral("trusted")));
        const QByteArray text = k.sign(ReceiptTest::attendance()).toLatin1();
        QVERIFY(v.verify(text).ok());
        // Every position of the payload and signature: no single changed character may pass.
        // A change in the payload mostly breaks its JSON (malformed); one that still parses, and
        // every change in the signature but its last character (canonical base64), is caught by
        // the signature check itself.
        const qsizetype signatureStart = text.lastIndexOf('.') + 1;
        for (qsizetype i = 5; i < text.size(); ++i) {
            if (text.at(i) == '.')
                continue;
            QByteArray changed = text;
            changed[i] = text.at(i) == 'A' ? 'B' : 'A';
            const ReceiptVerdict r = v.verify(changed);
            QVERIFY2(!r.ok(), qPrintable(QStringLiteral("position %1 accepted").arg(i)));
            QVERIFY(!r.reason.isEmpty());
            if (i >= signatureStart && i < text.size() - 1)
                QCOMPARE(r.verdict, Verdict::BadSignature);
        }
        // A payload that still parses after the change: the 学时 altered from 1.5 to 9.5.
        Receipt altered = ReceiptTest::attendance();
        const QByteArray good = k.sign(altered).toLatin1();
        altered.hours = 9.5;
        const QByteArray forgedPayload = QByteArray("DQR1.") + altered.payloadJson().toBase64(
                QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const ReceiptVerdict forged = v.verify(forgedPayload + good.mid(good.lastIndexOf('.')));
        QCOMPARE(forged.verdict, Verdict::BadSignature);
        QCOMPARE(*forged.receipt.hours, 9.5); // what it claims, refused all the same
    }

    void untrustedKioskIsRefused()
    {
        const KioskKey trusted = key(QStringLiteral("data"));
        QVERIFY(ReceiptTest::trust(m_dir.filePath(QStringLiteral("trusted")), trusted));
        // Another kiosk calling itself c1/k1, with a key of its own: a forger's kiosk.
        const KioskKey forger = key(QStringLiteral("forger"));
        const ReceiptVerdict r = trusting(m_dir.filePath(QStringLiteral("trusted"))).verify(forger.sign(ReceiptTest::attendance()));
        QCOMPARE(r.verdict, Verdict::BadSignature);
        QVERIFY(r.reason.contains(QLatin1String("c1/k1")));

        // A real kiosk that the office never published.
        QString error;
        auto other = KioskKey::loadOrCreate(m_dir.filePath(QStringLiteral("k2")), ReceiptTest::centre,
                                            QStringLiteral("k2"), &error);
        QVERIFY2(other, qPrintable(error));
        Receipt receipt = ReceiptTest::attendance();
        receipt.kioskId = QStringLiteral("k2");
        const ReceiptVerdict unknown = trusting(m_dir.filePath(QStringLiteral("trusted"))).verify(other->sign(receipt));
        QCOMPARE(unknown.verdict, Verdict::UnknownKiosk);
        QVERIFY(unknown.reason.contains(QLatin1String("c1/k2")));
    }

    void keyRemovedFromTrustedListIsRefused()
    {
        const KioskKey k = key(QStringLiteral("data"));
        const QString dir = m_dir.filePath(QStringLiteral("removed"));
        QVERIFY(ReceiptTest::trust(dir, k));
        const QString text = k.sign(ReceiptTest::annual());
        QVERIFY(trusting(dir).verify(text).ok());
        QVERIFY(QFile::remove(QDir(dir).filePath(QStringLiteral("c1/k1.pub"))));
        QCOMPARE(trusting(dir).verify(text).verdict, Verdict::UnknownKiosk);
    }

    void badTrustedFilesAreSkippedWithAReason()
    {
        const QString dir = m_dir.filePath(QStringLiteral("badtrust"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/c1")));
        QFile f(dir + QStringLiteral("/c1/k9.pub"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("short\n");
        f.close();
        ReceiptVerifier v;
        const QStringList problems = v.loadTrustedKiosks(dir);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains(QLatin1String("k9.pub")));
        QVERIFY(v.trustedKiosks().isEmpty());
        QCOMPARE(ReceiptVerifier().loadTrustedKiosks(m_dir.filePath(QStringLiteral("missing"))).size(), 1);
    }

    void otherTextsAreNotReceipts()
    {
        const ReceiptVerifier v;
        QCOMPARE(v.verify(QStringLiteral("DQM1.abc.def")).verdict, Verdict::NotReceipt);
        QCOMPARE(v.verify(QStringLiteral("hello")).verdict, Verdict::NotReceipt);
        QCOMPARE(v.verify(QStringLiteral("DQR1.x")).verdict, Verdict::Malformed);
        QCOMPARE(v.verify(QByteArray("DQR1.") + QByteArray(2000, 'A') + ".AAAA").verdict, Verdict::Malformed);
    }

    void signerRefusesAnotherKiosksReceipt()
    {
        Receipt r = ReceiptTest::attendance();
        r.kioskId = QStringLiteral("k2");
        QString error;
        QVERIFY(key(QStringLiteral("data")).sign(r, &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    // The office publishes the trusted-kiosks list in the distribution; a kiosk takes only
    // <centre>/<kiosk>.pub files holding a real key.
    void trustedKiosksInTheDistribution()
    {
        const QString staged = m_dir.filePath(QStringLiteral("staged"));
        QVERIFY(ReceiptTest::trust(staged + QStringLiteral("/trusted-kiosks"), key(QStringLiteral("data"))));
        const auto write = [&](const QString &rel, const QByteArray &content) {
            QDir().mkpath(QFileInfo(staged + u'/' + rel).absolutePath());
            QFile f(staged + u'/' + rel);
            return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
        };
        QVERIFY(write(QStringLiteral("trusted-kiosks/c1/k2.pub"), "not a key\n"));
        QVERIFY(write(QStringLiteral("trusted-kiosks/c1.pub"), "x"));
        QVERIFY(write(QStringLiteral("trusted-kiosks/c1/notes.txt"), "x"));
        QVERIFY(DistributionManifest::isSafePath(QStringLiteral("trusted-kiosks/c1/k1.pub")));
        QCOMPARE(ContentValidator::validate(staged, QStringLiteral("trusted-kiosks/c1/k1.pub")), QStringList());
        for (const char *bad : {"trusted-kiosks/c1/k2.pub", "trusted-kiosks/c1.pub", "trusted-kiosks/c1/notes.txt"}) {
            const QStringList problems = ContentValidator::validate(staged, QLatin1String(bad));
            QCOMPARE(problems.size(), 1);
            QVERIFY(problems.first().startsWith(QLatin1String(bad)));
        }
    }

    // The largest receipts the service produces must stay a QR a phone reads off the screen:
    // at most version 15 (77 modules) with error correction M. The figures are printed for the README.
    void receiptsFitAModestQrCode()
    {
        const KioskKey k = key(QStringLiteral("data"));
        for (const Receipt &r : {ReceiptTest::attendance(), ReceiptTest::annual()}) {
            const QString text = k.sign(r);
            QVERIFY(!text.isEmpty());
            const QImage qr = QrImage::render(text, 1, QrImage::Ecc::M);
            QVERIFY(!qr.isNull());
            const int modules = qr.width() - 8; // 4-module quiet zone each side
            const int version = (modules - 17) / 4;
            qInfo("%s receipt: %lld bytes, QR version %d (%d modules), ECC M", qPrintable(Receipt::kindName(r.kind)),
                  qlonglong(text.size()), version, modules);
            QVERIFY(version <= 15);
        }
    }
};

QTEST_GUILESS_MAIN(TestReceipt)
#include "tst_receipt.moc"
