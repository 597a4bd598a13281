#include "quizcitation.h"

#include <QRegularExpression>

namespace {

// The documents the bank covers, in the edition in force, and how each is divided. `last` is the
// number of the last article (or part) where it is known, to catch a slip such as 第五百条.
struct KnownDocument
{
    const char16_t *name;
    int edition;
    QuizCitation::Place division;
    const char16_t *preamble; // the undivided opening, or nullptr
    int last;                 // 0: not checked
};

constexpr KnownDocument known[] = {
    {u"中国共产党章程", 2022, QuizCitation::Place::Article, u"总纲", 55},
    {u"关于新形势下党内政治生活的若干准则", 2016, QuizCitation::Place::Part, u"序言", 12},
    {u"中国共产党廉洁自律准则", 2015, QuizCitation::Place::Article, u"导语", 8},
    {u"中国共产党纪律处分条例", 2023, QuizCitation::Place::Article, nullptr, 158},
    {u"中国共产党党内监督条例", 2016, QuizCitation::Place::Article, nullptr, 47},
    {u"中国共产党支部工作条例（试行）", 2018, QuizCitation::Place::Article, nullptr, 0},
    {u"中国共产党党员教育管理工作条例", 2019, QuizCitation::Place::Article, nullptr, 0},
};

int digit(QChar c)
{
    static const QString digits = QStringLiteral("〇一二三四五六七八九");
    if (c == u'零')
        return 0;
    return int(digits.indexOf(c));
}

} // namespace

int QuizCitation::chineseNumber(const QString &text)
{
    // 一, 十, 十二, 四十一, 一百, 一百零八, 一百五十八: enough for any article of a party regulation.
    static const QRegularExpression shape(QStringLiteral("^(?:([一二三四五六七八九])百)?(?:(零)|([一二三四五六七八九])?(十))?([一二三四五六七八九])?$"));
    const auto m = shape.match(text);
    if (text.isEmpty() || !m.hasMatch())
        return -1;
    const bool hundreds = m.capturedLength(1) > 0;
    const bool tens = m.capturedLength(4) > 0;
    // 一百十 and 零 outside 一百零八 are not how the texts write numbers.
    if (hundreds && tens && m.capturedLength(3) == 0)
        return -1;
    if (m.capturedLength(2) > 0 && (!hundreds || m.capturedLength(5) == 0))
        return -1;
    int n = hundreds ? 100 * digit(m.captured(1).at(0)) : 0;
    if (tens)
        n += 10 * (m.capturedLength(3) > 0 ? digit(m.captured(3).at(0)) : 1);
    if (m.capturedLength(5) > 0)
        n += digit(m.captured(5).at(0));
    return n > 0 ? n : -1;
}

QString QuizCitation::chineseNumeral(int n)
{
    static const QString digits = QStringLiteral("〇一二三四五六七八九");
    if (n <= 0 || n >= 1000)
        return QString::number(n);
    QString s;
    const int h = n / 100, t = (n / 10) % 10, u = n % 10;
    if (h > 0)
        s += digits.at(h) + QStringLiteral("百");
    if (t > 0) {
        if (h > 0 || t > 1)
            s += digits.at(t);
        s += u'十';
    } else if (h > 0 && u > 0) {
        s += u'零';
    }
    if (u > 0)
        s += digits.at(u);
    return s;
}

QString QuizCitation::placeText() const
{
    switch (place) {
    case Place::Preamble: return preamble;
    case Place::Part: return QStringLiteral("第%1部分").arg(chineseNumeral(number));
    case Place::Article:
        return QStringLiteral("第%1条").arg(chineseNumeral(number))
            + (item > 0 ? QStringLiteral("第（%1）项").arg(chineseNumeral(item)) : QString());
    }
    return {};
}

bool QuizCitation::parse(const QString &text, QuizCitation *out, QString *why)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^《([^《》]+)》（(\\d{4})年）(?:(总纲|序言|导语)|第([一二三四五六七八九十百零]+)(条|部分)(?:第（([一二三四五六七八九十]+)）项)?)$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch()) {
        *why = QStringLiteral("出处“%1”的格式无法识别，应如《中国共产党章程》（2022年）第四十一条、"
                              "《关于新形势下党内政治生活的若干准则》（2016年）第五部分或《中国共产党章程》（2022年）总纲")
                   .arg(text);
        return false;
    }
    QuizCitation c;
    c.document = m.captured(1);
    c.edition = m.captured(2).toInt();
    if (m.capturedLength(3) > 0) {
        c.place = Place::Preamble;
        c.preamble = m.captured(3);
    } else {
        c.place = m.captured(5) == u"条" ? Place::Article : Place::Part;
        c.number = chineseNumber(m.captured(4));
        if (c.number < 1) {
            *why = QStringLiteral("出处“%1”中的“%2”不是条文编号的写法").arg(text, m.captured(4));
            return false;
        }
        if (m.capturedLength(6) > 0) {
            c.item = chineseNumber(m.captured(6));
            if (c.item < 1) {
                *why = QStringLiteral("出处“%1”中的项号“%2”无法识别").arg(text, m.captured(6));
                return false;
            }
        }
        if (c.place == Place::Part && c.item > 0) {
            *why = QStringLiteral("出处“%1”：部分之下没有“项”").arg(text);
            return false;
        }
    }
    for (const KnownDocument &d : known) {
        if (c.document != QStringView(d.name))
            continue;
        const QString name = QStringLiteral("《%1》").arg(c.document);
        if (c.edition != d.edition) {
            *why = QStringLiteral("出处“%1”：%2现行文本为 %3 年版，请按现行文本核对并注明（%3年）").arg(text, name).arg(d.edition);
            return false;
        }
        if (c.place == Place::Preamble && (d.preamble == nullptr || c.preamble != QStringView(d.preamble))) {
            *why = d.preamble ? QStringLiteral("出处“%1”：%2的开篇称“%3”").arg(text, name, QString::fromUtf16(d.preamble))
                              : QStringLiteral("出处“%1”：%2没有“%3”，请引用具体条文").arg(text, name, c.preamble);
            return false;
        }
        if (c.place != Place::Preamble && c.place != d.division) {
            *why = d.division == Place::Article ? QStringLiteral("出处“%1”：%2按“条”引用").arg(text, name)
                                                : QStringLiteral("出处“%1”：%2没有条文编号，按“部分”引用").arg(text, name);
            return false;
        }
        if (d.last > 0 && c.number > d.last) {
            *why = QStringLiteral("出处“%1”：%2只有 %3 %4").arg(text, name).arg(d.last)
                       .arg(d.division == Place::Article ? QStringLiteral("条") : QStringLiteral("个部分"));
            return false;
        }
    }
    *out = c;
    return true;
}
