#include "quizcontroller.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "membersession.h"
#include "quizpaper.h"
#include "quizstore.h"
#include "storagethread.h"

#include <QDir>

namespace {

constexpr int wrongBookSessionSize = 10; // a sitting at the kiosk, not the whole book at once
constexpr int challengeMax = 100;        // enough for anyone; keeps the paper finite

QVariantMap presentQuestion(const QuizQuestion &q, int index, int total, bool openEnded)
{
    return {
        {QStringLiteral("id"), q.id},
        {QStringLiteral("stem"), q.stem},
        {QStringLiteral("typeLabel"), QuizQuestion::typeLabel(q.type)},
        {QStringLiteral("multiple"), q.type == QuizQuestion::Type::Multiple},
        {QStringLiteral("choices"), q.choices()},
        {QStringLiteral("index"), index},
        {QStringLiteral("total"), total},
        // A challenge has no fixed length: it counts up instead of "of N".
        {QStringLiteral("progressText"), openEnded ? QStringLiteral("第 %1 题").arg(index + 1)
                                                   : QStringLiteral("第 %1/%2 题").arg(index + 1).arg(total)},
    };
}

} // namespace

QuizController::QuizController(const KioskConfig &config, const Clock &clock, StorageThread &storage,
                               MemberSession *session, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_storage(storage)
    , m_session(session)
    , m_rng(QRandomGenerator::securelySeeded())
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &QuizController::tick);
    if (m_session) {
        connect(m_session, &MemberSession::changed, this, [this] {
            emit recordingChanged();
            refreshMember();
        });
        // The next member must not find the last one's paper or results.
        connect(m_session, &MemberSession::ended, this, &QuizController::reset);
    }
    reload();
}

QuizController::~QuizController() = default;

void QuizController::reload()
{
    const QString folder = QDir(m_config.contentDir).filePath(QStringLiteral("quiz"));
    // Reading and validating files is disk work: it runs on the storage thread, never the GUI's.
    m_storage.call<QuizLibrary>(
        this, [folder, previous = m_library](Database *) { return QuizLibrary::load(folder, previous); },
        [this](const QuizLibrary &library) {
            m_library = library;
            m_loaded = true;
            for (const QString &p : m_library.problems())
                qCWarning(lcUi).noquote() << "question bank refused:" << p;
            emit libraryChanged();
        });
}

QVariantList QuizController::tests() const
{
    QVariantList out;
    const auto all = m_library.tests();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QuizTestSpec &t = all.at(i).second;
        out.append(QVariantMap{{QStringLiteral("index"), int(i)},
                               {QStringLiteral("title"), t.title},
                               {QStringLiteral("count"), t.count()},
                               {QStringLiteral("minutes"), t.timeLimitMinutes},
                               {QStringLiteral("passMark"), t.passMark}});
    }
    return out;
}

QString QuizController::bankNotice() const
{
    if (!m_loaded)
        return QStringLiteral("正在载入题库……");
    if (m_library.isEmpty())
        return QStringLiteral("题库暂未就绪，请联系工作人员");
    return {};
}

bool QuizController::recording() const
{
    return m_session && m_session->active();
}

std::optional<QuizController::Member> QuizController::currentMember() const
{
    if (!recording())
        return std::nullopt;
    return Member{m_session->issuer(), m_session->memberId(), m_session->name()};
}

QString QuizController::modeLabel() const
{
    return m_run ? QuizRun::modeLabel(m_run->mode()) : QString();
}

QVariantList QuizController::selected() const
{
    QVariantList out;
    for (int i : m_selected)
        out.append(i);
    return out;
}

QString QuizController::countdownText() const
{
    return QStringLiteral("%1:%2").arg(m_secondsLeft / 60, 2, 10, QLatin1Char('0')).arg(m_secondsLeft % 60, 2, 10, QLatin1Char('0'));
}

void QuizController::setView(View view)
{
    if (view == m_view)
        return;
    m_view = view;
    emit viewChanged();
}

void QuizController::setMessage(const QString &message)
{
    if (message == m_message)
        return;
    m_message = message;
    emit messageChanged();
}

void QuizController::reset()
{
    ++m_generation;
    m_tick.stop();
    m_run.reset();
    m_member.reset();
    m_selected.clear();
    m_question.clear();
    m_feedback.clear();
    m_verdicts.clear();
    m_result.clear();
    setMessage(QString());
    emit questionChanged();
    emit selectedChanged();
    emit feedbackChanged();
    emit resultChanged();
    setView(View::Menu);
    emit viewChanged(); // the mode label went with the paper
    refreshMember();
}

