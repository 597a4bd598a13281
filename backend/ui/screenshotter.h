#pragma once
#include <QString>
#include <QStringList>

class QQuickWindow;

// Renders every page of the kiosk in both orientations to PNG files (for the README, for
// reviewing layouts, and for tests that check nothing overlaps or renders as boxes).
class Screenshotter
{
public:
    explicit Screenshotter(QQuickWindow *window);

    // Writes <dir>/<page>-<portrait|landscape>.png for every page Main.qml lists (and
    // home-large-<orientation>.png in 大字模式); returns the
    // files written, or an empty list (with errorString()) when anything failed.
    QStringList capture(const QString &dir);
    QString errorString() const { return m_error; }

private:
    bool shoot(const QString &page, const QString &file);
    bool shootLargeType(const QString &file);

    QQuickWindow *m_window;
    QString m_error;
};
