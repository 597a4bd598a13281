#pragma once
#include <QString>

// Personal data on screen is masked (design.md §4): a passer-by reading over a member's shoulder
// learns neither the full name nor the phone number. Full values appear only in staff exports.
class Masking
{
public:
    // 张三明 -> 张*明, 李四 -> 李*, 欧阳明华 -> 欧**华; Latin names keep first and last letter.
    static QString name(const QString &fullName);
    // 13812345678 -> 138****5678
    static QString phone(const QString &phone);
    // The greeting: 张*明同志
    static QString greeting(const QString &fullName);
};
