#include "sharemarker.h"
#include "filelayer.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

QString ShareState::stateName(State s)
{
    switch (s) {
    case State::Online: return QStringLiteral("online");
    case State::NotConfigured: return QStringLiteral("not_configured");
    case State::Absent: return QStringLiteral("absent");
    case State::NoMarker: return QStringLiteral("no_marker");
    case State::BadMarker: return QStringLiteral("bad_marker");
    case State::OtherShare: return QStringLiteral("other_share");
    case State::NewerFormat: return QStringLiteral("newer_format");
    }
    return {};
}

QByteArray ShareMarker::content(const QString &shareId)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("share_id"), shareId}, {QStringLiteral("format"), Format}})
                   .toJson(QJsonDocument::Compact)
            + '\n';
}

ShareState ShareMarker::check(FileLayer &files, const QString &shareRoot, const QString &shareId)
{
    using S = ShareState::State;
    if (shareRoot.isEmpty() || shareId.isEmpty())
        return {S::NotConfigured, QStringLiteral("未配置共享目录")};
    if (!files.isDir(shareRoot))
        return {S::Absent, QStringLiteral("共享目录 %1 不存在或无法访问").arg(shareRoot)};
    const QString markerPath = QDir(shareRoot).filePath(fileName());
    if (!files.exists(markerPath))
        return {S::NoMarker, QStringLiteral("共享目录 %1 未挂载（缺少标记文件 %2）").arg(shareRoot, fileName())};
    QString error;
    const auto bytes = files.readAll(markerPath, 64 * 1024, &error);
    if (!bytes)
        return {S::BadMarker, QStringLiteral("无法读取共享标记文件: %1").arg(error)};
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject())
        return {S::BadMarker, QStringLiteral("共享标记文件 %1 不是有效的 JSON").arg(markerPath)};
    const QJsonObject o = doc.object();
    const int format = o.value(QStringLiteral("format")).toInt(0);
    if (format > Format)
        return {S::NewerFormat, QStringLiteral("共享目录格式版本 %1 高于本程序支持的版本 %2，请升级终端程序")
                                        .arg(format).arg(Format)};
    if (format < 1)
        return {S::BadMarker, QStringLiteral("共享标记文件缺少有效的 format")};
    const QString id = o.value(QStringLiteral("share_id")).toString();
    if (id != shareId)
        return {S::OtherShare, QStringLiteral("挂载的是另一个共享目录（“%1”，应为“%2”）").arg(id, shareId)};
    return {S::Online, {}};
}
