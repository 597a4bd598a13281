#pragma once
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// One video of the library, as videos.json describes it, with its files resolved to absolute
// paths inside the media folder.
struct VideoEntry
{
    QString id;
    QString title;
    QString category;     // one of VideoManifest::categories()
    QString description;
    QString file;         // absolute path
    QString subtitleFile; // absolute path, or empty
    QString posterFile;   // absolute path, or empty
    int durationSeconds = 0;
    double credit = 0;    // 学时 credited once when watched
};

struct VideoManifestResult
{
    QList<VideoEntry> videos; // the usable ones, in file order
    QStringList problems;     // one sentence each, for the log and the staff screen
};

// Reads and validates `<media_dir>/videos.json` (design.md §6):
//   {"format": 1, "videos": [{"id", "title", "category", "description", "file", "duration",
//                             "credit", "subtitle", "poster"}, ...]}
// `duration` is in seconds, `credit` in 学时. A video with a missing file, a bad duration, an
// unknown category or a duplicate id is left out; an unknown key or a missing subtitle or
// poster is reported but the video stays. Nothing here throws or asserts: a broken manifest
// is a list of problems and an empty library.
class VideoManifest
{
public:
    static VideoManifestResult load(const QString &mediaDir);
    static VideoManifestResult parse(const QByteArray &json, const QString &mediaDir);

    static QStringList categories(); // in the order the library shows them
    static QStringList knownKeys();
    static constexpr int maxDurationSeconds = 4 * 3600;
    static constexpr double maxCredit = 10.0;
};
