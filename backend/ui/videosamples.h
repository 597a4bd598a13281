#pragma once
#include <QString>

// The demo's sample videos: generated at build time by media/make-samples.sh (never committed)
// and copied into a demo installation's media folder the first time it runs, so
// `dangqun-kiosk --demo` has something to play. A media folder that already has a videos.json
// is left alone (staff content is never overwritten).
class VideoSamples
{
public:
    // Where the samples are: DANGQUN_SAMPLE_MEDIA_DIR if set (an installed kiosk), else `builtIn`
    // (the build tree's folder, which the composition root knows).
    static QString sourceDir(const QString &builtIn);
    // Copies every file of `from` into `mediaDir` unless `mediaDir/videos.json` exists. Returns
    // false with `error` set when samples were wanted and could not be copied.
    static bool installIfMissing(const QString &from, const QString &mediaDir, QString *error);
};
