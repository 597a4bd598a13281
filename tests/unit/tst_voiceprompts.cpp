#include "clock.h"
#include "feedbacksounds.h"
#include "kiosk.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

// The Mandarin voice prompts (issue 10): generated at build time by media/make-voice.sh with
// espeak-ng, found by FeedbackSounds, played at the configured audio/volume.
class TestVoicePrompts : public QObject
{
    Q_OBJECT

private slots:
    void generatedPromptsAreWavFiles()
    {
        for (const char *name : {"ok", "fail", "aim"}) {
            QFile f(QDir(QStringLiteral(KIOSK_VOICE_DIR)).filePath(QLatin1String(name) + QStringLiteral(".wav")));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
            const QByteArray header = f.read(44);
            QCOMPARE(header.left(4), QByteArray("RIFF"));
            QCOMPARE(header.mid(8, 8), QByteArray("WAVEfmt "));
            QCOMPARE(qFromLittleEndian<quint16>(header.constData() + 22), quint16(1)); // mono
            // Spoken words, not an empty file: at least half a second of 16-bit audio.
            const quint32 rate = qFromLittleEndian<quint32>(header.constData() + 24);
            QVERIFY2(f.size() > 44 + qint64(rate), qPrintable(f.fileName()));
        }
    }

    void feedbackSoundsFindThem()
    {
        FeedbackSounds sounds(QString(), QStringLiteral(KIOSK_VOICE_DIR));
        QCOMPARE(sounds.voiceUrl(QStringLiteral("aim")),
                 QUrl::fromLocalFile(QDir(QStringLiteral(KIOSK_VOICE_DIR)).filePath(QStringLiteral("aim.wav"))));
        // Not installed: no URL (the kiosk stays silent and says so in the log), never a bad one.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("voice prompt missing")));
        QVERIFY(sounds.voiceUrl(QStringLiteral("nothing")).isEmpty());
        QVERIFY(FeedbackSounds(QString()).voiceUrl(QStringLiteral("ok")).isEmpty());
        qputenv("DANGQUN_VOICE_DIR", "/somewhere/else");
        QCOMPARE(FeedbackSounds::defaultVoiceDir(QStringLiteral(KIOSK_VOICE_DIR)), QStringLiteral("/somewhere/else"));
        qunsetenv("DANGQUN_VOICE_DIR");
    }

    void volumeFromTheConfiguration()
    {
        KioskConfig c;
        c.audioVolume = 35;
        FixedClock clock(QDateTime(QDate(2026, 7, 1), QTime(9, 30)));
        Kiosk kiosk(c, clock, false);
        QCOMPARE(kiosk.volume(), 0.35);
        c.audioVolume = 0;
        QCOMPARE(Kiosk(c, clock, false).volume(), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestVoicePrompts)
#include "tst_voiceprompts.moc"
