#pragma once
#include <QImage>
#include <QString>

// Short H.264 test clips made with the ffmpeg command-line tool (not a build dependency:
// tests QSKIP when it is missing), so no binary media lives in git.
class TestVideo
{
public:
    static bool ffmpegAvailable();

    // `image` (any size; padded to even dimensions) shown for `seconds`, 25 fps, yuv420p,
    // written to `path` (.mp4 with the index up front, so a cut-off copy still starts playing).
    // Returns false with ffmpeg's complaint in *error.
    static bool fromImage(const QImage &image, double seconds, const QString &path, QString *error);

    // `seconds` of 640x360 noise at 25 fps: incompressible, so the file is mostly frame data
    // and cutting it in half really cuts the picture stream (a still image compresses to
    // almost nothing but the index).
    static bool noise(double seconds, const QString &path, QString *error);

    // A copy of `source` cut to `fraction` of its bytes: a file that was still being copied.
    static bool truncatedCopy(const QString &source, double fraction, const QString &path);
};
