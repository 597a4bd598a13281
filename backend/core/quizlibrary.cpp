#include "quizlibrary.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>

QuizLibrary QuizLibrary::load(const QString &folder, const QuizLibrary &previous)
{
    QuizLibrary lib;
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (!dir.exists())
        qCInfo(lcCore).noquote() << "no question-bank folder" << folder;
    for (const QString &file : files) {
        const QuizBankResult r = QuizBankReader::load(dir.filePath(file));
        QList<QuizProblem> problems = r.problems;
        if (r.ok() && lib.m_fileOfBank.contains(r.bank.id))
            problems.append({0, QString(), QStringLiteral("题库编号“%1”与 %2 重复").arg(r.bank.id, lib.m_fileOfBank.value(r.bank.id))});
        if (problems.isEmpty()) {
            lib.m_banks.append(r.bank);
            lib.m_fileOfBank.insert(r.bank.id, file);
            qCInfo(lcCore).noquote() << "question bank" << file << r.bank.id << r.bank.version
                                     << r.bank.questions.size() << "questions";
            continue;
        }
        QStringList texts;
        for (const QuizProblem &p : problems)
            texts << p.toString();
        // Keep what this file gave before, if it was good then.
        const auto old = std::find_if(previous.m_fileOfBank.begin(), previous.m_fileOfBank.end(),
                                      [&](const QString &f) { return f == file; });
        QString kept;
        if (old != previous.m_fileOfBank.end() && !lib.m_fileOfBank.contains(old.key())) {
            for (const QuizBank &b : previous.m_banks) {
                if (b.id == old.key()) {
                    lib.m_banks.append(b);
                    lib.m_fileOfBank.insert(b.id, file);
                    kept = QStringLiteral("，继续使用之前的版本 %1").arg(b.version);
                }
            }
        }
        const QString line = QStringLiteral("题库 %1 有 %2 处问题，未载入%3：%4")
                                 .arg(file).arg(problems.size()).arg(kept.isEmpty() ? QString() : kept,
                                                                     texts.mid(0, 10).join(QStringLiteral("；")));
        lib.m_problems << line;
        qCWarning(lcCore).noquote() << line;
    }
    return lib;
}

QList<QuizQuestion> QuizLibrary::allQuestions() const
{
    QList<QuizQuestion> out;
    for (const QuizBank &b : m_banks)
        out += b.questions;
    return out;
}

QList<QuizQuestion> QuizLibrary::questionsOf(const QString &bankId) const
{
    for (const QuizBank &b : m_banks) {
        if (b.id == bankId)
            return b.questions;
    }
    return {};
}

QList<std::pair<QString, QuizTestSpec>> QuizLibrary::tests() const
{
    QList<std::pair<QString, QuizTestSpec>> out;
    for (const QuizBank &b : m_banks) {
        if (b.tests.isEmpty()) {
            QuizTestSpec t = QuizBank::defaultTest();
            const int singles = int(std::count_if(b.questions.begin(), b.questions.end(),
                                                  [](const QuizQuestion &q) { return q.type == QuizQuestion::Type::Single; }));
            const int multiples = int(std::count_if(b.questions.begin(), b.questions.end(),
                                                    [](const QuizQuestion &q) { return q.type == QuizQuestion::Type::Multiple; }));
            const int judges = int(b.questions.size()) - singles - multiples;
            // A small bank without a configured test still gets one it can fill.
            t.single = std::min(t.single, singles);
            t.multiple = std::min(t.multiple, multiples);
            t.judge = std::min(t.judge, judges);
            t.title = b.title;
            out.append({b.id, t});
            continue;
        }
        for (const QuizTestSpec &t : b.tests)
            out.append({b.id, t});
    }
    return out;
}

const QuizQuestion *QuizLibrary::find(const QString &questionKey) const
{
    for (const QuizBank &b : m_banks) {
        for (const QuizQuestion &q : b.questions) {
            if (q.key() == questionKey)
                return &q;
        }
    }
    return nullptr;
}
