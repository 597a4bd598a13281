#include "screenshotter.h"
#include "logging.h"

#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QQuickWindow>
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
} // namespace

Screenshotter::Screenshotter(QQuickWindow *window) : m_window(window) { }

bool Screenshotter::shoot(const QString &page, const QString &file)
{
    QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page));
    settle();
    if (m_window->property("currentPage").toString() != page) {
        m_error = QStringLiteral("page %1 did not open").arg(page);
        return false;
    }
    const QImage image = m_window->grabWindow();
    if (image.isNull() || !image.save(file)) {
        m_error = QStringLiteral("could not write %1").arg(file);
        return false;
    }
    qCInfo(lcUi) << "screenshot" << file << image.size();
    return true;
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
