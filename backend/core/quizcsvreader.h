#pragma once
#include <QByteArray>
#include <QString>

#include "quizbank.h"

// The question-bank sheet staff keep in Excel (kiosk-config/question-bank-template.csv,
// docs/question-bank.md): one question a row under a header naming the columns (Chinese or
// English, any order): 题号/id, 题型/type, 题干/stem, 选项A..选项H/option_a..option_h,
// 答案/answer, 解析/explanation, 出处/source, 原文/source_text, 标签/tags, 难度/difficulty. Saved as UTF-8 (with or
// without BOM) or GB18030, as Chinese Excel and WPS save "CSV (逗号分隔)". Problems name the row.
class QuizCsvReader
{
public:
    static QuizBankResult fromCsv(const QByteArray &bytes, const QString &bankId, const QString &title,
                                  const QString &version);
};
