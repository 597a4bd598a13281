#include "readaloud.h"
#include "logging.h"

#include <QUrl>

ReadAloud::ReadAloud(QObject *parent)
    : QObject(parent), m_dir(QDir::tempPath() + QStringLiteral("/dangqun-speech-XXXXXX")), m_synth(m_dir.path())
{
    m_player.setAudioOutput(&m_output);
    connect(&m_synth, &SpeechSynthesizer::ready, this, [this](const QString &path) {
        m_player.setSource(QUrl::fromLocalFile(path));
        m_player.play();
        setState(State::Speaking);
    });
    connect(&m_synth, &SpeechSynthesizer::failed, this, [this](const QString &why) { setState(State::Failed, why); });
    connect(&m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
        if (s == QMediaPlayer::StoppedState && m_state == State::Speaking)
            setState(State::Idle);
    });
    connect(&m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        qCWarning(lcUi) << "read-aloud playback failed:" << text;
        if (m_state == State::Speaking)
            setState(State::Failed, QStringLiteral("朗读暂时不可用（无法播放声音）"));
    });
}

ReadAloud::~ReadAloud()
{
    m_synth.cancel();
    m_player.stop();
}

void ReadAloud::setState(State s, const QString &message)
{
    if (s == m_state && message == m_message)
        return;
    m_state = s;
    m_message = message;
    emit stateChanged();
}

void ReadAloud::read(const QString &text)
{
    m_player.stop();
    if (!m_dir.isValid()) {
        qCWarning(lcUi) << "no temporary folder for read-aloud";
        setState(State::Failed, QStringLiteral("朗读暂时不可用（无法写入临时文件）"));
        return;
    }
    setState(State::Preparing);
    m_synth.synthesize(text);
}

void ReadAloud::readQuestion(const QVariantMap &q)
{
    const QString type = q.value(QStringLiteral("typeLabel")).toString();
    read(SpeechSynthesizer::questionText(type, q.value(QStringLiteral("stem")).toString(),
                                         q.value(QStringLiteral("choices")).toStringList(), type != u"判断题"));
}

void ReadAloud::readFeedback(const QVariantMap &f)
{
    read(SpeechSynthesizer::feedbackText(f.value(QStringLiteral("title")).toString(),
                                         f.value(QStringLiteral("rightAnswer")).toString(),
                                         f.value(QStringLiteral("explanation")).toString()));
}

void ReadAloud::stop()
{
    m_synth.cancel();
    m_player.stop();
    setState(State::Idle);
}
