#include "kioskservices.h"

#include "admincontroller.h"
#include "announcementmodel.h"
#include "checkincontroller.h"
#include "eventscontroller.h"
#include "feedbacksounds.h"
#include "kiosk.h"
#include "kioskkey.h"
#include "membersession.h"
#include "quizcontroller.h"
#include "receiptcontroller.h"
#include "reportcontroller.h"
#include "scansource.h"
#include "storagethread.h"
#include "studycontroller.h"
#include "logging.h"
#include "syncmonitor.h"
#include "syncservice.h"
#include "videolibrarymodel.h"
#include "videomanifest.h"
#include "videoplayercontroller.h"

#include <QDir>
#include <QFileInfo>

namespace {

SyncSettings syncSettingsFor(const KioskConfig &config)
{
    SyncSettings s;
    s.shareRoot = config.sharePath;
    s.shareId = config.shareId;
    s.centreId = config.centreId;
    s.kioskId = config.kioskId;
    s.contentDir = config.contentDir;
    s.trustedIssuersDir = config.trustedIssuersDir;
    s.contentIssuers = {config.issuerId};
    s.version = QStringLiteral(KIOSK_VERSION);
    return s;
}

// The office's library (content/videos/videos.json, design.md §5) once one has been distributed;
// until then the videos installed with the kiosk (media_dir).
QString videoLibraryDir(const KioskConfig &config)
{
    const QString distributed = QDir(config.contentDir).filePath(QStringLiteral("videos"));
    return QFileInfo::exists(QDir(distributed).filePath(QStringLiteral("videos.json"))) ? distributed
                                                                                         : config.mediaDir;
}

} // namespace

KioskServices::KioskServices(const KioskConfig &config, const Clock &clock, const Clock &syncClock,
                             const KioskServicesOptions &options)
    : m_config(config)
{
    m_storage = std::make_unique<StorageThread>(m_config.databasePath());
    m_session = std::make_unique<MemberSession>();
    m_checkin = std::make_unique<CheckinController>(m_config, clock, *m_storage, m_session.get());
    // videos.json is small: read here, before the window exists, and again for each new distribution.
    m_videoLibrary = std::make_unique<VideoLibraryModel>(VideoManifest::load(videoLibraryDir(m_config)), m_storage.get(),
                                                         m_session.get());
    m_videoPlayer = std::make_unique<VideoPlayerController>(VideoStoreSettings{m_config.centreId, m_config.kioskId},
                                                            clock, *m_storage, m_session.get(),
                                                            m_videoLibrary.get(), options.playAudio);
    m_quiz = std::make_unique<QuizController>(m_config, clock, *m_storage, m_session.get());
    m_report = std::make_unique<ReportController>(m_config, clock, *m_storage, m_session.get());
    m_events = std::make_unique<EventsController>(m_config, clock, *m_storage, m_session.get());
    m_study = std::make_unique<StudyController>(m_config.studyYearlyHours, clock, *m_storage, m_session.get());
    // The kiosk's own key for attendance receipts (issue 12), created on the first start. Without
    // it the kiosk works on; receipts say they are unavailable and the log says why.
    QString keyError;
    const std::optional<KioskKey> receiptKey =
            KioskKey::loadOrCreate(m_config.dataDir, m_config.centreId, m_config.kioskId, &keyError);
    if (!receiptKey)
        qCCritical(lcUi).noquote() << "no receipt key, receipts unavailable:" << keyError;
    m_receipts = std::make_unique<ReceiptController>(
            clock, *m_storage, m_session.get(), ReceiptSettings{m_config.centreId, m_config.centreName, m_config.kioskId},
            receiptKey, keyError);
    m_scanSource = std::make_unique<ScanSource>(options.scanFile.isEmpty() ? m_config.cameraFile : options.scanFile,
                                                m_config.cameraDevice);
    m_sounds = std::make_unique<FeedbackSounds>(
        options.soundsDir.isEmpty() ? QDir(m_config.dataDir).filePath(QStringLiteral("sounds")) : options.soundsDir,
        options.voiceDir);
    m_sounds->ensure(); // a read-only data folder only makes the kiosk silent

    // Records out and signed content in, on the sync's own thread (design.md §5); started only by
    // startSync(), so screenshots and page tests neither depend on nor write to a share.
    SyncSettings syncSettings = syncSettingsFor(m_config);
    if (receiptKey)
        syncSettings.kioskPublicKey = receiptKey->publicKeyBase64(); // status/<centre>/<kiosk>.pub
    m_syncService = std::make_unique<SyncService>(syncSettings, m_config.databasePath(), m_config.syncIntervalSeconds,
                                                  syncClock);
    m_syncMonitor = std::make_unique<SyncMonitor>(m_syncService.get());
    // The staff screen (issue 9): PIN, today's figures, events, sync, exports, 退出终端.
    AdminSettings admin{m_config.adminPinHash, m_config.centreId, m_config.kioskId, m_config.databasePath(),
                        m_config.sharePath, m_config.shareId};
    admin.contentDir = m_config.contentDir;
    admin.trustedIssuersDir = m_config.trustedIssuersDir;
    admin.centreName = m_config.centreName;
    admin.timeZone = m_config.centreTimeZone;
    m_admin = std::make_unique<AdminController>(*m_storage, clock, admin, m_syncMonitor.get());
    // The attract screen's announcements and 先进典型 stories (issue 10).
    m_announcements = std::make_unique<AnnouncementModel>(
        QDir(m_config.contentDir).filePath(QStringLiteral("announcements")), clock);
    wireContentReloads();

    m_kiosk = std::make_unique<Kiosk>(m_config, clock, options.demo);
    m_kiosk->setServices(m_checkin.get(), m_scanSource.get(), m_session.get());
    m_kiosk->setQuiz(m_quiz.get());
    m_kiosk->setReport(m_report.get());
    m_kiosk->setEvents(m_events.get());
    m_kiosk->setReceipts(m_receipts.get());
    m_kiosk->setStudy(m_study.get());
    m_kiosk->setVideos(m_videoLibrary.get(), m_videoPlayer.get());
    m_kiosk->setSounds(m_sounds->okUrl(), m_sounds->failUrl());
    m_kiosk->setVoices(m_sounds->voiceUrl(QStringLiteral("ok")), m_sounds->voiceUrl(QStringLiteral("fail")),
                       m_sounds->voiceUrl(QStringLiteral("aim")));
    m_kiosk->setAnnouncements(m_announcements.get());
    m_kiosk->setSync(m_syncMonitor.get());
    m_kiosk->setAdmin(m_admin.get());
    QObject::connect(m_admin.get(), &AdminController::exitRequested, m_kiosk.get(), &Kiosk::requestExit);
    if (options.idleTimeoutMs >= 0)
        m_kiosk->setIdleTimeoutMs(options.idleTimeoutMs);
}

