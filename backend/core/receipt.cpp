#include "receipt.h"
#include "eventcatalog.h"
#include "membercode.h"
#include "signedtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

using SignedText::appendJsonString;

// Centre names, event titles and kinds follow the display rules of names (not blank, no control
// characters, at most 64 characters): they are printed by verify-receipt and shown on screen.
bool isShortText(const QString &s)
{
    return MemberCode::isValidName(s);
}

QByteArray number(double value)
{
    QByteArray s = QByteArray::number(Receipt::roundHours(value), 'f', 2);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s;
}

bool validHours(double h)
{
    return std::isfinite(h) && h >= 0 && h <= Receipt::MaxHours;
}

std::optional<double> hoursValue(const QJsonValue &v)
{
    if (!v.isDouble() || !validHours(v.toDouble()))
        return std::nullopt;
    return Receipt::roundHours(v.toDouble());
}

std::optional<int> count(const QJsonValue &v, int max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0 && d <= max) || d != std::floor(d))
        return std::nullopt;
    return int(d);
}

} // namespace

double Receipt::roundHours(double hours)
{
    return std::round(hours * 100.0) / 100.0;
}

QString Receipt::kindName(Kind kind)
{
    return kind == Kind::Annual ? QStringLiteral("y") : QStringLiteral("a");
}

QString Receipt::validate() const
{
    if (!MemberCode::isValidId(issuer) || !MemberCode::isValidId(memberId))
        return QStringLiteral("签发单位或党员编号无效");
    if (!MemberCode::isValidName(name))
        return QStringLiteral("姓名无效");
    if (!MemberCode::isValidId(centreId) || !MemberCode::isValidId(kioskId))
        return QStringLiteral("中心或终端编号无效");
    if (!isShortText(centreName))
        return QStringLiteral("中心名称无效");
    if (!time.isValid() || time.toSecsSinceEpoch() < 0 || time.toSecsSinceEpoch() > qint64(SignedText::maxUnixSeconds))
        return QStringLiteral("时间无效");
    if (kind == Kind::Attendance) {
        if (!eventTitle.isEmpty() && !isShortText(eventTitle))
            return QStringLiteral("活动名称无效");
        if (!eventKind.isEmpty() && !isShortText(eventKind))
            return QStringLiteral("活动类型无效");
        if (hours && !validHours(*hours))
            return QStringLiteral("学时无效");
        return {};
    }
    if (year < 2000 || year > 9999 || checkinDays < 0 || checkinDays > 366 || videosWatched < 0
        || !validHours(videoHours) || eventsByKind.size() > MaxEventKinds)
        return QStringLiteral("年度汇总数值无效");
    // Known kinds, each at most once, with a count, in EventCatalog::kinds() order: exactly what
    // the payload's count array reads back as, so one summary has exactly one text.
    const QStringList known = EventCatalog::kinds();
    qsizetype previous = -1;
    for (const auto &[eventKindName, n] : eventsByKind) {
        const qsizetype index = known.indexOf(eventKindName);
        if (index <= previous || n <= 0 || n > 100000)
            return QStringLiteral("年度汇总的活动类型无效（须为已知类型，按固定顺序，次数大于 0）");
        previous = index;
    }
    return {};
}

QByteArray Receipt::payloadJson() const
{
    QByteArray out;
    out.reserve(256);
    out += "{\"v\":1,\"t\":";
    appendJsonString(out, kindName(kind));
    const std::pair<const char *, const QString *> head[] = {
            {"iss", &issuer}, {"mid", &memberId}, {"n", &name}, {"c", &centreId}, {"cn", &centreName}, {"k", &kioskId}};
    for (const auto &[key, value] : head) {
        out += ",\"" + QByteArray(key) + "\":";
        appendJsonString(out, *value);
    }
    if (kind == Kind::Attendance) {
        out += ",\"at\":" + QByteArray::number(time.toSecsSinceEpoch());
        const std::pair<const char *, const QString *> optional[] = {
                {"ev", &eventTitle}, {"ek", &eventKind}};
        for (const auto &[key, value] : optional) {
            if (value->isEmpty())
                continue;
            out += ",\"" + QByteArray(key) + "\":";
            appendJsonString(out, *value);
        }
        if (hours)
            out += ",\"h\":" + number(*hours);
    } else {
        out += ",\"y\":" + QByteArray::number(year);
        out += ",\"iat\":" + QByteArray::number(time.toSecsSinceEpoch());
        out += ",\"d\":" + QByteArray::number(checkinDays);
        // Counts by kind as an array in EventCatalog::kinds() order: the kind names themselves
        // would double the size of the QR code.
        const QStringList known = EventCatalog::kinds();
        QList<int> counts(known.size(), 0);
        for (const auto &[eventKindName, n] : eventsByKind)
            counts[qMax(known.indexOf(eventKindName), qsizetype(0))] = n;
        out += ",\"e\":[";
        for (qsizetype i = 0; i < counts.size(); ++i)
            out += (i ? "," : "") + QByteArray::number(counts.at(i));
        out += "],\"vh\":" + number(videoHours);
        out += ",\"vn\":" + QByteArray::number(videosWatched);
    }
    out += '}';
    return out;
}

