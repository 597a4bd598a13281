#pragma once
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

class Database;

// What 我的学习 shows a recognised member (issue 22): this year's 学时 (video credits), videos
// completed, quiz attempts and best scores, the 错题本's size, check-ins this year and the last
// five, and the registrations to come. Read-only; one call, on the storage thread.
struct StudyCheckin
{
    QDateTime when;    // UTC
    QString eventTitle; // empty: a check-in at the centre without an event
};

struct StudyRegistration
{
    QString title;
    QString place;
    QDateTime start; // UTC
    bool waitlisted = false;
};

struct StudySummary
{
    bool ok = false;      // false: the database could not be read (the page says so)
    int year = 0;
    double hours = 0;     // 学时 credited this year
    int videosCompleted = 0; // videos credited this year
    int quizAttempts = 0; // this year
    int bestTestScore = -1;  // best 专项测试 score this year, -1 when none
    int bestDailyScore = -1; // best 每日一练 score this year, -1 when none
    int bestStreak = 0;      // longest 挑战答题 run this year
    int wrongBook = 0;       // questions in the 错题本 now
    int checkinsThisYear = 0;
    QList<StudyCheckin> lastCheckins;        // newest first, at most 5
    QList<StudyRegistration> upcoming;       // soonest first, registered or waitlisted, not cancelled
};

class StudyStore
{
public:
    explicit StudyStore(Database &db) : m_db(db) { }

    // `year` and `now` from the kiosk's clock; `year` is the local calendar year (local_date).
    StudySummary summary(const QString &issuer, const QString &memberId, int year, const QDateTime &now) const;

    static constexpr int LastCheckins = 5;
    static constexpr int UpcomingMax = 3; // what fits on the page

private:
    Database &m_db;
};
