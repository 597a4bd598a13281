#pragma once
#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "eventstore.h"
#include "kioskconfig.h"

class Clock;
class MemberSession;
class StorageThread;

// The 活动报名 page's and the greeting's view of events (issue 7). Reading events.json, the
// queries and every registration or cancellation run on the storage thread; results come back
// as lists of cards (texts already in Chinese). Registrations are made for the member of the
// session (identified by a check-in), never for someone merely standing at the screen.
class EventsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EventsController is created by the application")

    // Upcoming events, in start order, each with group (today/week/later) and the member's status.
    Q_PROPERTY(QVariantList events READ events NOTIFY eventsChanged)
    // The session member's registrations for today (the greeting shows them).
    Q_PROPERTY(QVariantList todayMine READ todayMine NOTIFY eventsChanged)
    // Today's sessions the session member may still register for (one tap on the greeting).
    Q_PROPERTY(QVariantList todayOpen READ todayOpen NOTIFY eventsChanged)
    // Today's sessions that still take place, for anyone (the attract screen shows them).
    Q_PROPERTY(QVariantList todayAll READ todayAll NOTIFY eventsChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY eventsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    // What the last registration or cancellation came to; the result screen looks different for each.
    Q_PROPERTY(Outcome outcome READ outcome NOTIFY resultChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY eventsChanged)

public:
    enum class Outcome { None, Registered, Waitlisted, Cancelled, Refused };
    Q_ENUM(Outcome)

    EventsController(const KioskConfig &config, const Clock &clock, StorageThread &storage, MemberSession *session,
                     QObject *parent = nullptr);

    QVariantList events() const { return m_events; }
    QVariantList todayMine() const { return m_todayMine; }
    QVariantList todayOpen() const { return m_todayOpen; }
    QVariantList todayAll() const { return m_todayAll; }
    bool loaded() const { return m_loaded; }
    bool busy() const { return m_busy; }
    QVariantMap result() const { return m_result; }
    Outcome outcome() const;
    QString notice() const { return m_notice; }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void registerFor(const QString &eventId);
    Q_INVOKABLE void cancel(const QString &eventId);
    Q_INVOKABLE void clearResult();

    // A card as QML shows it (public for tests); `flowing`: the member looking at it.
    static QVariantMap present(const EventListing &l, const QDateTime &now, bool flowing);
    static QVariantMap presentOutcome(const RegistrationOutcome &r, bool cancelling);

public slots:
    // Re-reads <content_dir>/events/events.json into the database (at start, and when sync
    // puts a new distribution in service: connect SyncService::contentUpdated here).
    void reload();

signals:
    void eventsChanged();
    void busyChanged();
    void resultChanged();
    void finished(const QVariantMap &result);

private:
    struct Snapshot
    {
        QList<EventListing> upcoming;
        QList<EventListing> today;
        QStringList problems;
    };
    void apply(const Snapshot &s);
    void setBusy(bool busy);
    MemberRef member() const;
    std::function<Snapshot(Database *)> query(bool importFirst) const;

    KioskConfig m_config;
    const Clock &m_clock;
    StorageThread &m_storage;
    MemberSession *m_session = nullptr;
    QVariantList m_events;
    QVariantList m_todayMine;
    QVariantList m_todayOpen;
    QVariantList m_todayAll;
    QVariantMap m_result;
    QString m_notice;
    QStringList m_importProblems;
    bool m_loaded = false;
    bool m_busy = false;
};
