#include "quizbank.h"
#include "speechsynthesizer.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <cmath>

// 朗读 (issue 22): a question of the sample bank becomes a WAV of Mandarin speech with espeak-ng,
// without a network; failures are said in Chinese, never silent.
class TestSpeechSynthesizer : public QObject
{
    Q_OBJECT

    struct Wav
    {
        int rate = 0;
        QList<qint16> samples;
        double seconds() const { return rate > 0 ? double(samples.size()) / rate : 0; }
    };

    // A mono 16-bit PCM WAV as espeak-ng writes it: RIFF header, "fmt " and "data" chunks.
    static Wav readWav(const QString &path)
    {
        Wav w;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return w;
        const QByteArray b = f.readAll();
        if (!b.startsWith("RIFF") || b.mid(8, 4) != "WAVE")
            return w;
        qsizetype at = 12;
        while (at + 8 <= b.size()) {
            const QByteArray id = b.mid(at, 4);
            // espeak-ng writing to a file patches the sizes at the end; a streamed one leaves
            // 0x7fffffff: read to the end of the file then.
            qsizetype size = qFromLittleEndian<quint32>(b.constData() + at + 4);
            if (id == "fmt ") {
                const auto *p = b.constData() + at + 8;
                if (qFromLittleEndian<quint16>(p) != 1 || qFromLittleEndian<quint16>(p + 2) != 1
                    || qFromLittleEndian<quint16>(p + 14) != 16)
                    return w; // not mono 16-bit PCM
                w.rate = int(qFromLittleEndian<quint32>(p + 4));
            } else if (id == "data") {
                size = std::min(size, b.size() - at - 8);
                for (qsizetype i = 0; i + 1 < size; i += 2)
                    w.samples << qFromLittleEndian<qint16>(b.constData() + at + 8 + i);
                break;
            }
            at += 8 + size + (size & 1);
        }
        return w;
    }

    // Speech, not silence or a click: long enough, loud enough, and sound in much of it.
    static void checkSpeech(const QString &path, double minSeconds)
    {
        const Wav w = readWav(path);
        QVERIFY2(w.rate >= 8000, qPrintable(path));
        QVERIFY2(w.seconds() >= minSeconds, qPrintable(QStringLiteral("%1 s").arg(w.seconds())));
        const int window = w.rate / 50; // 20 ms
        int voiced = 0, windows = 0;
        double total = 0;
        for (qsizetype i = 0; i + window <= w.samples.size(); i += window, ++windows) {
            double sum = 0;
            for (qsizetype k = i; k < i + window; ++k)
                sum += double(w.samples.at(k)) * w.samples.at(k);
            const double rms = std::sqrt(sum / window);
            total += rms;
            voiced += rms > 500 ? 1 : 0; // -36 dBFS
        }
        QVERIFY(windows > 0);
        QVERIFY2(total / windows > 300, qPrintable(QStringLiteral("mean RMS %1").arg(total / windows)));
        QVERIFY2(voiced * 10 >= windows * 4, qPrintable(QStringLiteral("%1 of %2 windows voiced").arg(voiced).arg(windows)));
    }

    static QuizQuestion sampleQuestion()
    {
        const QuizBankResult r =
            QuizBankReader::load(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"));
        for (const QuizQuestion &q : r.bank.questions) {
            if (q.id == u"dz-028")
                return q;
        }
        return {};
    }

    QString synthesize(SpeechSynthesizer &s, const QString &text)
    {
        QSignalSpy ready(&s, &SpeechSynthesizer::ready);
        QSignalSpy failed(&s, &SpeechSynthesizer::failed);
        s.synthesize(text);
        // Generous: the machine running the tests may be loaded; the synthesizer's own timeout
        // (30 s) reports a failure before this gives up.
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 60000))
            return QStringLiteral("timeout");
        if (!failed.isEmpty())
            return QStringLiteral("failed: ") + failed.constFirst().constFirst().toString();
        return ready.constFirst().constFirst().toString();
    }

