#include "masking.h"

#include <QList>

QString Masking::name(const QString &fullName)
{
    // Work on code points, not UTF-16 units, so rare characters outside the BMP (𠮷) stay whole.
    const QList<uint> cps = fullName.trimmed().toUcs4();
    const qsizetype n = cps.size();
    if (n == 0)
        return {};
    if (n == 1)
        return QStringLiteral("*");
    auto at = [&](qsizetype i) { return QString::fromUcs4(reinterpret_cast<const char32_t *>(&cps[i]), 1); };
    if (n == 2)
        return at(0) + QLatin1Char('*');
    return at(0) + QString(n - 2, QLatin1Char('*')) + at(n - 1);
}

QString Masking::phone(const QString &phone)
{
    const QString p = phone.trimmed();
    if (p.size() < 7)
        return QString(p.size(), QLatin1Char('*'));
    return p.left(3) + QString(p.size() - 7, QLatin1Char('*')) + p.right(4);
}

QString Masking::greeting(const QString &fullName)
{
    return name(fullName) + QStringLiteral("同志");
}
