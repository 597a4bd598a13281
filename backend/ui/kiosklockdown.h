#pragma once
#include <QObject>
#include <QPointer>
#include <QWindow>

// Keeps a member inside the kiosk: the window's close request (a compositor's close, Alt+F4)
// and the shortcuts that close or leave applications (Alt+F4, Ctrl+Q, Ctrl+W, Esc) are eaten
// before anything else sees them. Installed on the window by the composition root; only
// allowExit() (the staff screen, via Kiosk::requestExit) lets a close through.
class KioskLockdown : public QObject
{
    Q_OBJECT

public:
    explicit KioskLockdown(QWindow *window, QObject *parent = nullptr);
    ~KioskLockdown() override;

    // Full screen without decorations (under cage the compositor has none anyway).
    static void showFullScreen(QWindow *window);
    int blockedCount() const { return m_blocked; }

public slots:
    void allowExit() { m_exitAllowed = true; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWindow> m_window; // the engine may destroy the window before us
    bool m_exitAllowed = false;
    int m_blocked = 0;
};
