#include "clock.h"
#include "checkincontroller.h"
#include "issuerkey.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskharness.h"
#include "qmlwarningguard.h"
#include "receiptcontroller.h"
#include "reportcontroller.h"
#include "screenaudit.h"
#include "signedcodes.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQuickTest/quicktest.h>
#include <functional>

// The screen audit (issue 17): every state of the member's check-in path and of the window's
// frame, with and without a member signed in, with and without 大字模式, at every panel size a
// kiosk comes with, both ways up. Each state must pass ScreenAudit (controls inside the window,
// uncovered, >= 15 mm; no text cut off, off screen or in Latin letters).
//
// The states are a table of (page, state, setup): another page's states are added as rows of
// `states()`, with a setup that brings the window there the way the kiosk would (controller calls
// are fine here; the flow tests tap).
class TestScreenAudit : public QObject
{
    Q_OBJECT

public:
    // One kiosk per panel size, shared by all the states at that size.
    struct Fixture
    {
        KioskHarness &ui;
        const IssuerKey &key;       // the kiosk's own issuer (trusted)
        const IssuerKey &stranger;  // another district's issuer, not trusted here
        const IssuerKey &forger;    // claims the kiosk's issuer id, wrong key
        int *serial;                // fresh member ids

        QString freshMember(MemberCode::Kind kind = MemberCode::Kind::Member) const
        {
            const QString id = QStringLiteral("A%1").arg(++*serial, 5, 10, QLatin1Char('0'));
            return signedMemberCode(key, id, QStringLiteral("黄丽燕"), QStringLiteral("幸福社区第一党支部"), kind);
        }
    };
    using Setup = std::function<QString(const Fixture &)>; // empty, or why the state was not reached
    struct State
    {
        const char *page;
        const char *state;
        Setup setup;
    };

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));
    IssuerKey m_stranger = IssuerKey::generate(QStringLiteral("other-street"));
    IssuerKey m_forger = IssuerKey::generate(QStringLiteral("street-1"));

    static bool waitFor(const std::function<bool()> &done, int ms = 10000)
    {
        return QTest::qWaitFor(done, ms);
    }

    static QQuickItem *findByClass(QQuickItem *root, const char *cls)
    {
        if (QString::fromLatin1(root->metaObject()->className()).contains(QLatin1String(cls)))
            return root;
        for (QQuickItem *child : root->childItems())
            if (QQuickItem *found = findByClass(child, cls))
                return found;
        return nullptr;
    }

    static QString open(const Fixture &f, const QString &page)
    {
        f.ui.show(page);
        if (!waitFor([&] { return f.ui.page() == page && findItem(f.ui.window, page); }))
            return QStringLiteral("page %1 did not open").arg(page);
        return {};
    }

    static QString scan(const Fixture &f, const QString &code, CheckinController::Outcome expected)
    {
        if (QString why = open(f, QStringLiteral("scan")); !why.isEmpty())
            return why;
        CheckinController *checkin = f.ui.kiosk().checkin();
        checkin->submitCode(code);
        if (!waitFor([&] { return checkin->outcome() == expected; }))
            return QStringLiteral("scan outcome %1, expected %2").arg(int(checkin->outcome())).arg(int(expected));
        return {};
    }

    static QString reportOpened(const Fixture &f)
    {
        if (!waitFor([&] { return f.ui.page() == u"report" && findItem(f.ui.window, QStringLiteral("report")); }))
            return QStringLiteral("the 报到 form did not open");
        return {};
    }

