#pragma once
#include <QString>
#include <QUrl>

// The success chime and the refusal tone of the scan page. Generated as small WAV files on first
// start (nothing binary in git, no build-time tool needed) and played with QSoundEffect.
class FeedbackSounds
{
public:
    explicit FeedbackSounds(QString dir);

    // Writes any missing file; false when the folder is not writable (the kiosk then stays silent
    // and says so in the log; the screen still shows the result).
    bool ensure();
    QUrl okUrl() const;
    QUrl failUrl() const;

    // A mono 16-bit 44.1 kHz WAV of the given tones (Hz, ms), each with a short fade in and out.
    static QByteArray synthesize(const QList<QPair<int, int>> &tones);

private:
    QString m_dir;
};
