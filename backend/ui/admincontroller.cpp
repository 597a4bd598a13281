#include "admincontroller.h"
#include "auditlog.h"
#include "clock.h"
#include "database.h"
#include "eventcatalog.h"
#include "eventstore.h"
#include "exportjob.h"
#include "filelayer.h"
#include "logging.h"
#include "loginguard.h"
#include "membercardprinter.h"
#include "sharemarker.h"
#include "storagethread.h"
#include "syncmonitor.h"
#include "todaysummary.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Runs `work` on the thread pool and `done` with its result back on `context`'s thread.
template<typename R>
void onWorker(QObject *context, std::function<R()> work, std::function<void(R)> done)
{
    auto *watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcher<R>::finished, context, [watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

QVariantList pairs(const QList<QPair<QString, int>> &list, const char *key)
{
    QVariantList out;
    for (const auto &[label, count] : list)
        out << QVariantMap{{QLatin1String(key), label}, {QStringLiteral("count"), count}};
    return out;
}

} // namespace

AdminController::AdminController(StorageThread &storage, const Clock &clock, AdminSettings settings,
                                 SyncMonitor *sync, ExportTargets targets, QObject *parent)
    : QObject(parent), m_storage(storage), m_clock(clock), m_settings(std::move(settings)), m_sync(sync),
      m_exportTargets(std::move(targets)), m_stats(new StatsController(storage, clock, this))
{
    m_idle.setEnabled(false);
    m_idle.setTimeout(m_settings.idleTimeoutMs);
    connect(&m_idle, &IdleMonitor::idle, this, [this] {
        // An export keeps the session: staff wait for the progress bar without touching.
        if (m_exporting)
            m_idle.poke();
        else
            logout();
    });
}

AdminController::~AdminController() = default;

QString AdminController::exportFromDefault() const
{
    const QDate today = m_clock.localDate();
    return QDate(today.year(), today.month(), 1).toString(Qt::ISODate);
}

QString AdminController::exportToDefault() const
{
    return m_clock.localDate().toString(Qt::ISODate);
}

QStringList AdminController::eventKinds() const
{
    return EventCatalog::kinds();
}

QStringList AdminController::targetLabels() const
{
    QStringList out;
    for (const QVariant &t : m_targets)
        out << t.toMap().value(QStringLiteral("label")).toString();
    return out;
}

QStringList AdminController::exportKinds() const
{
    QStringList out;
    for (const QString &name : ExportRequest::kindNames())
        out << ExportRequest::kindTitle(*ExportRequest::kindFromName(name));
    return out;
}

void AdminController::audit(const QString &action, const QString &detail, std::function<void()> then)
{
    const AdminSettings s = m_settings;
    const Clock &clock = m_clock;
    m_storage.call<bool>(this, [s, &clock, action, detail](Database *db) {
        return db && AuditLog(*db, clock, s.centreId, s.kioskId).record(action, detail);
    }, [then](bool) {
        if (then)
            then();
    });
}

void AdminController::login(const QString &pin)
{
    if (m_checking || m_loggedIn)
        return;
    m_checking = true;
    m_pinMessage = QStringLiteral("正在验证…");
    emit pinChanged();
    const AdminSettings s = m_settings;
    const Clock &clock = m_clock;
    // Its own connection on a pool thread: the hash takes a noticeable fraction of a second and
    // must hold up neither the screen nor check-ins on the storage thread.
    onWorker<LoginAttempt>(this, [s, &clock, pin] {
        Database db(s.databasePath);
        if (!db.open()) {
            LoginAttempt a;
            a.message = QStringLiteral("系统暂时无法验证密码，请稍后再试");
            return a;
        }
        AuditLog audit(db, clock, s.centreId, s.kioskId);
        return LoginGuard(db, clock, audit).attempt(pin, s.pinHash);
    }, [this](LoginAttempt a) {
        m_checking = false;
        m_pinMessage = a.ok() ? QString() : a.message;
        emit pinChanged();
        if (!a.ok())
            return;
        qCInfo(lcUi) << "staff signed in";
        m_loggedIn = true;
        m_exportMessage.clear();
        m_eventMessage.clear();
        m_idle.setEnabled(true);
        emit loggedInChanged();
        refresh();
        refreshTargets();
    });
}

void AdminController::logout()
{
    if (!m_loggedIn)
        return;
    m_loggedIn = false;
    m_idle.setEnabled(false);
    emit loggedInChanged();
    audit(AuditLog::Logout, QString());
}

void AdminController::touch()
{
    m_idle.poke();
}

void AdminController::refresh()
{
    const Clock &clock = m_clock;
    const AdminSettings s = m_settings;
    m_storage.call<TodaySummary>(this, [&clock](Database *db) {
        return db ? TodaySummary::load(*db, clock.localDate()) : TodaySummary{};
    }, [this](TodaySummary t) {
        m_localToday = t.local;
        m_flowingToday = t.flowing;
        m_eventCounts = pairs(t.perEvent, "title");
        m_failedScans = pairs(t.failedScans, "reason");
        m_visitors.setVisitors(t.visitors);
        emit todayChanged();
    });
    m_storage.call<QList<EventListing>>(this, [&clock, s](Database *db) {
        return db ? EventStore(*db, clock, {s.centreId, s.kioskId}).upcoming(clock.now().addDays(-1), nullptr, 90)
                  : QList<EventListing>{};
    }, [this](QList<EventListing> listings) {
        m_events.clear();
        for (const EventListing &l : listings) {
            const EventInfo &e = l.event;
            m_events << QVariantMap{
                {QStringLiteral("id"), e.id},
                {QStringLiteral("title"), e.title},
                {QStringLiteral("kind"), e.kind},
                {QStringLiteral("date"), e.start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"))},
                {QStringLiteral("start"), e.start.toLocalTime().toString(QStringLiteral("HH:mm"))},
                {QStringLiteral("end"), e.end.toLocalTime().toString(QStringLiteral("HH:mm"))},
                {QStringLiteral("place"), e.place},
                {QStringLiteral("capacity"), e.capacity},
                {QStringLiteral("openToFlowing"), e.openToFlowing},
                {QStringLiteral("registered"), l.registered},
                {QStringLiteral("cancelled"), e.cancelled},
                // Events from the street committee are changed there, not on one kiosk.
                {QStringLiteral("editable"), e.source == u"kiosk" && !e.cancelled},
            };
        }
        emit eventsChanged();
    });
}

void AdminController::refreshTargets()
{
    const AdminSettings s = m_settings;
    const ExportTargets targets = m_exportTargets;
    // A stat on a hung SMB mount can block for a long time: never on the GUI thread.
    onWorker<QList<ExportTarget>>(this, [s, targets] {
        FileLayer files;
        const bool online = !s.sharePath.isEmpty() && ShareMarker::check(files, s.sharePath, s.shareId).online();
        return targets.list(s.sharePath, s.centreId, online);
    }, [this](QList<ExportTarget> list) {
        m_targets.clear();
        for (const ExportTarget &t : list)
            m_targets << QVariantMap{{QStringLiteral("label"), t.label}, {QStringLiteral("path"), t.path},
                                     {QStringLiteral("removable"), t.removable}};
        emit targetsChanged();
    });
}

void AdminController::setEventMessage(const QString &message)
{
    m_eventMessage = message;
    emit eventsChanged();
}

void AdminController::saveEvent(const QVariantMap &fields)
{
    if (!m_loggedIn)
        return; // only from the signed-in staff screen, whatever QML shows
    touch();
    const QDate day = QDate::fromString(fields.value(QStringLiteral("date")).toString().trimmed(), Qt::ISODate);
    const QTime start = QTime::fromString(fields.value(QStringLiteral("start")).toString().trimmed(), QStringLiteral("H:mm"));
    const QTime end = QTime::fromString(fields.value(QStringLiteral("end")).toString().trimmed(), QStringLiteral("H:mm"));
    if (!day.isValid() || !start.isValid() || !end.isValid()) {
        setEventMessage(QStringLiteral("请按格式填写日期和时间，例如 2026-12-01 与 09:30"));
        return;
    }
    EventInfo e;
    e.id = fields.value(QStringLiteral("id")).toString();
    e.title = fields.value(QStringLiteral("title")).toString().trimmed();
    e.kind = fields.value(QStringLiteral("kind")).toString();
    e.start = QDateTime(day, start).toUTC();
    e.end = QDateTime(day, end).toUTC();
    e.place = fields.value(QStringLiteral("place")).toString().trimmed();
    e.capacity = fields.value(QStringLiteral("capacity")).toInt();
    e.openToFlowing = fields.value(QStringLiteral("openToFlowing"), true).toBool();
    const Clock &clock = m_clock;
    const AdminSettings s = m_settings;
    using Saved = QPair<bool, QString>;
    m_storage.call<Saved>(this, [&clock, s, e](Database *db) {
        if (!db)
            return Saved{false, QStringLiteral("数据库不可用")};
        QString error;
        const std::optional<EventInfo> saved = EventStore(*db, clock, {s.centreId, s.kioskId}).saveStaffEvent(e, &error);
        if (!saved)
            return Saved{false, error};
        AuditLog(*db, clock, s.centreId, s.kioskId)
            .record(AuditLog::EventChange, QStringLiteral("%1 %2（%3）").arg(e.id.isEmpty() ? QStringLiteral("创建") : QStringLiteral("修改"), saved->title, saved->id));
        return Saved{true, QStringLiteral("已保存：%1").arg(saved->title)};
    }, [this](Saved r) {
        setEventMessage(r.second);
        if (r.first)
            refresh();
    });
}

void AdminController::cancelEvent(const QString &eventId)
{
    if (!m_loggedIn)
        return; // only from the signed-in staff screen, whatever QML shows
    touch();
    const Clock &clock = m_clock;
    const AdminSettings s = m_settings;
    using Done = QPair<bool, QString>;
    m_storage.call<Done>(this, [&clock, s, eventId](Database *db) {
        if (!db)
            return Done{false, QStringLiteral("数据库不可用")};
        QString error;
        if (!EventStore(*db, clock, {s.centreId, s.kioskId}).cancelEvent(eventId, &error))
            return Done{false, error};
        AuditLog(*db, clock, s.centreId, s.kioskId).record(AuditLog::EventChange, QStringLiteral("取消 %1").arg(eventId));
        return Done{true, QStringLiteral("活动已取消，已报名的党员会在签到屏上看到")};
    }, [this](Done r) {
        setEventMessage(r.second);
        if (r.first)
            refresh();
    });
}

void AdminController::syncNow()
{
    if (!m_loggedIn)
        return; // only from the signed-in staff screen, whatever QML shows
    touch();
    audit(AuditLog::SyncNow, QString());
    if (m_sync)
        m_sync->syncNow();
}

void AdminController::startExport(int kind, const QString &from, const QString &to, bool csv, int target)
{
    if (!m_loggedIn)
        return; // only from the signed-in staff screen, whatever QML shows
    touch();
    if (m_exporting)
        return;
    const auto fail = [this](const QString &message) {
        m_exportMessage = message;
        emit exportChanged();
    };
    const QStringList kinds = ExportRequest::kindNames();
    if (kind < 0 || kind >= kinds.size())
        return fail(QStringLiteral("请选择要导出的报表"));
    if (target < 0 || target >= m_targets.size())
        return fail(QStringLiteral("没有可用的导出位置：请插入U盘，或检查共享文件夹是否已连接"));
    ExportRequest r;
    r.kind = *ExportRequest::kindFromName(kinds.at(kind));
    r.format = csv ? ExportRequest::Format::Csv : ExportRequest::Format::Xlsx;
    r.from = QDate::fromString(from.trimmed(), Qt::ISODate);
    r.to = QDate::fromString(to.trimmed(), Qt::ISODate);
    if ((!from.trimmed().isEmpty() && !r.from.isValid()) || (!to.trimmed().isEmpty() && !r.to.isValid()))
        return fail(QStringLiteral("日期格式应为 2026-11-27"));
    if (r.from.isValid() && r.to.isValid() && r.from > r.to)
        return fail(QStringLiteral("开始日期晚于结束日期"));
    r.zone = QTimeZone(m_settings.timeZone.toUtf8());
    r.exportedBy = QStringLiteral("%1 终端 %2 工作人员").arg(m_settings.centreName, m_settings.kioskId);
    m_job = std::make_unique<ExportJob>(m_settings.databasePath, m_clock);
    connect(m_job.get(), &ExportJob::progressChanged, this, [this](double f) {
        m_exportProgress = f;
        emit exportChanged();
    });
    connect(m_job.get(), &ExportJob::finished, this, &AdminController::exportFinished);
    m_exporting = true;
    m_exportProgress = 0;
    m_exportMessage = QStringLiteral("正在导出…");
    emit exportChanged();
    m_job->start(r, m_targets.at(target).toMap().value(QStringLiteral("path")).toString());
}

void AdminController::cancelExport()
{
    if (m_job)
        m_job->cancel();
}

void AdminController::exportFinished(const ExportResult &result)
{
    m_exporting = false;
    if (result.ok) {
        QStringList names;
        for (const QString &f : result.files)
            names << QFileInfo(f).fileName();
        m_exportProgress = 1;
        m_exportMessage = QStringLiteral("已导出 %1 行：%2").arg(result.rows).arg(names.join(QStringLiteral("、")));
        audit(AuditLog::Export, result.files.join(u'\n'));
    } else {
        m_exportMessage = QStringLiteral("导出失败：%1").arg(result.error);
    }
    emit exportChanged();
}

void AdminController::printCards(int target)
{
    if (!m_loggedIn || m_printingCards)
        return;
    touch();
    if (target < 0 || target >= m_targets.size()) {
        m_cardsMessage = QStringLiteral("没有可用的保存位置：请插入U盘，或检查共享文件夹是否已连接");
        emit cardsChanged();
        return;
    }
    const QString folder = m_targets.at(target).toMap().value(QStringLiteral("path")).toString();
    const CardPrintSettings settings{m_settings.contentDir, m_settings.trustedIssuersDir, m_settings.centreName,
                                     m_settings.centreId, m_settings.kioskId};
    const Clock &clock = m_clock;
    m_printingCards = true;
    m_cardsMessage = QStringLiteral("正在生成党员证…");
    emit cardsChanged();
    // Verifying codes and drawing the PDF take a moment: on the storage thread, like the reads.
    m_storage.call<CardPrintResult>(
        this,
        [settings, &clock, folder](Database *db) {
            CardPrintResult r;
            if (!db)
                r.error = QStringLiteral("数据库不可用");
            else
                r = MemberCardPrinter(*db, clock, settings).print(folder);
            return r;
        },
        [this](const CardPrintResult &r) {
            m_printingCards = false;
            for (const QString &s : r.skipped)
                qCInfo(lcUi).noquote() << "member card not printed:" << s;
            if (!r.error.isEmpty())
                m_cardsMessage = r.error;
            else if (r.printed == 0)
                m_cardsMessage = r.skipped.isEmpty() ? QStringLiteral("名单中的党员都已打印过党员证")
                                                     : QStringLiteral("没有可打印的党员证（%1 人尚无上级下发的党员码）")
                                                           .arg(r.skipped.size());
            else
                m_cardsMessage = QStringLiteral("已生成 %1 张党员证：%2%3")
                                     .arg(r.printed)
                                     .arg(QFileInfo(r.path).fileName(),
                                          r.skipped.isEmpty() ? QString()
                                                              : QStringLiteral("（另有 %1 人未能生成）").arg(r.skipped.size()));
            emit cardsChanged();
        });
}

void AdminController::exitKiosk()
{
    if (!m_loggedIn)
        return; // only from the signed-in staff screen, whatever QML shows
    qCInfo(lcUi) << "staff asked to leave kiosk mode";
    // The audit row is committed before the application is asked to quit.
    audit(AuditLog::Exit, QString(), [this] { emit exitRequested(); });
}
