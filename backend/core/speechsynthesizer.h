#pragma once
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QStringList>
#include <QTimer>

// 朗读 for members who read with difficulty (issue 22): text to a WAV file with espeak-ng's
// Mandarin voice (`espeak-ng -v cmn`), at run time and offline: espeak-ng is a local program with
// its own voice data, no network, no service. Runs as a child process, never on the GUI thread's
// time; one utterance at a time (a new one cancels the one being made).
class SpeechSynthesizer : public QObject
{
    Q_OBJECT
public:
    // `outputDir`: where the WAV files go (a temporary folder of the caller's); `program`: espeak-ng,
    // or a stand-in in tests.
    explicit SpeechSynthesizer(QString outputDir, QString program = QStringLiteral("espeak-ng"),
                               QObject *parent = nullptr);
    ~SpeechSynthesizer() override;

    void synthesize(const QString &text);
    void cancel();
    bool busy() const { return m_process != nullptr; }

    // What is read for a question: its type, the stem (the blank read as “括号”), and each choice
    // with its letter as shown on screen (判断题: 正确, 错误).
    static QString questionText(const QString &typeLabel, const QString &stem, const QStringList &choices,
                                bool lettered);
    // What is read after an answer: 回答正确/错误, the right answer, the explanation.
    static QString feedbackText(const QString &title, const QString &rightAnswer, const QString &explanation);

    static constexpr int TimeoutMs = 30000; // a long explanation takes about a second on a kiosk

signals:
    void ready(const QString &wavPath);
    void failed(const QString &message); // Chinese, for the screen; also logged

private:
    void finish(int exitCode, QProcess::ExitStatus status);

    QString m_dir;
    QString m_program;
    QPointer<QProcess> m_process;
    QString m_path;
    QTimer m_timeout;
    int m_counter = 0;
};
