#pragma once
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "exporttargets.h"
#include "idlemonitor.h"
#include "statscontroller.h"
#include "todayvisitormodel.h"

class Clock;
class ExportJob;
class StorageThread;
class SyncMonitor;
struct ExportResult;

struct AdminSettings
{
    QString pinHash;       // KioskConfig::adminPinHash; empty = entry disabled
    QString centreId;
    QString kioskId;
    QString databasePath;
    QString sharePath;
    QString shareId;
    int idleTimeoutMs = 120000; // the admin session ends on its own after 2 minutes idle
    // 打印党员证: the office's signed codes (content/cards/), checked with the trusted issuers.
    QString contentDir;
    QString trustedIssuersDir;
    QString centreName;
    QString timeZone = QStringLiteral("Asia/Shanghai"); // KioskConfig::centreTimeZone: exports' times
};

// The staff screen's facade (issue 9). PIN checks (a slow Argon2id hash) and target listing run
// on worker threads, database reads and event changes on the storage thread, exports on their
// own ExportJob thread; every action is written to the audit log. QML only binds to this.
class AdminController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AdminController is created by the application")

    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY loggedInChanged)
    // No PIN configured: the staff screen says how to set one instead of showing a PIN pad.
    Q_PROPERTY(bool pinSet READ pinSet CONSTANT)
    Q_PROPERTY(TodayVisitorModel *visitors READ visitors CONSTANT)
    // The export's date range starts filled in with real dates (this month up to today).
    Q_PROPERTY(QString exportFromDefault READ exportFromDefault NOTIFY loggedInChanged)
    Q_PROPERTY(QString exportToDefault READ exportToDefault NOTIFY loggedInChanged)
    Q_PROPERTY(bool checking READ checking NOTIFY pinChanged)
    Q_PROPERTY(QString pinMessage READ pinMessage NOTIFY pinChanged)
    Q_PROPERTY(int localToday READ localToday NOTIFY todayChanged)
    Q_PROPERTY(int flowingToday READ flowingToday NOTIFY todayChanged)
    Q_PROPERTY(QVariantList eventCounts READ eventCounts NOTIFY todayChanged)
    Q_PROPERTY(QVariantList failedScans READ failedScans NOTIFY todayChanged)
    Q_PROPERTY(QVariantList events READ events NOTIFY eventsChanged)
    Q_PROPERTY(QStringList eventKinds READ eventKinds CONSTANT)
    Q_PROPERTY(QString eventMessage READ eventMessage NOTIFY eventsChanged)
    Q_PROPERTY(QVariantList targets READ targets NOTIFY targetsChanged)
    Q_PROPERTY(QStringList targetLabels READ targetLabels NOTIFY targetsChanged)
    Q_PROPERTY(QStringList exportKinds READ exportKinds CONSTANT)
    Q_PROPERTY(bool exporting READ exporting NOTIFY exportChanged)
    Q_PROPERTY(double exportProgress READ exportProgress NOTIFY exportChanged)
    Q_PROPERTY(QString exportMessage READ exportMessage NOTIFY exportChanged)
    Q_PROPERTY(bool printingCards READ printingCards NOTIFY cardsChanged)
    Q_PROPERTY(QString cardsMessage READ cardsMessage NOTIFY cardsChanged)
    Q_PROPERTY(StatsController *stats READ stats CONSTANT) // the 统计 section (issue 19)

public:
    AdminController(StorageThread &storage, const Clock &clock, AdminSettings settings, SyncMonitor *sync,
                    ExportTargets targets = ExportTargets(), QObject *parent = nullptr);
    ~AdminController() override;

    bool loggedIn() const { return m_loggedIn; }
    bool pinSet() const { return !m_settings.pinHash.isEmpty(); }
    TodayVisitorModel *visitors() { return &m_visitors; }
    QString exportFromDefault() const;
    QString exportToDefault() const;
    bool checking() const { return m_checking; }
    QString pinMessage() const { return m_pinMessage; }
    int localToday() const { return m_localToday; }
    int flowingToday() const { return m_flowingToday; }
    QVariantList eventCounts() const { return m_eventCounts; }
    QVariantList failedScans() const { return m_failedScans; }
    QVariantList events() const { return m_events; }
    QStringList eventKinds() const;
    QString eventMessage() const { return m_eventMessage; }
    QVariantList targets() const { return m_targets; }
    QStringList targetLabels() const;
    QStringList exportKinds() const;
    bool exporting() const { return m_exporting; }
    double exportProgress() const { return m_exportProgress; }
    QString exportMessage() const { return m_exportMessage; }
    bool printingCards() const { return m_printingCards; }
    QString cardsMessage() const { return m_cardsMessage; }
    StatsController *stats() const { return m_stats; }

    Q_INVOKABLE void login(const QString &pin);
    Q_INVOKABLE void logout();
    // Restarts the idle countdown (any touch anywhere does too: IdleMonitor watches all input).
    Q_INVOKABLE void touch();
    // Tests shorten the 2-minute idle timeout instead of waiting.
    void setIdleTimeoutMs(int ms) { m_idle.setTimeout(ms); }
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void refreshTargets();
    // `fields`: id (empty: new), title, kind, date (yyyy-MM-dd), start, end (HH:mm), place,
    // capacity (0 = no limit), openToFlowing.
    Q_INVOKABLE void saveEvent(const QVariantMap &fields);
    Q_INVOKABLE void cancelEvent(const QString &eventId);
    Q_INVOKABLE void syncNow();
    // `kind` indexes exportKinds; dates "yyyy-MM-dd" or empty; `target` indexes targets.
    Q_INVOKABLE void startExport(int kind, const QString &from, const QString &to, bool csv, int target);
    Q_INVOKABLE void cancelExport();
    // 打印党员证: one PDF of cards for the roster members without one, to `target` (as exports).
    Q_INVOKABLE void printCards(int target);
    // 退出终端: audited, then exitRequested (the composition root quits the application).
    Q_INVOKABLE void exitKiosk();

signals:
    void loggedInChanged();
    void pinChanged();
    void todayChanged();
    void eventsChanged();
    void targetsChanged();
    void exportChanged();
    void cardsChanged();
    void exitRequested();

private:
    void audit(const QString &action, const QString &detail, std::function<void()> then = {});
    void exportFinished(const ExportResult &result);
    void setEventMessage(const QString &message);

    StorageThread &m_storage;
    const Clock &m_clock;
    AdminSettings m_settings;
    SyncMonitor *m_sync;
    ExportTargets m_exportTargets;
    std::unique_ptr<ExportJob> m_job;
    IdleMonitor m_idle; // enabled while signed in
    StatsController *m_stats; // a child: QML reads it through this property
    TodayVisitorModel m_visitors;
    bool m_loggedIn = false;
    bool m_printingCards = false;
    QString m_cardsMessage;
    bool m_checking = false;
    QString m_pinMessage;
    int m_localToday = 0;
    int m_flowingToday = 0;
    QVariantList m_eventCounts;
    QVariantList m_failedScans;
    QVariantList m_events;
    QString m_eventMessage;
    QVariantList m_targets;
    bool m_exporting = false;
    double m_exportProgress = 0;
    QString m_exportMessage;
};
