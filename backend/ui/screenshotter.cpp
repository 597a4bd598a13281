#include "screenshotter.h"
#include "checkincontroller.h"
#include "database.h"
#include "kiosk.h"
#include "logging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QImage>
#include <QQuickWindow>
#include <QSqlQuery>
#include <QTimer>

namespace {
// Long enough for a StackView transition and one frame to settle.
constexpr int settleMs = 700;

void settle()
{
    QEventLoop loop;
    QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs the event loop until `done` or 10 s.
template<typename F>
bool waitFor(F done)
{
    QDeadlineTimer deadline(10000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}
} // namespace

Screenshotter::Screenshotter(QQuickWindow *window) : m_window(window) { }

bool Screenshotter::save(const QString &file)
{
    const QImage image = m_window->grabWindow();
    if (image.isNull() || !image.save(file)) {
        m_error = QStringLiteral("could not write %1").arg(file);
        return false;
    }
    qCInfo(lcUi) << "screenshot" << file << image.size();
    return true;
}

bool Screenshotter::shoot(const QString &page, const QString &file)
{
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page));
    settle();
    if (m_window->property("currentPage").toString() != page) {
        m_error = QStringLiteral("page %1 did not open").arg(page);
        return false;
    }
    return save(file);
}

bool Screenshotter::shootLargeType(const QString &file)
{
    QObject *kiosk = m_window->property("kiosk").value<QObject *>();
    if (!kiosk) {
        m_error = QStringLiteral("the window has no kiosk");
        return false;
    }
    kiosk->setProperty("largeType", true);
    const bool ok = shoot(QStringLiteral("home"), file);
    kiosk->setProperty("largeType", false);
    return ok;
}

bool Screenshotter::shootIdleWarning(const QString &file)
{
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("scan")));
    settle();
    QMetaObject::invokeMethod(m_window, "showIdleWarning");
    settle();
    const bool ok = save(file);
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("home")));
    return ok;
}

bool Screenshotter::shootResult(const QString &file)
{
    auto *kiosk = qobject_cast<Kiosk *>(m_window->property("kiosk").value<QObject *>());
    if (!kiosk || !kiosk->checkin()) {
        m_error = QStringLiteral("the window has no kiosk");
        return false;
    }
    // Members with a phone number on the roster (a second, read-only look at the database:
    // screenshots run offline, nothing else waits on this thread).
    QStringList phones;
    {
        Database db(kiosk->config().databasePath());
        if (db.open()) {
            QSqlQuery q(db.connection());
            if (q.exec(QStringLiteral("SELECT phone FROM members WHERE phone <> '' ORDER BY issuer, member_id LIMIT 20")))
                while (q.next())
                    phones << q.value(0).toString();
        }
    }
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("scan")));
    settle();
    CheckinController *checkin = kiosk->checkin();
    // The first one not checked in yet today (screenshots taken twice find the next member).
    for (const QString &phone : std::as_const(phones)) {
        checkin->clear();
        checkin->lookupPhone(phone);
        if (!waitFor([&] { return !checkin->matches().isEmpty(); }))
            continue;
        checkin->confirmManual(0);
        if (!waitFor([&] { return checkin->outcome() != CheckinController::Outcome::None; }))
            break;
        if (checkin->outcome() == CheckinController::Outcome::CheckedIn) {
            settle();
            const bool ok = save(file);
            kiosk->endVisit();
            QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("home")));
            return ok;
        }
    }
    kiosk->endVisit();
    qCWarning(lcUi) << "no roster member to check in for the result screenshot (try --demo)";
    return true; // the other screenshots are still worth having
}

QStringList Screenshotter::capture(const QString &dir)
{
    QStringList written;
    if (!QDir().mkpath(dir)) {
        m_error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    const QStringList pages = m_window->property("pageNames").toStringList();
    const struct { const char *name; QSize size; } orientations[] = {
        {"portrait", QSize(1080, 1920)},
        {"landscape", QSize(1920, 1080)},
    };
    for (const auto &o : orientations) {
        m_window->resize(o.size);
        for (const QString &page : pages) {
            const QString file = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(page, QLatin1String(o.name)));
            if (!shoot(page, file))
                return {};
            written << file;
        }
        // 大字模式 on the home screen, where a member turns it on.
        const QString large = QDir(dir).filePath(QStringLiteral("home-large-%1.png").arg(QLatin1String(o.name)));
        if (!shootLargeType(large))
            return {};
        written << large;
    }
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("home")));
    return written;
}

QStringList Screenshotter::capture(const QString &dir, QSize size)
{
    QStringList written;
    if (!QDir().mkpath(dir)) {
        m_error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    const QString suffix = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
    auto path = [&](const QString &name) { return QDir(dir).filePath(name + u'-' + suffix + QStringLiteral(".png")); };
    m_window->resize(size);
    for (const QString &page : m_window->property("pageNames").toStringList()) {
        if (!shoot(page, path(page)))
            return {};
        written << path(page);
    }
    if (!shootLargeType(path(QStringLiteral("home-large"))))
        return {};
    written << path(QStringLiteral("home-large"));
    if (!shootResult(path(QStringLiteral("result"))))
        return {};
    if (QFileInfo::exists(path(QStringLiteral("result"))))
        written << path(QStringLiteral("result"));
    // Last: the warning counts down over whatever comes after it.
    if (!shootIdleWarning(path(QStringLiteral("idle-warning"))))
        return {};
    written << path(QStringLiteral("idle-warning"));
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("home")));
    return written;
}
