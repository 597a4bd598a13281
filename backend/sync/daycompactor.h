#pragma once
#include <QDate>
#include <QSet>
#include <QString>
#include <QStringList>

class FileLayer;

// After a day ends, a kiosk's day folder on the share (one small batch per sync with new
// records, up to 1,440 a day at the default interval) becomes one verified batch
// "<k>-<first>-<last>.day.jsonl" (design.md §5, §8: a day of a 1,000-kiosk city <= 1,000 files).
//
// Crash-safe and idempotent: the day file is written through BatchWriter's write-verify
// protocol (temp name, fsync, rename without replacing, read back, compare); a small file is
// removed only once the day file verifies and holds every one of its records unchanged; a rerun
// after a crash finds the day file, checks it the same way, and removes what is left. Only this
// kiosk writes its folder. `merge` treats the day file's records as already imported (by id) and
// the small files' disappearance as replaced, not lost.
class DayCompactor
{
public:
    DayCompactor(FileLayer &files, QString shareRoot, QString centreId, QString kioskId);

    struct Outcome
    {
        int daysCompacted = 0;
        int filesRemoved = 0;
        QStringList problems; // days left as they are, with the reason (nothing is ever lost)
    };

    // Every day folder of this kiosk dated before `today` with more than one plain batch.
    Outcome compactBefore(const QDate &today);
    // One day; true when the folder now holds at most one batch of this kiosk's own writing.
    bool compactDay(const QString &date, Outcome *outcome);

    static constexpr const char *Tag = "day";

private:
    FileLayer &m_files;
    QString m_shareRoot;
    QString m_centreId;
    QString m_kioskId;
    QSet<QString> m_done; // days found compact already (not listed again in this process)
};
