#include "speechsynthesizer.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

SpeechSynthesizer::SpeechSynthesizer(QString outputDir, QString program, QObject *parent)
    : QObject(parent), m_dir(std::move(outputDir)), m_program(std::move(program))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(TimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        qCWarning(lcCore) << "espeak-ng did not finish in" << TimeoutMs << "ms; stopped";
        cancel();
        emit failed(QStringLiteral("朗读暂时不可用（语音合成超时）"));
    });
}

SpeechSynthesizer::~SpeechSynthesizer()
{
    cancel();
}

void SpeechSynthesizer::cancel()
{
    m_timeout.stop();
    if (QProcess *p = m_process) {
        m_process = nullptr;
        p->disconnect(this);
        p->kill();
        p->waitForFinished(1000); // espeak-ng dies at once on SIGKILL; never left as a zombie
        p->deleteLater();
    }
}

void SpeechSynthesizer::synthesize(const QString &text)
{
    cancel();
    const QString spoken = text.simplified();
    if (spoken.isEmpty()) {
        emit failed(QStringLiteral("没有可朗读的内容"));
        return;
    }
    if (!QDir().mkpath(m_dir)) {
        qCWarning(lcCore) << "cannot create" << m_dir << "for speech";
        emit failed(QStringLiteral("朗读暂时不可用（无法写入临时文件）"));
        return;
    }
    m_path = QDir(m_dir).filePath(QStringLiteral("speech-%1.wav").arg(++m_counter));
    QFile::remove(m_path);
    auto *p = new QProcess(this);
    m_process = p;
    connect(p, &QProcess::finished, this, &SpeechSynthesizer::finish);
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || m_process != p)
            return;
        qCWarning(lcCore) << "cannot start" << m_program << p->errorString();
        m_timeout.stop();
        m_process = nullptr;
        p->deleteLater();
        emit failed(QStringLiteral("本机没有安装语音合成程序 espeak-ng，无法朗读；请联系工作人员"));
    });
    // -v cmn: Mandarin; -s 140: a little slower than the default for older members; --stdin: the
    // text never passes through a command line (length, quoting).
    p->start(m_program, {QStringLiteral("-v"), QStringLiteral("cmn"), QStringLiteral("-s"), QStringLiteral("140"),
                         QStringLiteral("-w"), m_path, QStringLiteral("--stdin")});
    p->write(spoken.toUtf8());
    p->write("\n");
    p->closeWriteChannel();
    m_timeout.start();
}

void SpeechSynthesizer::finish(int exitCode, QProcess::ExitStatus status)
{
    QProcess *p = m_process;
    if (!p)
        return;
    m_timeout.stop();
    m_process = nullptr;
    const QString err = QString::fromUtf8(p->readAllStandardError()).trimmed();
    p->deleteLater();
    // 44 bytes is a WAV header with no sound: treated as a failure, not played as silence.
    if (status != QProcess::NormalExit || exitCode != 0 || QFileInfo(m_path).size() <= 44) {
        qCWarning(lcCore) << "espeak-ng failed:" << exitCode << err;
        emit failed(QStringLiteral("朗读暂时不可用（语音合成失败）"));
        return;
    }
    emit ready(m_path);
}

QString SpeechSynthesizer::questionText(const QString &typeLabel, const QString &stem, const QStringList &choices,
                                        bool lettered)
{
    static const QRegularExpression blank(QStringLiteral("（[\\s　]*）|\\([\\s　]*\\)|_{2,}"));
    QString s = typeLabel + QStringLiteral("。") + QString(stem).replace(blank, QStringLiteral("，括号，"));
    for (qsizetype i = 0; i < choices.size(); ++i) {
        s += lettered ? QStringLiteral("%1，%2。").arg(QChar(char16_t(u'A' + i))).arg(choices.at(i))
                      : choices.at(i) + QStringLiteral("。");
    }
    return s;
}

QString SpeechSynthesizer::feedbackText(const QString &title, const QString &rightAnswer, const QString &explanation)
{
    return title + QStringLiteral("。正确答案：") + rightAnswer + QStringLiteral("。") + explanation;
}