void QuizController::refreshMember()
{
    const auto member = currentMember();
    if (!member) {
        if (m_wrongBookCount != 0) {
            m_wrongBookCount = 0;
            emit wrongBookCountChanged();
        }
        return;
    }
    const QString centre = m_config.centreId;
    const QString kiosk = m_config.kioskId;
    m_storage.call<int>(
        this,
        [m = *member, centre, kiosk](Database *db) {
            return db ? int(QuizStore(*db, centre, kiosk).wrongBook(m.issuer, m.memberId).size()) : 0;
        },
        [this](int n) {
            m_wrongBookCount = n;
            emit wrongBookCountChanged();
        });
}

void QuizController::withHistory(std::function<void(const History &)> then)
{
    const auto member = currentMember();
    if (!member) {
        then(History{});
        return;
    }
    const QString centre = m_config.centreId;
    const QString kiosk = m_config.kioskId;
    const int generation = m_generation;
    setView(View::Loading);
    m_storage.call<History>(
        this,
        [m = *member, centre, kiosk](Database *db) {
            History h;
            if (!db)
                return h;
            QuizStore store(*db, centre, kiosk);
            h.recent = store.recentlySeen(m.issuer, m.memberId);
            h.wrongBook = store.wrongBook(m.issuer, m.memberId);
            h.bestStreak = store.bestStreak(m.issuer, m.memberId);
            return h;
        },
        [this, then, generation](const History &h) {
            if (generation == m_generation)
                then(h);
        });
}

void QuizController::startDaily()
{
    withHistory([this](const History &h) {
        begin(QuizMode::Daily, QuizPaper::drawAny(m_library.allQuestions(), QuizRun::DailyCount, h.recent, m_rng),
              QString(), 0, 0);
    });
}

void QuizController::startTest(int index)
{
    const auto all = m_library.tests();
    if (index < 0 || index >= all.size())
        return;
    const auto [bankId, spec] = all.at(index);
    withHistory([this, bankId, spec](const History &h) {
        begin(QuizMode::Test, QuizPaper::drawTest(m_library.questionsOf(bankId), spec, h.recent, m_rng), spec.id,
              spec.timeLimitMinutes * 60, spec.passMark);
    });
}

void QuizController::startChallenge()
{
    withHistory([this](const History &h) {
        m_bestStreak = h.bestStreak;
        begin(QuizMode::Challenge, QuizPaper::drawAny(m_library.allQuestions(), challengeMax, h.recent, m_rng),
              QString(), 0, 0);
    });
}

void QuizController::startWrongBook()
{
    if (!recording()) {
        setMessage(QStringLiteral("错题本按党员记录，请先扫码签到"));
        return;
    }
    withHistory([this](const History &h) {
        QList<QuizQuestion> questions;
        for (const WrongBookEntry &e : h.wrongBook) {
            // A question whose bank has since dropped it cannot be practised; it stays in the book.
            if (const QuizQuestion *q = m_library.find(e.questionKey); q && questions.size() < wrongBookSessionSize)
                questions.append(*q);
        }
        if (questions.isEmpty()) {
            setView(View::Menu);
            setMessage(QStringLiteral("错题本是空的：答错的题会记在这里，答对两次后移出"));
            return;
        }
        begin(QuizMode::WrongBook, questions, QString(), 0, 0);
    });
}

void QuizController::begin(QuizMode mode, QList<QuizQuestion> questions, const QString &paperId,
                           int timeLimitSeconds, int passMark)
{
    if (questions.isEmpty()) {
        setView(View::Menu);
        setMessage(QStringLiteral("题库暂未就绪，请联系工作人员"));
        return;
    }
    setMessage(QString());
    m_member = currentMember();
    m_paperId = paperId;
    m_run = std::make_unique<QuizRun>(mode, std::move(questions), m_clock.now(), timeLimitSeconds, passMark);
    m_result.clear();
    emit resultChanged();
    qCInfo(lcUi).noquote() << "quiz started:" << QuizRun::modeName(mode) << paperId << m_run->total() << "questions"
                           << (m_member ? "recorded" : "practice");
    if (m_run->timed()) {
        m_secondsLeft = m_run->secondsLeft(m_clock.now());
        emit secondsLeftChanged();
        m_tick.start();
    }
    showQuestion();
}

