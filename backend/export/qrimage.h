#pragma once
#include <QImage>
#include <QString>

// Renders text as a QR code image with ZXing's writer: for member cards, the staff tool and
// test frames. Error correction M (15%) or better, so a worn card or a scratched phone still reads.
class QrImage
{
public:
    enum class Ecc { M, Q, H };

    // A square, 8-bit grayscale image: black modules on white with a 4-module quiet zone,
    // `moduleSize` pixels per module. Returns a null image when the text does not fit.
    static QImage render(const QString &text, int moduleSize = 8, Ecc ecc = Ecc::M);
};
