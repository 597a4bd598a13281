// Benchmark (not a test): resident memory of the video player (design.md §8: <= 300 MB while
// playing a 1080p video; no growth over repeated use).
//   bench_videomemory [--seconds N] [--cycles N] [--media DIR]
// Generates a 1080p H.264/AAC clip with ffmpeg (cached in DIR, default /tmp/dangqun-bench-media),
// plays it through VideoPlayerController (GStreamer) into a QVideoSink for N seconds as a
// checked-in member (so saving and crediting run too), then opens and closes it N times.
// Prints VmRSS along the way. Run offscreen: QT_QPA_PLATFORM=offscreen.
#include "clock.h"
#include "membersession.h"
#include "storagethread.h"
#include "videolibrarymodel.h"
#include "videomanifest.h"
#include "videoplayercontroller.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>
#include <cstdio>

namespace {

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

bool waitFor(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!condition() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return condition();
}

bool makeClip(const QString &dir, int seconds)
{
    const QString file = QDir(dir).filePath(QStringLiteral("bench1080.mp4"));
    if (QFileInfo(file).size() > 0)
        return true;
    std::printf("generating a %d s 1080p clip with ffmpeg (once)...\n", seconds);
    std::fflush(stdout);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("ffmpeg"),
            {QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
             QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
             QStringLiteral("testsrc2=size=1920x1080:rate=25:duration=%1").arg(seconds), QStringLiteral("-f"),
             QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("sine=frequency=440:duration=%1").arg(seconds),
             QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("veryfast"),
             QStringLiteral("-b:v"), QStringLiteral("4M"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
             QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-movflags"), QStringLiteral("+faststart"),
             QStringLiteral("-shortest"), QDir(dir).filePath(QStringLiteral("bench1080.part.mp4"))});
    if (!p.waitForFinished(600'000) || p.exitCode() != 0)
        return false;
    return QFile::rename(QDir(dir).filePath(QStringLiteral("bench1080.part.mp4")), file);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("Seconds of playback."),
                                        QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption cyclesOpt(QStringLiteral("cycles"), QStringLiteral("Open/close cycles."),
                                       QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption mediaOpt(QStringLiteral("media"), QStringLiteral("Folder for the generated clip."),
                                      QStringLiteral("DIR"), QStringLiteral("/tmp/dangqun-bench-media"));
    parser.addOptions({secondsOpt, cyclesOpt, mediaOpt});
    parser.process(app);
    const int seconds = parser.value(secondsOpt).toInt();
    const int cycles = parser.value(cyclesOpt).toInt();
    const QString media = parser.value(mediaOpt);
    QDir().mkpath(media);
    if (!makeClip(media, qMax(seconds + 5, 65))) {
        std::fprintf(stderr, "ffmpeg failed\n");
        return 1;
    }
    QFile manifest(QDir(media).filePath(QStringLiteral("videos.json")));
    if (!manifest.open(QIODevice::WriteOnly))
        return 1;
    manifest.write(QStringLiteral(R"({"videos": [{"id": "bench", "title": "1080p", "category": "廉政教育",
        "file": "bench1080.mp4", "duration": %1, "credit": 1}]})").arg(qMax(seconds + 5, 65)).toUtf8());
    manifest.close();

    QTemporaryDir dataDir;
    SystemClock clock;
    StorageThread storage(dataDir.filePath(QStringLiteral("bench.sqlite")));
    MemberSession session;
    session.begin(QStringLiteral("bench"), QStringLiteral("M1"), QStringLiteral("张三"), QStringLiteral("一支部"), false);
    VideoLibraryModel library(VideoManifest::load(media), &storage, &session);
    VideoPlayerController player({QStringLiteral("c"), QStringLiteral("k")}, clock, storage, &session, &library, false);
    QVideoSink sink;
    qint64 frames = 0;
    QObject::connect(&sink, &QVideoSink::videoFrameChanged, [&frames](const QVideoFrame &f) {
        // Map the frame as a renderer would, so decoded buffers are really touched.
        QVideoFrame copy = f;
        if (copy.map(QVideoFrame::ReadOnly)) {
            ++frames;
            copy.unmap();
        }
    });
    player.setVideoSink(&sink);

    const double before = rssMb();
    std::printf("RSS before playback: %.1f MB\n", before);
    player.open(QStringLiteral("bench"));
    if (!waitFor([&] { return player.status() == VideoPlayerController::Status::Playing; }, 20'000)) {
        std::fprintf(stderr, "did not start: %s\n", qPrintable(player.message()));
        return 1;
    }
    double peak = 0;
    QElapsedTimer t;
    t.start();
    for (int s = 1; s <= seconds; ++s) {
        spin(1000);
        const double rss = rssMb();
        peak = qMax(peak, rss);
        if (s % 10 == 0)
            std::printf("  playing %3d s: RSS %.1f MB, frames %lld, position %.1f s\n", s, rss, frames,
                        player.position() / 1000.0);
        std::fflush(stdout);
    }
    std::printf("1080p playback, %d s: peak RSS %.1f MB, %lld frames (%.1f fps)\n", seconds, peak, frames,
                frames * 1000.0 / t.elapsed());
    player.close();
    spin(500);
    const double afterPlayback = rssMb();
    std::printf("RSS after close: %.1f MB\n", afterPlayback);

    double first = 0;
    for (int i = 1; i <= cycles; ++i) {
        player.open(QStringLiteral("bench"));
        waitFor([&] { return player.status() == VideoPlayerController::Status::Playing; }, 20'000);
        const qint64 seen = frames;
        waitFor([&] { return frames >= seen + 10; }, 5000); // a few frames decoded and shown
        player.close();
        spin(100);
        const double rss = rssMb();
        if (i == 1)
            first = rss;
        if (i == 1 || i % 10 == 0)
            std::printf("  cycle %2d: RSS %.1f MB\n", i, rss);
        std::fflush(stdout);
    }
    spin(1000);
    const double last = rssMb();
    std::printf("%d play/close cycles: RSS after cycle 1 %.1f MB, after cycle %d %.1f MB (growth %.1f MB)\n", cycles,
                first, cycles, last, last - first);
    storage.stop();
    return 0;
}
