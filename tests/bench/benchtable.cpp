#include "benchtable.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>
#include <QThread>
#include <algorithm>
#include <cmath>

namespace {

QString number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    return QString::number(v, 'f', std::abs(v) >= 100 ? 0 : std::abs(v) >= 10 ? 1 : 2);
}

QJsonValue json(double v)
{
    return std::isnan(v) ? QJsonValue() : QJsonValue(v);
}

double quantile(QList<double> v, double q)
{
    if (v.isEmpty())
        return qQNaN();
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(std::lround(q * double(v.size() - 1)))));
}

} // namespace

QString BenchRow::within() const
{
    switch (judge) {
    case Median:
        return median <= limit ? QStringLiteral("yes") : QStringLiteral("no");
    case P90:
        return (std::isnan(p90) ? median : p90) <= limit ? QStringLiteral("yes") : QStringLiteral("no");
    case AtLeast:
        return median >= limit ? QStringLiteral("yes") : QStringLiteral("no");
    case Info:
        break;
    }
    return QStringLiteral("-");
}

BenchTable::BenchTable()
    : m_loadBefore(loadAverage()), m_started(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
{
}

void BenchTable::add(const BenchRow &row)
{
    m_rows << row;
}

void BenchTable::missing(const QString &what)
{
    m_missing << what;
}

double BenchTable::median(QList<double> v)
{
    return quantile(std::move(v), 0.5);
}

double BenchTable::p90(QList<double> v)
{
    return quantile(std::move(v), 0.9);
}

QString BenchTable::loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).section(u' ', 0, 2);
}

QString BenchTable::machine() const
{
    QString cpu;
    QFile info(QStringLiteral("/proc/cpuinfo"));
    if (info.open(QIODevice::ReadOnly)) {
        const auto m = QRegularExpression(QStringLiteral("^model name\\s*:\\s*(.*)$"), QRegularExpression::MultilineOption)
                           .match(QString::fromLatin1(info.readAll()));
        cpu = m.captured(1).trimmed();
    }
    return QStringLiteral("%1, %2 CPUs, %3 %4").arg(cpu).arg(QThread::idealThreadCount()).arg(QSysInfo::prettyProductName(),
                                                                                              QSysInfo::kernelVersion());
}

QString BenchTable::markdown() const
{
    QString out = QStringLiteral("%1 UTC; %2; load average (1/5/15 min) %3 before, %4 after\n\n")
                      .arg(m_started, machine(), m_loadBefore, loadAverage());
    out += QStringLiteral("| Metric | Median | p90 | Budget | Within budget | Notes |\n|---|---:|---:|---|---|---|\n");
    for (const BenchRow &r : m_rows)
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                   .arg(r.metric, number(r.median), number(r.p90), r.budget, r.within(), r.note);
    for (const QString &m : m_missing)
        out += QStringLiteral("| %1 | - | - | - | not measured (the bench failed) | |\n").arg(m);
    return out;
}

bool BenchTable::writeJson(const QString &path, const QString &command) const
{
    QJsonArray rows;
    for (const BenchRow &r : m_rows)
        rows.append(QJsonObject{{QStringLiteral("metric"), r.metric},
                                {QStringLiteral("median"), json(r.median)},
                                {QStringLiteral("p90"), json(r.p90)},
                                {QStringLiteral("budget"), r.budget},
                                {QStringLiteral("within_budget"), r.within()},
                                {QStringLiteral("note"), r.note}});
    const QJsonObject doc{{QStringLiteral("date_utc"), m_started},
                          {QStringLiteral("command"), command},
                          {QStringLiteral("machine"), machine()},
                          {QStringLiteral("load_average_before"), m_loadBefore},
                          {QStringLiteral("load_average_after"), loadAverage()},
                          {QStringLiteral("results"), rows},
                          {QStringLiteral("not_measured"), QJsonArray::fromStringList(m_missing)}};
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(doc).toJson()) > 0 && f.commit();
}
