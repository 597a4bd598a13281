#pragma once
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "checkincontroller.h"
#include "eventscontroller.h"
#include "kioskconfig.h"
#include "membersession.h"
#include "quizcontroller.h"
#include "reportcontroller.h"
#include "scansource.h"
#include "syncmonitor.h"
#include "videolibrarymodel.h"
#include "videoplayercontroller.h"

class CheckinController;
class Clock;
class ScanSource;

// What every page may bind to about the kiosk itself: who it is, how it is laid out, the time.
// Created by the composition root (app/main.cpp) and handed to Main.qml as a required property.
class Kiosk : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Kiosk is created by the application and passed to Main.qml")

    Q_PROPERTY(QString centreName READ centreName CONSTANT)
    Q_PROPERTY(QString centreId READ centreId CONSTANT)
    Q_PROPERTY(QString kioskId READ kioskId CONSTANT)
    Q_PROPERTY(bool portrait READ portrait CONSTANT)
    Q_PROPERTY(int idleTimeoutMs READ idleTimeoutMs CONSTANT)
    Q_PROPERTY(int resultScreenMs READ resultScreenMs CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool demo READ demo CONSTANT)
    Q_PROPERTY(QString dateText READ dateText NOTIFY clockTick)
    Q_PROPERTY(QString timeText READ timeText NOTIFY clockTick)
    Q_PROPERTY(CheckinController *checkin READ checkin CONSTANT)
    Q_PROPERTY(ScanSource *scanSource READ scanSource CONSTANT)
    Q_PROPERTY(MemberSession *session READ session CONSTANT)
    Q_PROPERTY(SyncMonitor *sync READ sync CONSTANT)
    Q_PROPERTY(VideoLibraryModel *videoLibrary READ videoLibrary CONSTANT)
    Q_PROPERTY(VideoPlayerController *videoPlayer READ videoPlayer CONSTANT)
    Q_PROPERTY(QuizController *quiz READ quiz CONSTANT)
    Q_PROPERTY(ReportController *report READ report CONSTANT)
    Q_PROPERTY(EventsController *events READ events CONSTANT)
    Q_PROPERTY(QUrl okSound READ okSound CONSTANT)
    Q_PROPERTY(QUrl failSound READ failSound CONSTANT)

public:
    Kiosk(const KioskConfig &config, const Clock &clock, bool demo, QObject *parent = nullptr);

    QString centreName() const { return m_config.centreName; }
    QString centreId() const { return m_config.centreId; }
    QString kioskId() const { return m_config.kioskId; }
    bool portrait() const { return m_config.orientation == KioskConfig::Orientation::Portrait; }
    int idleTimeoutMs() const { return m_idleTimeoutMs; }
    int resultScreenMs() const { return m_config.resultScreenSeconds * 1000; }
    QString version() const;
    bool demo() const { return m_demo; }
    QString dateText() const;
    QString timeText() const;

    CheckinController *checkin() const { return m_checkin; }
    ScanSource *scanSource() const { return m_scanSource; }
    MemberSession *session() const { return m_session; }
    SyncMonitor *sync() const { return m_sync; }
    VideoLibraryModel *videoLibrary() const { return m_videoLibrary; }
    VideoPlayerController *videoPlayer() const { return m_videoPlayer; }
    QuizController *quiz() const { return m_quiz; }
    ReportController *report() const { return m_report; }
    EventsController *events() const { return m_events; }
    QUrl okSound() const { return m_okSound; }
    QUrl failSound() const { return m_failSound; }

    // Wiring by the composition root, before QML is loaded (the properties are CONSTANT).
    void setServices(CheckinController *checkin, ScanSource *scanSource, MemberSession *session);
    void setQuiz(QuizController *quiz) { m_quiz = quiz; }
    void setEvents(EventsController *events) { m_events = events; }
    void setReport(ReportController *report) { m_report = report; }
    void setSounds(const QUrl &ok, const QUrl &fail);
    void setSync(SyncMonitor *sync) { m_sync = sync; }
    void setVideos(VideoLibraryModel *library, VideoPlayerController *player)
    {
        m_videoLibrary = library;
        m_videoPlayer = player;
    }

    const KioskConfig &config() const { return m_config; }
    // Tests shorten the idle timeout instead of waiting a minute.
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }

signals:
    void clockTick();

private:
    KioskConfig m_config;
    const Clock &m_clock;
    bool m_demo;
    int m_idleTimeoutMs;
    QTimer m_tick;
    CheckinController *m_checkin = nullptr;
    ScanSource *m_scanSource = nullptr;
    MemberSession *m_session = nullptr;
    SyncMonitor *m_sync = nullptr;
    VideoLibraryModel *m_videoLibrary = nullptr;
    VideoPlayerController *m_videoPlayer = nullptr;
    QuizController *m_quiz = nullptr;
    ReportController *m_report = nullptr;
    EventsController *m_events = nullptr;
    QUrl m_okSound;
    QUrl m_failSound;
};
