#pragma once
#include <QList>
#include <QString>
#include <optional>

// A span of a video that was actually played, in milliseconds from the start: [startMs, endMs).
struct WatchInterval
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    friend bool operator==(const WatchInterval &, const WatchInterval &) = default;
};

// The watching rule of design.md §6, as pure arithmetic on positions the player reports:
// - a video is watched when the union of the spans actually played reaches 90% of its length
//   (seconds watched twice count once; seconds skipped by seeking do not count);
// - a member may not seek past the furthest point played (restricted seeking);
// - playback resumes where it stopped, or from the start when it stopped at the end.
// The player reports positions as they come; this class tells playback from seeking by the
// size of the step between two reports, so it needs no timer and no clock.
class WatchProgress
{
public:
    // Two position reports further apart than this are a seek, not playback (the player
    // reports several times a second while playing).
    static constexpr qint64 maxStepMs = 2000;
    // Stopping this close to the end resumes from the start next time.
    static constexpr qint64 endMarginMs = 3000;

    explicit WatchProgress(qint64 durationMs = 0);

    qint64 durationMs() const { return m_durationMs; }
    void setDurationMs(qint64 ms) { m_durationMs = qMax<qint64>(0, ms); }

    // The player is now at `positionMs`. When `accruing` (playing, and the viewer's watching
    // counts) and the step since the last report is forward and at most maxStepMs, the span in
    // between counts as played. Every report moves the "last position", accruing or not.
    void observe(qint64 positionMs, bool accruing);
    // The position a seek to `targetMs` may reach: anywhere in the video for anyone, but not
    // past the furthest point played when `restricted` (a checked-in member).
    qint64 clampSeek(qint64 targetMs, bool restricted) const;
    // Adds a played span directly (restoring saved progress, tests).
    void addPlayed(qint64 fromMs, qint64 toMs);
    // Restores saved progress: spans played and where the viewer stopped.
    void restore(const QList<WatchInterval> &played, qint64 positionMs);

    QList<WatchInterval> intervals() const { return m_intervals; }
    qint64 positionMs() const { return m_lastMs; }
    qint64 watchedMs() const;  // length of the union, within [0, duration]
    qint64 furthestMs() const; // the end of the furthest span played
    int percent() const;       // watched share, rounded down (89.96% shows as 89)
    bool isWatched() const;    // watched share >= 90%
    qint64 resumePositionMs() const;

    // Spans as text for storage: "0-12000,15000-20000". Parsing refuses anything malformed.
    QString intervalsText() const;
    static std::optional<QList<WatchInterval>> parseIntervals(const QString &text);

private:
    qint64 m_durationMs = 0;
    qint64 m_lastMs = -1; // no report yet
    QList<WatchInterval> m_intervals; // sorted, disjoint, non-adjacent
};