private slots:
    void questionTextReadsTheChoicesWithTheirLetters()
    {
        const QuizQuestion q = sampleQuestion();
        QCOMPARE(q.id, QStringLiteral("dz-028"));
        const QString text = SpeechSynthesizer::questionText(QuizQuestion::typeLabel(q.type), q.stem, q.choices(), true);
        QCOMPARE(text, QStringLiteral("单选题。党章规定，预备党员的预备期为，括号，。A，半年。B，一年。C，两年。D，三年。"));
        QCOMPARE(SpeechSynthesizer::questionText(QStringLiteral("判断题"), QStringLiteral("党禁止个人崇拜。"),
                                                 {QStringLiteral("正确"), QStringLiteral("错误")}, false),
                 QStringLiteral("判断题。党禁止个人崇拜。正确。错误。"));
        QCOMPARE(SpeechSynthesizer::feedbackText(QStringLiteral("回答正确"), QStringLiteral("B"), QStringLiteral("党章第七条。")),
                 QStringLiteral("回答正确。正确答案：B。党章第七条。"));
    }

    void aQuestionBecomesSpeech()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("espeak-ng")).isEmpty(), "espeak-ng is a dependency");
        QTemporaryDir dir;
        SpeechSynthesizer s(dir.path());
        const QuizQuestion q = sampleQuestion();
        const QString path = synthesize(s, SpeechSynthesizer::questionText(QuizQuestion::typeLabel(q.type), q.stem, q.choices(), true));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        checkSpeech(path, 3.0);
        if (QTest::currentTestFailed())
            return;
        // The explanation after an answer too.
        const QString feedback = synthesize(s, SpeechSynthesizer::feedbackText(QStringLiteral("回答正确"), QStringLiteral("B"), q.explanation));
        QVERIFY2(QFile::exists(feedback), qPrintable(feedback));
        checkSpeech(feedback, 2.0);
    }

    // The same with the process cut off from every network (a new, empty network namespace):
    // espeak-ng needs none. Skipped only where namespaces cannot be made (no privilege).
    void worksWithoutANetwork()
    {
        if (QProcess::execute(QStringLiteral("unshare"), {QStringLiteral("-n"), QStringLiteral("true")}) != 0)
            QSKIP("cannot create a network namespace here (unshare -n needs privileges)");
        QTemporaryDir dir;
        const QString wrapper = dir.filePath(QStringLiteral("espeak-offline"));
        QFile f(wrapper);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Proof that the namespace is empty: /proc/net/dev (per namespace) lists only loopback.
        f.write("#!/bin/sh\nexec unshare -n sh -c '[ \"$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d \" \")\" = lo ] || exit 9; "
                "exec espeak-ng \"$@\"' espeak \"$@\"\n");
        f.close();
        QVERIFY(f.setPermissions(f.permissions() | QFileDevice::ExeOwner));
        SpeechSynthesizer s(dir.filePath(QStringLiteral("out")), wrapper);
        const QString path = synthesize(s, QStringLiteral("判断题。党章规定，党禁止任何形式的个人崇拜。正确。错误。"));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        checkSpeech(path, 2.0);
    }

    void withoutEspeakItSaysSo()
    {
        QTemporaryDir dir;
        SpeechSynthesizer s(dir.path(), dir.filePath(QStringLiteral("no-such-program")));
        const QString result = synthesize(s, QStringLiteral("测试"));
        QVERIFY2(result.contains(QStringLiteral("没有安装语音合成程序 espeak-ng")), qPrintable(result));
    }

    void nothingToRead()
    {
        QTemporaryDir dir;
        SpeechSynthesizer s(dir.path());
        QCOMPARE(synthesize(s, QStringLiteral("  ")), QStringLiteral("failed: 没有可朗读的内容"));
    }
};

QTEST_GUILESS_MAIN(TestSpeechSynthesizer)
#include "tst_speechsynthesizer.moc"
