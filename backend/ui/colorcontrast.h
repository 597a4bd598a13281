#pragma once
#include <QColor>

// WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the kiosk's colour pairs
// must reach 4.5:1 (level AA for body text), checked by a test over every Theme pair.
class ColorContrast
{
public:
    static double relativeLuminance(const QColor &c);
    // (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: 1.0 (same) to 21.0 (black/white).
    static double ratio(const QColor &a, const QColor &b);
    static constexpr double aaBodyText = 4.5;
};
