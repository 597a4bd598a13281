#include "quizwrongbook.h"

QuizWrongBook::Change QuizWrongBook::apply(std::optional<WrongBookEntry> &entry, const QString &questionKey,
                                           bool correct)
{
    if (!correct) {
        if (!entry) {
            entry = WrongBookEntry{questionKey, 0, 1};
            return Change::Added;
        }
        entry->rightStreak = 0;
        ++entry->wrongCount;
        return Change::Reset;
    }
    if (!entry)
        return Change::None;
    if (++entry->rightStreak >= RightToClear) {
        entry.reset();
        return Change::Removed;
    }
    return Change::Counted;
}
