#include "demoevents.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

QByteArray DemoEvents::json(const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    const QDate today = local.date();
    // Today's sessions start on the hour, one and three hours after the next full hour.
    const QDateTime nextHour = QDateTime(today, QTime(local.time().hour(), 0)).addSecs(3600);
    struct Spec
    {
        const char *id;
        const char *title;
        const char *kind;
        QDateTime start;
        int minutes;
        const char *place;
        int capacity;
        bool flowing;
        const char *organisation;
        const char *description;
    };
    const Spec specs[] = {
        {"demo-today-dk", "党课：学习《中国共产党纪律处分条例》", "党课", nextHour.addSecs(3600), 90,
         "党群服务中心多功能厅", 40, true, "幸福社区第一党支部", "由社区党委书记讲授，欢迎流动党员参加。"},
        {"demo-today-zyfw", "志愿服务：社区环境整治", "志愿服务", nextHour.addSecs(3 * 3600), 120, "幸福社区南门集合", 2,
         true, "幸福社区第二党支部", "清理楼道杂物、整治绿化带，工具由社区提供。名额有限，满员后可候补。"},
        {"demo-week-ztdr", "主题党日：重温入党誓词", "主题党日", QDateTime(today.addDays(2), QTime(9, 0)), 120,
         "党群服务中心二楼会议室", 30, true, "幸福社区第一党支部", "重温入党誓词，交流学习体会。"},
        {"demo-week-kfzz", "开放式组织生活：流动党员交流会", "开放式组织生活", QDateTime(today.addDays(3), QTime(15, 0)),
         120, "党群服务中心一楼活动室", 20, true, "幸福社区流动党员党支部", "面向辖区流动党员，请携带流动党员活动证。"},
        {"demo-later-zwh", "第一党支部支委会", "支委会", QDateTime(today.addDays(8), QTime(19, 0)), 90,
         "党群服务中心小会议室", 7, false, "幸福社区第一党支部", "研究党员民主评议安排。"},
        {"demo-later-dydh", "离退休党支部党员大会", "党员大会", QDateTime(today.addDays(10), QTime(9, 30)), 120,
         "党群服务中心多功能厅", 60, false, "幸福社区离退休党支部", "年度工作总结，民主评议党员。"},
    };
    QJsonArray events;
    for (const Spec &s : specs) {
        events.append(QJsonObject{
            {QStringLiteral("id"), QString::fromUtf8(s.id)},
            {QStringLiteral("title"), QString::fromUtf8(s.title)},
            {QStringLiteral("kind"), QString::fromUtf8(s.kind)},
            {QStringLiteral("start"), s.start.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("end"), s.start.addSecs(60 * s.minutes).toUTC().toString(Qt::ISODate)},
            {QStringLiteral("place"), QString::fromUtf8(s.place)},
            {QStringLiteral("capacity"), s.capacity},
            {QStringLiteral("open_to_flowing"), s.flowing},
            {QStringLiteral("organisation"), QString::fromUtf8(s.organisation)},
            {QStringLiteral("description"), QString::fromUtf8(s.description)},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), 1}, {QStringLiteral("events"), events}}).toJson();
}

bool DemoEvents::write(const QString &contentDir, const QDateTime &now, QString *error)
{
    const QString folder = QDir(contentDir).filePath(QStringLiteral("events"));
    QDir().mkpath(folder);
    QSaveFile f(QDir(folder).filePath(QStringLiteral("events.json")));
    const QByteArray bytes = json(now);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = QStringLiteral("无法写入演示活动 %1: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    return true;
}
