#include "syncmonitor.h"

SyncMonitor::SyncMonitor(SyncService *service, QObject *parent) : QObject(parent), m_service(service)
{
    if (m_service) {
        m_status = m_service->status();
        connect(m_service, &SyncService::statusChanged, this, [this](const SyncStatus &s) {
            m_status = s;
            emit changed();
        });
    }
}

QString SyncMonitor::lastSuccessText() const
{
    if (!m_status.lastSuccess.isValid())
        return QStringLiteral("从未同步");
    return m_status.lastSuccess.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString SyncMonitor::contentVersionText() const
{
    return m_status.contentVersion > 0 ? QStringLiteral("第 %1 版").arg(m_status.contentVersion) : QStringLiteral("未下发");
}

void SyncMonitor::syncNow()
{
    if (m_service)
        m_service->syncNow();
}
