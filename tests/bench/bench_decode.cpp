// bench_decode: what the scanner costs against a bare ZXing::ReadBarcode (design.md §8).
// Per 1280x720 frame, NV12 and RGB (BGRX), with and without a code, interleaved in one run:
//   bare      ZXing::ReadBarcode, every setting at the library's default except formats = QRCode
//             (ZXingCompat::bareQrOptions()), on an ImageView made before the clock starts
//   first     the kiosk's first pass through the whole pipeline: QVideoSink::setVideoFrame ->
//             GUI hand-off -> worker thread (map, luma view, decode) -> result on the GUI thread,
//             extra passes off. Budget: within 1.05x the CPU of bare, with and without a code.
// CPU time is per-thread (CLOCK_THREAD_CPUTIME_ID): bare on the GUI thread; the pipeline's is the
// GUI thread's share (hand-off, result) plus the worker's share (map, view, decode), so neither
// other processes nor Qt's idle helper threads count. Wall time is printed for information.
// Then every extra pass on its own (FrameDecoder::decodePass on the empty frames): its CPU a
// frame and per minute of empty frames at 10 fps; the worker runs them only while no newer frame
// has knocked (DecodeWorker), so on a camera faster than the first pass they cost nothing.
// Usage: bench_decode [rounds=5] [frames=24]
#include "cameralikeframes.h"
#include "framedecoder.h"
#include "qrscanner.h"
#include "videoframes.h"
#include "zxingcompat.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QThread>
#include <QVideoSink>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <numeric>
#include <vector>

namespace {

struct Stats { double median = 0, p90 = 0; };
struct Sample { double wallMs = 0, cpuMs = 0; };

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.9)};
}

double sum(const std::vector<double> &v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// Median of per-frame ratios: each pipeline run against the bare run of the same frame a moment
// before or after, so frames of different difficulty cancel out.
double pairedRatio(const std::vector<double> &bare, const std::vector<double> &pipeline)
{
    std::vector<double> ratios;
    for (size_t i = 0; i < bare.size(); ++i)
        ratios.push_back(pipeline[i] / std::max(bare[i], 1e-6));
    return stats(ratios).median;
}

// The luma view a hand-written integration would make, pointing into the mapped frame.
ZXing::ImageView bareView(const QVideoFrame &f)
{
    if (f.pixelFormat() == QVideoFrameFormat::Format_NV12)
        return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::Lum, f.bytesPerLine(0)};
    return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::BGRX, f.bytesPerLine(0)};
}

// A scanner whose worker runs the real FrameDecoder and adds up the worker thread's CPU time.
struct TimedScanner
{
    QVideoSink sink;
    QrScanner scanner;
    FrameDecoder decoder;
    std::atomic<double> workerCpuMs{0};

    explicit TimedScanner(bool extraPasses)
    {
        scanner.setDecodeFunction([this](const QVideoFrame &frame, const QRect &roi, const FrameDecoder::RetryGate &gate) {
            const double t0 = threadCpuMs();
            const ScanResult r = decoder.decode(frame, roi, gate);
            workerCpuMs = workerCpuMs + (threadCpuMs() - t0);
            return r;
        });
        scanner.setRetryMissedFrames(extraPasses);
        scanner.setDebounceInterval(0);
        scanner.setVideoSink(&sink);
        scanner.setActive(true);
    }

    Sample once(const QVideoFrame &frame)
    {
        QEventLoop loop;
        const qint64 before = scanner.framesDecoded();
        const auto c = QObject::connect(&scanner, &QrScanner::statsChanged, &loop, [&] {
            if (scanner.framesDecoded() > before)
                loop.quit();
        });
        // QVideoSink ignores a frame equal to its current one; clear it so the same picture counts.
        sink.setVideoFrame(QVideoFrame());
        const double worker0 = workerCpuMs, gui0 = threadCpuMs();
        QElapsedTimer t;
        t.start();
        sink.setVideoFrame(frame);
        if (scanner.framesDecoded() == before)
            loop.exec();
        const Sample s{t.nsecsElapsed() / 1e6, (threadCpuMs() - gui0) + (workerCpuMs - worker0)};
        QObject::disconnect(c);
        return s;
    }
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.scanner.info=false\nkiosk.scanner.debug=false"));
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const int count = argc > 2 ? std::max(1, atoi(argv[2])) : 24;

