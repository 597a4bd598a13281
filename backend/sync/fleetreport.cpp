#include "fleetreport.h"
#include "distributionmanifest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>

namespace {

constexpr qint64 maxHeartbeatBytes = 256 * 1024;

struct FlagName
{
    FleetKiosk::Flag flag;
    const char *id;
    const char *text;
};

const FlagName flagNames[] = {
        {FleetKiosk::Unreadable, "unreadable", "心跳损坏"},
        {FleetKiosk::Stale, "stale", "失联"},
        {FleetKiosk::Failing, "failing", "同步失败"},
        {FleetKiosk::QueueGrowing, "queue_growing", "队列增长"},
        {FleetKiosk::Behind, "behind", "分发落后"},
};

QDateTime utc(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

// The lowest flag bit decides the place in the table; kiosks without flags go last.
int rank(const FleetKiosk &k)
{
    for (int i = 0; i < int(std::size(flagNames)); ++i) {
        if (k.flags & flagNames[i].flag)
            return i;
    }
    return int(std::size(flagNames));
}

qint64 shareManifestVersion(const QString &shareRoot, QStringList *problems)
{
    const QString path = QDir(shareRoot).filePath(QStringLiteral("distribution/manifest.json"));
    QFile f(path);
    if (!f.exists())
        return 0;
    DistributionManifest m;
    QString error;
    if (!f.open(QIODevice::ReadOnly) || !DistributionManifest::parse(f.read(4 * 1024 * 1024), &m, &error)) {
        *problems << QStringLiteral("无法读取共享目录的下发清单 %1：%2").arg(path, error.isEmpty() ? f.errorString() : error);
        return 0;
    }
    return m.version;
}

// East Asian wide characters take two columns in a terminal.
int displayWidth(const QString &s)
{
    int w = 0;
    for (const char32_t c : s.toUcs4())
        w += (c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                              || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                              || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000))
                ? 2
                : 1;
    return w;
}

QString localText(const QDateTime &t)
{
    return t.isValid() ? t.toTimeZone(QTimeZone::systemTimeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QStringLiteral("—");
}

QByteArray csvField(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        s = u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return s.toUtf8();
}

} // namespace

QStringList FleetKiosk::flagNames() const
{
    QStringList out;
    for (const FlagName &f : ::flagNames) {
        if (flags & f.flag)
            out << QLatin1String(f.id);
    }
    return out;
}

QStringList FleetKiosk::flagTexts() const
{
    QStringList out;
    for (const FlagName &f : ::flagNames) {
        if (flags & f.flag)
            out << QString::fromUtf8(f.text);
    }
    return out;
}

int FleetSnapshot::flaggedCount() const
{
    return int(std::count_if(kiosks.cbegin(), kiosks.cend(), [](const FleetKiosk &k) { return !k.ok(); }));
}

FleetKiosk FleetReport::parseHeartbeat(const QByteArray &json, const QDateTime &now, int staleHours, qint64 shareVersion)
{
    FleetKiosk k;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        k.flags = FleetKiosk::Unreadable;
        k.problem = QStringLiteral("心跳文件不是有效的 JSON");
        return k;
    }
    const QJsonObject o = doc.object();
    k.centreId = o.value(QLatin1String("centre_id")).toString();
    k.kioskId = o.value(QLatin1String("kiosk_id")).toString();
    k.programVersion = o.value(QLatin1String("program_version")).toString();
    k.lastContact = utc(o.value(QLatin1String("time_utc")));
    k.lastSync = utc(o.value(QLatin1String("last_sync_utc")));
    k.queueLength = o.value(QLatin1String("queue_length")).toInteger(-1);
    k.lastCheckin = utc(o.value(QLatin1String("last_checkin_utc")));
    const QJsonObject content = o.value(QLatin1String("content")).toObject();
    // Heartbeats before issue 12 carry only the manifest version the run looked at.
    k.contentVersion = content.value(QLatin1String("in_use")).toInteger(content.value(QLatin1String("version")).toInteger());
    const QJsonArray conflicts = o.value(QLatin1String("conflicts")).toArray();
    k.lastError = o.value(QLatin1String("last_error")).toString();
    if (k.lastError.isEmpty() && !conflicts.isEmpty())
        k.lastError = conflicts.first().toString();
    if (k.lastError.isEmpty())
        k.lastError = content.value(QLatin1String("error")).toString();
    for (const QJsonValue &v : o.value(QLatin1String("queue_history")).toArray())
        k.queueSamples << v.toObject().value(QLatin1String("n")).toInteger();

    if (!k.lastContact.isValid()) {
        k.flags |= FleetKiosk::Unreadable;
        k.problem = QStringLiteral("心跳文件没有有效的时间");
    } else if (k.lastContact.secsTo(now) > qint64(staleHours) * 3600) {
        k.flags |= FleetKiosk::Stale;
    }
    if (!k.lastError.isEmpty())
        k.flags |= FleetKiosk::Failing;
    if (k.queueSamples.size() >= GrowingSamples) {
        const auto last = k.queueSamples.mid(k.queueSamples.size() - GrowingSamples);
        if (std::adjacent_find(last.cbegin(), last.cend(), [](qint64 a, qint64 b) { return b <= a; }) == last.cend())
            k.flags |= FleetKiosk::QueueGrowing;
    }
    if (shareVersion > 0 && k.contentVersion < shareVersion)
        k.flags |= FleetKiosk::Behind;
    if (k.lastCheckin.isValid())
        k.daysSinceCheckin = k.lastCheckin.toLocalTime().date().daysTo(now.toLocalTime().date());
    return k;
}

