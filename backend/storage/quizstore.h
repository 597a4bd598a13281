#pragma once
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "quizrun.h"
#include "quizwrongbook.h"

class Database;

// A finished paper of a checked-in member, as it is recorded.
struct QuizAttemptRecord
{
    QString issuer;
    QString memberId;
    QString name;       // for staff transcripts; never shown on screen unmasked
    QuizMode mode = QuizMode::Daily;
    QString paperId;    // the 专项测试 id, empty for the other modes
    QStringList banks;  // "id@version" of the banks the questions came from
    QuizScore score;
    QList<QuizAnswer> answers;
    QDateTime started;
    QDateTime finished;
};

// Quiz records in SQLite (design.md §4): an attempt, its answers and the 错题本 changes they cause
// are written with the attempt's outbox row in ONE transaction, so the results screen says
// "已记录" only when all of it is durable. Not thread-safe: use it on the thread that opened
// the Database (the storage thread).
class QuizStore
{
public:
    QuizStore(Database &db, QString centreId, QString kioskId);

    // Returns the attempt's record id, or an empty string (and `error`) when nothing was saved.
    QString recordAttempt(const QuizAttemptRecord &attempt, QString *error = nullptr);

    QList<WrongBookEntry> wrongBook(const QString &issuer, const QString &memberId) const;
    // Question keys in the member's last `answers` recorded answers, to be drawn less often.
    QSet<QString> recentlySeen(const QString &issuer, const QString &memberId, int answers = 100) const;
    // The longest run of right answers in the member's 挑战答题 attempts (0 if none).
    int bestStreak(const QString &issuer, const QString &memberId) const;

private:
    Database &m_db;
    QString m_centreId;
    QString m_kioskId;
};
