#pragma once
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "admincontroller.h"
#include "announcementmodel.h"
#include "checkincontroller.h"
#include "eventscontroller.h"
#include "kioskconfig.h"
#include "membersession.h"
#include "quizcontroller.h"
#include "receiptcontroller.h"
#include "studycontroller.h"
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
    Q_PROPERTY(AdminController *admin READ admin CONSTANT)
    Q_PROPERTY(ReceiptController *receipts READ receipts CONSTANT)
    Q_PROPERTY(StudyController *study READ study CONSTANT) // 我的学习 (issue 22)
    Q_PROPERTY(AnnouncementModel *announcements READ announcements CONSTANT)
    // 大字模式: every text ~1.4x larger for the rest of this visit (Theme.textScale follows it).
    Q_PROPERTY(bool largeType READ largeType WRITE setLargeType NOTIFY largeTypeChanged)
    Q_PROPERTY(QUrl okSound READ okSound CONSTANT)
    Q_PROPERTY(QUrl failSound READ failSound CONSTANT)
    // Mandarin voice prompts (empty when not installed) and the configured volume, 0.0..1.0.
    Q_PROPERTY(QUrl okVoice READ okVoice CONSTANT)
    Q_PROPERTY(QUrl failVoice READ failVoice CONSTANT)
    Q_PROPERTY(QUrl aimVoice READ aimVoice CONSTANT)
    Q_PROPERTY(double volume READ volume CONSTANT)

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
    AdminController *admin() const { return m_admin; }
    ReceiptController *receipts() const { return m_receipts; }
    StudyController *study() const { return m_study; }
    AnnouncementModel *announcements() const { return m_announcements; }
    bool largeType() const { return m_largeType; }
    void setLargeType(bool on);
    QUrl okSound() const { return m_okSound; }
    QUrl failSound() const { return m_failSound; }
    QUrl okVoice() const { return m_okVoice; }
    QUrl failVoice() const { return m_failVoice; }
    QUrl aimVoice() const { return m_aimVoice; }
    double volume() const { return m_config.audioVolume / 100.0; }

    // Wiring by the composition root, before QML is loaded (the properties are CONSTANT).
    void setServices(CheckinController *checkin, ScanSource *scanSource, MemberSession *session);
    void setQuiz(QuizController *quiz) { m_quiz = quiz; }
    void setEvents(EventsController *events) { m_events = events; }
    void setAdmin(AdminController *admin) { m_admin = admin; }
    void setReceipts(ReceiptController *receipts) { m_receipts = receipts; }
    void setStudy(StudyController *study) { m_study = study; }
    void setReport(ReportController *report) { m_report = report; }
    void setSounds(const QUrl &ok, const QUrl &fail);
    void setVoices(const QUrl &ok, const QUrl &fail, const QUrl &aim)
    {
        m_okVoice = ok;
        m_failVoice = fail;
        m_aimVoice = aim;
    }
    void setSync(SyncMonitor *sync) { m_sync = sync; }
    void setVideos(VideoLibraryModel *library, VideoPlayerController *player)
    {
        m_videoLibrary = library;
        m_videoPlayer = player;
    }

    void setAnnouncements(AnnouncementModel *announcements) { m_announcements = announcements; }

    // The member walked away or tapped 退出: their session and their 大字模式 end together, so
    // the next person starts from the ordinary screen.
    Q_INVOKABLE void endVisit();
    // The only way out of the kiosk (lockdown ignores close, Alt+F4, Ctrl+Q, Esc): for the staff
    // screen, after the PIN. The composition root lifts the lockdown and quits on exitApproved().
    Q_INVOKABLE void requestExit();
    bool exitRequested() const { return m_exitRequested; }

    const KioskConfig &config() const { return m_config; }
    // Tests shorten the idle timeout instead of waiting a minute.
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }

signals:
    void clockTick();
    void largeTypeChanged();
    void exitApproved();

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
    AdminController *m_admin = nullptr;
    ReceiptController *m_receipts = nullptr;
    StudyController *m_study = nullptr;
    AnnouncementModel *m_announcements = nullptr;
    bool m_largeType = false;
    bool m_exitRequested = false;
    QUrl m_okSound;
    QUrl m_failSound;
    QUrl m_okVoice;
    QUrl m_failVoice;
    QUrl m_aimVoice;
};