    const QList<CameraLikeFrame> withCode = CameraLikeFrames::generate(count);
    const QList<CameraLikeFrame> empty = CameraLikeFrames::generate(count, 20241127, false);
    const ZXingCompat::Options bareOptions = ZXingCompat::bareQrOptions();

    double load[3] = {};
    getloadavg(load, 3);
    std::printf("bench_decode: %d frames x %d rounds per row, 1280x720, ZXing %d.x; %d CPUs, load average %.2f %.2f %.2f\n",
                count, rounds, DANGQUN_ZXING_VERSION_MAJOR, QThread::idealThreadCount(), load[0], load[1], load[2]);
    std::printf("bare = ZXing::ReadBarcode, defaults except formats = QRCode; first = the kiosk's first pass, whole pipeline\n");
    std::printf("CPU ms per frame (per-thread clocks), median / p90; ratio = sum(first) / sum(bare), paired = median of "
                "per-frame ratios; budget 1.05\n");
    std::printf("%-4s %-4s | %-17s %-17s %-7s %-7s | %-17s %-17s | %s\n", "fmt", "code", "bare cpu", "first cpu",
                "ratio", "paired", "bare wall", "first wall", "found bare/first of n");
    for (const auto format : {QVideoFrameFormat::Format_NV12, QVideoFrameFormat::Format_BGRX8888}) {
        for (const bool code : {true, false}) {
            const QList<CameraLikeFrame> &set = code ? withCode : empty;
            QList<QVideoFrame> frames;
            for (const CameraLikeFrame &f : set)
                frames << VideoFrames::fromImage(f.image, format);
            TimedScanner first(false);
            int foundBare = 0, foundFirst = 0;
            QObject::connect(&first.scanner, &QrScanner::decoded, [&] { ++foundFirst; });

            std::vector<double> bareWall, bareCpu, pipeWall, pipeCpu;
            for (int r = 0; r < rounds; ++r) {
                for (int i = 0; i < frames.size(); ++i) {
                    QVideoFrame frame = frames[i];
                    // Interleaved, so drifting load hits both alike; the order alternates, so
                    // neither always finds the frame warm in the cache.
                    auto bare = [&] {
                        frame.map(QVideoFrame::ReadOnly);
                        const ZXing::ImageView view = bareView(frame);
                        const double cpu0 = threadCpuMs();
                        QElapsedTimer t;
                        t.start();
                        const auto res = ZXing::ReadBarcode(view, bareOptions);
                        bareWall.push_back(t.nsecsElapsed() / 1e6);
                        bareCpu.push_back(threadCpuMs() - cpu0);
                        frame.unmap();
                        foundBare += res.isValid();
                    };
                    auto pipeline = [&] {
                        const Sample p = first.once(frame);
                        pipeWall.push_back(p.wallMs);
                        pipeCpu.push_back(p.cpuMs);
                    };
                    if ((r + i) % 2) {
                        pipeline();
                        bare();
                    } else {
                        bare();
                        pipeline();
                    }
                }
            }
            const Stats bw = stats(bareWall), bc = stats(bareCpu), pw = stats(pipeWall), pc = stats(pipeCpu);
            std::printf("%-4s %-4s | %7.2f / %7.2f %7.2f / %7.2f %7.3f %7.3f | %7.2f / %7.2f %7.2f / %7.2f | %d/%d of %zu\n",
                        format == QVideoFrameFormat::Format_NV12 ? "NV12" : "BGRX", code ? "yes" : "no", bc.median,
                        bc.p90, pc.median, pc.p90, sum(pipeCpu) / sum(bareCpu), pairedRatio(bareCpu, pipeCpu),
                        bw.median, bw.p90, pw.median, pw.p90, foundBare, foundFirst, bareWall.size());
            std::fflush(stdout);
        }
    }

