#include "announcements.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

QStringList Announcements::kinds()
{
    return {QStringLiteral("通知"), QStringLiteral("先进典型")};
}

QStringList Announcements::knownKeys()
{
    return {QStringLiteral("id"),   QStringLiteral("kind"),      QStringLiteral("title"),     QStringLiteral("text"),
            QStringLiteral("image"), QStringLiteral("show_from"), QStringLiteral("show_until")};
}

namespace {

QString textField(const QJsonObject &o, const char *key, bool required, QStringList *problems)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *problems << QStringLiteral("缺少字段“%1”").arg(QLatin1String(key));
        return {};
    }
    if (!v.isString()) {
        *problems << QStringLiteral("字段“%1”应为文本").arg(QLatin1String(key));
        return {};
    }
    return v.toString().trimmed();
}

QDate dateField(const QJsonObject &o, const char *key, QStringList *problems)
{
    const QString text = textField(o, key, true, problems);
    if (text.isEmpty())
        return {};
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10)
        *problems << QStringLiteral("字段“%1”的日期“%2”无效（应为 YYYY-MM-DD）").arg(QLatin1String(key), text);
    return d;
}

// The picture must be a plain file name in the announcement's own folder: a distributed set can
// never point the kiosk at a file elsewhere on the machine.
QString imagePath(const QString &name, const QString &folder, QStringList *problems)
{
    if (name.isEmpty())
        return {};
    static const QRegularExpression namePattern(QStringLiteral("^[^/\\\\]+\\.(png|jpg|jpeg)$"),
                                                QRegularExpression::CaseInsensitiveOption);
    if (!namePattern.match(name).hasMatch() || name.startsWith(u'.')) {
        *problems << QStringLiteral("图片“%1”无效：应为同一文件夹中的 .png 或 .jpg 文件名").arg(name);
        return {};
    }
    const QFileInfo info(QDir(folder).filePath(name));
    if (!info.isFile()) {
        *problems << QStringLiteral("图片文件“%1”不存在").arg(name);
        return {};
    }
    if (info.size() > Announcements::maxImageBytes) {
        *problems << QStringLiteral("图片文件“%1”过大（最多 %2 MB）").arg(name).arg(Announcements::maxImageBytes >> 20);
        return {};
    }
    return info.absoluteFilePath();
}

Announcement fromJson(const QJsonObject &o, const QString &folder, QStringList *problems)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!Announcements::knownKeys().contains(it.key()))
            *problems << QStringLiteral("未知字段“%1”").arg(it.key());
    }
    Announcement a;
    a.id = textField(o, "id", true, problems);
    a.kind = textField(o, "kind", true, problems);
    a.title = textField(o, "title", true, problems);
    a.text = textField(o, "text", true, problems);
    a.imagePath = imagePath(textField(o, "image", false, problems), folder, problems);
    a.showFrom = dateField(o, "show_from", problems);
    a.showUntil = dateField(o, "show_until", problems);

    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    if (!a.id.isEmpty() && !idPattern.match(a.id).hasMatch())
        *problems << QStringLiteral("编号“%1”无效（1–64 个字母、数字或 . _ : -）").arg(a.id);
    if (!a.kind.isEmpty() && !Announcements::kinds().contains(a.kind))
        *problems << QStringLiteral("类型“%1”不在 %2 之中").arg(a.kind, Announcements::kinds().join(QStringLiteral("、")));
    if (a.title.size() > Announcements::maxTitle)
        *problems << QStringLiteral("标题过长（最多 %1 字）").arg(Announcements::maxTitle);
    if (a.text.size() > Announcements::maxText)
        *problems << QStringLiteral("正文过长（最多 %1 字）").arg(Announcements::maxText);
    if (o.contains(QLatin1String("title")) && o.value(QLatin1String("title")).isString() && a.title.isEmpty())
        *problems << QStringLiteral("标题不能为空");
    if (o.contains(QLatin1String("text")) && o.value(QLatin1String("text")).isString() && a.text.isEmpty())
        *problems << QStringLiteral("正文不能为空");
    if (a.showFrom.isValid() && a.showUntil.isValid()) {
        if (a.showUntil < a.showFrom)
            *problems << QStringLiteral("结束展示日期早于开始展示日期");
        else if (a.showFrom.daysTo(a.showUntil) >= Announcements::maxDays)
            *problems << QStringLiteral("展示期超过 %1 天").arg(Announcements::maxDays);
    }
    return a;
}

} // namespace

AnnouncementsResult Announcements::parse(const QByteArray &json, const QString &folder)
{
    AnnouncementsResult r;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        r.problems << QStringLiteral("不是有效的 JSON（第 %1 字节：%2）").arg(err.offset).arg(err.errorString());
        return r;
    }
    const QJsonObject top = doc.object();
    if (!doc.isObject() || top.value(QLatin1String("format")).toInt(-1) != 1) {
        r.problems << QStringLiteral("缺少格式版本或版本不受支持（应为 \"format\": 1）");
        return r;
    }
    if (!top.value(QLatin1String("announcements")).isArray()) {
        r.problems << QStringLiteral("缺少公告列表“announcements”");
        return r;
    }
    const QJsonArray list = top.value(QLatin1String("announcements")).toArray();
    QSet<QString> seen;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            r.problems << QStringLiteral("第 %1 条公告不是对象").arg(i + 1);
            continue;
        }
        QStringList problems;
        const Announcement a = fromJson(list.at(i).toObject(), folder, &problems);
        if (!a.id.isEmpty() && seen.contains(a.id))
            problems << QStringLiteral("编号重复");
        const QString where = QStringLiteral("第 %1 条公告（%2）：").arg(i + 1).arg(a.id);
        for (const QString &p : problems)
            r.problems << where + p;
        if (problems.isEmpty()) {
            seen.insert(a.id);
            r.items << a;
        }
    }
    return r;
}

AnnouncementsResult Announcements::load(const QString &folder)
{
    QFile f(QDir(folder).filePath(fileName()));
    if (!f.exists())
        return {};
    if (!f.open(QIODevice::ReadOnly) || f.size() > maxFileBytes) {
        AnnouncementsResult r;
        r.problems << QStringLiteral("无法读取公告文件 %1 或文件过大").arg(f.fileName());
        return r;
    }
    return parse(f.readAll(), folder);
}

QList<Announcement> Announcements::showing(const QList<Announcement> &items, const QDate &day)
{
    QList<Announcement> out;
    for (const Announcement &a : items) {
        if (a.showsOn(day))
            out << a;
    }
    return out;
}
