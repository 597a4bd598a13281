#pragma once
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class Clock;
class StorageThread;
struct StaffStatistics;

// The staff 统计 page's data (issue 19): StaffStatistics loaded on the storage thread, laid out
// as the series the page's Qt Charts bind to (a label list and a value list per series).
class StatsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StatsController belongs to the AdminController")

    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QStringList dayLabels READ dayLabels NOTIFY changed)
    Q_PROPERTY(QVariantList localPerDay READ localPerDay NOTIFY changed)
    Q_PROPERTY(QVariantList flowingPerDay READ flowingPerDay NOTIFY changed)
    Q_PROPERTY(int dayMaximum READ dayMaximum NOTIFY changed)
    Q_PROPERTY(int checkinTotal READ checkinTotal NOTIFY changed)
    Q_PROPERTY(QString dayRange READ dayRange NOTIFY changed)
    Q_PROPERTY(int rosterMembers READ rosterMembers NOTIFY changed)
    Q_PROPERTY(int studyDone READ studyDone NOTIFY changed)
    Q_PROPERTY(int studyStarted READ studyStarted NOTIFY changed)
    Q_PROPERTY(int studyNone READ studyNone NOTIFY changed)
    Q_PROPERTY(double studyTarget READ studyTarget NOTIFY changed)
    Q_PROPERTY(int year READ year NOTIFY changed)
    Q_PROPERTY(QString quarter READ quarter NOTIFY changed)
    Q_PROPERTY(QStringList meetingKinds READ meetingKinds CONSTANT)
    Q_PROPERTY(QStringList organisations READ organisations NOTIFY changed)
    // Sessions held, per kind (meetingKinds' order) and organisation (organisations' order).
    Q_PROPERTY(QVariantList partyCongress READ partyCongress NOTIFY changed)
    Q_PROPERTY(QVariantList committee READ committee NOTIFY changed)
    Q_PROPERTY(QVariantList groupMeeting READ groupMeeting NOTIFY changed)
    Q_PROPERTY(QVariantList partyLecture READ partyLecture NOTIFY changed)
    Q_PROPERTY(int meetingMaximum READ meetingMaximum NOTIFY changed)

public:
    enum class State { Loading, Ready, Failed };
    Q_ENUM(State)

    StatsController(StorageThread &storage, const Clock &clock, QObject *parent = nullptr);
    ~StatsController() override;

    State state() const { return m_state; }
    QStringList dayLabels() const { return m_dayLabels; }
    QVariantList localPerDay() const { return m_local; }
    QVariantList flowingPerDay() const { return m_flowing; }
    int dayMaximum() const { return m_dayMaximum; }
    int checkinTotal() const { return m_checkinTotal; }
    QString dayRange() const { return m_dayRange; }
    int rosterMembers() const { return m_rosterMembers; }
    int studyDone() const { return m_studyDone; }
    int studyStarted() const { return m_studyStarted; }
    int studyNone() const { return m_studyNone; }
    double studyTarget() const { return m_studyTarget; }
    int year() const { return m_year; }
    QString quarter() const { return m_quarter; }
    QStringList meetingKinds() const;
    QStringList organisations() const { return m_organisations; }
    QVariantList partyCongress() const { return m_held[0]; }
    QVariantList committee() const { return m_held[1]; }
    QVariantList groupMeeting() const { return m_held[2]; }
    QVariantList partyLecture() const { return m_held[3]; }
    int meetingMaximum() const { return m_meetingMaximum; }

    // Reloads on the storage thread; `changed` follows.
    Q_INVOKABLE void refresh();
    // What refresh() does with the loaded numbers (tests feed it directly).
    void apply(const StaffStatistics &s);

signals:
    void changed();

private:
    StorageThread &m_storage;
    const Clock &m_clock;
    State m_state = State::Loading;
    QStringList m_dayLabels;
    QVariantList m_local; // numbers: what a Qt Charts BarSet's values take
    QVariantList m_flowing;
    int m_dayMaximum = 0;
    int m_checkinTotal = 0;
    QString m_dayRange;
    int m_rosterMembers = 0;
    int m_studyDone = 0;
    int m_studyStarted = 0;
    int m_studyNone = 0;
    double m_studyTarget = 0;
    int m_year = 0;
    QString m_quarter;
    QStringList m_organisations;
    QVariantList m_held[4];
    int m_meetingMaximum = 0;
};
