#include "videostore.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "outbox.h"
#include "videomanifest.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {

constexpr auto selectProgress =
    "SELECT p.video_id, p.duration_ms, p.watched_ms, p.position_ms, p.intervals, "
    " EXISTS(SELECT 1 FROM video_credits c WHERE c.issuer = p.issuer AND c.member_id = p.member_id "
    "        AND c.video_id = p.video_id) "
    "FROM video_progress p WHERE p.issuer = ? AND p.member_id = ?";

VideoProgressRecord readRow(const QSqlQuery &q)
{
    VideoProgressRecord r;
    r.videoId = q.value(0).toString();
    r.durationMs = q.value(1).toLongLong();
    r.watchedMs = q.value(2).toLongLong();
    r.positionMs = q.value(3).toLongLong();
    // A damaged spans column costs the member the record of which parts they saw, not the
    // whole progress: the total and position are separate columns.
    r.intervals = WatchProgress::parseIntervals(q.value(4).toString()).value_or(QList<WatchInterval>());
    r.credited = q.value(5).toBool();
    return r;
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

VideoStore::VideoStore(Database &db, const Clock &clock, VideoStoreSettings settings)
    : m_db(db), m_clock(clock), m_settings(std::move(settings))
{
}

std::optional<VideoProgressRecord> VideoStore::progress(Database &db, const QString &issuer, const QString &memberId,
                                                        const QString &videoId)
{
    QSqlQuery q(db.connection());
    q.prepare(QString::fromLatin1(selectProgress) + QStringLiteral(" AND p.video_id = ?"));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    q.addBindValue(videoId);
    if (!q.exec()) {
        qCWarning(lcStorage) << "video progress not read:" << q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

QHash<QString, VideoProgressRecord> VideoStore::progressFor(Database &db, const QString &issuer,
                                                            const QString &memberId)
{
    QHash<QString, VideoProgressRecord> out;
    QSqlQuery q(db.connection());
    q.prepare(QString::fromLatin1(selectProgress));
    q.addBindValue(issuer);
    q.addBindValue(memberId);
    if (!q.exec()) {
        qCWarning(lcStorage) << "video progress not read:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        const VideoProgressRecord r = readRow(q);
        out.insert(r.videoId, r);
    }
    return out;
}

VideoSaveResult VideoStore::save(const VideoViewer &viewer, const VideoEntry &video, const WatchProgress &watch,
                                 bool endOfViewing)
{
    VideoSaveResult result;
    const QDateTime now = m_clock.now();
    const QString utc = now.toUTC().toString(Qt::ISODateWithMs);
    const QString localDate = now.toLocalTime().date().toString(Qt::ISODate);
    const bool ok = m_db.transaction([&](QSqlDatabase &db, QString *error) {
        // Merge with what is stored: spans watched earlier (another viewing, a save that raced
        // this one) are never lost.
        WatchProgress merged(watch.durationMs());
        QSqlQuery old(db);
        old.prepare(QStringLiteral("SELECT intervals FROM video_progress WHERE issuer = ? AND member_id = ? AND video_id = ?"));
        old.addBindValue(viewer.issuer);
        old.addBindValue(viewer.memberId);
        old.addBindValue(video.id);
        if (!run(old, error))
            return false;
        QList<WatchInterval> spans = watch.intervals();
        if (old.next())
            spans += WatchProgress::parseIntervals(old.value(0).toString()).value_or(QList<WatchInterval>());
        merged.restore(spans, watch.positionMs());

        QSqlQuery up(db);
        up.prepare(QStringLiteral(
            "INSERT INTO video_progress(issuer, member_id, video_id, duration_ms, watched_ms, position_ms, intervals, "
            "updated_utc) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(issuer, member_id, video_id) DO UPDATE SET duration_ms = excluded.duration_ms, "
            "watched_ms = excluded.watched_ms, position_ms = excluded.position_ms, intervals = excluded.intervals, "
            "updated_utc = excluded.updated_utc"));
        for (const QVariant &v : {QVariant(viewer.issuer), QVariant(viewer.memberId), QVariant(video.id),
                                  QVariant(merged.durationMs()), QVariant(merged.watchedMs()),
                                  QVariant(merged.positionMs()), QVariant(merged.intervalsText()), QVariant(utc)})
            up.addBindValue(v);
        if (!run(up, error))
            return false;

        QSqlQuery credited(db);
        credited.prepare(QStringLiteral("SELECT 1 FROM video_credits WHERE issuer = ? AND member_id = ? AND video_id = ?"));
        credited.addBindValue(viewer.issuer);
        credited.addBindValue(viewer.memberId);
        credited.addBindValue(video.id);
        if (!run(credited, error))
            return false;
        result.credited = credited.next();

        const QJsonObject common{
            {QStringLiteral("issuer"), viewer.issuer},       {QStringLiteral("member_id"), viewer.memberId},
            {QStringLiteral("name"), viewer.name},           {QStringLiteral("video_id"), video.id},
            {QStringLiteral("title"), video.title},          {QStringLiteral("category"), video.category},
            {QStringLiteral("duration_ms"), merged.durationMs()},
            {QStringLiteral("watched_ms"), merged.watchedMs()},
            {QStringLiteral("centre_id"), m_settings.centreId}, {QStringLiteral("kiosk_id"), m_settings.kioskId},
            {QStringLiteral("local_date"), localDate},
        };
        if (!result.credited && merged.isWatched()) {
            const QString id = OutboxRecord::newRecordId();
            QSqlQuery c(db);
            c.prepare(QStringLiteral(
                "INSERT INTO video_credits(id, issuer, member_id, name, video_id, title, credit, watched_ms, "
                "duration_ms, centre_id, kiosk_id, credited_utc, local_date) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            for (const QVariant &v : {QVariant(id), QVariant(viewer.issuer), QVariant(viewer.memberId),
                                      QVariant(viewer.name), QVariant(video.id), QVariant(video.title),
                                      QVariant(video.credit), QVariant(merged.watchedMs()),
                                      QVariant(merged.durationMs()), QVariant(m_settings.centreId),
                                      QVariant(m_settings.kioskId), QVariant(utc), QVariant(localDate)})
                c.addBindValue(v);
            if (!run(c, error))
                return false;
            QJsonObject payload = common;
            payload.insert(QStringLiteral("id"), id);
            payload.insert(QStringLiteral("credit"), video.credit);
            payload.insert(QStringLiteral("credited_utc"), utc);
            if (!Outbox::append(db, {id, QStringLiteral("video_credit"), payload, utc, now.toLocalTime().date()}, error))
                return false;
            result.newlyCredited = true;
            result.credited = true;
        }
        if (endOfViewing) {
            const QString id = OutboxRecord::newRecordId();
            QJsonObject payload = common;
            payload.insert(QStringLiteral("id"), id);
            payload.insert(QStringLiteral("position_ms"), merged.positionMs());
            payload.insert(QStringLiteral("percent"), merged.percent());
            payload.insert(QStringLiteral("watched"), merged.isWatched());
            payload.insert(QStringLiteral("saved_utc"), utc);
            if (!Outbox::append(db, {id, QStringLiteral("video_progress"), payload, utc, now.toLocalTime().date()},
                                error))
                return false;
        }
        return true;
    });
    result.ok = ok;
    if (!ok) {
        result.error = m_db.errorString();
        qCCritical(lcStorage).noquote() << "video progress not saved:" << result.error;
    } else if (result.newlyCredited) {
        qCInfo(lcStorage).noquote() << "video credited" << video.id << video.credit;
    }
    return result;
}