void QuizController::showQuestion()
{
    m_selected.clear();
    emit selectedChanged();
    m_feedback.clear();
    emit feedbackChanged();
    m_verdicts.clear();
    switch (m_run->current().type) {
    case QuizQuestion::Type::Multiple: m_questionType = QuestionType::Multiple; break;
    case QuizQuestion::Type::Judge: m_questionType = QuestionType::Judge; break;
    default: m_questionType = QuestionType::Single; break;
    }
    m_question = presentQuestion(m_run->current(), m_run->index(), m_run->total(), m_run->mode() == QuizMode::Challenge);
    emit questionChanged();
    setView(View::Question);
    emit viewChanged();
}

void QuizController::choose(int choice)
{
    if (!m_run || m_run->finished() || m_view != View::Question)
        return;
    if (choice < 0 || choice >= m_run->current().choices().size())
        return;
    if (m_run->current().type != QuizQuestion::Type::Multiple) {
        answer({choice});
        return;
    }
    if (m_selected.contains(choice))
        m_selected.removeAll(choice);
    else
        m_selected.append(choice);
    emit selectedChanged();
}

void QuizController::submit()
{
    if (!m_run || m_run->finished() || m_view != View::Question || m_selected.isEmpty())
        return;
    answer(m_selected);
}

void QuizController::answer(const QList<int> &given)
{
    const QuizQuestion q = m_run->current();
    const int before = int(m_run->answers().size());
    const bool right = m_run->answer(given, m_clock.now());
    if (int(m_run->answers().size()) == before) { // time was up: the answer was not taken
        finish();
        return;
    }
    m_selected = m_run->answers().constLast().given;
    emit selectedChanged();
    if (m_run->revealsAnswers()) {
        m_verdicts.clear();
        for (int i = 0; i < q.choices().size(); ++i) {
            const bool chosen = given.contains(i);
            const bool rightChoice = q.answer.contains(i);
            m_verdicts << int(chosen ? (rightChoice ? OptionVerdict::ChosenRight : OptionVerdict::ChosenWrong)
                                     : (rightChoice ? OptionVerdict::Missed : OptionVerdict::Unmarked));
        }
        m_feedback = {
            {QStringLiteral("correct"), right},
            {QStringLiteral("title"), right ? QStringLiteral("回答正确") : QStringLiteral("回答错误")},
            {QStringLiteral("rightAnswer"), q.answerText(q.answer)},
            {QStringLiteral("rightChoices"), [&q] {
                 QVariantList l;
                 for (int i : q.answer)
                     l.append(i);
                 return l;
             }()},
            {QStringLiteral("yourAnswer"), q.answerText(given)},
            {QStringLiteral("explanation"), q.explanation},
            {QStringLiteral("source"), q.source},
            {QStringLiteral("last"), m_run->finished()},
        };
        emit feedbackChanged();
        setView(View::Feedback);
        return;
    }
    if (m_run->finished())
        finish();
    else
        showQuestion();
}

void QuizController::next()
{
    if (!m_run || m_view != View::Feedback)
        return;
    if (m_run->finished())
        finish();
    else
        showQuestion();
}

void QuizController::handIn()
{
    if (!m_run || m_view == View::Results)
        return;
    m_run->finish(m_clock.now());
    finish();
}

void QuizController::quit()
{
    if (!m_run || m_view == View::Results)
        return;
    if (m_run->finished()) { // the last answer was already given: this is the normal end
        finish();
        return;
    }
    m_run->abandon(m_clock.now());
    finish();
}

void QuizController::tick()
{
    if (!m_run || !m_run->timed())
        return;
    const int left = m_run->secondsLeft(m_clock.now());
    if (left != m_secondsLeft) {
        m_secondsLeft = left;
        emit secondsLeftChanged();
    }
    if (m_run->expireIfDue(m_clock.now())) {
        qCInfo(lcUi) << "quiz time limit reached; handing in what was answered";
        finish();
    }
}

