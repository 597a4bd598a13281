#pragma once
#include <QString>

// Where a question comes from, parsed from its `source`, e.g.
//   《中国共产党章程》（2022年）第四十一条
//   《关于新形势下党内政治生活的若干准则》（2016年）第五部分
//   《中国共产党章程》（2022年）总纲            (序言 and 导语 likewise)
//   《中国共产党章程》（2022年）第十条第（一）项
// docs/question-bank.md. The edition is the year of the text cited: for the documents the
// sample bank covers it must be the edition in force (a 2018 纪律处分条例 is refused), and
// each is cited the way it is divided: by article, or by part for the 若干准则.
class QuizCitation
{
public:
    enum class Place { Preamble, Article, Part };

    QString document;  // without the book-title marks: 中国共产党章程
    int edition = 0;   // 2022
    Place place = Place::Article;
    QString preamble;  // 总纲 | 序言 | 导语 when place is Preamble
    int number = 0;    // the article or part
    int item = 0;      // 第（一）项 within the article, 0 when not given

    // False with a reason people can act on when the text does not follow the pattern, or
    // cites a known document in another edition or by a division it does not have.
    static bool parse(const QString &text, QuizCitation *out, QString *why);

    // 一 … 九十九, 一百…: the numbers articles are written with; -1 when not one of them.
    static int chineseNumber(const QString &text);
    static QString chineseNumeral(int n);

    QString placeText() const; // 第四十一条, 第五部分, 总纲
};
