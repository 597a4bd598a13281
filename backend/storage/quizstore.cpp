#include "quizstore.h"
#include "database.h"
#include "logging.h"
#include "outbox.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <optional>

namespace {

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

QString givenText(const QList<int> &given)
{
    QStringList parts;
    for (int i : given)
        parts << QString::number(i);
    return parts.join(u',');
}

// Applies one answer to the member's 错题本 row, inside the attempt's transaction.
bool updateWrongBook(QSqlDatabase &db, const QuizAttemptRecord &a, const QuizAnswer &answer, const QString &utc,
                     QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT right_streak, wrong_count FROM quiz_wrongbook "
                             "WHERE issuer = ? AND member_id = ? AND question_key = ?"));
    q.addBindValue(a.issuer);
    q.addBindValue(a.memberId);
    q.addBindValue(answer.questionKey);
    if (!run(q, error))
        return false;
    std::optional<WrongBookEntry> entry;
    if (q.next())
        entry = WrongBookEntry{answer.questionKey, q.value(0).toInt(), q.value(1).toInt()};
    const QuizWrongBook::Change change = QuizWrongBook::apply(entry, answer.questionKey, answer.correct);
    QSqlQuery w(db);
    switch (change) {
    case QuizWrongBook::Change::None:
        return true;
    case QuizWrongBook::Change::Removed:
        w.prepare(QStringLiteral("DELETE FROM quiz_wrongbook WHERE issuer = ? AND member_id = ? AND question_key = ?"));
        w.addBindValue(a.issuer);
        w.addBindValue(a.memberId);
        w.addBindValue(answer.questionKey);
        return run(w, error);
    case QuizWrongBook::Change::Added:
    case QuizWrongBook::Change::Reset:
    case QuizWrongBook::Change::Counted:
        w.prepare(QStringLiteral("INSERT OR REPLACE INTO quiz_wrongbook(issuer, member_id, question_key, right_streak, "
                                 "wrong_count, updated_utc) VALUES(?, ?, ?, ?, ?, ?)"));
        w.addBindValue(a.issuer);
        w.addBindValue(a.memberId);
        w.addBindValue(answer.questionKey);
        w.addBindValue(entry->rightStreak);
        w.addBindValue(entry->wrongCount);
        w.addBindValue(utc);
        return run(w, error);
    }
    return true;
}

} // namespace

QuizStore::QuizStore(Database &db, QString centreId, QString kioskId)
    : m_db(db), m_centreId(std::move(centreId)), m_kioskId(std::move(kioskId))
{
}

QString QuizStore::recordAttempt(const QuizAttemptRecord &a, QString *error)
{
    const QString recordId = OutboxRecord::newRecordId();
    const QString startedUtc = a.started.toUTC().toString(Qt::ISODateWithMs);
    const QString finishedUtc = a.finished.toUTC().toString(Qt::ISODateWithMs);
    const QDate localDate = a.finished.toLocalTime().date();
    const QString mode = QuizRun::modeName(a.mode);
    const QuizScore &s = a.score;
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *err) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO quiz_attempts(id, issuer, member_id, mode, paper_id, banks, total, answered, "
                                 "correct, score, pass_mark, passed, timed_out, started_utc, finished_utc, local_date, "
                                 "centre_id, kiosk_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v : {QVariant(recordId), QVariant(a.issuer), QVariant(a.memberId), QVariant(mode),
                                  QVariant(a.paperId.isNull() ? QStringLiteral("") : a.paperId), QVariant(a.banks.join(u',')), QVariant(s.total),
                                  QVariant(s.answered), QVariant(s.correct), QVariant(s.score), QVariant(s.passMark),
                                  QVariant(s.passed), QVariant(s.timedOut), QVariant(startedUtc),
                                  QVariant(finishedUtc), QVariant(localDate.toString(Qt::ISODate)),
                                  QVariant(m_centreId), QVariant(m_kioskId)})
            q.addBindValue(v);
        if (!run(q, err))
            return false;
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO quiz_answers(attempt_id, position, question_key, given, correct) "
                                   "VALUES(?, ?, ?, ?, ?)"));
        QJsonArray answers;
        for (qsizetype i = 0; i < a.answers.size(); ++i) {
            const QuizAnswer &ans = a.answers.at(i);
            ins.addBindValue(recordId);
            ins.addBindValue(int(i));
            ins.addBindValue(ans.questionKey);
            ins.addBindValue(givenText(ans.given));
            ins.addBindValue(ans.correct);
            if (!run(ins, err) || !updateWrongBook(db, a, ans, finishedUtc, err))
                return false;
            answers.append(QJsonObject{{QStringLiteral("question"), ans.questionKey},
                                       {QStringLiteral("given"), givenText(ans.given)},
                                       {QStringLiteral("correct"), ans.correct}});
        }
        const QJsonObject payload{
            {QStringLiteral("id"), recordId},
            {QStringLiteral("issuer"), a.issuer},
            {QStringLiteral("member_id"), a.memberId},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("mode"), mode},
            {QStringLiteral("paper_id"), a.paperId},
            {QStringLiteral("banks"), QJsonArray::fromStringList(a.banks)},
            {QStringLiteral("total"), s.total},
            {QStringLiteral("answered"), s.answered},
            {QStringLiteral("correct"), s.correct},
            {QStringLiteral("score"), s.score},
            {QStringLiteral("pass_mark"), s.passMark},
            {QStringLiteral("passed"), s.passed},
            {QStringLiteral("timed_out"), s.timedOut},
            {QStringLiteral("answers"), answers},
            {QStringLiteral("started_utc"), startedUtc},
            {QStringLiteral("finished_utc"), finishedUtc},
            {QStringLiteral("local_date"), localDate.toString(Qt::ISODate)},
            {QStringLiteral("centre_id"), m_centreId},
            {QStringLiteral("kiosk_id"), m_kioskId},
        };
        return Outbox::append(db, {recordId, QStringLiteral("quiz_attempt"), payload, finishedUtc, localDate}, err);
    });
    if (!ok) {
        if (error)
            *error = m_db.errorString();
        qCCritical(lcStorage).noquote() << "quiz attempt not saved:" << m_db.errorString();
        return {};
    }
    qCInfo(lcStorage).noquote() << "quiz attempt" << recordId << mode << s.correct << "/" << s.total;
    return recordId;
}

QList<WrongBookEntry> QuizStore::wrongBook(const QString &issuer, const QString &memberId) const
{
    QList<WrongBookEntry> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT question_key, right_streak, wrong_count FROM quiz_wrongbook "
                             "WHERE issuer = ? AND member_id = ? ORDER BY updated_utc, question_key"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    if (!q.exec()) {
        qCWarning(lcStorage) << "wrong book not read:" << q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()});
    return out;
}

QSet<QString> QuizStore::recentlySeen(const QString &issuer, const QString &memberId, int answers) const
{
    QSet<QString> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT a.question_key FROM quiz_answers a JOIN quiz_attempts t ON t.id = a.attempt_id "
                             "WHERE t.issuer = ? AND t.member_id = ? "
                             "ORDER BY t.finished_utc DESC, t.rowid DESC, a.position DESC LIMIT ?"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    q.addBindValue(answers);
    if (!q.exec()) {
        qCWarning(lcStorage) << "recent questions not read:" << q.lastError().text();
        return out;
    }
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

int QuizStore::bestStreak(const QString &issuer, const QString &memberId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ifnull(max(correct), 0) FROM quiz_attempts "
                             "WHERE issuer = ? AND member_id = ? AND mode = 'challenge'"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toInt();
}