    // Every extra pass on its own, on the empty frames (a pass runs on a frame the first pass
    // missed; most of the day that is an empty scene). 10 fps = 600 frames a minute.
    std::printf("extra passes, each alone on the %d empty frames x %d rounds (run only while the worker is idle):\n",
                count, rounds);
    std::printf("%-12s | %-17s | %s\n", "pass", "cpu ms a frame", "CPU s per minute of empty frames at 10 fps");
    const FrameDecoder decoder;
    double allPasses = 0;
    for (const FramePass pass : FrameDecoder::extraPasses()) {
        std::vector<double> cpu;
        for (int r = 0; r < rounds; ++r)
            for (const CameraLikeFrame &f : empty) {
                const double t0 = threadCpuMs();
                decoder.decodePass(pass, f.image);
                cpu.push_back(threadCpuMs() - t0);
            }
        const Stats s = stats(cpu);
        allPasses += sum(cpu) / double(cpu.size());
        std::printf("%-12s | %7.2f / %7.2f | %.1f\n", FrameDecoder::passName(pass), s.median, s.p90,
                    sum(cpu) / double(cpu.size()) * 600 / 1000);
    }
    std::printf("%-12s | %7.2f mean    | %.1f\n", "all extras", allPasses, allPasses * 600 / 1000);

    // The whole idle-time pipeline on empty frames: first pass + every extra pass, gate open.
    TimedScanner idle(true);
    std::vector<double> idleCpu;
    for (int r = 0; r < rounds; ++r)
        for (const CameraLikeFrame &f : empty)
            idleCpu.push_back(idle.once(VideoFrames::fromImage(f.image, QVideoFrameFormat::Format_NV12)).cpuMs);
    const Stats ic = stats(idleCpu);
    std::printf("first + extras when idle, NV12 empty: cpu %.2f / %.2f ms a frame, %.1f s CPU per minute at 10 fps\n",
                ic.median, ic.p90, sum(idleCpu) / double(idleCpu.size()) * 600 / 1000);

    // The hand-off alone: a decoder that returns at once, so only GUI -> worker -> GUI is left.
    QVideoSink sink;
    QrScanner handoff;
    handoff.setDecodeFunction([](const QVideoFrame &, const QRect &, const FrameDecoder::RetryGate &) {
        return ScanResult{};
    });
    handoff.setVideoSink(&sink);
    handoff.setActive(true);
    const QVideoFrame frame = VideoFrames::fromImage(withCode.first().image, QVideoFrameFormat::Format_NV12);
    std::vector<double> wall, cpu;
    for (int i = 0; i < 200; ++i) {
        QEventLoop loop;
        const qint64 before = handoff.framesDecoded();
        const auto c = QObject::connect(&handoff, &QrScanner::statsChanged, &loop, [&] {
            if (handoff.framesDecoded() > before)
                loop.quit();
        });
        sink.setVideoFrame(QVideoFrame());
        const double cpu0 = threadCpuMs();
        QElapsedTimer t;
        t.start();
        sink.setVideoFrame(frame);
        if (handoff.framesDecoded() == before)
            loop.exec();
        wall.push_back(t.nsecsElapsed() / 1e6);
        cpu.push_back(threadCpuMs() - cpu0);
        QObject::disconnect(c);
    }
    const Stats hw = stats(wall), hc = stats(cpu);
    std::printf("hand-off only (no decode), 200 frames: wall %.3f / %.3f ms, GUI-thread cpu %.3f / %.3f ms (median / p90)\n",
                hw.median, hw.p90, hc.median, hc.p90);
    return 0;
}
