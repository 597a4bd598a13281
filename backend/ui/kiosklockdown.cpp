#include "kiosklockdown.h"
#include "logging.h"

#include <QKeyEvent>
#include <QWindow>

namespace {
bool isEscapeShortcut(const QKeyEvent *key)
{
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    switch (key->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Close:
    case Qt::Key_Exit:
        return true;
    case Qt::Key_F4:
        return mods.testFlag(Qt::AltModifier) || mods.testFlag(Qt::ControlModifier);
    case Qt::Key_Q:
    case Qt::Key_W:
        return mods.testFlag(Qt::ControlModifier);
    default:
        return false;
    }
}
} // namespace

KioskLockdown::KioskLockdown(QWindow *window, QObject *parent) : QObject(parent), m_window(window)
{
    m_window->installEventFilter(this);
}

KioskLockdown::~KioskLockdown()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

void KioskLockdown::showFullScreen(QWindow *window)
{
    window->setFlags(window->flags() | Qt::FramelessWindowHint);
    window->showFullScreen();
}

bool KioskLockdown::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window || m_exitAllowed)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Close:
        event->ignore();
        ++m_blocked;
        qCInfo(lcUi) << "window close ignored (kiosk lockdown)";
        return true;
    case QEvent::ShortcutOverride:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
        if (isEscapeShortcut(static_cast<QKeyEvent *>(event))) {
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                ++m_blocked;
                qCInfo(lcUi) << "shortcut ignored (kiosk lockdown)" << static_cast<QKeyEvent *>(event)->key();
            }
            return true;
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
