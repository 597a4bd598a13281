#pragma once
#include <QString>
#include <optional>

// One question in a member's 错题本.
struct WrongBookEntry
{
    QString questionKey;   // QuizQuestion::key(): bank/id
    int rightStreak = 0;   // right answers in a row since the last wrong one
    int wrongCount = 0;    // how often it was answered wrongly, for the member's interest

    friend bool operator==(const WrongBookEntry &, const WrongBookEntry &) = default;
};

// The 错题本 rules: a wrong answer (in any recorded mode) puts the question in the book, or
// starts its count again; it leaves the book once answered right twice in a row. A right answer
// to a question not in the book changes nothing.
class QuizWrongBook
{
public:
    static constexpr int RightToClear = 2;

    enum class Change { None, Added, Reset, Counted, Removed };

    // Applies one answer to the question's entry (nullopt = not in the book) and says what
    // happened, so storage writes exactly that.
    static Change apply(std::optional<WrongBookEntry> &entry, const QString &questionKey, bool correct);
};
