#pragma once
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "quizbank.h"

// The question banks a kiosk uses, read from `<content_dir>/quiz/*.json`. A bank file that fails
// to parse or validate is never used: the version of that file loaded before (if any) stays in
// service, and the problem is reported for the log and the staff screen.
class QuizLibrary
{
public:
    QuizLibrary() = default;

    // Reads every *.json in `folder` (sorted by name). `previous` is the library in service,
    // whose banks stand in for files that are now bad.
    static QuizLibrary load(const QString &folder, const QuizLibrary &previous = {});

    const QList<QuizBank> &banks() const { return m_banks; }
    QList<QuizQuestion> allQuestions() const;
    QList<QuizQuestion> questionsOf(const QString &bankId) const;
    // Every 专项测试 of every bank, with the bank that owns it (a bank without tests gets the default).
    QList<std::pair<QString, QuizTestSpec>> tests() const;
    const QuizQuestion *find(const QString &questionKey) const;

    // One line per file that was refused (file name + its problems), Chinese, for staff.
    QStringList problems() const { return m_problems; }
    bool isEmpty() const { return m_banks.isEmpty(); }

private:
    QList<QuizBank> m_banks;
    QMap<QString, QString> m_fileOfBank; // bank id -> file name it came from
    QStringList m_problems;
};
