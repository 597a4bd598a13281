// FrameDecoder: every camera pixel format read in place to the right text, nothing found in an
// empty frame, region of interest honoured, luminance identical to ZXing's own conversion.
#include "cameralikeframes.h" // memberCodeLikeText()
#include "framedecoder.h"
#include "qrimage.h"
#include "videoframes.h"

#include <QPainter>
#include <QRandomGenerator>
#include <QtTest>

using PF = QVideoFrameFormat::PixelFormat;
Q_DECLARE_METATYPE(PF)

namespace {

constexpr QRect CodeRect(700, 150, 0, 0); // top-left of the code in the 1280x720 frame

// A frame with the code at CodeRect's corner on a mid-grey, textured background.
QImage codeFrame(const QString &text, QRect *where = nullptr)
{
    const QImage code = QrImage::render(text, 6);
    QImage frame(1280, 720, QImage::Format_RGB32);
    frame.fill(QColor(120, 130, 110));
    QPainter p(&frame);
    p.fillRect(QRect(40, 400, 300, 200), QColor(40, 60, 90));
    p.drawImage(CodeRect.topLeft(), code);
    if (where)
        *where = QRect(CodeRect.topLeft(), code.size());
    return frame;
}

uchar zxingLum(QRgb c) { return uchar((306 * qRed(c) + 601 * qGreen(c) + 117 * qBlue(c) + 0x200) >> 10); }

} // namespace

