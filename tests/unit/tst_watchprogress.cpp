#include "watchprogress.h"

#include <QTest>

// The watching rule (design.md §6): the union of spans actually played, 90% to be watched,
// restricted seeking for members, resume where the viewer stopped.
class TestWatchProgress : public QObject
{
    Q_OBJECT

    // Plays from `from` to `to` the way the player reports it: a position every 250 ms.
    static void play(WatchProgress &w, qint64 from, qint64 to, bool accruing = true)
    {
        w.observe(from, accruing);
        for (qint64 t = from + 250; t < to; t += 250)
            w.observe(t, accruing);
        w.observe(to, accruing);
    }

private slots:
    void continuousPlaybackCounts()
    {
        WatchProgress w(100'000);
        play(w, 0, 30'000);
        QCOMPARE(w.watchedMs(), 30'000);
        QCOMPARE(w.percent(), 30);
        QCOMPARE(w.furthestMs(), 30'000);
        QVERIFY(!w.isWatched());
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{0, 30'000}}));
    }

    void overlappingRangesCountOnce()
    {
        WatchProgress w(100'000);
        play(w, 0, 40'000);
        play(w, 20'000, 60'000); // 20-40 played twice
        QCOMPARE(w.watchedMs(), 60'000);
        play(w, 70'000, 80'000);
        play(w, 75'000, 90'000); // overlaps the end of 70-80
        play(w, 65'000, 72'000); // bridges nothing: 60-65 still missing
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{0, 60'000}, {65'000, 90'000}}));
        QCOMPARE(w.watchedMs(), 85'000);
        w.addPlayed(55'000, 66'000); // closes the gap
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{0, 90'000}}));
        QCOMPARE(w.watchedMs(), 90'000);
        QVERIFY(w.isWatched());
    }

    void addingInsideAndAroundMerges()
    {
        WatchProgress w(10'000);
        w.addPlayed(2'000, 3'000);
        w.addPlayed(5'000, 6'000);
        w.addPlayed(8'000, 9'000);
        w.addPlayed(2'500, 2'800); // inside: nothing changes
        QCOMPARE(w.watchedMs(), 3'000);
        w.addPlayed(1'000, 8'500); // swallows the first two, touches the third
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{1'000, 9'000}}));
        w.addPlayed(9'000, 9'500); // adjacent spans join
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{1'000, 9'500}}));
        w.addPlayed(4'000, 4'000); // empty
        w.addPlayed(7'000, 6'000); // reversed
        QCOMPARE(w.watchedMs(), 8'500);
    }

    void seekingForwardDoesNotCount()
    {
        WatchProgress w(100'000);
        play(w, 0, 10'000);
        w.observe(80'000, true); // a seek (for someone allowed to seek): a jump, not playback
        play(w, 80'000, 85'000);
        QCOMPARE(w.watchedMs(), 15'000);
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{0, 10'000}, {80'000, 85'000}}));
    }

    void seeksBackAndForth()
    {
        WatchProgress w(60'000);
        play(w, 0, 30'000);
        w.observe(10'000, true); // back
        play(w, 10'000, 20'000); // re-watching adds nothing
        QCOMPARE(w.watchedMs(), 30'000);
        w.observe(29'000, true); // forward again, within what was seen
        play(w, 29'000, 40'000);
        QCOMPARE(w.watchedMs(), 40'000);
        w.observe(5'000, true); // back once more
        QCOMPARE(w.positionMs(), 5'000);
        QCOMPARE(w.watchedMs(), 40'000);
        QCOMPARE(w.furthestMs(), 40'000);
    }

    void pausedOrNotCountingDoesNotAccrue()
    {
        WatchProgress w(60'000);
        play(w, 0, 10'000, false); // an anonymous viewer, or paused
        QCOMPARE(w.watchedMs(), 0);
        play(w, 10'000, 20'000, true);
        QCOMPARE(w.watchedMs(), 10'000);
        // The first report after not accruing starts a new span from there.
        QCOMPARE(w.intervals(), (QList<WatchInterval>{{10'000, 20'000}}));
    }

    void stepSizeSeparatesPlaybackFromSeek()
    {
        WatchProgress w(60'000);
        w.observe(0, true);
        w.observe(WatchProgress::maxStepMs, true);
        QCOMPARE(w.watchedMs(), WatchProgress::maxStepMs);
        w.observe(2 * WatchProgress::maxStepMs + 1, true); // one millisecond too far
        QCOMPARE(w.watchedMs(), WatchProgress::maxStepMs);
    }

    void restrictedSeekStopsAtFurthestPoint()
    {
        WatchProgress w(100'000);
        play(w, 0, 30'000);
        w.observe(10'000, true);
        QCOMPARE(w.clampSeek(50'000, true), 30'000); // a member: not past what was seen
        QCOMPARE(w.clampSeek(20'000, true), 20'000);
        QCOMPARE(w.clampSeek(-5, true), 0);
        QCOMPARE(w.clampSeek(50'000, false), 50'000); // anyone else may skip ahead
        QCOMPARE(w.clampSeek(500'000, false), 100'000);
        WatchProgress fresh(100'000);
        QCOMPARE(fresh.clampSeek(1'000, true), 0);
    }

    void threshold_data()
    {
        QTest::addColumn<qint64>("duration");
        QTest::addColumn<qint64>("watched");
        QTest::addColumn<bool>("isWatched");
        QTest::addColumn<int>("percent");
        QTest::newRow("89.9%") << qint64(100'000) << qint64(89'900) << false << 89;
        QTest::newRow("89.999%") << qint64(100'000) << qint64(89'999) << false << 89;
        QTest::newRow("90%") << qint64(100'000) << qint64(90'000) << true << 90;
        QTest::newRow("100%") << qint64(100'000) << qint64(100'000) << true << 100;
        QTest::newRow("odd length, just short") << qint64(31'337) << qint64(28'203) << false << 89;
        QTest::newRow("odd length, 90%") << qint64(31'337) << qint64(28'204) << true << 90;
        QTest::newRow("past the end is clipped") << qint64(10'000) << qint64(15'000) << true << 100;
        QTest::newRow("unknown length") << qint64(0) << qint64(5'000) << false << 0;
    }
    void threshold()
    {
        QFETCH(qint64, duration);
        QFETCH(qint64, watched);
        QFETCH(bool, isWatched);
        QFETCH(int, percent);
        WatchProgress w(duration);
        w.addPlayed(0, watched);
        QCOMPARE(w.isWatched(), isWatched);
        QCOMPARE(w.percent(), percent);
    }

    void thresholdFromScatteredSpans()
    {
        // 89.9% made of three spans is still not watched; one more second is.
        WatchProgress w(100'000);
        w.addPlayed(0, 30'000);
        w.addPlayed(40'000, 70'000);
        w.addPlayed(70'100, 100'000);
        QCOMPARE(w.watchedMs(), 89'900);
        QVERIFY(!w.isWatched());
        w.addPlayed(30'000, 30'100);
        QVERIFY(w.isWatched());
    }

    void resume()
    {
        WatchProgress w(100'000);
        play(w, 0, 42'000);
        const QString saved = w.intervalsText();
        QCOMPARE(saved, QStringLiteral("0-42000"));
        WatchProgress again(100'000);
        again.restore(*WatchProgress::parseIntervals(saved), w.positionMs());
        QCOMPARE(again.resumePositionMs(), 42'000);
        QCOMPARE(again.watchedMs(), 42'000);
        // Playing on from the resume point extends the same span.
        play(again, 42'000, 50'000);
        QCOMPARE(again.intervals(), (QList<WatchInterval>{{0, 50'000}}));
        QCOMPARE(again.clampSeek(90'000, true), 50'000);
    }

    void resumeFromStartAfterTheEnd()
    {
        WatchProgress w(100'000);
        w.restore({{0, 99'000}}, 99'000);
        QCOMPARE(w.resumePositionMs(), 0);
        w.restore({{0, 50'000}}, 0);
        QCOMPARE(w.resumePositionMs(), 0);
        WatchProgress none(100'000);
        QCOMPARE(none.resumePositionMs(), 0);
    }

    void intervalText()
    {
        QCOMPARE(WatchProgress::parseIntervals(QString())->size(), 0);
        QCOMPARE(*WatchProgress::parseIntervals(QStringLiteral("0-10,20-30")),
                 (QList<WatchInterval>{{0, 10}, {20, 30}}));
        QVERIFY(!WatchProgress::parseIntervals(QStringLiteral("0-10,x")));
        QVERIFY(!WatchProgress::parseIntervals(QStringLiteral("10-5")));
        QVERIFY(!WatchProgress::parseIntervals(QStringLiteral("-5-10")));
        QVERIFY(!WatchProgress::parseIntervals(QStringLiteral("1-2-3")));
        // Restoring unsorted, overlapping spans still yields a clean union.
        WatchProgress w(100);
        w.restore({{50, 60}, {0, 10}, {5, 20}}, 0);
        QCOMPARE(w.intervalsText(), QStringLiteral("0-20,50-60"));
    }
};

QTEST_GUILESS_MAIN(TestWatchProgress)
#include "tst_watchprogress.moc"
