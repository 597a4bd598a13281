#pragma once
#include <QString>
#include <QUrl>

// The success chime and the refusal tone of the scan page. Generated as small WAV files on first
// start (nothing binary in git, no build-time tool needed) and played with QSoundEffect.
class FeedbackSounds
{
public:
    // `voiceDir`: the Mandarin prompts ok.wav, fail.wav, aim.wav (media/make-voice.sh).
    explicit FeedbackSounds(QString dir, QString voiceDir = {});

    // Writes any missing file; false when the folder is not writable (the kiosk then stays silent
    // and says so in the log; the screen still shows the result).
    bool ensure();
    QUrl okUrl() const;
    QUrl failUrl() const;
    // A voice prompt ("ok", "fail", "aim"), or an empty URL when it is not installed.
    QUrl voiceUrl(const QString &name) const;
    // Where an installed kiosk, or else this build tree, keeps the prompts.
    static QString defaultVoiceDir(const QString &buildTreeDir);

    // A mono 16-bit 44.1 kHz WAV of the given tones (Hz, ms), each with a short fade in and out.
    static QByteArray synthesize(const QList<QPair<int, int>> &tones);

private:
    QString m_dir;
    QString m_voiceDir;
};