FleetSnapshot FleetReport::read(const QString &shareRoot, const QDateTime &now, int staleHours)
{
    FleetSnapshot s;
    s.takenAt = now.toUTC();
    s.staleHours = staleHours;
    s.shareVersion = shareManifestVersion(shareRoot, &s.problems);
    const QDir status(QDir(shareRoot).filePath(QStringLiteral("status")));
    if (!status.exists()) {
        s.problems << QStringLiteral("共享目录中没有 status 文件夹：%1（还没有终端写过心跳，或路径不对）").arg(status.path());
        return s;
    }
    for (const QString &centre : status.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir folder(status.filePath(centre));
        for (const QFileInfo &info : folder.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            QFile f(info.absoluteFilePath());
            FleetKiosk k;
            if (!f.open(QIODevice::ReadOnly) || f.size() > maxHeartbeatBytes) {
                k.flags = FleetKiosk::Unreadable;
                k.problem = QStringLiteral("无法读取心跳文件：%1").arg(f.errorString());
            } else {
                k = parseHeartbeat(f.readAll(), now, staleHours, s.shareVersion);
            }
            // The file's place names the kiosk, whatever its content says.
            k.centreId = centre;
            k.kioskId = info.completeBaseName();
            s.kiosks << k;
        }
    }
    std::stable_sort(s.kiosks.begin(), s.kiosks.end(), [](const FleetKiosk &a, const FleetKiosk &b) {
        return std::tuple(rank(a), a.centreId, a.kioskId) < std::tuple(rank(b), b.centreId, b.kioskId);
    });
    return s;
}

QString FleetReport::table(const FleetSnapshot &s)
{
    const QStringList header{QStringLiteral("状态"),     QStringLiteral("中心"),     QStringLiteral("终端"),
                             QStringLiteral("版本"),     QStringLiteral("最近联系"), QStringLiteral("最近成功同步"),
                             QStringLiteral("队列"),     QStringLiteral("分发版本"), QStringLiteral("距上次签到"),
                             QStringLiteral("最近错误")};
    QList<QStringList> rows{header};
    for (const FleetKiosk &k : s.kiosks) {
        rows << QStringList{k.ok() ? QStringLiteral("正常") : k.flagTexts().join(u'+'),
                            k.centreId,
                            k.kioskId,
                            k.programVersion.isEmpty() ? QStringLiteral("—") : k.programVersion,
                            localText(k.lastContact),
                            localText(k.lastSync),
                            k.queueLength < 0 ? QStringLiteral("—") : QString::number(k.queueLength),
                            QString::number(k.contentVersion),
                            k.daysSinceCheckin ? QStringLiteral("%1 天").arg(*k.daysSinceCheckin) : QStringLiteral("—"),
                            !k.problem.isEmpty() ? k.problem : k.lastError.isEmpty() ? QStringLiteral("—") : k.lastError};
    }
    QList<int> widths(header.size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size())
                line += QString(widths[c] - displayWidth(row[c]) + 2, u' ');
        }
        out += line + u'\n';
    }
    out += QStringLiteral("共 %1 台终端，%2 台需要关注（失联阈值 %3 小时；共享目录当前下发版本 %4）\n")
                   .arg(s.kiosks.size()).arg(s.flaggedCount()).arg(s.staleHours).arg(s.shareVersion);
    return out;
}

QByteArray FleetReport::csv(const FleetSnapshot &s)
{
    QByteArray out = "\xEF\xBB\xBF"
                     "centre_id,kiosk_id,flags,program_version,last_contact_utc,last_sync_utc,queue_length,"
                     "content_version,share_version,days_since_checkin,last_error\r\n";
    const auto stamp = [](const QDateTime &t) { return t.isValid() ? t.toString(Qt::ISODate) : QString(); };
    for (const FleetKiosk &k : s.kiosks) {
        const QStringList fields{k.centreId,
                                 k.kioskId,
                                 k.flagNames().join(u';'),
                                 k.programVersion,
                                 stamp(k.lastContact),
                                 stamp(k.lastSync),
                                 k.queueLength < 0 ? QString() : QString::number(k.queueLength),
                                 QString::number(k.contentVersion),
                                 QString::number(s.shareVersion),
                                 k.daysSinceCheckin ? QString::number(*k.daysSinceCheckin) : QString(),
                                 !k.problem.isEmpty() ? k.problem : k.lastError};
        QByteArray line;
        for (qsizetype i = 0; i < fields.size(); ++i)
            line += (i ? "," : "") + csvField(fields[i]);
        out += line + "\r\n";
    }
    return out;
}
