#pragma once
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

// Shared by the fleet tests (FleetReport, the CLI): heartbeats as SyncEngine writes them.
namespace FleetTest {

struct Beat
{
    QString centre;
    QString kiosk;
    qint64 minutesAgo = 1;
    QString error;
    qint64 contentInUse = 7;
    QList<qint64> queue{0}; // samples 15 minutes apart, the last one is the queue now
    QString lastCheckin = QStringLiteral("2026-11-25T02:00:00.000Z");
};

inline Beat beat(const QString &centre, const QString &kiosk)
{
    Beat b;
    b.centre = centre;
    b.kiosk = kiosk;
    return b;
}

inline bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline bool heartbeat(const QString &share, const Beat &b, const QDateTime &now)
{
    QJsonArray history;
    for (qsizetype i = 0; i < b.queue.size(); ++i)
        history.append(QJsonObject{{QStringLiteral("t"), now.addSecs(-900 * (b.queue.size() - i)).toString(Qt::ISODate)},
                                   {QStringLiteral("n"), b.queue.at(i)}});
    const QJsonObject o{{QStringLiteral("format"), 1},
                        {QStringLiteral("centre_id"), b.centre},
                        {QStringLiteral("kiosk_id"), b.kiosk},
                        {QStringLiteral("program_version"), QStringLiteral("1.2.0")},
                        {QStringLiteral("time_utc"), now.addSecs(-60 * b.minutesAgo).toString(Qt::ISODateWithMs)},
                        {QStringLiteral("last_sync_utc"), now.addSecs(-3600).toString(Qt::ISODateWithMs)},
                        {QStringLiteral("queue_length"), b.queue.constLast()},
                        {QStringLiteral("last_error"), b.error},
                        {QStringLiteral("conflicts"), QJsonArray()},
                        {QStringLiteral("content"),
                         QJsonObject{{QStringLiteral("version"), 7}, {QStringLiteral("in_use"), b.contentInUse}}},
                        {QStringLiteral("last_checkin_utc"), b.lastCheckin},
                        {QStringLiteral("queue_history"), history}};
    return write(QDir(share).filePath(QStringLiteral("status/%1/%2.json").arg(b.centre, b.kiosk)),
                 QJsonDocument(o).toJson());
}

// distribution/manifest.json of the given version (unsigned: the office's own view needs no key).
inline bool manifest(const QString &share, qint64 version)
{
    const QByteArray json = QStringLiteral("{\"format\":1,\"version\":%1,\"issuer\":\"street-1\",\"created_utc\":\"\",\"files\":[]}")
                                    .arg(version)
                                    .toUtf8();
    return write(QDir(share).filePath(QStringLiteral("distribution/manifest.json")), json);
}

} // namespace FleetTest
