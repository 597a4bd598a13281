#include "feedbacksounds.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>
#include <cmath>

namespace {
constexpr int sampleRate = 44100;

void put32(QByteArray &b, quint32 v)
{
    v = qToLittleEndian(v);
    b.append(reinterpret_cast<const char *>(&v), 4);
}
void put16(QByteArray &b, quint16 v)
{
    v = qToLittleEndian(v);
    b.append(reinterpret_cast<const char *>(&v), 2);
}

bool writeIfMissing(const QString &path, const QByteArray &data)
{
    if (QFileInfo::exists(path))
        return true;
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit();
}
} // namespace

FeedbackSounds::FeedbackSounds(QString dir, QString voiceDir) : m_dir(std::move(dir)), m_voiceDir(std::move(voiceDir)) { }

QUrl FeedbackSounds::voiceUrl(const QString &name) const
{
    if (m_voiceDir.isEmpty())
        return {};
    const QString path = QDir(m_voiceDir).filePath(name + QStringLiteral(".wav"));
    if (!QFileInfo(path).isFile()) {
        qCWarning(lcUi) << "voice prompt missing:" << path;
        return {};
    }
    return QUrl::fromLocalFile(path);
}

QString FeedbackSounds::defaultVoiceDir(const QString &buildTreeDir)
{
    const QString env = qEnvironmentVariable("DANGQUN_VOICE_DIR");
    if (!env.isEmpty())
        return env;
    const QString installed = QStringLiteral("/usr/share/dangqun-kiosk/voice");
    return QFileInfo(installed).isDir() ? installed : buildTreeDir;
}

QByteArray FeedbackSounds::synthesize(const QList<QPair<int, int>> &tones)
{
    QByteArray pcm;
    for (const auto &[hz, ms] : tones) {
        const int n = sampleRate * ms / 1000;
        const int fade = std::min(n / 4, sampleRate / 100); // 10 ms: no clicks
        for (int i = 0; i < n; ++i) {
            double env = 1.0;
            if (i < fade)
                env = double(i) / fade;
            else if (i > n - fade)
                env = double(n - i) / fade;
            const double s = hz > 0 ? std::sin(2 * M_PI * hz * i / sampleRate) : 0.0;
            put16(pcm, quint16(qint16(s * env * 0.5 * 32767)));
        }
    }
    QByteArray wav;
    wav.append("RIFF");
    put32(wav, quint32(36 + pcm.size()));
    wav.append("WAVEfmt ");
    put32(wav, 16);
    put16(wav, 1);              // PCM
    put16(wav, 1);              // mono
    put32(wav, sampleRate);
    put32(wav, sampleRate * 2); // byte rate
    put16(wav, 2);              // block align
    put16(wav, 16);             // bits
    wav.append("data");
    put32(wav, quint32(pcm.size()));
    wav.append(pcm);
    return wav;
}

bool FeedbackSounds::ensure()
{
    // Rising two-note chime for success; a low double tone for a refusal.
    const bool ok = QDir().mkpath(m_dir)
        && writeIfMissing(QDir(m_dir).filePath(QStringLiteral("ok.wav")), synthesize({{880, 120}, {1320, 220}}))
        && writeIfMissing(QDir(m_dir).filePath(QStringLiteral("fail.wav")),
                          synthesize({{330, 180}, {0, 80}, {330, 180}}));
    if (!ok)
        qCWarning(lcUi) << "could not write feedback sounds to" << m_dir << "- the kiosk stays silent";
    return ok;
}

QUrl FeedbackSounds::okUrl() const
{
    return QUrl::fromLocalFile(QDir(m_dir).filePath(QStringLiteral("ok.wav")));
}

QUrl FeedbackSounds::failUrl() const
{
    return QUrl::fromLocalFile(QDir(m_dir).filePath(QStringLiteral("fail.wav")));
}
