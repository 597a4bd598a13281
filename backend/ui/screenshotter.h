#pragma once
#include <QSize>
#include <QString>
#include <QStringList>

class QQuickWindow;

// Renders every page of the kiosk to PNG files (for the README, for reviewing layouts, and for
// tests that check nothing overlaps or renders as boxes).
class Screenshotter
{
public:
    explicit Screenshotter(QQuickWindow *window);

    // Writes <dir>/<page>-<portrait|landscape>.png for every page Main.qml lists (and
    // home-large-<orientation>.png in 大字模式) at 1080x1920 and 1920x1080; returns the files
    // written, or an empty list (with errorString()) when anything failed.
    QStringList capture(const QString &dir);
    // The same at one panel size (--screen-size): <dir>/<page>-<W>x<H>.png for every page,
    // home-large, the idle warning, and the check-in result with a member signed in
    // (result-<W>x<H>.png: a roster member checked in by phone number, as a member would).
    QStringList capture(const QString &dir, QSize size);
    QString errorString() const { return m_error; }

private:
    bool shoot(const QString &page, const QString &file);
    bool shootLargeType(const QString &file);
    bool shootIdleWarning(const QString &file);
    bool shootResult(const QString &file);
    bool save(const QString &file);

    QQuickWindow *m_window;
    QString m_error;
};
