#include "database.h"
#include "studystore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 我的学习's numbers (issue 22), from the tables the other features write: only this member,
// only this year where the page says “今年”, newest check-ins first, registrations to come.
class TestStudyStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_n = 0;
    const QDateTime m_now = QDateTime(QDate(2026, 7, 1), QTime(1, 30), Qt::UTC);

    void exec(const QString &sql, const QVariantList &values)
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.prepare(sql), qPrintable(sql));
        for (const QVariant &v : values)
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(sql));
    }
    QString id() { return QStringLiteral("id%1").arg(++m_n); }
    static QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }

    void credit(const QString &member, double credit, const QString &date)
    {
        exec(QStringLiteral("INSERT INTO video_credits(id, issuer, member_id, name, video_id, title, credit, watched_ms, "
                            "duration_ms, centre_id, kiosk_id, credited_utc, local_date) "
                            "VALUES(?, 'gx', ?, '张三', ?, '视频', ?, 1000, 1000, 'c', 'k', ?, ?)"),
             {id(), member, id(), credit, date + QStringLiteral("T01:00:00.000Z"), date});
    }
    void attempt(const QString &member, const QString &mode, int score, int correct, const QString &date)
    {
        exec(QStringLiteral("INSERT INTO quiz_attempts(id, issuer, member_id, mode, banks, total, answered, correct, score, "
                            "pass_mark, passed, timed_out, started_utc, finished_utc, local_date, centre_id, kiosk_id) "
                            "VALUES(?, 'gx', ?, ?, 'b@1', 20, 20, ?, ?, 80, 1, 0, ?, ?, ?, 'c', 'k')"),
             {id(), member, mode, correct, score, date, date, date});
    }
    void checkin(const QString &member, const QDateTime &when, const QVariant &event = QVariant())
    {
        exec(QStringLiteral("INSERT INTO checkins(id, issuer, member_id, name, organisation, kind, method, event_id, "
                            "centre_id, kiosk_id, checked_utc, local_date) "
                            "VALUES(?, 'gx', ?, '张三', '一支部', 'member', 'qr', ?, 'c', 'k', ?, ?)"),
             {id(), member, event, iso(when), when.toLocalTime().date().toString(Qt::ISODate)});
    }
    QString event(const QString &title, const QDateTime &start, bool cancelled = false)
    {
        const QString e = id();
        exec(QStringLiteral("INSERT INTO events(id, title, kind, start_utc, end_utc, place, cancelled) "
                            "VALUES(?, ?, '主题党日', ?, ?, '三楼会议室', ?)"),
             {e, title, iso(start), iso(start.addSecs(7200)), cancelled ? 1 : 0});
        return e;
    }
    void registration(const QString &event, const QString &member, const QString &status)
    {
        exec(QStringLiteral("INSERT INTO registrations(id, event_id, issuer, member_id, name, organisation, kind, status, "
                            "created_utc, local_date, updated_utc, centre_id, kiosk_id) "
                            "VALUES(?, ?, 'gx', ?, '张三', '一支部', 'member', ?, '', '', '', 'c', 'k')"),
             {id(), event, member, status});
    }

