#pragma once
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

#include "kioskconfig.h"
#include "quizlibrary.h"
#include "quizrun.h"
#include "quizwrongbook.h"

class Clock;
class MemberSession;
class StorageThread;

// The quiz pages' view of 学习答题 (issue 6). Banks are read and attempts recorded on the storage
// thread; drawing and scoring follow backend/core's rules; QML only shows `view` and calls the
// actions. Anyone may practise; only a checked-in member's attempts are recorded (with outbox
// rows, by QuizStore), and only after the commit does the results screen say so.
class QuizController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("QuizController is created by the application")

    Q_PROPERTY(bool loaded READ loaded NOTIFY libraryChanged)
    Q_PROPERTY(int questionCount READ questionCount NOTIFY libraryChanged)
    Q_PROPERTY(QVariantList tests READ tests NOTIFY libraryChanged)
    Q_PROPERTY(QStringList bankProblems READ bankProblems NOTIFY libraryChanged)
    Q_PROPERTY(QString bankNotice READ bankNotice NOTIFY libraryChanged)
    Q_PROPERTY(bool recording READ recording NOTIFY recordingChanged)
    Q_PROPERTY(int wrongBookCount READ wrongBookCount NOTIFY wrongBookCountChanged)
    Q_PROPERTY(View view READ view NOTIFY viewChanged)
    // A paper is on screen (a question or its answer): the kiosk's idle timeout waits for a timed one.
    Q_PROPERTY(bool paperRunning READ paperRunning NOTIFY viewChanged)
    Q_PROPERTY(QuestionType questionType READ questionType NOTIFY questionChanged)
    Q_PROPERTY(QString modeLabel READ modeLabel NOTIFY viewChanged)
    Q_PROPERTY(QVariantMap question READ question NOTIFY questionChanged)
    Q_PROPERTY(QVariantList selected READ selected NOTIFY selectedChanged)
    Q_PROPERTY(QVariantMap feedback READ feedback NOTIFY feedbackChanged)
    // Per option of the shown question, once answered: what the member chose against what was right.
    Q_PROPERTY(QList<int> optionVerdicts READ optionVerdicts NOTIFY feedbackChanged)
    // How many questions of the paper were answered (what 结束 would leave behind).
    Q_PROPERTY(int answeredCount READ answeredCount NOTIFY selectedChanged)
    Q_PROPERTY(bool timed READ timed NOTIFY viewChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY secondsLeftChanged)
    Q_PROPERTY(QString countdownText READ countdownText NOTIFY secondsLeftChanged)
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    enum class View { Menu, Loading, Question, Feedback, Results };
    Q_ENUM(View)
    enum class QuestionType { Single, Multiple, Judge };
    Q_ENUM(QuestionType)
    // One option after the answer is shown. Words and marks, not colour alone (issue 17).
    enum class OptionVerdict { Unmarked, ChosenRight, ChosenWrong, Missed };
    Q_ENUM(OptionVerdict)

    QuizController(const KioskConfig &config, const Clock &clock, StorageThread &storage, MemberSession *session,
                   QObject *parent = nullptr);
    ~QuizController() override;

    // Papers drawn from a fixed seed (tests, screenshots) instead of a securely seeded generator.
    void setSeed(quint32 seed) { m_rng.seed(seed); }

    bool loaded() const { return m_loaded; }
    int questionCount() const { return int(m_library.allQuestions().size()); }
    QVariantList tests() const;
    QStringList bankProblems() const { return m_library.problems(); }
    QString bankNotice() const;
    bool recording() const;
    int wrongBookCount() const { return m_wrongBookCount; }
    View view() const { return m_view; }
    bool paperRunning() const { return m_view == View::Question || m_view == View::Feedback; }
    QuestionType questionType() const { return m_questionType; }
    QList<int> optionVerdicts() const { return m_verdicts; }
    int answeredCount() const { return m_run ? int(m_run->answers().size()) : 0; }
    QString modeLabel() const;
    QVariantMap question() const { return m_question; }
    QVariantList selected() const;
    QVariantMap feedback() const { return m_feedback; }
    bool timed() const { return m_run && m_run->timed(); }
    int secondsLeft() const { return m_secondsLeft; }
    QString countdownText() const;
    QVariantMap result() const { return m_result; }
    QString message() const { return m_message; }

    // Re-reads <content_dir>/quiz/*.json; a bad file keeps the bank loaded before it.
    Q_INVOKABLE void reload();
    // Back to the menu, forgetting the paper in progress (nothing of it is recorded).
    Q_INVOKABLE void reset();
    // Refreshes the member's 错题本 count for the menu.
    Q_INVOKABLE void refreshMember();

    Q_INVOKABLE void startDaily();
    Q_INVOKABLE void startTest(int index);
    Q_INVOKABLE void startChallenge();
    Q_INVOKABLE void startWrongBook();

    // Single choice and judge: a tap answers. Multiple choice: a tap toggles, 提交 answers.
    Q_INVOKABLE void choose(int choice);
    Q_INVOKABLE void submit();
    // After the answer was shown: on to the next question or the results.
    Q_INVOKABLE void next();
    // 交卷 (专项测试): hand the paper in now; unanswered questions count as wrong.
    Q_INVOKABLE void handIn();
    // 结束 (the practice modes): stop here. The results say 未完成 with no score; nothing is
    // recorded, and questions never reached are not listed as wrong.
    Q_INVOKABLE void quit();

signals:
    void libraryChanged();
    void recordingChanged();
    void wrongBookCountChanged();
    void viewChanged();
    void questionChanged();
    void selectedChanged();
    void feedbackChanged();
    void secondsLeftChanged();
    void resultChanged();
    void messageChanged();

private:
    // What the kiosk knows of the member before drawing a paper (read on the storage thread).
    struct History
    {
        QSet<QString> recent;
        QList<WrongBookEntry> wrongBook;
        int bestStreak = 0;
    };
    struct Member
    {
        QString issuer;
        QString memberId;
        QString name;
    };

    std::optional<Member> currentMember() const;
    void withHistory(std::function<void(const History &)> then);
    void begin(QuizMode mode, QList<QuizQuestion> questions, const QString &paperId, int timeLimitSeconds,
               int passMark);
    void answer(const QList<int> &given);
    void showQuestion();
    void finish();
    void tick();
    void setView(View view);
    void setMessage(const QString &message);

    KioskConfig m_config;
    const Clock &m_clock;
    StorageThread &m_storage;
    MemberSession *m_session = nullptr;
    QRandomGenerator m_rng;
    QTimer m_tick;

    QuizLibrary m_library;
    bool m_loaded = false;
    int m_generation = 0; // bumps on every reset, so late storage answers for an old paper are dropped

    std::unique_ptr<QuizRun> m_run;
    QString m_paperId;
    std::optional<Member> m_member; // whom this paper is recorded for (captured at the start)
    int m_bestStreak = 0;
    int m_wrongBookCount = 0;
    QList<int> m_selected;
    View m_view = View::Menu;
    QList<int> m_verdicts;
    QuestionType m_questionType = QuestionType::Single;
    QVariantMap m_question;
    QVariantMap m_feedback;
    QVariantMap m_result;
    int m_secondsLeft = 0;
    QString m_message;
};
