#pragma once
#include <QAudioOutput>
#include <QMediaPlayer>
#include <QObject>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "speechsynthesizer.h"

// The 朗读 button's engine: reads a quiz question or the feedback after an answer aloud
// (SpeechSynthesizer, then Qt Multimedia). Its WAV files live in a temporary folder removed with
// it; pressing again while speaking stops.
class ReadAloud : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
public:
    enum class State { Idle, Preparing, Speaking, Failed };
    Q_ENUM(State)

    explicit ReadAloud(QObject *parent = nullptr);
    ~ReadAloud() override;

    State state() const { return m_state; }
    QString message() const { return m_message; }

    // QuizController's question and feedback maps (stem, typeLabel, choices; title, rightAnswer,
    // explanation).
    Q_INVOKABLE void readQuestion(const QVariantMap &question);
    Q_INVOKABLE void readFeedback(const QVariantMap &feedback);
    Q_INVOKABLE void read(const QString &text);
    Q_INVOKABLE void stop();

signals:
    void stateChanged();

private:
    void setState(State s, const QString &message = {});

    QTemporaryDir m_dir;
    SpeechSynthesizer m_synth;
    QMediaPlayer m_player;
    QAudioOutput m_output;
    State m_state = State::Idle;
    QString m_message;
};
