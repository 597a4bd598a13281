#include "clock.h"
#include "database.h"
#include "framedecoder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkey.h"
#include "qrcodeitem.h"
#include "receiptcontroller.h"
#include "receiptverifier.h"
#include "itemfinder.h"
#include "qmlwarningguard.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The receipt on the kiosk's screen (issue 12), offscreen: a 流动党员 checks in by phone number,
// taps 生成回执; the window is grabbed and the QR read back with the kiosk's own decoder and
// verified with the kiosk's public key. Then the same for 年度回执 from the session banner.
// With $DANGQUN_SCREENSHOT_DIR set, the grabs are saved as receipt-<kind>-<orientation>.png.
class TestReceiptPage : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(9, 30))};
    QTemporaryDir m_dir;

    static void tap(QQuickWindow *window, QQuickItem *item)
    {
        QVERIFY(item);
        QVERIFY(item->isVisible());
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
    }

    // A 流动党员 registered here earlier (报到), findable by phone number.
    static bool addFlowingMember(const KioskConfig &c)
    {
        Database db(c.databasePath());
        if (!db.open())
            return false;
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral(
                "INSERT INTO members(issuer, member_id, name, phone, organisation, kind, source, updated_utc) "
                "VALUES ('district-9', 'FL-2026-000123', '欧阳晓明', '13800001234', '外区第三党支部', 'flowing', "
                "'report', '2026-11-01T00:00:00.000Z')"));
    }

    // Grabs the window, reads the QR on it with FrameDecoder and verifies it with the kiosk's key.
    static ReceiptVerdict readScreen(KioskHarness &ui, const KioskConfig &c, const QString &shot)
    {
        const QImage grab = ui.window->grabWindow();
        if (const QString dir = qEnvironmentVariable("DANGQUN_SCREENSHOT_DIR"); !dir.isEmpty())
            grab.save(dir + u'/' + shot + QStringLiteral(".png"));
        const ScanResult read = FrameDecoder().decode(grab);
        if (!read.found)
            return {};
        QString error;
        const auto key = KioskKey::loadOrCreate(c.dataDir, c.centreId, c.kioskId, &error);
        ReceiptVerifier verifier;
        if (key)
            verifier.addTrustedKiosk(c.centreId, c.kioskId, key->publicKey());
        return verifier.verify(read.text);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void receiptOnScreenDecodesAndVerifies_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait);
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape);
    }

    void receiptOnScreenDecodesAndVerifies()
    {
        QFETCH(int, orientation);
        const auto o = KioskConfig::Orientation(orientation);
        const QString suffix = o == KioskConfig::Orientation::Portrait ? QStringLiteral("portrait") : QStringLiteral("landscape");
        const KioskConfig c = KioskHarness::config(m_dir.path(), o, QStringLiteral("data-") + suffix);
        KioskHarness ui(c, m_clock);
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QVERIFY(addFlowingMember(c));
        ReceiptController *receipts = ui.kiosk().receipts();
        QVERIFY(receipts && receipts->available());

        // Check in by phone number, as a member without their code at hand would.
        ui.show(QStringLiteral("scan"));
        QTRY_COMPARE(ui.page(), QStringLiteral("scan"));
        ui.kiosk().checkin()->lookupPhone(QStringLiteral("13800001234"));
        QTRY_COMPARE(ui.kiosk().checkin()->matches().size(), 1);
        ui.kiosk().checkin()->confirmManual(0);
        QTRY_COMPARE(ui.kiosk().checkin()->result().value(QStringLiteral("outcome")).toString(), QStringLiteral("checkedIn"));

        // 生成回执, prominent for a 流动党员.
        QQuickItem *button = findItem(ui.window, QStringLiteral("receiptButton"));
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        QVERIFY(button->property("primary").toBool());
        // Input reaches the page once the StackView's push transition is over.
        QQuickItem *stack = button;
        while (stack && !QString::fromLatin1(stack->metaObject()->className()).contains(QLatin1String("StackView")))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        tap(ui.window, button);
        QTRY_VERIFY2(!receipts->text().isEmpty(), qPrintable(receipts->error()));
        auto *code = qobject_cast<QrCodeItem *>(findItem(ui.window, QStringLiteral("receiptCode")));
        QVERIFY(code);
        QTRY_VERIFY(code->isVisible());
        qInfo("%s: QR %d modules (quiet zone included) drawn %.0f px wide: %.1f px a module", qPrintable(suffix),
              code->modules(), code->width(), code->width() / code->modules());
        QVERIFY(code->width() / code->modules() >= 6); // big enough for a phone a step away

        const ReceiptVerdict attendance = readScreen(ui, c, QStringLiteral("receipt-attendance-") + suffix);
        QVERIFY2(attendance.ok(), qPrintable(ReceiptVerifier::verdictName(attendance.verdict) + attendance.reason));
        QCOMPARE(attendance.receipt.kind, Receipt::Kind::Attendance);
        QCOMPARE(attendance.receipt.memberId, QStringLiteral("FL-2026-000123"));
        QCOMPARE(attendance.receipt.name, QStringLiteral("欧阳晓明"));
        QCOMPARE(attendance.receipt.time.toSecsSinceEpoch(), m_clock.now().toSecsSinceEpoch());

        // Closing it brings back the result screen; the session banner offers the year's receipt.
        tap(ui.window, findItem(ui.window, QStringLiteral("receiptCloseButton")));
        QTRY_VERIFY(!receipts->shown());
        tap(ui.window, findItem(ui.window, QStringLiteral("annualReceiptButton")));
        QTRY_VERIFY2(!receipts->text().isEmpty(), qPrintable(receipts->error()));
        const ReceiptVerdict annual = readScreen(ui, c, QStringLiteral("receipt-annual-") + suffix);
        QVERIFY2(annual.ok(), qPrintable(ReceiptVerifier::verdictName(annual.verdict) + annual.reason));
        QCOMPARE(annual.receipt.kind, Receipt::Kind::Annual);
        QCOMPARE(annual.receipt.checkinDays, 1);

        // The member leaves: the receipt goes with them.
        ui.kiosk().session()->end();
        QTRY_VERIFY(!receipts->shown());
        QVERIFY(!findItem(ui.window, QStringLiteral("receiptCode"))->isVisible());
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestReceiptPage)
#include "tst_receiptpage.moc"
