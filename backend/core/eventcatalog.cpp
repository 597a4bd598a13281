#include "eventcatalog.h"

#include <limits>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

QStringList EventCatalog::kinds()
{
    return {QStringLiteral("主题党日"), QStringLiteral("党课"),     QStringLiteral("开放式组织生活"),
            QStringLiteral("志愿服务"), QStringLiteral("党员大会"), QStringLiteral("支委会"),
            QStringLiteral("党小组会")};
}

QStringList EventCatalog::knownKeys()
{
    return {QStringLiteral("id"),          QStringLiteral("title"),         QStringLiteral("kind"),
            QStringLiteral("start"),       QStringLiteral("end"),           QStringLiteral("place"),
            QStringLiteral("capacity"),    QStringLiteral("open_to_flowing"), QStringLiteral("description"),
            QStringLiteral("organisation"), QStringLiteral("cancelled")};
}

QDateTime EventCatalog::parseTime(const QString &text)
{
    // Qt::ISODate accepts both "...+08:00"/"...Z" (absolute) and no offset (local time).
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    return t;
}

QStringList EventCatalog::validate(const EventInfo &e)
{
    QStringList p;
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    if (!idPattern.match(e.id).hasMatch())
        p << QStringLiteral("活动编号“%1”无效（1–64 个字母、数字或 . _ : -）").arg(e.id);
    if (e.title.trimmed().isEmpty())
        p << QStringLiteral("活动名称不能为空");
    else if (e.title.size() > 100)
        p << QStringLiteral("活动名称过长（最多 100 字）");
    if (!kinds().contains(e.kind))
        p << QStringLiteral("活动类型“%1”不在 %2 之中").arg(e.kind, kinds().join(QStringLiteral("、")));
    if (!e.start.isValid())
        p << QStringLiteral("开始时间无效");
    if (!e.end.isValid())
        p << QStringLiteral("结束时间无效");
    if (e.start.isValid() && e.end.isValid() && e.end <= e.start)
        p << QStringLiteral("结束时间必须晚于开始时间");
    if (e.start.isValid() && e.end.isValid() && e.start.secsTo(e.end) > 7 * 24 * 3600)
        p << QStringLiteral("活动时长超过 7 天");
    if (e.capacity < 0 || e.capacity > maxCapacity)
        p << QStringLiteral("名额须在 0（不限）到 %1 之间").arg(maxCapacity);
    if (e.place.size() > 100)
        p << QStringLiteral("地点过长（最多 100 字）");
    if (e.description.size() > 2000)
        p << QStringLiteral("活动介绍过长（最多 2000 字）");
    return p;
}

namespace {

// One event object; problems are prefixed with its position and id by the caller.
EventInfo fromJson(const QJsonObject &o, QStringList *problems)
{
    EventInfo e;
    e.source = QStringLiteral("share");
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!EventCatalog::knownKeys().contains(it.key()))
            *problems << QStringLiteral("未知字段“%1”").arg(it.key());
    }
    auto text = [&](const char *key, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                *problems << QStringLiteral("缺少字段“%1”").arg(QLatin1String(key));
            return QString();
        }
        if (!v.isString()) {
            *problems << QStringLiteral("字段“%1”应为文本").arg(QLatin1String(key));
            return QString();
        }
        return v.toString().trimmed();
    };
    e.id = text("id", true);
    e.title = text("title", true);
    e.kind = text("kind", true);
    e.place = text("place", false);
    e.description = text("description", false);
    e.organisation = text("organisation", false);
    e.start = EventCatalog::parseTime(text("start", true));
    e.end = EventCatalog::parseTime(text("end", true));
    const QJsonValue cap = o.value(QLatin1String("capacity"));
    if (!cap.isUndefined() && !cap.isNull()) {
        // toInteger() answers the sentinel for fractions and for numbers beyond qint64, which a
        // plain cast would turn into undefined behaviour (found by fuzz_events).
        constexpr qint64 notInteger = std::numeric_limits<qint64>::min();
        const qint64 n = cap.toInteger(notInteger);
        if (!cap.isDouble() || n == notInteger)
            *problems << QStringLiteral("名额应为整数");
        else
            e.capacity = int(qBound(qint64(-1), n, qint64(EventCatalog::maxCapacity + 1)));
    }
    for (const auto &[key, target] : {std::pair{"open_to_flowing", &e.openToFlowing}, std::pair{"cancelled", &e.cancelled}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isBool())
            *problems << QStringLiteral("字段“%1”应为 true 或 false").arg(QLatin1String(key));
        else
            *target = v.toBool();
    }
    *problems << EventCatalog::validate(e);
    return e;
}

} // namespace

EventCatalogResult EventCatalog::parse(const QByteArray &json)
{
    EventCatalogResult r;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        r.problems << QStringLiteral("不是有效的 JSON（第 %1 字节：%2）").arg(err.offset).arg(err.errorString());
        return r;
    }
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array();
    } else {
        const QJsonObject top = doc.object();
        const QJsonValue format = top.value(QLatin1String("format"));
        if (!format.isUndefined() && format.toInt(-1) != 1)
            r.problems << QStringLiteral("不支持的格式版本（应为 1）");
        if (!top.value(QLatin1String("events")).isArray()) {
            r.problems << QStringLiteral("缺少活动列表“events”");
            return r;
        }
        list = top.value(QLatin1String("events")).toArray();
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            r.problems << QStringLiteral("第 %1 个活动不是对象").arg(i + 1);
            continue;
        }
        QStringList problems;
        const EventInfo e = fromJson(list.at(i).toObject(), &problems);
        if (!e.id.isEmpty() && seen.contains(e.id))
            problems << QStringLiteral("活动编号重复");
        const QString where = QStringLiteral("第 %1 个活动（%2）：").arg(i + 1).arg(e.id);
        for (const QString &p : problems)
            r.problems << where + p;
        if (problems.isEmpty()) {
            seen.insert(e.id);
            r.events << e;
        }
    }
    return r;
}

EventCatalogResult EventCatalog::load(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return {}; // no events published yet is not a problem
    if (!f.open(QIODevice::ReadOnly) || f.size() > maxFileBytes) {
        EventCatalogResult r;
        r.problems << QStringLiteral("无法读取活动文件 %1 或文件过大").arg(path);
        return r;
    }
    return parse(f.readAll());
}
