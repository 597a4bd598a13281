#include "pinyininitials.h"

#include <QHash>
#include <QStringEncoder>
#include <array>

namespace {

struct Boundary
{
    quint16 code; // first GB2312 code with this initial
    char initial;
};

// GB2312 level 1 (0xB0A1-0xD7F9) is sorted by pinyin; no syllable starts with i, u or v.
constexpr std::array<Boundary, 23> Level1{{
    {0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'}, {0xB7A2, 'f'},
    {0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'}, {0xC0AC, 'l'}, {0xC2E8, 'm'},
    {0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'}, {0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'},
    {0xCBFA, 't'}, {0xCDDA, 'w'}, {0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'},
}};
constexpr quint16 Level1End = 0xD7F9;

// Level-2 (radical-ordered) characters that occur in organisation and place names.
const QHash<char16_t, char> &supplement()
{
    static const QHash<char16_t, char> table{
        {u'圳', 'z'}, {u'莞', 'g'}, {u'沪', 'h'}, {u'邯', 'h'}, {u'郸', 'd'}, {u'邢', 'x'},
        {u'濮', 'p'}, {u'漯', 'l'}, {u'亳', 'b'}, {u'衢', 'q'}, {u'婺', 'w'}, {u'泸', 'l'},
        {u'邛', 'q'}, {u'崃', 'l'}, {u'琼', 'q'}, {u'闵', 'm'}, {u'浔', 'x'}, {u'鄞', 'y'},
        {u'滦', 'l'}, {u'甬', 'y'}, {u'岚', 'l'}, {u'坪', 'p'}, {u'埔', 'p'}, {u'鑫', 'x'},
        {u'珑', 'l'}, {u'璐', 'l'}, {u'琦', 'q'}, {u'瑞', 'r'}, {u'晟', 's'}, {u'昊', 'h'},
    };
    return table;
}

char initialOf(QChar ch, QStringEncoder &gb)
{
    const char16_t u = ch.unicode();
    if (u < 128)
        return (ch.isLetterOrNumber()) ? char(ch.toLower().toLatin1()) : 0;
    if (const auto it = supplement().constFind(u); it != supplement().constEnd())
        return it.value();
    if (!gb.isValid())
        return 0;
    const QByteArray bytes = gb.encode(QStringView(&ch, 1));
    if (bytes.size() != 2)
        return 0;
    const quint16 code = quint16((quint8(bytes[0]) << 8) | quint8(bytes[1]));
    if (code < Level1.front().code || code > Level1End)
        return 0;
    char initial = 0;
    for (const Boundary &b : Level1) {
        if (code < b.code)
            break;
        initial = b.initial;
    }
    return initial;
}

} // namespace

QString PinyinInitials::of(const QString &text)
{
    QString out;
    out.reserve(text.size());
    // ICU backs this encoder in Debian's Qt (as for Roster's GB18030 decoding).
    QStringEncoder gb("GB18030", QStringEncoder::Flag::Stateless);
    for (const QChar ch : text) {
        if (const char c = initialOf(ch, gb))
            out.append(QLatin1Char(c));
    }
    return out;
}

bool PinyinInitials::matches(const QString &name, const QString &initials, const QString &query)
{
    const QString q = query.trimmed().toLower();
    if (q.isEmpty())
        return true;
    bool ascii = true;
    for (const QChar ch : q)
        ascii = ascii && ch.unicode() < 128 && ch.isLetterOrNumber();
    if (!ascii)
        return name.contains(query.trimmed(), Qt::CaseInsensitive);
    return initials.contains(q) || name.contains(q, Qt::CaseInsensitive);
}