std::optional<Receipt> Receipt::fromPayload(const QByteArray &json, const char **problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *problem = "payload is not a JSON object";
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("v")).toDouble() != 1.0 || !o.value(QLatin1String("v")).isDouble()) {
        *problem = "v is not 1";
        return std::nullopt;
    }
    Receipt r;
    const QString typ = o.value(QLatin1String("t")).toString();
    if (typ != kindName(Kind::Attendance) && typ != kindName(Kind::Annual)) {
        *problem = "unknown typ";
        return std::nullopt;
    }
    r.kind = typ == kindName(Kind::Annual) ? Kind::Annual : Kind::Attendance;
    const std::pair<const char *, QString *> head[] = {{"iss", &r.issuer}, {"mid", &r.memberId}, {"n", &r.name},
                                                       {"c", &r.centreId}, {"cn", &r.centreName}, {"k", &r.kioskId}};
    for (const auto &[key, field] : head) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString()) {
            *problem = "a text key is missing or not a string";
            return std::nullopt;
        }
        *field = v.toString();
    }
    QStringList allowed{QStringLiteral("v"), QStringLiteral("t"), QStringLiteral("iss"), QStringLiteral("mid"),
                        QStringLiteral("n"), QStringLiteral("c"), QStringLiteral("cn"), QStringLiteral("k")};
    if (r.kind == Kind::Attendance) {
        allowed << QStringLiteral("at") << QStringLiteral("ev") << QStringLiteral("ek")
                << QStringLiteral("h");
        const auto at = SignedText::unixSeconds(o.value(QLatin1String("at")));
        if (!at) {
            *problem = "at is invalid";
            return std::nullopt;
        }
        r.time = QDateTime::fromSecsSinceEpoch(*at, Qt::UTC);
        const std::pair<const char *, QString *> optional[] = {
                {"ev", &r.eventTitle}, {"ek", &r.eventKind}};
        for (const auto &[key, field] : optional) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (!v.isUndefined() && (!v.isString() || v.toString().isEmpty())) {
                *problem = "an optional text key is not a non-empty string";
                return std::nullopt;
            }
            *field = v.toString();
        }
        if (o.contains(QLatin1String("h"))) {
            r.hours = hoursValue(o.value(QLatin1String("h")));
            if (!r.hours) {
                *problem = "h is invalid";
                return std::nullopt;
            }
        }
    } else {
        allowed << QStringLiteral("y") << QStringLiteral("iat") << QStringLiteral("d") << QStringLiteral("e")
                << QStringLiteral("vh") << QStringLiteral("vn");
        const auto iat = SignedText::unixSeconds(o.value(QLatin1String("iat")));
        const auto y = count(o.value(QLatin1String("y")), 9999);
        const auto d = count(o.value(QLatin1String("d")), 366);
        const auto vn = count(o.value(QLatin1String("vn")), 100000);
        const auto vh = hoursValue(o.value(QLatin1String("vh")));
        const QJsonValue e = o.value(QLatin1String("e"));
        const QStringList known = EventCatalog::kinds();
        if (!iat || !y || !d || !vn || !vh || !e.isArray() || e.toArray().size() != known.size()) {
            *problem = "an annual key is missing or invalid";
            return std::nullopt;
        }
        r.time = QDateTime::fromSecsSinceEpoch(*iat, Qt::UTC);
        r.year = *y;
        r.checkinDays = *d;
        r.videosWatched = *vn;
        r.videoHours = *vh;
        const QJsonArray events = e.toArray();
        for (qsizetype i = 0; i < events.size(); ++i) {
            const auto n = count(events.at(i), 100000);
            if (!n) {
                *problem = "an event count is invalid";
                return std::nullopt;
            }
            if (*n > 0)
                r.eventsByKind.append({known.at(i), *n});
        }
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!allowed.contains(it.key())) {
            *problem = "unknown key";
            return std::nullopt;
        }
    }
    if (!r.validate().isEmpty()) {
        *problem = "a field breaks the limits";
        return std::nullopt;
    }
    return r;
}