void QuizController::finish()
{
    m_tick.stop();
    const QuizScore s = m_run->score();
    QVariantList review;
    const auto wrong = m_run->review();
    for (const auto &[q, a] : wrong) {
        qsizetype position = -1;
        for (qsizetype i = 0; i < m_run->questions().size() && position < 0; ++i)
            position = m_run->questions().at(i).key() == q.key() ? i : -1;
        review.append(QVariantMap{
            {QStringLiteral("number"), int(position >= 0 ? position + 1 : 0)},
            {QStringLiteral("typeLabel"), QuizQuestion::typeLabel(q.type)},
            {QStringLiteral("judge"), q.type == QuizQuestion::Type::Judge},
            {QStringLiteral("stem"), q.stem},
            {QStringLiteral("choices"), q.choices()},
            {QStringLiteral("yourAnswer"), q.answerText(a.given)},
            {QStringLiteral("rightAnswer"), q.answerText(q.answer)},
            {QStringLiteral("explanation"), q.explanation},
            {QStringLiteral("source"), q.source},
        });
    }
    const bool challenge = m_run->mode() == QuizMode::Challenge;
    QString headline;
    // The headline is a verdict; the counts are printed once, on the line below it.
    if (s.abandoned)
        headline = QStringLiteral("已提前结束练习");
    else if (challenge)
        headline = QStringLiteral("连续答对 %1 题").arg(s.correct);
    else if (s.passMark > 0)
        headline = s.passed ? QStringLiteral("合格") : QStringLiteral("未达到合格分");
    else
        headline = s.correct == s.total ? QStringLiteral("全部答对") : QStringLiteral("练习完成");
    m_bestStreak = challenge ? std::max(m_bestStreak, s.correct) : m_bestStreak;
    m_result = {
        {QStringLiteral("mode"), QuizRun::modeName(m_run->mode())},
        {QStringLiteral("headline"), headline},
        {QStringLiteral("score"), s.score},
        {QStringLiteral("correct"), s.correct},
        {QStringLiteral("total"), s.total},
        {QStringLiteral("answered"), s.answered},
        {QStringLiteral("passMark"), s.passMark},
        {QStringLiteral("hasPassMark"), s.passMark > 0},
        {QStringLiteral("passed"), s.passed},
        {QStringLiteral("timedOut"), s.timedOut},
        {QStringLiteral("abandoned"), s.abandoned},
        {QStringLiteral("countsText"), s.abandoned
             ? QStringLiteral("已答 %1 题，答对 %2 题（共 %3 题），不计成绩").arg(s.answered).arg(s.correct).arg(m_run->total())
             : QStringLiteral("答对 %1 题，共 %2 题").arg(s.correct).arg(s.total)},
        {QStringLiteral("challenge"), challenge},
        {QStringLiteral("streak"), s.correct},
        {QStringLiteral("bestStreak"), m_bestStreak},
        {QStringLiteral("review"), review},
        {QStringLiteral("saved"), false},
        {QStringLiteral("savedText"), m_member ? QStringLiteral("正在保存成绩……")
                                               : QStringLiteral("本次为练习，成绩不记录。扫码签到后再答题，成绩和错题本会记录下来。")},
    };
    emit resultChanged();
    setView(View::Results);
    qCInfo(lcUi).noquote() << "quiz finished:" << QuizRun::modeName(m_run->mode()) << s.correct << "/" << s.total
                           << (s.timedOut ? "(time up)" : "");

    // Only a checked-in member's paper is recorded, and only if they are still the one at the screen.
    if (m_member && s.abandoned) {
        // A practice stopped half-way has no score to keep; a member is told so, not shown one.
        m_result.insert(QStringLiteral("savedText"), QStringLiteral("未完成的练习不计成绩，也不记录"));
        emit resultChanged();
        return;
    }
    if (!m_member || !recording() || currentMember()->memberId != m_member->memberId || s.answered == 0) {
        if (m_member && s.answered == 0) {
            m_result.insert(QStringLiteral("savedText"), QStringLiteral("没有作答，本次不记录"));
            emit resultChanged();
        }
        return;
    }
    QuizAttemptRecord record;
    record.issuer = m_member->issuer;
    record.memberId = m_member->memberId;
    record.name = m_member->name;
    record.mode = m_run->mode();
    record.paperId = m_paperId;
    for (const QuizBank &b : m_library.banks())
        record.banks << b.id + u'@' + b.version;
    record.score = s;
    record.answers = m_run->answers();
    record.started = m_run->started();
    record.finished = m_run->finishedAt().isValid() ? m_run->finishedAt() : m_clock.now();
    const QString centre = m_config.centreId;
    const QString kiosk = m_config.kioskId;
    const int generation = m_generation;
    m_storage.call<QString>(
        this,
        [record, centre, kiosk](Database *db) {
            if (!db)
                return QString();
            return QuizStore(*db, centre, kiosk).recordAttempt(record);
        },
        [this, generation, anyWrong = !wrong.isEmpty()](const QString &recordId) {
            if (generation != m_generation)
                return;
            const bool saved = !recordId.isEmpty();
            m_result.insert(QStringLiteral("saved"), saved);
            m_result.insert(QStringLiteral("savedText"),
                            saved ? QStringLiteral("成绩已记录") + (anyWrong ? QStringLiteral("，答错的题已记入错题本") : QString())
                                  : QStringLiteral("成绩未能保存，请联系工作人员"));
            emit resultChanged();
            refreshMember();
        });
}
