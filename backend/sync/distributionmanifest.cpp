#include "distributionmanifest.h"
#include "contentvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

QByteArray DistributionManifest::toJson() const
{
    QJsonArray list;
    for (const DistributionFile &f : files)
        list.append(QJsonObject{{QStringLiteral("path"), f.path},
                                {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)},
                                {QStringLiteral("size"), f.size}});
    const QJsonObject o{{QStringLiteral("format"), format},
                        {QStringLiteral("version"), version},
                        {QStringLiteral("issuer"), issuer},
                        {QStringLiteral("created_utc"), createdUtc},
                        {QStringLiteral("files"), list}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool DistributionManifest::isSafePath(const QString &path)
{
    // Plain relative names only: no "..", no hidden or empty components, no backslashes, and
    // the first component is a folder some parser owns.
    static const QRegularExpression component(QStringLiteral("^[^./\\\\:][^/\\\\:]{0,254}$"));
    const QStringList parts = path.split(u'/');
    if (parts.size() < 2 || !ContentValidator::folders().contains(parts.constFirst()))
        return false;
    for (const QString &p : parts) {
        if (!component.match(p).hasMatch() || p.contains(QLatin1String("..")))
            return false;
    }
    return true;
}

bool DistributionManifest::parse(const QByteArray &json, DistributionManifest *out, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = QStringLiteral("发布清单无效：%1").arg(why);
        return false;
    };
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("不是有效的 JSON"));
    const QJsonObject o = doc.object();
    DistributionManifest m;
    m.format = o.value(QStringLiteral("format")).toInt(0);
    if (m.format > Format)
        return fail(QStringLiteral("格式版本 %1 高于本程序支持的版本 %2，请升级终端程序").arg(m.format).arg(Format));
    if (m.format < 1)
        return fail(QStringLiteral("缺少 format"));
    m.version = o.value(QStringLiteral("version")).toInteger(0);
    if (m.version <= 0)
        return fail(QStringLiteral("version 必须是正整数"));
    m.issuer = o.value(QStringLiteral("issuer")).toString();
    m.createdUtc = o.value(QStringLiteral("created_utc")).toString();
    QSet<QString> seen;
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    for (const QJsonValue &v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        DistributionFile file;
        file.path = f.value(QStringLiteral("path")).toString();
        file.sha256 = f.value(QStringLiteral("sha256")).toString().toLatin1();
        file.size = f.value(QStringLiteral("size")).toInteger(-1);
        if (!isSafePath(file.path))
            return fail(QStringLiteral("文件路径“%1”不允许").arg(file.path));
        if (!hex.match(QString::fromLatin1(file.sha256)).hasMatch() || file.size < 0)
            return fail(QStringLiteral("文件“%1”缺少有效的 sha256 或 size").arg(file.path));
        if (seen.contains(file.path))
            return fail(QStringLiteral("文件“%1”重复").arg(file.path));
        seen.insert(file.path);
        m.files.append(file);
    }
    *out = m;
    return true;
}
