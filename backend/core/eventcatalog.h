#pragma once
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// One organisational-life session (design.md §6): from the street/park committee's distribution
// (source "share") or created by staff on the kiosk (source "kiosk").
struct EventInfo
{
    QString id;
    QString title;
    QString kind;          // one of EventCatalog::kinds()
    QDateTime start;       // absolute instants (stored as UTC)
    QDateTime end;
    QString place;
    int capacity = 0;      // 0 = no limit
    bool openToFlowing = true;
    QString description;
    QString organisation;  // the branch holding it (for the 三会一课 overview); may be empty
    bool cancelled = false;
    QString source = QStringLiteral("share");

    bool operator==(const EventInfo &) const = default;
};

struct EventCatalogResult
{
    QList<EventInfo> events; // the valid ones, in file order
    QStringList problems;    // Chinese, one sentence each; a distributed file must have none
    bool ok() const { return problems.isEmpty(); }
};

// Reads and validates events.json, the format the street committee distributes in
// `distribution/events/events.json` (and that sync validates before swapping it in):
//
//   {"format": 1, "events": [{"id": "2026-12-ztdr", "title": "...", "kind": "主题党日",
//     "start": "2026-12-05T09:00:00+08:00", "end": "2026-12-05T11:00:00+08:00",
//     "place": "...", "capacity": 40, "open_to_flowing": true, "description": "...",
//     "organisation": "幸福社区第一党支部", "cancelled": false}, ...]}
//
// start/end: ISO-8601; without an offset they are the kiosk's local time. capacity: 0 or absent
// means no limit. An event with a problem is left out and the problem reported; duplicates of
// an id are refused. Also used for the staff's create/edit form (validate()).
class EventCatalog
{
public:
    static EventCatalogResult parse(const QByteArray &json);
    static EventCatalogResult load(const QString &path);

    // The problems of one event (empty = valid). Used by parse() and by staff editing.
    static QStringList validate(const EventInfo &event);

    static QStringList kinds();
    static QStringList knownKeys();
    static QDateTime parseTime(const QString &text);
    static constexpr int maxCapacity = 10000;
    static constexpr qint64 maxFileBytes = 8 * 1024 * 1024;
};
