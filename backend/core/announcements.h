#pragma once
#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

// One item of the attract screen: a 通知 (notice) or a 先进典型 story (an exemplary member),
// shown from `showFrom` to `showUntil` inclusive (the kiosk's local calendar dates).
struct Announcement
{
    QString id;
    QString kind;      // one of Announcements::kinds()
    QString title;
    QString text;
    QString imagePath; // absolute path of the optional picture; empty = none
    QDate showFrom;
    QDate showUntil;

    bool showsOn(const QDate &day) const { return day >= showFrom && day <= showUntil; }
    bool operator==(const Announcement &) const = default;
};

struct AnnouncementsResult
{
    QList<Announcement> items; // the valid ones, in file order
    QStringList problems;      // Chinese, one sentence each; a distributed file must have none
    bool ok() const { return problems.isEmpty(); }
};

// Reads and validates `announcements/announcements.json`, distributed by the street/park
// committee in `distribution/announcements/` together with the pictures it names:
//
//   {"format": 1, "announcements": [{"id": "2026-12-notice", "kind": "通知",
//     "title": "12 月主题党日安排", "text": "...", "image": "notice.jpg",
//     "show_from": "2026-12-01", "show_until": "2026-12-31"}, ...]}
//
// image: a file name (no folders) of a .png/.jpg/.jpeg in the same folder, optional. Dates are
// inclusive. An item with a problem is left out and the problem reported; duplicate ids refused.
class Announcements
{
public:
    static AnnouncementsResult parse(const QByteArray &json, const QString &folder);
    // <folder>/announcements.json; a folder without the file has no announcements (no problem).
    static AnnouncementsResult load(const QString &folder);
    // The items to show on `day` (the Clock's local date), in file order.
    static QList<Announcement> showing(const QList<Announcement> &items, const QDate &day);

    static QString fileName() { return QStringLiteral("announcements.json"); }
    static QStringList kinds();
    static QStringList knownKeys();
    static constexpr qint64 maxFileBytes = 4 * 1024 * 1024;
    static constexpr qint64 maxImageBytes = 8 * 1024 * 1024;
    static constexpr int maxTitle = 60;
    static constexpr int maxText = 1000;
    static constexpr int maxDays = 366; // nothing stays on the screen for more than a year
};