KioskServices::~KioskServices()
{
    stop();
}

void KioskServices::wireContentReloads()
{
    // A new distribution may bring changed or cancelled events and new question banks.
    QObject::connect(m_syncService.get(), &SyncService::contentUpdated, m_events.get(), &EventsController::reload);
    QObject::connect(m_syncService.get(), &SyncService::contentUpdated, m_quiz.get(), &QuizController::reload);
    // ...and other videos: read on the storage thread (the files are checked on disk).
    QObject::connect(m_syncService.get(), &SyncService::contentUpdated, m_videoLibrary.get(), [this] {
        const QString dir = videoLibraryDir(m_config);
        m_storage->call<VideoManifestResult>(
            m_videoLibrary.get(), [dir](Database *) { return VideoManifest::load(dir); },
            [library = m_videoLibrary.get()](const VideoManifestResult &manifest) { library->setManifest(manifest); });
    });
    // ...and a new member list or revoked codes: in force before the next scan is decided.
    QObject::connect(m_syncService.get(), &SyncService::contentUpdated, m_checkin.get(),
                     &CheckinController::reloadContent);
    m_checkin->reloadContent();
    QObject::connect(m_syncService.get(), &SyncService::contentUpdated, m_announcements.get(),
                     &AnnouncementModel::reload);
}

void KioskServices::startSync(int firstDelayMs)
{
    m_syncService->start(firstDelayMs);
}

void KioskServices::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_videoPlayer->close(); // saves the member's watching progress through the storage thread
    m_syncService->stop(); // cancels a run between batches or chunks, before the objects it reports to go
    m_storage->stop();     // before the controllers that receive its results are destroyed
}
