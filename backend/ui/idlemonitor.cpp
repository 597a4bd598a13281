#include "idlemonitor.h"

#include <QCoreApplication>
#include <QEvent>

IdleMonitor::IdleMonitor(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(60000);
    connect(&m_timer, &QTimer::timeout, this, &IdleMonitor::idle);
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

IdleMonitor::~IdleMonitor()
{
    if (auto *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleMonitor::setTimeout(int ms)
{
    if (ms == m_timer.interval())
        return;
    m_timer.setInterval(ms);
    poke();
    emit timeoutChanged();
}

void IdleMonitor::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (m_enabled)
        m_timer.start();
    else
        m_timer.stop();
    emit enabledChanged();
}

void IdleMonitor::poke()
{
    if (m_enabled)
        m_timer.start();
}

bool IdleMonitor::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        poke();
        if (m_enabled)
            emit activity(event->type() == QEvent::TouchBegin || event->type() == QEvent::MouseButtonPress);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
