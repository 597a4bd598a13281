// Camera-like frames (tilt, blur, noise, low light, glare, phone screens, small and large
// codes): FrameDecoder must read at least 95% of them, and never fewer than bare ZXing.
#include "cameralikeframes.h"
#include "framedecoder.h"
#include "videoframes.h"
#include "zxingcompat.h"

#include <QtTest>

class TestCameraLike : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_frames = CameraLikeFrames::generate(120); }

    void generatorIsDeterministicAndVaried()
    {
        QCOMPARE(m_frames.size(), 120);
        const QList<CameraLikeFrame> again = CameraLikeFrames::generate(3);
        for (int i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].text, m_frames[i].text);
            QCOMPARE(again[i].image, m_frames[i].image);
        }
        QSet<QString> texts, conditions;
        for (const CameraLikeFrame &f : std::as_const(m_frames)) {
            QCOMPARE(f.image.size(), QSize(1280, 720));
            QVERIFY(f.text.startsWith(QLatin1String("DQM1.")));
            QVERIFY2(f.text.size() >= 190 && f.text.size() <= 230, qPrintable(QString::number(f.text.size())));
            texts << f.text;
            conditions << f.condition;
        }
        QCOMPARE(texts.size(), m_frames.size());
        QCOMPARE(conditions.size(), CameraLikeFrames::conditions().size());
    }

    // The frames go through the decoder as NV12 camera frames, the kiosk camera's usual format.
    void readsAtLeastAsManyAsBareZXing()
    {
        FrameDecoder decoder;
        int ours = 0, bare = 0, bySecondLook = 0;
        QStringList missed;
        for (const CameraLikeFrame &f : std::as_const(m_frames)) {
            const QImage &img = f.image;
            const ZXing::ImageView view(img.constBits(), img.width(), img.height(), ZXing::ImageFormat::Lum,
                                        int(img.bytesPerLine()));
            const auto r = ZXing::ReadBarcode(view, ZXingCompat::bareQrOptions());
            const bool bareOk = r.isValid() && QString::fromStdString(r.text()) == f.text;
            bare += bareOk;

            const ScanResult s = decoder.decode(VideoFrames::fromImage(img, QVideoFrameFormat::Format_NV12));
            if (s.found) {
                QCOMPARE(s.text, f.text); // never a wrong read
                ++ours;
                bySecondLook += s.retried;
            } else {
                missed << QStringLiteral("#%1 %2").arg(&f - m_frames.data()).arg(f.condition);
            }
        }
        qInfo("FrameDecoder %d/%lld (second look %d), bare ZXing %d; missed: %s", ours, qint64(m_frames.size()),
              bySecondLook, bare, qPrintable(missed.join(QLatin1String(", "))));
        QVERIFY2(ours * 100 >= 95 * m_frames.size(), qPrintable(QString::number(ours)));
        QVERIFY(ours >= bare);
    }

    // RGB camera frames (BGRX, as GStreamer's videoconvert hands them over) read the same.
    void rgbFramesReadToo()
    {
        FrameDecoder decoder;
        int ours = 0;
        for (const CameraLikeFrame &f : std::as_const(m_frames)) {
            const ScanResult s = decoder.decode(VideoFrames::fromImage(f.image, QVideoFrameFormat::Format_BGRX8888));
            if (s.found) {
                QCOMPARE(s.text, f.text);
                ++ours;
            }
        }
        QVERIFY2(ours * 100 >= 95 * m_frames.size(), qPrintable(QString::number(ours)));
    }

private:
    QList<CameraLikeFrame> m_frames;
};

QTEST_MAIN(TestCameraLike)
#include "tst_cameralike.moc"
