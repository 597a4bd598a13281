#include "receiptservice.h"
#include "clock.h"
#include "database.h"
#include "eventcatalog.h"
#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

QString shortTitle(const QString &title)
{
    const QList<uint> ucs4 = title.toUcs4();
    if (ucs4.size() <= ReceiptService::MaxTitleCharacters)
        return title;
    const auto *cut = reinterpret_cast<const char32_t *>(ucs4.constData());
    return QString::fromUcs4(cut, ReceiptService::MaxTitleCharacters - 1) + QStringLiteral("…");
}

// Runs a read with bound values; false (and a log line) when SQLite refuses.
bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql)) {
        qCWarning(lcStorage).noquote() << "receipt query refused:" << q.lastError().text();
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "receipt query failed:" << q.lastError().text();
        return false;
    }
    return true;
}

const QString unavailable = QStringLiteral("暂时无法读取签到记录，请联系工作人员");

} // namespace

ReceiptService::ReceiptService(Database &db, const Clock &clock, ReceiptSettings settings)
    : m_db(db), m_clock(clock), m_settings(std::move(settings))
{
}

Receipt ReceiptService::base(Receipt::Kind kind, const QString &issuer, const QString &memberId) const
{
    Receipt r;
    r.kind = kind;
    r.issuer = issuer;
    r.memberId = memberId;
    r.centreId = m_settings.centreId;
    r.centreName = m_settings.centreName;
    r.kioskId = m_settings.kioskId;
    QSqlQuery q(m_db.connection());
    if (run(q, QStringLiteral("SELECT name FROM members WHERE issuer = ? AND member_id = ?"), {issuer, memberId})
        && q.next())
        r.name = q.value(0).toString();
    return r;
}

std::optional<Receipt> ReceiptService::attendance(const QString &issuer, const QString &memberId,
                                                  const QString &recordId, QString *error) const
{
    Receipt r = base(Receipt::Kind::Attendance, issuer, memberId);
    QSqlQuery q(m_db.connection());
    const QString select = QStringLiteral(
            "SELECT c.id, c.name, c.checked_utc, c.local_date, COALESCE(e.title, ''), COALESCE(e.kind, '') "
            "FROM checkins c LEFT JOIN events e ON e.id = c.event_id "
            "WHERE c.issuer = ? AND c.member_id = ? AND c.centre_id = ? AND ");
    const bool ok = recordId.isEmpty()
            ? run(q, select + QStringLiteral("c.local_date = ? ORDER BY c.checked_utc DESC LIMIT 1"),
                  {issuer, memberId, m_settings.centreId, m_clock.localDate().toString(Qt::ISODate)})
            : run(q, select + QStringLiteral("c.id = ?"), {issuer, memberId, m_settings.centreId, recordId});
    if (!ok) {
        *error = unavailable;
        return std::nullopt;
    }
    if (!q.next()) {
        *error = QStringLiteral("没有找到您今天在本中心的签到记录，请先签到");
        return std::nullopt;
    }
    if (r.name.isEmpty())
        r.name = q.value(1).toString();
    r.time = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs).toUTC();
    r.time = QDateTime::fromSecsSinceEpoch(r.time.toSecsSinceEpoch(), Qt::UTC);
    const QString localDate = q.value(3).toString();
    r.eventTitle = shortTitle(q.value(4).toString());
    r.eventKind = q.value(5).toString();

    QSqlQuery credits(m_db.connection());
    if (run(credits, QStringLiteral("SELECT COALESCE(SUM(credit), 0), COUNT(*) FROM video_credits "
                                    "WHERE issuer = ? AND member_id = ? AND centre_id = ? AND local_date = ?"),
            {issuer, memberId, m_settings.centreId, localDate})
        && credits.next() && credits.value(1).toInt() > 0)
        r.hours = Receipt::roundHours(credits.value(0).toDouble());
    if (const QString problem = r.validate(); !problem.isEmpty()) {
        qCWarning(lcStorage).noquote() << "receipt for" << issuer << memberId << "not valid:" << problem;
        *error = QStringLiteral("无法生成回执：%1").arg(problem);
        return std::nullopt;
    }
    return r;
}

std::optional<Receipt> ReceiptService::annual(const QString &issuer, const QString &memberId, QString *error) const
{
    Receipt r = base(Receipt::Kind::Annual, issuer, memberId);
    const QDateTime now = m_clock.now();
    r.time = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    r.year = now.toLocalTime().date().year();
    const QString from = QDate(r.year, 1, 1).toString(Qt::ISODate);
    const QString to = QDate(r.year, 12, 31).toString(Qt::ISODate);
    const QVariantList member{issuer, memberId, m_settings.centreId, from, to};
    const QString where = QStringLiteral(" WHERE c.issuer = ? AND c.member_id = ? AND c.centre_id = ? "
                                         "AND c.local_date BETWEEN ? AND ?");

    QSqlQuery days(m_db.connection());
    QSqlQuery events(m_db.connection());
    QSqlQuery videos(m_db.connection());
    if (!run(days, QStringLiteral("SELECT COUNT(DISTINCT c.local_date), MAX(c.name) FROM checkins c") + where, member)
        || !days.next()
        || !run(events, QStringLiteral("SELECT e.kind, COUNT(DISTINCT c.event_id) FROM checkins c "
                                       "JOIN events e ON e.id = c.event_id") + where + QStringLiteral(" GROUP BY e.kind"),
                member)
        || !run(videos, QStringLiteral("SELECT COALESCE(SUM(c.credit), 0), COUNT(*) FROM video_credits c") + where, member)
        || !videos.next()) {
        *error = unavailable;
        return std::nullopt;
    }
    r.checkinDays = days.value(0).toInt();
    if (r.name.isEmpty())
        r.name = days.value(1).toString();
    QHash<QString, int> byKind;
    while (events.next())
        byKind.insert(events.value(0).toString(), events.value(1).toInt());
    for (const QString &kind : EventCatalog::kinds()) {
        if (byKind.value(kind) > 0)
            r.eventsByKind.append({kind, byKind.value(kind)});
    }
    r.videoHours = Receipt::roundHours(videos.value(0).toDouble());
    r.videosWatched = videos.value(1).toInt();
    if (r.checkinDays == 0 && r.videosWatched == 0) {
        *error = QStringLiteral("今年在本中心还没有您的签到或学习记录");
        return std::nullopt;
    }
    if (const QString problem = r.validate(); !problem.isEmpty()) {
        qCWarning(lcStorage).noquote() << "annual receipt for" << issuer << memberId << "not valid:" << problem;
        *error = QStringLiteral("无法生成回执：%1").arg(problem);
        return std::nullopt;
    }
    return r;
}
