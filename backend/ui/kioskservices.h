#pragma once
#include <QString>
#include <memory>

#include "kioskconfig.h"

class AdminController;
class AnnouncementModel;
class Clock;
class CheckinController;
class EventsController;
class FeedbackSounds;
class Kiosk;
class MemberSession;
class QuizController;
class ReceiptController;
class StudyController;
class ReportController;
class ScanSource;
class StorageThread;
class SyncMonitor;
class SyncService;
class VideoLibraryModel;
class VideoPlayerController;

// How this run of the kiosk differs from a production start; tests and --screenshots set these.
struct KioskServicesOptions
{
    QString scanFile;        // a video/image played as the camera; empty: the configured camera
    bool playAudio = true;   // videos with sound (false offscreen: no audio device on CI)
    bool demo = false;       // Kiosk shows its demo badge
    int idleTimeoutMs = -1;  // -1: the configured idle timeout
    QString soundsDir;       // feedback WAVs; empty: <dataDir>/sounds
    QString voiceDir;        // Mandarin voice prompts (ok/fail/aim.wav); empty: none
};

// Every service and controller of one kiosk, wired together in one place so that app/main.cpp
// and the page tests run the same composition (a controller added here reaches both).
//
// Order matters and is encoded in the members: the storage and sync threads are stopped in the
// destructor BEFORE the controllers they deliver results to are destroyed.
class KioskServices
{
public:
    // `clock` drives the member-facing services (a FixedClock for screenshots and tests);
    // `syncClock` timestamps the share's heartbeat (always the real clock in production).
    KioskServices(const KioskConfig &config, const Clock &clock, const Clock &syncClock,
                  const KioskServicesOptions &options = {});
    ~KioskServices();
    KioskServices(const KioskServices &) = delete;
    KioskServices &operator=(const KioskServices &) = delete;

    // Starts the periodic sync (not for screenshots and most tests: they must not touch a share).
    void startSync(int firstDelayMs = 2000);
    void stop(); // idempotent; the destructor calls it

    const KioskConfig &config() const { return m_config; }
    Kiosk &kiosk() { return *m_kiosk; }
    StorageThread &storage() { return *m_storage; }
    MemberSession &session() { return *m_session; }
    CheckinController &checkin() { return *m_checkin; }
    QuizController &quiz() { return *m_quiz; }
    ReportController &report() { return *m_report; }
    EventsController &events() { return *m_events; }
    ReceiptController &receipts() { return *m_receipts; }
    StudyController &study() { return *m_study; }
    ScanSource &scanSource() { return *m_scanSource; }
    VideoLibraryModel &videoLibrary() { return *m_videoLibrary; }
    VideoPlayerController &videoPlayer() { return *m_videoPlayer; }
    SyncService &syncService() { return *m_syncService; }
    SyncMonitor &syncMonitor() { return *m_syncMonitor; }
    AdminController &admin() { return *m_admin; }
    AnnouncementModel &announcements() { return *m_announcements; }

private:
    void wireContentReloads();

    const KioskConfig m_config;
    std::unique_ptr<StorageThread> m_storage;
    std::unique_ptr<MemberSession> m_session;
    std::unique_ptr<CheckinController> m_checkin;
    std::unique_ptr<VideoLibraryModel> m_videoLibrary;
    std::unique_ptr<VideoPlayerController> m_videoPlayer;
    std::unique_ptr<QuizController> m_quiz;
    std::unique_ptr<ReportController> m_report;
    std::unique_ptr<EventsController> m_events;
    std::unique_ptr<ReceiptController> m_receipts;
    std::unique_ptr<StudyController> m_study;
    std::unique_ptr<ScanSource> m_scanSource;
    std::unique_ptr<FeedbackSounds> m_sounds;
    std::unique_ptr<AnnouncementModel> m_announcements;
    std::unique_ptr<SyncService> m_syncService;
    std::unique_ptr<SyncMonitor> m_syncMonitor;
    std::unique_ptr<AdminController> m_admin; // after the sync monitor it drives
    std::unique_ptr<Kiosk> m_kiosk;
    bool m_stopped = false;
};
