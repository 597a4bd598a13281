// bench_decode: what the scanner pipeline costs on top of ZXing (DESIGN §8: within 1.1x).
// Per 1280x720 frame, NV12 and RGB (BGRX), with and without a code:
//   bare      ZXing::ReadBarcode on an ImageView made before the clock starts
//   pipeline  QVideoSink::setVideoFrame -> GUI hand-off -> worker thread (map, luma view,
//             decode) -> queued result on the GUI thread, second look off: same work as bare
//   +retry    the same with the half-scale second look on (what the kiosk runs when idle)
// Usage: bench_decode [rounds=5] [frames=24]
#include "cameralikeframes.h"
#include "framedecoder.h"
#include "qrscanner.h"
#include "videoframes.h"

#include <ZXing/ReadBarcode.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QVideoSink>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace {

struct Stats { double median = 0, p90 = 0; };

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.9)};
}

// The luma view a hand-written integration would make, pointing into the mapped frame.
ZXing::ImageView bareView(const QVideoFrame &f)
{
    if (f.pixelFormat() == QVideoFrameFormat::Format_NV12)
        return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::Lum, f.bytesPerLine(0)};
    return {f.bits(0), f.width(), f.height(), ZXing::ImageFormat::BGRX, f.bytesPerLine(0)};
}

double pipelineOnce(QVideoSink &sink, QrScanner &scanner, const QVideoFrame &frame)
{
    QEventLoop loop;
    const qint64 before = scanner.framesDecoded();
    const auto c = QObject::connect(&scanner, &QrScanner::statsChanged, &loop, [&] {
        if (scanner.framesDecoded() > before)
            loop.quit();
    });
    QElapsedTimer t;
    t.start();
    sink.setVideoFrame(frame);
    if (scanner.framesDecoded() == before)
        loop.exec();
    const double ms = t.nsecsElapsed() / 1e6;
    QObject::disconnect(c);
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const int count = argc > 2 ? std::max(1, atoi(argv[2])) : 24;

    const QList<CameraLikeFrame> withCode = CameraLikeFrames::generate(count);
    const QList<CameraLikeFrame> empty = CameraLikeFrames::generate(count, 20241127, false);
    const FrameDecoder reference;

    std::printf("bench_decode: %d frames x %d rounds per row, 1280x720, ZXing hints: QRCode only, 1 symbol\n",
                count, rounds);
    std::printf("%-6s %-7s | %-17s | %-17s %-9s | %-17s %-9s | %s\n", "format", "content", "bare med / p90",
                "pipeline med / p90", "overhead", "+retry med / p90", "overhead", "found bare/pipe");
    for (const auto format : {QVideoFrameFormat::Format_NV12, QVideoFrameFormat::Format_BGRX8888}) {
        for (const bool code : {true, false}) {
            const QList<CameraLikeFrame> &set = code ? withCode : empty;
            QList<QVideoFrame> frames;
            for (const CameraLikeFrame &f : set)
                frames << VideoFrames::fromImage(f.image, format);

            QVideoSink sink;
            QrScanner plain, retrying;
            plain.setRetryMissedFrames(false);
            for (QrScanner *s : {&plain, &retrying}) {
                s->setDebounceInterval(0);
                s->setActive(true);
            }
            int foundBare = 0, foundPipe = 0;
            QObject::connect(&plain, &QrScanner::decoded, [&] { ++foundPipe; });

            std::vector<double> bare, pipe, retry;
            for (int r = 0; r < rounds; ++r) {
                for (QVideoFrame frame : frames) {
                    // Interleaved, so clock drift and thermal throttling hit all three alike.
                    frame.map(QVideoFrame::ReadOnly);
                    const ZXing::ImageView view = bareView(frame);
                    QElapsedTimer t;
                    t.start();
                    const ZXing::Result res = ZXing::ReadBarcode(view, reference.hints());
                    bare.push_back(t.nsecsElapsed() / 1e6);
                    frame.unmap();
                    foundBare += res.isValid();

                    plain.setVideoSink(&sink);
                    pipe.push_back(pipelineOnce(sink, plain, frame));
                    plain.setVideoSink(nullptr);
                    retrying.setVideoSink(&sink);
                    retry.push_back(pipelineOnce(sink, retrying, frame));
                    retrying.setVideoSink(nullptr);
                }
            }
            const Stats b = stats(bare), p = stats(pipe), q = stats(retry);
            std::printf("%-6s %-7s | %7.2f / %7.2f | %7.2f / %7.2f %+8.1f%% | %7.2f / %7.2f %+8.1f%% | %d/%d of %zu\n",
                        format == QVideoFrameFormat::Format_NV12 ? "NV12" : "BGRX", code ? "code" : "empty",
                        b.median, b.p90, p.median, p.p90, 100 * (p.median / b.median - 1), q.median, q.p90,
                        100 * (q.median / b.median - 1), foundBare, foundPipe, bare.size());
        }
    }
    return 0;
}
