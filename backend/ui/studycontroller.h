#pragma once
#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "studylistmodel.h"
#include "studystore.h"

class Clock;
class MemberSession;
class StorageThread;

// 我的学习 (issue 22): the recognised member's own figures for this year, read on the storage
// thread when the page opens, and cleared the moment the visit ends, so the next person at the
// screen sees nothing of them.
class StudyController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StudyController is created by the application")
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(int year READ year NOTIFY changed)
    Q_PROPERTY(QString hoursText READ hoursText NOTIFY changed)
    Q_PROPERTY(int targetHours READ targetHours CONSTANT)
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    Q_PROPERTY(int videosCompleted READ videosCompleted NOTIFY changed)
    Q_PROPERTY(int quizAttempts READ quizAttempts NOTIFY changed)
    Q_PROPERTY(QString bestTestText READ bestTestText NOTIFY changed)
    Q_PROPERTY(QString bestDailyText READ bestDailyText NOTIFY changed)
    Q_PROPERTY(int bestStreak READ bestStreak NOTIFY changed)
    Q_PROPERTY(int wrongBook READ wrongBook NOTIFY changed)
    Q_PROPERTY(int checkinsThisYear READ checkinsThisYear NOTIFY changed)
    Q_PROPERTY(StudyListModel *lastCheckins READ lastCheckins CONSTANT)
    Q_PROPERTY(StudyListModel *upcoming READ upcoming CONSTANT)
public:
    enum class State { Empty, Loading, Ready, Failed };
    Q_ENUM(State)

    StudyController(int targetHours, const Clock &clock, StorageThread &storage, MemberSession *session,
                    QObject *parent = nullptr);

    State state() const { return m_state; }
    int year() const { return m_summary.year; }
    QString hoursText() const;
    int targetHours() const { return m_targetHours; }
    double progress() const;
    int videosCompleted() const { return m_summary.videosCompleted; }
    int quizAttempts() const { return m_summary.quizAttempts; }
    QString bestTestText() const { return scoreText(m_summary.bestTestScore); }
    QString bestDailyText() const { return scoreText(m_summary.bestDailyScore); }
    int bestStreak() const { return m_summary.bestStreak; }
    int wrongBook() const { return m_summary.wrongBook; }
    int checkinsThisYear() const { return m_summary.checkinsThisYear; }
    StudyListModel *lastCheckins() { return &m_lastCheckins; }
    StudyListModel *upcoming() { return &m_upcoming; }

    // Reads the figures of the member at the screen (nothing without one).
    Q_INVOKABLE void refresh();
    // Forgets everything shown (the visit ended).
    void clear();

    // Words for the screen, here so they are tested without QML.
    static QString scoreText(int score);
    static QList<StudyListModel::Row> checkinRows(const QList<StudyCheckin> &checkins);
    static QList<StudyListModel::Row> registrationRows(const QList<StudyRegistration> &registrations);

signals:
    void changed();

private:
    void apply(const StudySummary &s);

    int m_targetHours;
    const Clock &m_clock;
    StorageThread &m_storage;
    QPointer<MemberSession> m_session;
    State m_state = State::Empty;
    StudySummary m_summary;
    StudyListModel m_lastCheckins;
    StudyListModel m_upcoming;
    int m_generation = 0; // a result for an earlier visit is dropped
};
