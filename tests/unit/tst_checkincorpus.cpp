// The camera-like check-in corpus (issue 20, tests/support/checkincorpus): real signed member
// codes under steep tilt, motion blur, defocus, low light, glare, small size and phone screens,
// plus empty scenes. The kiosk's decoder (first pass + the extra passes it runs while idle) must
// read at least 5 percentage points more of the code frames than a bare ZXing::ReadBarcode with
// default settings (QR only), and never read a wrong text or anything in an empty scene.
// Prints the per-condition table the README shows. CHECKIN_CORPUS_DUMP=DIR saves the frames as PNG.
#include "checkincorpus.h"
#include "framedecoder.h"
#include "videoframes.h"
#include "zxingcompat.h"

#include <QDir>
#include <QMap>
#include <QtTest>

class TestCheckinCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_frames = CheckinCorpus::generate(); }

    void generatorIsDeterministicAndComplete()
    {
        const QList<CorpusFrame> a = CheckinCorpus::generate(2), b = CheckinCorpus::generate(2);
        QCOMPARE(a.size(), b.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].text, b[i].text);
            QVERIFY(a[i].image == b[i].image);
        }
        int withCode = 0;
        QMap<QString, int> perCondition;
        QSet<QString> texts;
        for (const CorpusFrame &f : std::as_const(m_frames)) {
            QCOMPARE(f.image.size(), QSize(CheckinCorpus::Width, CheckinCorpus::Height));
            QCOMPARE(f.image.format(), QImage::Format_Grayscale8);
            ++perCondition[f.condition];
            if (f.condition == QLatin1String("empty")) {
                QVERIFY(f.text.isEmpty());
                continue;
            }
            QVERIFY(f.text.startsWith(QLatin1String("DQM1.")));
            texts << f.text;
            ++withCode;
        }
        QVERIFY2(withCode >= 300, qPrintable(QString::number(withCode)));
        QCOMPARE(texts.size(), withCode); // every frame a different member
        QCOMPARE(perCondition.keys().size(), CheckinCorpus::conditions().size());
        if (const QByteArray dir = qgetenv("CHECKIN_CORPUS_DUMP"); !dir.isEmpty()) {
            QDir().mkpath(QString::fromLocal8Bit(dir));
            for (int i = 0; i < m_frames.size(); ++i)
                m_frames[i].image.save(QStringLiteral("%1/%2-%3.png").arg(QString::fromLocal8Bit(dir)).arg(i, 3, 10, QLatin1Char('0')).arg(m_frames[i].condition));
        }
    }

    void readsMoreThanBareZXingAndNeverWrong()
    {
        struct Row { int frames = 0, bare = 0, ours = 0, bareWrong = 0, oursWrong = 0; QMap<QString, int> byPass; };
        QMap<QString, Row> rows;
        Row all;
        QStringList wrong;
        FrameDecoder decoder;
        const ZXingCompat::Options bare = ZXingCompat::bareQrOptions();
        for (const CorpusFrame &f : std::as_const(m_frames)) {
            const bool empty = f.text.isEmpty();
            const QImage &img = f.image;
            const ZXing::ImageView view(img.constBits(), img.width(), img.height(), ZXing::ImageFormat::Lum,
                                        int(img.bytesPerLine()));
            const auto b = ZXing::ReadBarcode(view, bare);
            const bool bareRight = b.isValid() && QString::fromStdString(b.text()) == f.text;
            const bool bareWrong = b.isValid() && !bareRight;
            // As the camera delivers it: NV12, every extra pass allowed (an idle worker).
            const ScanResult s = decoder.decode(VideoFrames::fromImage(img, QVideoFrameFormat::Format_NV12));
            if (s.found && s.text != f.text)
                wrong << QStringLiteral("#%1 %2 read \"%3\"").arg(&f - m_frames.data()).arg(f.condition, s.text.left(40));
            for (Row *r : {&rows[f.condition], &all}) {
                ++r->frames;
                r->bareWrong += bareWrong;
                r->oursWrong += s.found && s.text != f.text;
                if (empty)
                    continue;
                r->bare += bareRight;
                r->ours += s.found && s.text == f.text;
                if (s.found)
                    ++r->byPass[QString::fromLatin1(FrameDecoder::passName(s.pass))];
            }
        }
        // The README's table.
        auto pct = [](int n, int of) { return of ? 100.0 * n / of : 0.0; };
        auto passes = [](const Row &r) {
            QStringList out;
            for (auto it = r.byPass.begin(); it != r.byPass.end(); ++it)
                if (it.key() != QLatin1String("first"))
                    out << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
            return out.join(QLatin1String(", "));
        };
        QString table = QStringLiteral("ZXing %1.x\n| condition | frames | bare ZXing | kiosk | read by an extra pass |\n|---|---:|---:|---:|---|\n")
                            .arg(DANGQUN_ZXING_VERSION_MAJOR);
        int codeFrames = 0;
        for (const QString &c : CheckinCorpus::conditions()) {
            const Row &r = rows[c];
            if (c == QLatin1String("empty")) {
                table += QStringLiteral("| empty (must read nothing) | %1 | %2 read | %3 read | |\n")
                             .arg(r.frames).arg(r.bareWrong).arg(r.oursWrong);
                continue;
            }
            codeFrames += r.frames;
            table += QStringLiteral("| %1 | %2 | %3 (%4 %) | %5 (%6 %) | %7 |\n")
                         .arg(c).arg(r.frames).arg(r.bare).arg(pct(r.bare, r.frames), 0, 'f', 0).arg(r.ours)
                         .arg(pct(r.ours, r.frames), 0, 'f', 0).arg(passes(r));
        }
        table += QStringLiteral("| wrong texts (all frames) | | %1 | %2 | |\n").arg(all.bareWrong).arg(all.oursWrong);
        table += QStringLiteral("| **all with a code** | %1 | %2 (%3 %) | %4 (%5 %) | %6 |\n")
                     .arg(codeFrames).arg(all.bare).arg(pct(all.bare, codeFrames), 0, 'f', 1).arg(all.ours)
                     .arg(pct(all.ours, codeFrames), 0, 'f', 1).arg(passes(all));
        qInfo().noquote() << table;
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1String("; "))));
        QVERIFY(all.ours >= all.bare);
        // At least 5 percentage points more of the code frames than bare ZXing.
        QVERIFY2((all.ours - all.bare) * 100 >= 5 * codeFrames,
                 qPrintable(QStringLiteral("kiosk %1, bare %2 of %3").arg(all.ours).arg(all.bare).arg(codeFrames)));
    }

private:
    QList<CorpusFrame> m_frames;
};

QTEST_MAIN(TestCheckinCorpus)
#include "tst_checkincorpus.moc"
