#include "clock.h"
#include "database.h"
#include "itemfinder.h"
#include "kiosk.h"
#include "kioskconfig.h"
#include "kioskharness.h"
#include "layoutcheck.h"
#include "membersession.h"
#include "qmlwarningguard.h"
#include "studycontroller.h"

#include <QDir>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 我的学习 (issue 22), offscreen: a recognised member's figures from the database, laid out
// without overlap at 1920x1080, 1280x720 and 1080x1920, and gone when the visit ends. Set
// STUDY_SHOTS_DIR to keep the pictures.
class TestMyStudyPage : public QObject
{
    Q_OBJECT

    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(9, 30))};
    QTemporaryDir m_dir;
    int m_n = 0;

    static bool seed(const KioskConfig &c, const QDateTime &now)
    {
        Database db(c.databasePath());
        if (!db.open())
            return false;
        QSqlQuery q(db.connection());
        const auto iso = [](const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); };
        const auto day = [](const QDateTime &t) { return t.toLocalTime().date().toString(Qt::ISODate); };
        bool ok = true;
        for (int i = 0; i < 3; ++i) {
            ok &= q.exec(QStringLiteral("INSERT INTO video_credits(id, issuer, member_id, name, video_id, title, credit, "
                                        "watched_ms, duration_ms, centre_id, kiosk_id, credited_utc, local_date) VALUES("
                                        "'v%1', 'street-1', 'XF0001', '张三明', 'video%1', '视频', 1.5, 1, 1, 'c1', 'k1', '%2', '%3')")
                             .arg(i).arg(iso(now.addDays(-i)), day(now.addDays(-i))));
        }
        const struct { const char *mode; int score; int correct; } attempts[] = {
            {"test", 85, 17}, {"test", 90, 18}, {"daily", 80, 4}, {"challenge", 0, 6}};
        int n = 0;
        for (const auto &a : attempts) {
            ok &= q.exec(QStringLiteral("INSERT INTO quiz_attempts(id, issuer, member_id, mode, banks, total, answered, "
                                        "correct, score, pass_mark, passed, timed_out, started_utc, finished_utc, local_date, "
                                        "centre_id, kiosk_id) VALUES('a%1', 'street-1', 'XF0001', '%2', 'b@1', 20, 20, %3, %4, "
                                        "80, 1, 0, '%5', '%5', '%6', 'c1', 'k1')")
                             .arg(++n).arg(QString::fromLatin1(a.mode)).arg(a.correct).arg(a.score).arg(iso(now), day(now)));
        }
        for (int i = 0; i < 4; ++i)
            ok &= q.exec(QStringLiteral("INSERT INTO quiz_wrongbook(issuer, member_id, question_key, updated_utc) "
                                        "VALUES('street-1', 'XF0001', 'dangzhang-dangui/dz-%1', '')").arg(i));
        const QStringList titles = {QStringLiteral("七月主题党日：重温入党誓词"), QStringLiteral("专题党课：学习新修订的纪律处分条例"),
                                    QStringLiteral("志愿服务：社区环境整治")};
        for (int i = 0; i < titles.size(); ++i) {
            const QDateTime start = now.addDays(3 + 7 * i);
            ok &= q.exec(QStringLiteral("INSERT INTO events(id, title, kind, start_utc, end_utc, place, source) "
                                        "VALUES('e%1', '%2', '主题党日', '%3', '%4', '三楼党员活动室', 'kiosk')")
                             .arg(i).arg(titles.at(i), iso(start), iso(start.addSecs(7200))));
            ok &= q.exec(QStringLiteral("INSERT INTO registrations(id, event_id, issuer, member_id, name, organisation, kind, "
                                        "status, created_utc, local_date, updated_utc, centre_id, kiosk_id) VALUES('r%1', 'e%1', "
                                        "'street-1', 'XF0001', '张三明', '一支部', 'member', '%2', '', '', '', 'c1', 'k1')")
                             .arg(i).arg(i == 2 ? QStringLiteral("waitlisted") : QStringLiteral("registered")));
        }
        for (int i = 0; i < 8; ++i) {
            const QDateTime t = now.addDays(-11 * i);
            ok &= q.exec(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, "
                                        "centre_id, kiosk_id, checked_utc, local_date) VALUES('c%1', 'street-1', 'XF0001', "
                                        "'张三明', '一支部', 'member', 'qr', 'c1', 'k1', '%2', '%3')")
                             .arg(i).arg(iso(t), day(t)));
        }
        return ok;
    }

    void checkScreen(KioskHarness &ui, const QString &shot)
    {
        QQuickItem *figures = findItem(ui.window, QStringLiteral("studyFigures"));
        QVERIFY(figures);
        QTRY_VERIFY(figures->isVisible() && figures->height() > 0);
        // The page has finished sliding in over the home screen.
        QTRY_VERIFY([&] {
            QQuickItem *home = findItem(ui.window, QStringLiteral("home"));
            return !home || !home->isVisible();
        }());
        QTest::qWait(50); // one more frame for the layouts to settle
        const QStringList problems = LayoutCheck::problems(ui.window, shot);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // No scrolling: every named part of the page lies inside the window.
        for (const char *name : {"studyHours", "studyFigures", "studyCheckins", "studyUpcoming", "studyBackButton"}) {
            QQuickItem *item = findItem(ui.window, QString::fromLatin1(name));
            QVERIFY2(item && item->isVisible(), name);
            const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
            QVERIFY2(QRectF(0, 0, ui.window->width(), ui.window->height()).contains(r),
                     qPrintable(shot + u' ' + QString::fromLatin1(name)));
        }
        if (const QString dir = qEnvironmentVariable("STUDY_SHOTS_DIR"); !dir.isEmpty())
            ui.window->grabWindow().save(dir + QStringLiteral("/study-%1.png").arg(shot));
    }

