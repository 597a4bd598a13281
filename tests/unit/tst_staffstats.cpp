// The staff 统计 page's numbers (issue 19), from a seeded kiosk database without any QML:
// check-ins a day over the last 30 days, this year's 学时 completion, 三会一课 held this quarter.
#include "clock.h"
#include "database.h"
#include "staffseed.h"
#include "staffstatistics.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {
const bool beijing = (StaffSeed::useBeijingTime(), true);
}

class TestStaffStats : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    StaffStatistics m_stats;

private slots:
    void initTestCase()
    {
        QVERIFY(beijing);
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("kiosk.sqlite")));
        QVERIFY2(m_db->open(), qPrintable(m_db->errorString()));
        FixedClock clock(StaffSeed::beijing(2026, 11, 19, 8, 0));
        QString error;
        QVERIFY2(StaffSeed::seed(*m_db, clock, &error), qPrintable(error));
        QVERIFY2(StaffSeed::seedStatistics(*m_db, &error), qPrintable(error));
        m_stats = StaffStatistics::load(*m_db, StaffSeed::beijing(2026, 11, 22, 10, 0), QDate(2026, 11, 22));
        QVERIFY(m_stats.ok);
    }

    // Every one of the 30 days up to today, oldest first, zeros included; 10-23 is outside.
    void checkinsOverThirtyDays()
    {
        QCOMPARE(m_stats.days.size(), 30);
        QCOMPARE(m_stats.days.constFirst().date, QDate(2026, 10, 24));
        QCOMPARE(m_stats.days.constLast().date, QDate(2026, 11, 22));
        const auto at = [this](int mo, int d) {
            for (const StaffStatistics::Day &day : m_stats.days) {
                if (day.date == QDate(2026, mo, d))
                    return QPair<int, int>(day.local, day.flowing);
            }
            return QPair<int, int>(-1, -1);
        };
        QCOMPARE(at(10, 24), (QPair<int, int>(1, 0)));
        QCOMPARE(at(11, 1), (QPair<int, int>(3, 0)));
        QCOMPARE(at(11, 10), (QPair<int, int>(2, 1)));
        QCOMPARE(at(11, 20), (QPair<int, int>(2, 0)));
        QCOMPARE(at(11, 21), (QPair<int, int>(0, 1)));
        QCOMPARE(at(11, 22), (QPair<int, int>(1, 0)));
        QCOMPARE(at(11, 2), (QPair<int, int>(0, 0)));
        int total = 0;
        for (const StaffStatistics::Day &d : m_stats.days)
            total += d.local + d.flowing;
        QCOMPARE(total, 11);
    }

    // The roster's three 在册党员 (not the 流动党员 who filled in 报到): 李四光 has 32 学时 this
    // year, 张三丰 0.5, 王五 only last year's.
    void studyCompletionThisYear()
    {
        QCOMPARE(m_stats.studyTarget, 32.0);
        QCOMPARE(m_stats.rosterMembers, 3);
        QCOMPARE(m_stats.studyDone, 1);
        QCOMPARE(m_stats.studyStarted, 1);
        QCOMPARE(m_stats.studyNone, 1);
    }

    // Held = started by now and not cancelled, in this quarter (Q4 2026); the 主题党日 of the story
    // is not one of 三会一课.
    void meetingsPerOrganisationThisQuarter()
    {
        QCOMPARE(m_stats.quarterFrom, QDate(2026, 10, 1));
        QCOMPARE(m_stats.quarterTo, QDate(2026, 12, 31));
        QCOMPARE(m_stats.meetings.size(), 3);
        const auto held = [this](int i) {
            const StaffStatistics::Organisation &o = m_stats.meetings.at(i);
            return QList<int>{o.held[0], o.held[1], o.held[2], o.held[3]};
        };
        QCOMPARE(m_stats.meetings.at(0).name, QStringLiteral("幸福社区第一党支部"));
        QCOMPARE(held(0), (QList<int>{0, 1, 0, 1})); // 支委会 11-05, 党课 10-15 (11-08 cancelled, 09-20 last quarter)
        QCOMPARE(m_stats.meetings.at(1).name, QStringLiteral("幸福社区第二党支部"));
        QCOMPARE(held(1), (QList<int>{1, 0, 2, 0})); // 党员大会, 2 党小组会 (党课 11-30 not yet)
        QCOMPARE(m_stats.meetings.at(2).name, QStringLiteral("未注明"));
        QCOMPARE(held(2), (QList<int>{0, 0, 0, 1}));
        QCOMPARE(StaffStatistics::meetingKind(StaffStatistics::PartyCongress), QStringLiteral("党员大会"));
    }

    void quarters()
    {
        QCOMPARE(StaffStatistics::quarterStart(QDate(2026, 1, 1)), QDate(2026, 1, 1));
        QCOMPARE(StaffStatistics::quarterStart(QDate(2026, 6, 30)), QDate(2026, 4, 1));
        QCOMPARE(StaffStatistics::quarterStart(QDate(2026, 9, 1)), QDate(2026, 7, 1));
    }
};

QTEST_GUILESS_MAIN(TestStaffStats)
#include "tst_staffstats.moc"
