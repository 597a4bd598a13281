#include "database.h"
#include "quizstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Quiz records on a real SQLite file: an attempt, its answers and the 错题本 changes are written
// with one outbox row in one transaction (or not at all), and the member's history answers the
// questions the kiosk asks (wrong book, recently seen, best streak).
class TestQuizStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    int m_attempts = 0;
    const QDateTime m_t0{QDate(2026, 7, 1), QTime(9, 30)};

    std::unique_ptr<Database> open()
    {
        auto db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("q%1.sqlite").arg(++m_n)));
        if (!db->open())
            qFatal("database: %s", qPrintable(db->errorString()));
        return db;
    }

    QuizAttemptRecord attempt(QuizMode mode, const QList<std::pair<QString, bool>> &answers, const QString &member = QStringLiteral("m1"))
    {
        QuizAttemptRecord a;
        a.issuer = QStringLiteral("street-1");
        a.memberId = member;
        a.name = QStringLiteral("张三明");
        a.mode = mode;
        a.paperId = mode == QuizMode::Test ? QStringLiteral("zonghe") : QString();
        a.banks = {QStringLiteral("b@1")};
        for (const auto &[key, right] : answers) {
            a.answers.append({key, {right ? 0 : 1}, right});
            a.score.correct += right ? 1 : 0;
        }
        a.score.answered = a.score.total = int(answers.size());
        a.score.score = a.score.total ? 100 * a.score.correct / a.score.total : 0;
        a.started = m_t0;
        a.finished = m_t0.addSecs(120 + 60 * ++m_attempts); // each attempt later than the one before
        return a;
    }

    static int count(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void attemptAnswersAndOutboxInOneRecord()
    {
        auto db = open();
        QuizStore store(*db, QStringLiteral("c1"), QStringLiteral("k1"));
        QuizAttemptRecord a = attempt(QuizMode::Test, {{QStringLiteral("b/q1"), true}, {QStringLiteral("b/q2"), false}});
        a.score.passMark = 80;
        QString error;
        const QString id = store.recordAttempt(a, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM quiz_attempts")), 1);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM quiz_answers")), 2);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'quiz_attempt'")), 1);

        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT record_id, payload, local_date FROM outbox")) && q.next());
        QCOMPARE(q.value(0).toString(), id);
        QCOMPARE(q.value(2).toString(), QStringLiteral("2026-07-01"));
        const QJsonObject p = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        QCOMPARE(p.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(p.value(QStringLiteral("member_id")).toString(), QStringLiteral("m1"));
        QCOMPARE(p.value(QStringLiteral("mode")).toString(), QStringLiteral("test"));
        QCOMPARE(p.value(QStringLiteral("paper_id")).toString(), QStringLiteral("zonghe"));
        QCOMPARE(p.value(QStringLiteral("score")).toInt(), 50);
        QCOMPARE(p.value(QStringLiteral("pass_mark")).toInt(), 80);
        QCOMPARE(p.value(QStringLiteral("centre_id")).toString(), QStringLiteral("c1"));
        QCOMPARE(p.value(QStringLiteral("kiosk_id")).toString(), QStringLiteral("k1"));
        QCOMPARE(p.value(QStringLiteral("local_date")).toString(), QStringLiteral("2026-07-01"));
        QVERIFY(p.value(QStringLiteral("finished_utc")).toString().endsWith(u'Z'));
        const QJsonArray answers = p.value(QStringLiteral("answers")).toArray();
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers.at(1).toObject().value(QStringLiteral("question")).toString(), QStringLiteral("b/q2"));
        QCOMPARE(answers.at(1).toObject().value(QStringLiteral("correct")).toBool(), false);
        // The wrong answer is in the member's 错题本, in the same commit.
        const QList<WrongBookEntry> book = store.wrongBook(QStringLiteral("street-1"), QStringLiteral("m1"));
        QCOMPARE(book.size(), 1);
        QCOMPARE(book.constFirst(), (WrongBookEntry{QStringLiteral("b/q2"), 0, 1}));
    }

    void nothingIsWrittenWhenTheOutboxRefuses()
    {
        auto db = open();
        QSqlQuery t(db->connection());
        QVERIFY(t.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        QuizStore store(*db, QStringLiteral("c1"), QStringLiteral("k1"));
        QString error;
        QVERIFY(store.recordAttempt(attempt(QuizMode::Daily, {{QStringLiteral("b/q1"), false}}), &error).isEmpty());
        QVERIFY(!error.isEmpty());
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM quiz_attempts")), 0);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM quiz_answers")), 0);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM quiz_wrongbook")), 0);
    }

    void wrongBookLeavesAfterTwoRightAnswers()
    {
        auto db = open();
        QuizStore store(*db, QStringLiteral("c1"), QStringLiteral("k1"));
        const QString issuer = QStringLiteral("street-1");
        QVERIFY(!store.recordAttempt(attempt(QuizMode::Daily, {{QStringLiteral("b/q1"), false}, {QStringLiteral("b/q2"), false}})).isEmpty());
        QCOMPARE(store.wrongBook(issuer, QStringLiteral("m1")).size(), 2);
        QVERIFY(store.wrongBook(issuer, QStringLiteral("m2")).isEmpty()); // one member's book is theirs alone
        QVERIFY(!store.recordAttempt(attempt(QuizMode::WrongBook, {{QStringLiteral("b/q1"), true}, {QStringLiteral("b/q2"), true}})).isEmpty());
        QCOMPARE(store.wrongBook(issuer, QStringLiteral("m1")).size(), 2);
        QCOMPARE(store.wrongBook(issuer, QStringLiteral("m1")).constFirst().rightStreak, 1);
        QVERIFY(!store.recordAttempt(attempt(QuizMode::WrongBook, {{QStringLiteral("b/q1"), true}, {QStringLiteral("b/q2"), false}})).isEmpty());
        const QList<WrongBookEntry> book = store.wrongBook(issuer, QStringLiteral("m1"));
        QCOMPARE(book.size(), 1);
        QCOMPARE(book.constFirst(), (WrongBookEntry{QStringLiteral("b/q2"), 0, 2}));
    }

    void recentlySeenAndBestStreak()
    {
        auto db = open();
        QuizStore store(*db, QStringLiteral("c1"), QStringLiteral("k1"));
        const QString issuer = QStringLiteral("street-1");
        QVERIFY(!store.recordAttempt(attempt(QuizMode::Challenge, {{QStringLiteral("b/q1"), true}, {QStringLiteral("b/q2"), true},
                                                                  {QStringLiteral("b/q3"), false}})).isEmpty());
        QVERIFY(!store.recordAttempt(attempt(QuizMode::Challenge, {{QStringLiteral("b/q4"), true}, {QStringLiteral("b/q5"), false}})).isEmpty());
        QVERIFY(!store.recordAttempt(attempt(QuizMode::Daily, {{QStringLiteral("b/q6"), true}, {QStringLiteral("b/q7"), true},
                                                              {QStringLiteral("b/q8"), true}})).isEmpty());
        QCOMPARE(store.bestStreak(issuer, QStringLiteral("m1")), 2); // daily answers are no challenge
        QCOMPARE(store.bestStreak(issuer, QStringLiteral("m2")), 0);
        const QSet<QString> all = store.recentlySeen(issuer, QStringLiteral("m1"));
        QCOMPARE(all.size(), 8);
        // The most recent answers first: the last attempt's three.
        QCOMPARE(store.recentlySeen(issuer, QStringLiteral("m1"), 3),
                 (QSet<QString>{QStringLiteral("b/q6"), QStringLiteral("b/q7"), QStringLiteral("b/q8")}));
    }
};

QTEST_GUILESS_MAIN(TestQuizStore)
#include "tst_quizstore.moc"
