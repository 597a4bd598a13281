// bench_decode: what the scanner pipeline costs on top of ZXing (design.md §8: within 1.1x).
// Per 1280x720 frame, NV12 and RGB (BGRX), with and without a code:
//   bare      ZXing::ReadBarcode on an ImageView made before the clock starts
//   pipeline  QVideoSink::setVideoFrame -> GUI hand-off -> worker thread (map, luma view,
//             decode) -> queued result on the GUI thread, second look off: same work as bare
//   +retry    the same with the half-scale second look on (what the kiosk runs when idle)
// Each is timed twice: wall clock (what a user waits; includes thread wake-ups, so it suffers on
// a loaded machine) and process CPU time (the work done, all threads; robust to other load).
// Usage: bench_decode [rounds=5] [frames=24]
#include "cameralikeframes.h"
#include "framedecoder.h"
#include "qrscanner.h"
#include "videoframes.h"

#include <ZXing/ReadBarcode.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QThread>
#include <QVideoSink>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace {

struct Stats { double median = 0, p90 = 0; };
struct Sample { double wallMs = 0, cpuMs = 0; };

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.9)};
}

// Overhead as the median of per-frame ratios: each pipeline run against the bare run of the
// same frame a moment before or after, so frames of different difficulty and drifting machine
// load cancel out (a ratio of medians over mixed frames swings by +-10% between runs).
double pairedOverhead(const std::vector<double> &bare, const std::vector<double> &pipeline)
{
    std::vector<double> ratios;
    for (size_t i = 0; i < bare.size(); ++i)
        ratios.push_back(pipeline[i] / bare[i]);
    return 100 * (stats(ratios).median - 1);
}

// The luma view a hand-written integration would make, pointing into the mapped frame.
ZXing::ImageView bareView(const QVideoFrame &f)
{
    if (f.pixelFormat() == QVideoFrameFormat::Format_NV12)
        return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::Lum, f.bytesPerLine(0)};
    return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::BGRX, f.bytesPerLine(0)};
}

Sample pipelineOnce(QVideoSink &sink, QrScanner &scanner, const QVideoFrame &frame)
{
    QEventLoop loop;
    const qint64 before = scanner.framesDecoded();
    const auto c = QObject::connect(&scanner, &QrScanner::statsChanged, &loop, [&] {
        if (scanner.framesDecoded() > before)
            loop.quit();
    });
    // QVideoSink ignores a frame equal to its current one; clear it so the same picture counts.
    sink.setVideoFrame(QVideoFrame());
    const double cpu0 = cpuMs();
    QElapsedTimer t;
    t.start();
    sink.setVideoFrame(frame);
    if (scanner.framesDecoded() == before)
        loop.exec();
    const Sample s{t.nsecsElapsed() / 1e6, cpuMs() - cpu0};
    QObject::disconnect(c);
    return s;
}

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
    const FrameDecoder reference;

    double load[3] = {};
    getloadavg(load, 3);
    std::printf("bench_decode: %d frames x %d rounds per row, 1280x720, ZXing hints: QRCode only, 1 symbol; "
                "%d CPUs, load average %.2f\n",
                count, rounds, QThread::idealThreadCount(), load[0]);
    std::printf("median / p90 in ms; overhead = median over frames of (pipeline / bare) - 1\n");
    std::printf("%-5s %-5s | %-6s %-15s %-15s %-8s | %-6s %-15s %-15s %-8s | %-15s %-15s | %s\n", "fmt", "code",
                "clock", "bare", "pipeline", "overhd", "clock", "bare", "pipeline", "overhd", "+retry wall",
                "+retry cpu", "found bare/pipeline");
    for (const auto format : {QVideoFrameFormat::Format_NV12, QVideoFrameFormat::Format_BGRX8888}) {
        for (const bool code : {true, false}) {
            const QList<CameraLikeFrame> &set = code ? withCode : empty;
            QList<QVideoFrame> frames;
            for (const CameraLikeFrame &f : set)
                frames << VideoFrames::fromImage(f.image, format);

            QVideoSink sinkPlain, sinkRetry;
            QrScanner plain, retrying;
            plain.setRetryMissedFrames(false); // exactly the work of the bare call
            plain.setVideoSink(&sinkPlain);
            retrying.setVideoSink(&sinkRetry);
            for (QrScanner *s : {&plain, &retrying}) {
                s->setDebounceInterval(0);
                s->setActive(true);
            }
            int foundBare = 0, foundPipe = 0;
            QObject::connect(&plain, &QrScanner::decoded, [&] { ++foundPipe; });

            std::vector<double> bareWall, bareCpu, pipeWall, pipeCpu, retryWall, retryCpu;
            for (int r = 0; r < rounds; ++r) {
                for (QVideoFrame frame : frames) {
                    // Interleaved, so clock drift and other load hit all three alike; the order
                    // alternates, so no variant always finds the frame warm in the cache.
                    auto bare = [&] {
                        frame.map(QVideoFrame::ReadOnly);
                        const ZXing::ImageView view = bareView(frame);
                        const double cpu0 = cpuMs();
                        QElapsedTimer t;
                        t.start();
                        const ZXing::Result res = ZXing::ReadBarcode(view, reference.hints());
                        bareWall.push_back(t.nsecsElapsed() / 1e6);
                        bareCpu.push_back(cpuMs() - cpu0);
                        frame.unmap();
                        foundBare += res.isValid();
                    };
                    auto pipeline = [&] {
                        const Sample p = pipelineOnce(sinkPlain, plain, frame);
                        pipeWall.push_back(p.wallMs);
                        pipeCpu.push_back(p.cpuMs);
                    };
                    if (r % 2) {
                        pipeline();
                        bare();
                    } else {
                        bare();
                        pipeline();
                    }
                    const Sample q = pipelineOnce(sinkRetry, retrying, frame);
                    retryWall.push_back(q.wallMs);
                    retryCpu.push_back(q.cpuMs);
                }
            }
            const Stats bw = stats(bareWall), bc = stats(bareCpu), pw = stats(pipeWall), pc = stats(pipeCpu),
                        rw = stats(retryWall), rc = stats(retryCpu);
            std::printf("%-5s %-5s | %-6s %6.2f / %6.2f %6.2f / %6.2f %+7.1f%% | %-6s %6.2f / %6.2f %6.2f / %6.2f "
                        "%+7.1f%% | %6.2f / %6.2f %6.2f / %6.2f | %d/%d of %zu\n",
                        format == QVideoFrameFormat::Format_NV12 ? "NV12" : "BGRX", code ? "yes" : "no", "wall",
                        bw.median, bw.p90, pw.median, pw.p90, pairedOverhead(bareWall, pipeWall), "cpu", bc.median,
                        bc.p90, pc.median, pc.p90, pairedOverhead(bareCpu, pipeCpu), rw.median, rw.p90, rc.median,
                        rc.p90, foundBare, foundPipe, bareWall.size());
            std::fflush(stdout);
        }
    }

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
        const Sample s = pipelineOnce(sink, handoff, frame);
        wall.push_back(s.wallMs);
        cpu.push_back(s.cpuMs);
    }
    const Stats hw = stats(wall), hc = stats(cpu);
    std::printf("hand-off only (no decode), 200 frames: wall %.3f / %.3f ms, cpu %.3f / %.3f ms (median / p90)\n",
                hw.median, hw.p90, hc.median, hc.p90);
    return 0;
}
