#pragma once
#include <QList>
#include <QString>
#include <QStringList>

// One §8 figure: what was measured, against which budget, judged on which statistic.
struct BenchRow
{
    enum Judge { Median, P90, AtLeast, Info }; // Info: shown, not judged
    QString metric;
    double median = 0;
    double p90 = 0;    // NaN when the bench gives a single figure
    QString budget;
    double limit = 0;
    Judge judge = Median;
    QString note;

    // "yes", "no", or "-" for an Info row.
    QString within() const;
};

// The results of `benchmarks`: a Markdown table for the console and the README, and JSON with
// the machine, the load average before and after (other work on the machine shows in wall
// times), the date and the command.
class BenchTable
{
public:
    BenchTable();

    void add(const BenchRow &row);
    void missing(const QString &what); // a bench that failed: reported, and the run fails
    bool complete() const { return m_missing.isEmpty(); }

    QString markdown() const;
    bool writeJson(const QString &path, const QString &command) const;

    static double median(QList<double> v);
    static double p90(QList<double> v);

private:
    static QString loadAverage();
    QString machine() const;

    QList<BenchRow> m_rows;
    QStringList m_missing;
    QString m_loadBefore;
    QString m_started;
};