public:
    // The table: the check-in path and the window's frame. Rows of other pages go here too.
    static QList<State> states()
    {
        using O = CheckinController::Outcome;
        return {
            {"home", "plain", [](const Fixture &f) { return open(f, QStringLiteral("home")); }},
            {"scan", "scanning", [](const Fixture &f) { return open(f, QStringLiteral("scan")); }},
            {"scan", "manual",
             [](const Fixture &f) {
                 if (QString why = open(f, QStringLiteral("scan")); !why.isEmpty())
                     return why;
                 findItem(f.ui.window, QStringLiteral("scan"))->setProperty("mode", QStringLiteral("manual"));
                 return QString();
             }},
            {"scan", "success", [](const Fixture &f) { return scan(f, f.freshMember(), O::CheckedIn); }},
            {"scan", "already",
             [](const Fixture &f) {
                 const QString code = f.freshMember();
                 if (QString why = scan(f, code, O::CheckedIn); !why.isEmpty())
                     return why;
                 f.ui.kiosk().checkin()->clear();
                 return scan(f, code, O::AlreadyCheckedIn);
             }},
            {"scan", "refused",
             [](const Fixture &f) {
                 return scan(f, signedMemberCode(f.forger, QStringLiteral("F1"), QStringLiteral("王五")), O::Refused);
             }},
            {"scan", "notMember",
             [](const Fixture &f) { return scan(f, QStringLiteral("https://example.com/"), O::NotMemberCode); }},
            {"scan", "unknownIssuer",
             [](const Fixture &f) {
                 return scan(f, signedMemberCode(f.stranger, QStringLiteral("OS-77"), QStringLiteral("欧阳晓明"),
                                                 QStringLiteral("外区第三党支部")),
                             O::UnverifiedIssuer);
             }},
            {"report", "firstVisit",
             [](const Fixture &f) {
                 if (QString why = scan(f, f.freshMember(MemberCode::Kind::Flowing), O::NeedsReport); !why.isEmpty())
                     return why;
                 return reportOpened(f);
             }},
            {"report", "unverified",
             [](const Fixture &f) {
                 if (QString why = scan(f, signedMemberCode(f.stranger, QStringLiteral("OS-78"), QStringLiteral("欧阳晓明"),
                                                            QStringLiteral("外区第三党支部")),
                                        O::UnverifiedIssuer);
                     !why.isEmpty())
                     return why;
                 QMetaObject::invokeMethod(findItem(f.ui.window, QStringLiteral("scan")), "openReport");
                 return reportOpened(f);
             }},
            {"report", "form", [](const Fixture &f) { return open(f, QStringLiteral("report")); }},
            {"report", "success",
             [](const Fixture &f) {
                 if (QString why = open(f, QStringLiteral("report")); !why.isEmpty())
                     return why;
                 ReportController *report = f.ui.kiosk().report();
                 const QString phone = QStringLiteral("139%1").arg(++*f.serial, 8, 10, QLatin1Char('0'));
                 report->submit({{QStringLiteral("name"), QStringLiteral("欧阳晓明")},
                                 {QStringLiteral("phone"), phone},
                                 {QStringLiteral("organisation"), QStringLiteral("外区第三党支部")},
                                 {QStringLiteral("consent"), true}});
                 if (!waitFor([&] { return report->result().value(QStringLiteral("reported")).toBool(); }))
                     return QStringLiteral("报到 not accepted: %1").arg(report->errors().keys().join(u','));
                 return QString();
             }},
            {"receipt", "attendance",
             [](const Fixture &f) {
                 if (QString why = scan(f, f.freshMember(), O::CheckedIn); !why.isEmpty())
                     return why;
                 ReceiptController *receipts = f.ui.kiosk().receipts();
                 receipts->requestAttendance();
                 if (!waitFor([&] { return !receipts->text().isEmpty(); }))
                     return QStringLiteral("no receipt: %1").arg(receipts->error());
                 return QString();
             }},
            {"attract", "shown", [](const Fixture &f) { return open(f, QStringLiteral("attract")); }},
            {"idle", "warning",
             [](const Fixture &f) {
                 if (QString why = open(f, QStringLiteral("scan")); !why.isEmpty())
                     return why;
                 QMetaObject::invokeMethod(f.ui.window, "showIdleWarning");
                 if (!waitFor([&] {
                         QQuickItem *w = findItem(f.ui.window, QStringLiteral("idleWarning"));
                         return w && w->isVisible();
                     }))
                     return QStringLiteral("the idle warning did not show");
                 return QString();
             }},
        };
    }

private:
    // Back to an empty home screen, as the idle timeout leaves it.
    static void reset(KioskHarness &ui)
    {
        if (ui.kiosk().receipts())
            ui.kiosk().receipts()->clear();
        ui.kiosk().endVisit();
        ui.kiosk().checkin()->clear();
        ui.show(QStringLiteral("home"));
        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
    }

    // No page transition running, every layout polished.
    static bool settled(QQuickWindow *window)
    {
        QQuickItem *stack = findByClass(window->contentItem(), "StackView");
        return waitFor([&] { return !stack || !stack->property("busy").toBool(); })
            && QQuickTest::qWaitForPolish(window);
    }