class TestFrameDecoder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QRandomGenerator rng(7);
        m_text = CameraLikeFrames::memberCodeLikeText(rng);
        m_image = codeFrame(m_text, &m_codeRect);
    }

    void decodesEveryPixelFormat_data()
    {
        QTest::addColumn<PF>("format");
        for (PF f : VideoFrames::directFormats() + VideoFrames::fallbackFormats())
            QTest::newRow(qPrintable(QVideoFrameFormat::pixelFormatToString(f))) << f;
    }

    void decodesEveryPixelFormat()
    {
        QFETCH(PF, format);
        const QVideoFrame frame = VideoFrames::fromImage(m_image, format);
        QVERIFY(frame.isValid());
        QCOMPARE(frame.size(), QSize(1280, 720));
        FrameDecoder decoder;
        const ScanResult r = decoder.decode(frame, {}, FrameDecoder::neverRetry);
        QVERIFY(r.found);
        QCOMPARE(r.text, m_text);
        QVERIFY(!r.retried);
        QCOMPARE(r.position.size(), 4);
        // Corners lie on the code (inside its quiet zone), in full-frame coordinates.
        const QRectF box = r.position.boundingRect();
        QVERIFY2(QRectF(m_codeRect).contains(box), qPrintable(QStringLiteral("position %1,%2 %3x%4")
                     .arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height())));
        QVERIFY(box.width() > m_codeRect.width() * 0.7);
        QVERIFY(r.decodeMs > 0);
    }

    // The byte order of every packed RGB format, the Y offset of packed YUV, the high byte of
    // 16-bit formats: random colours must come out as ZXing's integer luminance, pixel for pixel.
    void luminanceMatchesFormat_data()
    {
        // Not the toImage() fallbacks: Qt's limited-range YUV->RGB->grey is its own business.
        QTest::addColumn<PF>("format");
        for (PF f : VideoFrames::directFormats())
            QTest::newRow(qPrintable(QVideoFrameFormat::pixelFormatToString(f))) << f;
    }
    void luminanceMatchesFormat()
    {
        QFETCH(PF, format);
        QImage colours(64, 16, QImage::Format_RGB32);
        QRandomGenerator rng(11);
        for (int y = 0; y < colours.height(); ++y)
            for (int x = 0; x < colours.width(); ++x)
                colours.setPixel(x, y, qRgb(rng.bounded(256), rng.bounded(256), rng.bounded(256)));
        const QImage lum = FrameDecoder::luminance(VideoFrames::fromImage(colours, format));
        QCOMPARE(lum.size(), colours.size());
        for (int y = 0; y < colours.height(); ++y)
            for (int x = 0; x < colours.width(); ++x) {
                const int expected = zxingLum(colours.pixel(x, y)), got = lum.constScanLine(y)[x];
                if (expected != got)
                    QFAIL(qPrintable(QStringLiteral("pixel %1,%2: luminance %3, expected %4").arg(x).arg(y).arg(got).arg(expected)));
            }
    }

    void emptyFrameFindsNothing_data() { decodesEveryPixelFormat_data(); }
    void emptyFrameFindsNothing()
    {
        QFETCH(PF, format);
        QImage empty(1280, 720, QImage::Format_RGB32);
        empty.fill(QColor(90, 100, 110));
        QPainter(&empty).fillRect(QRect(200, 200, 400, 300), Qt::white);
        const ScanResult r = FrameDecoder().decode(VideoFrames::fromImage(empty, format));
        QVERIFY(!r.found);
        QVERIFY(r.text.isEmpty());
        QVERIFY(r.position.isEmpty());
    }

    void invalidFrameFindsNothing()
    {
        QVERIFY(!FrameDecoder().decode(QVideoFrame()).found);
        QVERIFY(!FrameDecoder().decode(QImage()).found);
    }

    void regionOfInterest()
    {
        const QVideoFrame frame = VideoFrames::fromImage(m_image, PF::Format_NV12);
        FrameDecoder decoder;
        // Around the code: found, and the position is still in full-frame pixels.
        const ScanResult inside = decoder.decode(frame, m_codeRect.adjusted(-20, -20, 20, 20));
        QVERIFY(inside.found);
        QCOMPARE(inside.text, m_text);
        QVERIFY(QRectF(m_codeRect).contains(inside.position.boundingRect()));
        // The left half of the frame has no code; neither has a ROI outside the frame.
        QVERIFY(!decoder.decode(frame, QRect(0, 0, 640, 720)).found);
        QVERIFY(!decoder.decode(frame, QRect(2000, 0, 100, 100)).found);
        // Degenerate ROIs (a pixel, a sliver) find nothing and ask for no second look.
        int asked = 0;
        const auto count = [&] { ++asked; return true; };
        QVERIFY(!decoder.decode(frame, QRect(5, 5, 1, 1), count).found);
        QVERIFY(!decoder.decode(frame, QRect(0, 0, 1280, 10), count).found);
        QVERIFY(!decoder.decode(frame, QRect(1279, 719, 50, 50), count).found);
        QCOMPARE(asked, 0);
        // A ROI hanging over the frame edge is clipped, not rejected.
        QVERIFY(decoder.decode(frame, QRect(600, -100, 1000, 1000)).found);
    }

    void decodesQImages()
    {
        FrameDecoder decoder;
        for (QImage::Format f : {QImage::Format_Grayscale8, QImage::Format_RGB32, QImage::Format_ARGB32,
                                 QImage::Format_RGBA8888, QImage::Format_RGB888, QImage::Format_BGR888,
                                 QImage::Format_RGB16}) {
            const ScanResult r = decoder.decode(m_image.convertToFormat(f));
            QVERIFY2(r.found, qPrintable(QString::number(int(f))));
            QCOMPARE(r.text, m_text);
        }
        const ScanResult roi = decoder.decode(m_image, QRect(0, 0, 640, 720));
        QVERIFY(!roi.found);
    }

    // The extra passes are asked for only after a miss, the gate before each one: the first "no"
    // (a newer frame knocked) stops there.
    void retryGate()
    {
        FrameDecoder decoder;
        int asked = 0;
        const auto yes = [&] { ++asked; return true; };
        const auto no = [&] { ++asked; return false; };
        const QVideoFrame hit = VideoFrames::fromImage(m_image, PF::Format_NV12);
        QVERIFY(decoder.decode(hit, {}, yes).found);
        QCOMPARE(asked, 0);

        QImage empty(1280, 720, QImage::Format_Grayscale8);
        empty.fill(128);
        const QVideoFrame miss = VideoFrames::fromImage(empty, PF::Format_NV12);
        ScanResult r = decoder.decode(miss, {}, no);
        QCOMPARE(asked, 1);
        QVERIFY(!r.found);
        QVERIFY(!r.retried);
        QCOMPARE(r.passesRun, 1);

        asked = 0;
        r = decoder.decode(miss, {}, yes);
        const int extra = int(FrameDecoder::extraPasses().size());
        QVERIFY(extra >= 1);
        QCOMPARE(asked, extra);
        QVERIFY(!r.found);
        QVERIFY(r.retried);
        QCOMPARE(r.passesRun, 1 + extra);

        // A frame knocks while the first extra pass runs: no further pass.
        asked = 0;
        r = decoder.decode(miss, {}, [&] { return ++asked == 1; });
        QCOMPARE(r.passesRun, 2);
        QCOMPARE(r.pass, FrameDecoder::extraPasses().first());
        QCOMPARE(asked, 2);
    }

private:
    QString m_text;
    QImage m_image;
    QRect m_codeRect;
};

QTEST_MAIN(TestFrameDecoder)
#include "tst_framedecoder.moc"
