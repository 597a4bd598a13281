#include "membercardcodes.h"
#include "membercode.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

MemberCardCodesResult failed(const QString &error)
{
    MemberCardCodesResult r;
    r.errors << error;
    return r;
}

} // namespace

QByteArray MemberCardCodes::toJson(const QStringList &codes)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), Format},
                                     {QStringLiteral("codes"), QJsonArray::fromStringList(codes)}})
        .toJson(QJsonDocument::Indented);
}

MemberCardCodesResult MemberCardCodes::fromJson(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return failed(QStringLiteral("党员码清单不是有效的 JSON 对象"));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toInt(-1) != Format)
        return failed(QStringLiteral("党员码清单格式版本不受支持（应为 %1）").arg(Format));
    if (!root.value(QLatin1String("codes")).isArray())
        return failed(QStringLiteral("党员码清单缺少 codes 数组"));
    MemberCardCodesResult r;
    const QJsonArray codes = root.value(QLatin1String("codes")).toArray();
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const QString code = codes.at(i).toString();
        if (!code.startsWith(QLatin1String("DQM1.")) || code.toUtf8().size() > MemberCode::MaxTextBytes)
            r.errors << QStringLiteral("党员码清单第 %1 条不是党员码").arg(i + 1);
        else
            r.codes << code;
    }
    if (!r.ok())
        r.codes.clear();
    return r;
}

MemberCardCodesResult MemberCardCodes::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("无法打开 %1：%2").arg(path, file.errorString()));
    if (file.size() > MaxFileBytes)
        return failed(QStringLiteral("%1 太大").arg(path));
    return fromJson(file.readAll());
}

MemberCardCodesResult MemberCardCodes::loadFolder(const QString &dir)
{
    MemberCardCodesResult all;
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const MemberCardCodesResult one = load(QDir(dir).filePath(name));
        for (const QString &e : one.errors)
            all.errors << QStringLiteral("cards/%1：%2").arg(name, e);
        all.codes << one.codes;
    }
    return all;
}
