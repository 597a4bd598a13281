#pragma once
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "syncservice.h"

class Clock;

// What the staff screen binds to about the share (design.md §5): queue length, last success, last
// error, content version, and a "sync now" button. A thin facade over SyncService, whose status
// arrives from the sync thread as a queued signal; nothing here touches the share or the disk.
class SyncMonitor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SyncMonitor is created by the application")

    Q_PROPERTY(bool online READ online NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(int queueLength READ queueLength NOTIFY changed)
    Q_PROPERTY(QString lastSuccessText READ lastSuccessText NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    Q_PROPERTY(QString contentVersionText READ contentVersionText NOTIFY changed)
    Q_PROPERTY(QString contentError READ contentError NOTIFY changed)

public:
    // `service` may be null (no share configured in a test): the monitor then shows "未同步".
    explicit SyncMonitor(SyncService *service, QObject *parent = nullptr);

    bool online() const { return m_status.online; }
    bool running() const { return m_status.running; }
    int queueLength() const { return int(m_status.queueLength); }
    QString lastSuccessText() const;  // "2026-11-27 09:30" local time, or "从未同步"
    QString lastError() const { return m_status.lastError; }
    QString contentVersionText() const;
    QString contentError() const { return m_status.contentError; }

    Q_INVOKABLE void syncNow();

signals:
    void changed();

private:
    SyncService *m_service;
    SyncStatus m_status;
};