private slots:
    void initTestCase()
    {
        // Hundreds of states: the kiosk's own log lines would bury the audit's findings.
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false\nqt.multimedia.*=false"));
        QVERIFY(m_dir.isValid());
        QVERIFY(m_key.save(KioskHarness::config(m_dir.path()).trustedIssuersDir)); // shared by every kiosk here
    }

    void audit_data()
    {
        QTest::addColumn<QSize>("size");
        const QList<QSize> landscape = {{1280, 720}, {1366, 768}, {1920, 1080}, {3840, 2160}};
        for (const QSize &s : landscape) {
            QTest::newRow(qPrintable(QStringLiteral("%1x%2").arg(s.width()).arg(s.height()))) << s;
            QTest::newRow(qPrintable(QStringLiteral("%1x%2").arg(s.height()).arg(s.width()))) << s.transposed();
        }
    }

    void audit()
    {
        QFETCH(QSize, size);
        const ScreenAudit::Panel panel{size, ScreenAudit::diagonalFor(size)};
        const auto orientation = size.height() > size.width() ? KioskConfig::Orientation::Portrait
                                                               : KioskConfig::Orientation::Landscape;
        KioskConfig c = KioskHarness::config(m_dir.path(), orientation, QStringLiteral("data-") + panel.name());
        c.resultScreenSeconds = 60; // the audit, not a timer, decides when a state ends
        KioskHarness ui(c, m_clock, KioskHarness::options(c, 600000));
        QVERIFY(ui.window);
        ui.window->setProperty("animated", false); // hundreds of states: no page transitions
        ui.window->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        QTRY_COMPARE(ui.window->size(), size);
        int serial = 0;
        const Fixture f{ui, m_key, m_stranger, m_forger, &serial};

        QStringList found;
        QElapsedTimer timer;
        timer.start();
        int audited = 0;
        for (const State &s : states()) {
            for (const bool banner : {false, true}) {
                for (const bool large : {false, true}) {
                    const QString context = QStringLiteral("%1 %2/%3%4%5")
                                                .arg(panel.name(), QLatin1String(s.page), QLatin1String(s.state),
                                                     banner ? QStringLiteral(" +member") : QString(),
                                                     large ? QStringLiteral(" +大字") : QString());
                    reset(ui);
                    if (banner) {
                        const QString why = scan(f, f.freshMember(), CheckinController::Outcome::CheckedIn);
                        QVERIFY2(why.isEmpty(), qPrintable(context + u' ' + why));
                        ui.show(QStringLiteral("home"));
                        QTRY_COMPARE(ui.page(), QStringLiteral("home"));
                    }
                    ui.kiosk().setLargeType(large);
                    const QString why = s.setup(f);
                    QVERIFY2(why.isEmpty(), qPrintable(context + u' ' + why));
                    QVERIFY2(settled(ui.window), qPrintable(context + QStringLiteral(" did not settle")));
                    found << ScreenAudit::problems(ui.window, panel, context);
                    // $DANGQUN_AUDIT_SHOTS: a PNG of every state, to look at what was audited.
                    if (const QString dir = qEnvironmentVariable("DANGQUN_AUDIT_SHOTS"); !dir.isEmpty()) {
                        QString file = context;
                        file.replace(QRegularExpression(QStringLiteral("[ /+]+")), QStringLiteral("-"));
                        ui.window->grabWindow().save(dir + u'/' + file + QStringLiteral(".png"));
                    }
                    ++audited;
                }
            }
        }
        qInfo("%s: %d states audited in %lld ms, %lld problems", qPrintable(panel.name()), audited,
              qlonglong(timer.elapsed()), qlonglong(found.size()));
        // One line each (a failure message is cut at 1 KB); the first 300 are plenty to act on.
        for (const QString &p : found.mid(0, 300))
            qWarning().noquote() << p;
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 problems at %2, listed above").arg(found.size()).arg(panel.name())));
        QVERIFY_NO_QML_WARNINGS();
    }
};

QTEST_MAIN(TestScreenAudit)
#include "tst_screenaudit.moc"
