#include "clock.h"
#include "colorcontrast.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "layoutcheck.h"
#include "membersession.h"
#include "qmlwarningguard.h"

#include <QJSValue>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

// 大字模式 and contrast (issue 10): one tap on home makes every text 1.4x larger for the rest of
// the visit; every page, in both orientations, still fits (named items inside the window, none
// overlapping another, no one-line text cut off); every Theme text colour pair reaches 4.5:1.
class TestLargeType : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    int m_run = 0;

    std::unique_ptr<KioskHarness> load(KioskConfig::Orientation o)
    {
        const KioskConfig c = KioskHarness::config(m_dir.filePath(QString::number(++m_run)), o);
        return std::make_unique<KioskHarness>(c, m_clock);
    }

    // An object holding the Theme singleton the window uses (same engine, so the same
    // instance); it must go before the harness does.
    static std::unique_ptr<QObject> themeProbe(KioskHarness &ui)
    {
        QQmlComponent probe(&ui.engine());
        probe.setData("import QtQml\nimport Dangqun\nQtObject { property QtObject theme: Theme }", QUrl());
        return std::unique_ptr<QObject>(probe.create());
    }
    static QObject *theme(const std::unique_ptr<QObject> &probe)
    {
        return probe ? probe->property("theme").value<QObject *>() : nullptr;
    }

    static void tap(QQuickWindow *window, QQuickItem *item)
    {
        QTest::mouseClick(window, Qt::LeftButton, {},
                          item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void oneTapMakesTextLarger()
    {
        auto ui = load(KioskConfig::Orientation::Portrait);
        QVERIFY(ui->window);
        const auto probe = themeProbe(*ui);
        QObject *t = theme(probe);
        QVERIFY(t);
        QCOMPARE(t->property("textScale").toReal(), 1.0);
        const int body = t->property("bodySize").toInt();
        const int title = t->property("titleSize").toInt();
        QTRY_VERIFY(findItem(ui->window, QStringLiteral("largeTypeToggle")));
        tap(ui->window, findItem(ui->window, QStringLiteral("largeTypeToggle")));
        QVERIFY(ui->kiosk().largeType());
        QCOMPARE(t->property("bodySize").toInt(), qRound(body * 1.4));
        QCOMPARE(t->property("titleSize").toInt(), qRound(title * 1.4));
        QCOMPARE(findItem(ui->window, QStringLiteral("centreName"))->property("font").value<QFont>().pixelSize(),
                 qRound(title * 1.4));
        // For the rest of the visit: other pages keep it...
        ui->show(QStringLiteral("quiz"));
        QTRY_COMPARE(ui->page(), QStringLiteral("quiz"));
        QVERIFY(ui->kiosk().largeType());
        // ...and the end of the member's session (idle timeout or 退出) resets it.
        ui->services().session().begin(QStringLiteral("street-1"), QStringLiteral("M1"), QStringLiteral("张三"),
                                       QStringLiteral("第一党支部"), false);
        ui->services().session().end();
        QVERIFY(!ui->kiosk().largeType());
        QCOMPARE(t->property("bodySize").toInt(), body);
        // Nobody signed in: the end of the visit still resets it.
        ui->kiosk().setLargeType(true);
        ui->kiosk().endVisit();
        QVERIFY(!ui->kiosk().largeType());
        QVERIFY_NO_QML_WARNINGS();
    }

    void everyPageFits_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<bool>("large");
        QTest::newRow("portrait, large type") << int(KioskConfig::Orientation::Portrait) << true;
        QTest::newRow("landscape, large type") << int(KioskConfig::Orientation::Landscape) << true;
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait) << false;
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape) << false;
    }
    void everyPageFits()
    {
        QFETCH(int, orientation);
        QFETCH(bool, large);
        auto ui = load(KioskConfig::Orientation(orientation));
        QVERIFY(ui->window);
        QVERIFY(QTest::qWaitForWindowExposed(ui->window));
        // The worst case: a member signed in, so the greeting banner takes its share of the height.
        ui->services().session().begin(QStringLiteral("street-1"), QStringLiteral("M1"), QStringLiteral("张三"),
                                       QStringLiteral("第一党支部"), false);
        ui->kiosk().setLargeType(large);
        const QString o = orientation == int(KioskConfig::Orientation::Portrait) ? QStringLiteral("portrait")
                                                                                  : QStringLiteral("landscape");
        for (const QString &page : ui->pageNames()) {
            ui->show(page);
            QTRY_COMPARE(ui->page(), page);
            const QString context = page + u' ' + o + (large ? QStringLiteral(" 大字") : QString());
            // Until the page's transition has settled, items are still moving in.
            QStringList problems;
            QTRY_VERIFY2_WITH_TIMEOUT((problems = LayoutCheck::problems(ui->window, context)).isEmpty(),
                                      qPrintable(problems.join(u'\n')), 3000);
        }
        QCOMPARE(ui->kiosk().largeType(), large);
        QVERIFY_NO_QML_WARNINGS();
    }

    void themeColoursReachWcagAA()
    {
        auto ui = load(KioskConfig::Orientation::Portrait);
        const auto probe = themeProbe(*ui);
        QObject *t = theme(probe);
        QVERIFY(t);
        QVariant pairsValue = t->property("textPairs");
        if (pairsValue.canConvert<QJSValue>())
            pairsValue = pairsValue.value<QJSValue>().toVariant();
        const QVariantList pairs = pairsValue.toList();
        QVERIFY(pairs.size() >= 10);
        QStringList failures;
        for (const QVariant &p : pairs) {
            const QStringList names = p.toStringList();
            QCOMPARE(names.size(), 2);
            const QColor fg = t->property(names.at(0).toLatin1()).value<QColor>();
            const QColor bg = t->property(names.at(1).toLatin1()).value<QColor>();
            QVERIFY2(fg.isValid() && bg.isValid(), qPrintable(names.join(u'/')));
            const double ratio = ColorContrast::ratio(fg, bg);
            qInfo().noquote() << names.join(QStringLiteral(" on ")) << QString::number(ratio, 'f', 2);
            if (ratio < ColorContrast::aaBodyText)
                failures << QStringLiteral("%1 on %2: %3:1").arg(names.at(0), names.at(1)).arg(ratio, 0, 'f', 2);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    }

    void contrastFormula()
    {
        // The reference values of WCAG 2.x: black on white 21:1, a colour on itself 1:1.
        QCOMPARE(ColorContrast::ratio(Qt::black, Qt::white), 21.0);
        QCOMPARE(ColorContrast::ratio(Qt::white, Qt::black), 21.0);
        QCOMPARE(ColorContrast::ratio(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        QVERIFY(qAbs(ColorContrast::ratio(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
        QVERIFY(ColorContrast::ratio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
    }
};

// The Pinyin keyboard (issue 4) is set up before QTEST_MAIN creates the application.
static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);

QTEST_MAIN(TestLargeType)
#include "tst_largetype.moc"
