#include "checkincontroller.h"
#include "clock.h"
#include "database.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "kioskharness.h"
#include "kioskkeyboard.h"
#include "membersession.h"
#include "reportcontroller.h"
#include "scansource.h"
#include "storagethread.h"
#include "itemfinder.h"
#include "qmlwarningguard.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QInputMethod>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 流动党员报到 on the touchscreen (issue 4), offscreen: the form is filled by tapping keys of
// the on-screen 拼音 keyboard and its candidates, validation messages appear for a bad phone
// number and a missing consent, and the corrected form registers and checks the member in.
// Screenshots of the keyboard with Chinese candidates go to $DANGQUN_SCREENSHOT_DIR when set.
class TestReportPage : public QObject
{
    Q_OBJECT

private:
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;

    KioskConfig config(KioskConfig::Orientation o)
    {
        KioskConfig c = KioskHarness::config(m_dir.path(), o, QStringLiteral("data-%1").arg(int(o)));
        c.contentDir = QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content");
        return c;
    }

    static void tap(QQuickWindow *window, QQuickItem *item)
    {
        QVERIFY(item);
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
    }

    // The keys of the keyboard on screen now: Key items carry `key` and `text`.
    static void collectKeys(QQuickItem *item, QList<QQuickItem *> &keys)
    {
        if (item->isVisible() && item->property("keyType").isValid() && item->property("key").isValid())
            keys.append(item);
        const auto children = item->childItems();
        for (QQuickItem *child : children)
            collectKeys(child, keys);
    }

    static QQuickItem *key(QQuickWindow *window, const QString &text)
    {
        QList<QQuickItem *> keys;
        collectKeys(findItem(window, QStringLiteral("keyboardLayoutLoader")), keys);
        for (QQuickItem *k : keys) {
            if (k->property("text").toString().compare(text, Qt::CaseInsensitive) == 0 && k->isEnabled())
                return k;
        }
        return nullptr;
    }

    static QQuickItem *keyOfType(QQuickWindow *window, const char *qmlTypePrefix)
    {
        QList<QQuickItem *> keys;
        collectKeys(findItem(window, QStringLiteral("keyboardLayoutLoader")), keys);
        for (QQuickItem *k : keys) {
            if (QString::fromLatin1(k->metaObject()->className()).startsWith(QLatin1String(qmlTypePrefix)))
                return k;
        }
        return nullptr;
    }

    // Taps each character's key on the on-screen keyboard.
    static bool typeKeys(QQuickWindow *window, const QString &text)
    {
        for (const QChar ch : text) {
            QQuickItem *k = key(window, QString(ch));
            if (!k) {
                qWarning() << "no key for" << ch;
                return false;
            }
            tap(window, k);
            QCoreApplication::processEvents();
        }
        return true;
    }

    static QQuickItem *candidateView(QQuickWindow *window) { return findItem(window, QStringLiteral("wordCandidateView")); }

    static QStringList candidates(QQuickWindow *window)
    {
        QStringList out;
        QQuickItem *view = candidateView(window);
        auto *model = view ? qvariant_cast<QAbstractItemModel *>(view->property("model")) : nullptr;
        for (int i = 0; model && i < model->rowCount(); ++i)
            out.append(model->data(model->index(i, 0), Qt::DisplayRole).toString());
        return out;
    }

