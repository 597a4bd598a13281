#pragma once
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QString>

#include "eventcatalog.h"
#include "kioskkey.h"
#include "receipt.h"

// Shared by the receipt tests (core, CLI, page): sample receipts and trusted-kiosk folders.
namespace ReceiptTest {

inline const QString centre = QStringLiteral("c1");
inline const QString kiosk = QStringLiteral("k1");

// A 流动党员's check-in at an event, with 学时, with the longest title the service writes.
inline Receipt attendance()
{
    Receipt r;
    r.kind = Receipt::Kind::Attendance;
    r.issuer = QStringLiteral("district-9");
    r.memberId = QStringLiteral("FL-2026-000123");
    r.name = QStringLiteral("欧阳晓明");
    r.centreId = centre;
    r.centreName = QStringLiteral("幸福街道党群服务中心");
    r.kioskId = kiosk;
    r.time = QDateTime(QDate(2026, 11, 27), QTime(1, 30, 5), Qt::UTC);
    r.eventTitle = QStringLiteral("主题党日：学习贯彻二十届三中全会精…");
    r.eventKind = QStringLiteral("主题党日");
    r.hours = 1.5;
    return r;
}

// A year with every event kind the catalogue knows.
inline Receipt annual()
{
    Receipt r = attendance();
    r.kind = Receipt::Kind::Annual;
    r.eventTitle.clear();
    r.eventKind.clear();
    r.hours.reset();
    r.year = 2026;
    r.checkinDays = 48;
    r.eventsByKind = {{QStringLiteral("主题党日"), 11}, {QStringLiteral("党员大会"), 2},  {QStringLiteral("党小组会"), 9},
                      {QStringLiteral("党课"), 4},     {QStringLiteral("开放式组织生活"), 6}, {QStringLiteral("志愿服务"), 3},
                      {QStringLiteral("支委会"), 1}};
    std::sort(r.eventsByKind.begin(), r.eventsByKind.end(), [](const auto &a, const auto &b) {
        return EventCatalog::kinds().indexOf(a.first) < EventCatalog::kinds().indexOf(b.first);
    });
    r.videoHours = 12.25;
    r.videosWatched = 17;
    return r;
}

// Writes <dir>/<centre>/<kiosk>.pub as the office publishes it.
inline bool trust(const QString &dir, const KioskKey &key)
{
    if (!QDir(dir).mkpath(key.centreId()))
        return false;
    QFile f(QDir(dir).filePath(key.centreId() + u'/' + key.kioskId() + QLatin1String(".pub")));
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(key.publicKeyBase64() + '\n') > 0;
}

} // namespace ReceiptTest