private slots:
    void init()
    {
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("k%1.sqlite").arg(++m_n)));
        QVERIFY2(m_db->open(), qPrintable(m_db->errorString()));
    }
    void cleanup() { m_db.reset(); }

    void emptyForANewMember()
    {
        const StudySummary s = StudyStore(*m_db).summary(QStringLiteral("gx"), QStringLiteral("m1"), 2026, m_now);
        QVERIFY(s.ok);
        QCOMPARE(s.hours, 0.0);
        QCOMPARE(s.quizAttempts, 0);
        QCOMPARE(s.bestTestScore, -1);
        QCOMPARE(s.bestDailyScore, -1);
        QVERIFY(s.lastCheckins.isEmpty());
        QVERIFY(s.upcoming.isEmpty());
    }

    void thisYearsFiguresOfThisMember()
    {
        credit(QStringLiteral("m1"), 1.5, QStringLiteral("2026-03-02"));
        credit(QStringLiteral("m1"), 2.0, QStringLiteral("2026-06-30"));
        credit(QStringLiteral("m1"), 3.0, QStringLiteral("2025-12-31")); // last year
        credit(QStringLiteral("m2"), 5.0, QStringLiteral("2026-05-01")); // someone else
        attempt(QStringLiteral("m1"), QStringLiteral("test"), 85, 17, QStringLiteral("2026-02-01"));
        attempt(QStringLiteral("m1"), QStringLiteral("test"), 70, 14, QStringLiteral("2026-04-01"));
        attempt(QStringLiteral("m1"), QStringLiteral("daily"), 100, 5, QStringLiteral("2026-04-02"));
        attempt(QStringLiteral("m1"), QStringLiteral("challenge"), 0, 7, QStringLiteral("2026-04-03"));
        attempt(QStringLiteral("m1"), QStringLiteral("test"), 100, 20, QStringLiteral("2025-11-01")); // last year
        attempt(QStringLiteral("m2"), QStringLiteral("test"), 95, 19, QStringLiteral("2026-04-01"));
        for (const char *key : {"b/q1", "b/q2", "b/q3"})
            exec(QStringLiteral("INSERT INTO quiz_wrongbook(issuer, member_id, question_key, updated_utc) VALUES('gx', 'm1', ?, '')"),
                 {QString::fromLatin1(key)});
        exec(QStringLiteral("INSERT INTO quiz_wrongbook(issuer, member_id, question_key, updated_utc) VALUES('gx', 'm2', 'b/q1', '')"), {});

        const StudySummary s = StudyStore(*m_db).summary(QStringLiteral("gx"), QStringLiteral("m1"), 2026, m_now);
        QVERIFY(s.ok);
        QCOMPARE(s.hours, 3.5);
        QCOMPARE(s.videosCompleted, 2);
        QCOMPARE(s.quizAttempts, 4);
        QCOMPARE(s.bestTestScore, 85);
        QCOMPARE(s.bestDailyScore, 100);
        QCOMPARE(s.bestStreak, 7);
        QCOMPARE(s.wrongBook, 3);
    }

    void checkinsNewestFirst()
    {
        const QString e = event(QStringLiteral("七月主题党日"), m_now.addDays(-1));
        for (int i = 0; i < 7; ++i)
            checkin(QStringLiteral("m1"), m_now.addDays(-30 * i), i == 1 ? QVariant(e) : QVariant());
        checkin(QStringLiteral("m1"), QDateTime(QDate(2025, 12, 20), QTime(2, 0), Qt::UTC));
        checkin(QStringLiteral("m2"), m_now);
        const StudySummary s = StudyStore(*m_db).summary(QStringLiteral("gx"), QStringLiteral("m1"), 2026, m_now);
        QCOMPARE(s.checkinsThisYear, 7);
        QCOMPARE(s.lastCheckins.size(), StudyStore::LastCheckins);
        QCOMPARE(s.lastCheckins.at(0).when, m_now);
        QCOMPARE(s.lastCheckins.at(1).eventTitle, QStringLiteral("七月主题党日"));
        QVERIFY(s.lastCheckins.at(2).eventTitle.isEmpty());
        QCOMPARE(s.lastCheckins.at(4).when, m_now.addDays(-120));
    }

    void registrationsToCome()
    {
        registration(event(QStringLiteral("past"), m_now.addDays(-3)), QStringLiteral("m1"), QStringLiteral("registered"));
        registration(event(QStringLiteral("later"), m_now.addDays(20)), QStringLiteral("m1"), QStringLiteral("waitlisted"));
        registration(event(QStringLiteral("soon"), m_now.addDays(2)), QStringLiteral("m1"), QStringLiteral("registered"));
        registration(event(QStringLiteral("cancelled by member"), m_now.addDays(3)), QStringLiteral("m1"), QStringLiteral("cancelled"));
        registration(event(QStringLiteral("event cancelled"), m_now.addDays(4), true), QStringLiteral("m1"), QStringLiteral("registered"));
        registration(event(QStringLiteral("someone else's"), m_now.addDays(1)), QStringLiteral("m2"), QStringLiteral("registered"));
        registration(event(QStringLiteral("now"), m_now.addSecs(-600)), QStringLiteral("m1"), QStringLiteral("registered"));
        registration(event(QStringLiteral("last"), m_now.addDays(40)), QStringLiteral("m1"), QStringLiteral("registered"));
        const StudySummary s = StudyStore(*m_db).summary(QStringLiteral("gx"), QStringLiteral("m1"), 2026, m_now);
        QCOMPARE(s.upcoming.size(), StudyStore::UpcomingMax);
        QCOMPARE(s.upcoming.at(0).title, QStringLiteral("now")); // under way: still to attend
        QCOMPARE(s.upcoming.at(1).title, QStringLiteral("soon"));
        QCOMPARE(s.upcoming.at(2).title, QStringLiteral("later"));
        QVERIFY(s.upcoming.at(2).waitlisted);
        QCOMPARE(s.upcoming.at(1).place, QStringLiteral("三楼会议室"));
    }
};

QTEST_GUILESS_MAIN(TestStudyStore)
#include "tst_studystore.moc"
