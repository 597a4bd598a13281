#pragma once
#include <QString>

// Pinyin initials of Chinese text (党群服务中心 -> dqfwzx), so a member can find 中共某某街道
// 工作委员会 in a list by typing "zg" on the keyboard.
//
// Derived with a small table, not with libgooglepinyin (which maps pinyin to characters, not
// back): GB2312's 3,755 level-1 characters are ordered by pinyin, so 23 code boundaries give
// the initial of each; a short supplement covers common level-2 characters of place names.
// A polyphone gets its first reading (银行 -> yx): lists that need another spelling can carry
// their own initials (organisations.json "initials").
namespace PinyinInitials {

// Lower-case initials; ASCII letters and digits are kept, everything else is skipped.
QString of(const QString &text);

// Whether an entry matches what was typed: Chinese or mixed text is searched in the name,
// ASCII letters as the start of a run of initials (“zgdq” in 中共党群..., “dq” too).
bool matches(const QString &name, const QString &initials, const QString &query);

} // namespace PinyinInitials