    // The candidate bar slides in above the keyboard and its items fly in: wait until all is still.
    static bool candidateBarSettled(QQuickWindow *window)
    {
        QQuickItem *view = candidateView(window);
        if (!view || !view->isVisible() || view->height() <= 0 || !qFuzzyCompare(view->y(), -view->height()))
            return false;
        QQuickItem *first = nullptr;
        QMetaObject::invokeMethod(view, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, first), Q_ARG(int, 0));
        return first && qFuzzyIsNull(first->y()) && qFuzzyCompare(first->opacity(), 1.0);
    }

    // Taps the candidate `text` in the candidate bar (scrolling it into view first).
    static bool tapCandidate(QQuickWindow *window, const QString &text)
    {
        QQuickItem *view = candidateView(window);
        const int index = int(candidates(window).indexOf(text));
        if (!view || index < 0)
            return false;
        QMetaObject::invokeMethod(view, "positionViewAtIndex", Q_ARG(int, index), Q_ARG(int, 0 /* Beginning */));
        QQuickItem *item = nullptr;
        QMetaObject::invokeMethod(view, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, item), Q_ARG(int, index));
        if (!item || !QTest::qWaitFor([&] { return qFuzzyIsNull(item->y()) && qFuzzyCompare(item->opacity(), 1.0); }))
            return false;
        tap(window, item);
        return true;
    }

    // Closes the keyboard, scrolls the form to `name` and taps it (as a member would scroll).
    static void tapInForm(QQuickWindow *window, const QString &name)
    {
        QGuiApplication::inputMethod()->hide();
        QQuickItem *panel = findItem(window, QStringLiteral("inputPanel"));
        QTRY_VERIFY(!panel->property("active").toBool());
        QQuickItem *item = findItem(window, name);
        QVERIFY(item);
        QMetaObject::invokeMethod(findItem(window, QStringLiteral("report")), "reveal", Q_ARG(QQuickItem *, item));
        QCoreApplication::processEvents();
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QVERIFY2(window->contentItem()->contains(centre), qPrintable(name));
        tap(window, item);
    }

    static QString fieldText(QQuickWindow *window, const char *name)
    {
        QQuickItem *field = findItem(window, QString::fromLatin1(name));
        return field ? field->property("text").toString() : QStringLiteral("<no field>");
    }

    static void screenshot(QQuickWindow *window, const QString &name)
    {
        const QString dir = qEnvironmentVariable("DANGQUN_SCREENSHOT_DIR");
        QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        // Half size keeps the files small (< 300 KB) and the candidates readable.
        image = image.scaled(image.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QVERIFY(image.save(QDir(dir).filePath(name), "PNG", 9));
    }

private slots:
    void fillSubmitAndValidate_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("portrait") << int(KioskConfig::Orientation::Portrait);
        QTest::newRow("landscape") << int(KioskConfig::Orientation::Landscape);
    }

    void fillSubmitAndValidate()
    {
        QFETCH(int, orientation);
        const KioskConfig c = config(KioskConfig::Orientation(orientation));
        const QString suffix = orientation == int(KioskConfig::Orientation::Portrait) ? QStringLiteral("portrait")
                                                                                      : QStringLiteral("landscape");
        KioskHarness ui(c, m_clock);
        QVERIFY(ui.window);
        QVERIFY(QTest::qWaitForWindowExposed(ui.window));
        ui.window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(ui.window)); // text fields take focus only then
        QMetaObject::invokeMethod(ui.window, "showPage", Q_ARG(QVariant, QStringLiteral("report")));
        QTRY_COMPARE(ui.window->property("currentPage").toString(), QStringLiteral("report"));
        // Input reaches the page once the StackView's push transition is over.
        QQuickItem *stack = findItem(ui.window, QStringLiteral("report"));
        while (stack && !QString::fromLatin1(stack->metaObject()->className()).contains(QLatin1String("StackView")))
            stack = stack->parentItem();
        QVERIFY(stack);
        QTRY_VERIFY(!stack->property("busy").toBool());
        QQuickItem *panel = findItem(ui.window, QStringLiteral("inputPanel"));
        QVERIFY(panel);
        QVERIFY(!panel->property("active").toBool());

        // Name: 张 + 明 through pinyin and the candidate bar.
        tap(ui.window, findItem(ui.window, QStringLiteral("nameField")));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("nameField"))->hasActiveFocus());
        QTRY_VERIFY(panel->property("active").toBool());
        QTRY_VERIFY(key(ui.window, QStringLiteral("q")));
        // Large keys and readable candidates.
        QQuickItem *q = key(ui.window, QStringLiteral("q"));
        QVERIFY2(q->height() >= 88, qPrintable(QString::number(q->height())));
        QVERIFY2(q->width() >= 88, qPrintable(QString::number(q->width())));
        QVERIFY(typeKeys(ui.window, QStringLiteral("zhang")));
        QTRY_VERIFY(candidates(ui.window).size() > 3);
        QCOMPARE(candidates(ui.window).constFirst(), QStringLiteral("张"));
        QTRY_VERIFY(candidateBarSettled(ui.window));
        QQuickItem *view = candidateView(ui.window);
        QVERIFY(view->isVisible());
        QVERIFY2(view->height() >= 56, qPrintable(QString::number(view->height())));
        QQuickItem *first = nullptr;
        QMetaObject::invokeMethod(view, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, first), Q_ARG(int, 0));
        QVERIFY(first);
        bool fontChecked = false;
        for (QQuickItem *child : first->childItems()) {
            const QVariant font = child->property("font");
            if (font.isValid()) {
                QVERIFY2(font.value<QFont>().pixelSize() >= 32, qPrintable(QString::number(font.value<QFont>().pixelSize())));
                fontChecked = true;
            }
        }
        QVERIFY(fontChecked);
        screenshot(ui.window, QStringLiteral("report-pinyin-%1.png").arg(suffix));
        QVERIFY(tapCandidate(ui.window, QStringLiteral("张")));
        QTRY_COMPARE(fieldText(ui.window, "nameField"), QStringLiteral("张"));
        QVERIFY(typeKeys(ui.window, QStringLiteral("ming")));
        QTRY_VERIFY(candidates(ui.window).contains(QStringLiteral("明")));
        QTRY_VERIFY(candidateBarSettled(ui.window));
        QVERIFY(tapCandidate(ui.window, QStringLiteral("明")));
        QTRY_COMPARE(fieldText(ui.window, "nameField"), QStringLiteral("张明"));

        // Phone: a number-only field shows the digits keypad (no letters).
        tap(ui.window, findItem(ui.window, QStringLiteral("phoneField")));
        QTRY_VERIFY(key(ui.window, QStringLiteral("5")));
        QVERIFY(!key(ui.window, QStringLiteral("q")));
        QVERIFY(typeKeys(ui.window, QStringLiteral("1380013800"))); // one digit short
        QTRY_COMPARE(fieldText(ui.window, "phoneField"), QStringLiteral("1380013800"));

        // Home organisation by pinyin initials: the list narrows while the pinyin is composed.
        tap(ui.window, findItem(ui.window, QStringLiteral("organisationField")));
        QTRY_VERIFY(key(ui.window, QStringLiteral("q")));
        QVERIFY(typeKeys(ui.window, QStringLiteral("hnscsx")));
        QTRY_COMPARE(ui.services().report().organisations(), QStringList{QStringLiteral("湖南省长沙县江背镇党委")});
        QTRY_VERIFY(candidateBarSettled(ui.window));
        screenshot(ui.window, QStringLiteral("report-organisation-%1.png").arg(suffix));
        tap(ui.window, findItem(ui.window, QStringLiteral("organisationChoice0")));
        QTRY_COMPARE(fieldText(ui.window, "organisationField"), QStringLiteral("湖南省长沙县江背镇党委"));

        // Submit: a bad phone number and no consent, both said in Chinese next to the fields.
        tapInForm(ui.window, QStringLiteral("submitButton"));
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("phoneError"))->isVisible());
        QCOMPARE(findItem(ui.window, QStringLiteral("phoneError"))->property("text").toString(),
                 QStringLiteral("手机号码应为 1 开头的 11 位数字"));
        QCOMPARE(findItem(ui.window, QStringLiteral("consentError"))->property("text").toString(),
                 QStringLiteral("请阅读说明并勾选同意后再提交"));
        QVERIFY(!findItem(ui.window, QStringLiteral("nameError"))->isVisible());
        QCOMPARE(ui.services().report().result().value(QStringLiteral("outcome")), QVariant());
        screenshot(ui.window, QStringLiteral("report-validation-%1.png").arg(suffix));

        // Fix both and submit again.
        tapInForm(ui.window, QStringLiteral("phoneField"));
        QTRY_VERIFY(key(ui.window, QStringLiteral("0")));
        QVERIFY(typeKeys(ui.window, QStringLiteral("0")));
        QTRY_COMPARE(fieldText(ui.window, "phoneField"), QStringLiteral("13800138000"));
        tapInForm(ui.window, QStringLiteral("consentArea"));
        tapInForm(ui.window, QStringLiteral("submitButton"));
        QTRY_COMPARE(ui.services().report().result().value(QStringLiteral("reported")).toBool(), true);
        QTRY_VERIFY(findItem(ui.window, QStringLiteral("reportResult"))->isVisible());
        QVERIFY(ui.services().session().property("active").toBool());

        ui.services().storage().stop();
        Database db(c.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'flowing_report_in' AND "
                                          "json_extract(payload, '$.name') = '张明' AND "
                                          "json_extract(payload, '$.phone') = '13800138000'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY_NO_QML_WARNINGS();
    }
};

// The Pinyin keyboard's environment, before QTEST_MAIN creates the application.
static const int s_keyboard = (KioskKeyboard::prepareEnvironment(), 0);

QTEST_MAIN(TestReportPage)
#include "tst_reportpage.moc"
