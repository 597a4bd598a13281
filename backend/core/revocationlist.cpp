#include "revocationlist.h"
#include "logging.h"
#include "membercode.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

RevocationResult failed(const QString &error)
{
    RevocationResult r;
    r.errors << error;
    return r;
}

} // namespace

RevocationResult RevocationList::fromJson(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(QStringLiteral("撤销名单不是有效的 JSON（第 %1 字节：%2）")
                          .arg(parseError.offset)
                          .arg(parseError.errorString()));
    if (!doc.isObject())
        return failed(QStringLiteral("撤销名单应为 JSON 对象"));
    const QJsonObject root = doc.object();
    // A newer format may mean entries this kiosk would misread: refuse rather than guess.
    if (root.value(QLatin1String("format")).toInt(-1) != Format)
        return failed(QStringLiteral("撤销名单格式版本不受支持（应为 %1），请升级终端软件").arg(Format));
    const QJsonValue list = root.value(QLatin1String("revoked"));
    if (!list.isArray())
        return failed(QStringLiteral("撤销名单缺少 revoked 数组"));

    RevocationResult r;
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject e = entries.at(i).toObject();
        const QString iss = e.value(QLatin1String("iss")).toString();
        const QString mid = e.value(QLatin1String("mid")).toString();
        if (!entries.at(i).isObject() || !MemberCode::isValidId(iss) || !MemberCode::isValidId(mid)) {
            r.errors << QStringLiteral("撤销名单第 %1 条：iss 和 mid 必须是有效的编号").arg(i + 1);
            continue;
        }
        r.entries.insert(iss + QLatin1Char(':') + mid);
    }
    if (!r.ok())
        r.entries.clear();
    return r;
}

RevocationResult RevocationList::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("无法打开撤销名单 %1：%2").arg(path, file.errorString()));
    if (file.size() > MaxFileBytes)
        return failed(QStringLiteral("撤销名单 %1 太大").arg(path));
    RevocationResult r = fromJson(file.readAll());
    for (QString &e : r.errors)
        e = QDir(path).dirName() + QStringLiteral("：") + e;
    return r;
}

RevocationResult RevocationList::loadFolder(const QString &dir)
{
    RevocationResult all;
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const RevocationResult one = load(QDir(dir).filePath(name));
        all.errors << one.errors;
        all.entries.unite(one.entries);
    }
    if (!all.ok())
        all.entries.clear();
    else if (!files.isEmpty())
        qCInfo(lcCore).noquote() << "revocation list:" << all.entries.size() << "codes revoked";
    return all;
}
