#include "exportrequest.h"

namespace {

struct KindInfo
{
    ExportRequest::Kind kind;
    const char *name;
    const char *title;
};

const KindInfo kinds[] = {
    {ExportRequest::Kind::Attendance, "attendance", "签到记录"},
    {ExportRequest::Kind::Transcript, "transcript", "学习档案"},
    {ExportRequest::Kind::Flowing, "flowing", "流动党员报告"},
    {ExportRequest::Kind::Unseen, "unseen", "未到访党员"},
};

} // namespace

std::optional<ExportRequest::Kind> ExportRequest::kindFromName(const QString &name)
{
    for (const KindInfo &k : kinds) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

QString ExportRequest::kindName(Kind kind)
{
    return QLatin1String(kinds[int(kind)].name);
}

QStringList ExportRequest::kindNames()
{
    QStringList out;
    for (const KindInfo &k : kinds)
        out << QLatin1String(k.name);
    return out;
}

QString ExportRequest::kindTitle(Kind kind)
{
    return QString::fromUtf8(kinds[int(kind)].title);
}

QString ExportRequest::baseName(const QDate &today) const
{
    QString name = kindTitle(kind);
    if (kind == Kind::Unseen)
        return name + QStringLiteral("_%1个月_%2").arg(months).arg(today.toString(Qt::ISODate));
    // 签到记录_2026-12-01_至_2026-12-06; without a start, 签到记录_截至_2026-12-06 (never a bare
    // "起_<date>", which reads as "from <date>").
    const QString end = (to.isValid() ? to : today).toString(Qt::ISODate);
    name += from.isValid() ? QStringLiteral("_%1_至_%2").arg(from.toString(Qt::ISODate), end)
                           : QStringLiteral("_截至_%1").arg(end);
    return name;
}