private slots:
    void showsTheMembersYearAndForgetsIt_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("size");
        QTest::newRow("1920x1080") << int(KioskConfig::Orientation::Landscape) << QSize(1920, 1080);
        QTest::newRow("1280x720") << int(KioskConfig::Orientation::Landscape) << QSize(1280, 720);
        QTest::newRow("1080x1920") << int(KioskConfig::Orientation::Portrait) << QSize(1080, 1920);
    }
    void showsTheMembersYearAndForgetsIt()
    {
        QFETCH(int, orientation);
        QFETCH(QSize, size);
        KioskConfig c = KioskHarness::config(m_dir.path(), KioskConfig::Orientation(orientation),
                                             QStringLiteral("data%1").arg(++m_n));
        QVERIFY(QDir().mkpath(c.dataDir));
        {
            Database db(c.databasePath());
            QVERIFY(db.open()); // creates the schema
        }
        QVERIFY(seed(c, m_clock.now()));
        KioskHarness ui(c, m_clock);
        QVERIFY(ui.window);
        ui.window->resize(size);
        QTRY_COMPARE(ui.window->size(), size);

        // A visitor (nobody recognised) is told to sign in first; no figures.
        ui.show(QStringLiteral("study"));
        QTRY_COMPARE(ui.page(), QStringLiteral("study"));
        QCOMPARE(ui.services().study().state(), StudyController::State::Empty);
        QVERIFY(!findItem(ui.window, QStringLiteral("studyFigures"))->isVisible());
        ui.show(QStringLiteral("home"));

        ui.services().session().begin(QStringLiteral("street-1"), QStringLiteral("XF0001"), QStringLiteral("张三明"),
                                      QStringLiteral("一支部"), false);
        QQuickItem *button = findItem(ui.window, QStringLiteral("myStudyButton"));
        QTRY_VERIFY(button && button->isVisible());
        ui.show(QStringLiteral("study"));
        QTRY_COMPARE(ui.services().study().state(), StudyController::State::Ready);
        StudyController &s = ui.services().study();
        QCOMPARE(s.hoursText(), QStringLiteral("4.5"));
        QCOMPARE(s.targetHours(), 32);
        QCOMPARE(s.videosCompleted(), 3);
        QCOMPARE(s.quizAttempts(), 4);
        QCOMPARE(s.bestTestText(), QStringLiteral("90 分"));
        QCOMPARE(s.wrongBook(), 4);
        QCOMPARE(s.checkinsThisYear(), 8);
        QCOMPARE(s.lastCheckins()->count(), 5);
        QCOMPARE(s.upcoming()->count(), 3);
        checkScreen(ui, QStringLiteral("%1x%2").arg(size.width()).arg(size.height()));
        QVERIFY_NO_QML_WARNINGS();

        // The visit ends: nothing of the member is left, on the page or in the controller.
        ui.services().session().end();
        QTRY_COMPARE(s.state(), StudyController::State::Empty);
        QCOMPARE(s.hoursText(), QStringLiteral("0"));
        QCOMPARE(s.lastCheckins()->count(), 0);
        QCOMPARE(s.upcoming()->count(), 0);
        QCOMPARE(s.wrongBook(), 0);
    }
};

QTEST_MAIN(TestMyStudyPage)
#include "tst_mystudypage.moc"
