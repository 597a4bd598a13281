#include "organisationdirectory.h"
#include "inputlogging.h"
#include "pinyininitials.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

OrganisationDirectory OrganisationDirectory::load(const QString &path, QString *error)
{
    OrganisationDirectory dir;
    QFile file(path);
    if (!file.exists())
        return dir;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("无法读取党组织列表：%1").arg(file.errorString());
        return dir;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    const QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("organisations")).toArray();
    if (parse.error != QJsonParseError::NoError || list.isEmpty()) {
        if (error)
            *error = QStringLiteral("党组织列表格式不正确：%1").arg(path);
        qCWarning(lcInput).noquote() << "organisations list not usable:" << path << parse.errorString();
        return dir;
    }
    QSet<QString> seen;
    for (const QJsonValue &v : list) {
        const QString name = (v.isString() ? v.toString() : v.toObject().value(QStringLiteral("name")).toString())
                                 .trimmed();
        if (name.isEmpty() || seen.contains(name))
            continue;
        seen.insert(name);
        QString initials = v.toObject().value(QStringLiteral("initials")).toString().trimmed().toLower();
        if (initials.isEmpty())
            initials = PinyinInitials::of(name);
        dir.m_entries.append({name, initials});
    }
    return dir;
}

OrganisationDirectory OrganisationDirectory::fromNames(const QStringList &names)
{
    OrganisationDirectory dir;
    for (const QString &n : names)
        dir.m_entries.append({n, PinyinInitials::of(n)});
    return dir;
}

QStringList OrganisationDirectory::search(const QString &query, int limit) const
{
    QStringList out;
    for (const Entry &e : m_entries) {
        if (out.size() >= limit)
            break;
        if (PinyinInitials::matches(e.name, e.initials, query))
            out.append(e.name);
    }
    return out;
}
