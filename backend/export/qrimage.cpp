#include "qrimage.h"

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>

QImage QrImage::render(const QString &text, int moduleSize, Ecc ecc)
{
    if (moduleSize < 1 || text.isEmpty())
        return {};
    // ZXing's QR writer takes the level as 0..8 (8 = H); M is 4, Q is 6.
    const int level = ecc == Ecc::M ? 4 : ecc == Ecc::Q ? 6 : 8;
    ZXing::BitMatrix matrix;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(level).setMargin(0);
        matrix = writer.encode(text.toStdString(), 0, 0); // smallest size: one pixel a module
    } catch (const std::exception &) {
        return {}; // too long for any QR version
    }
    const int modules = matrix.width();
    const int quiet = 4;
    const int side = (modules + 2 * quiet) * moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            if (!matrix.get(x, y))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy) {
                uchar *line = image.scanLine((y + quiet) * moduleSize + dy);
                std::fill_n(line + (x + quiet) * moduleSize, moduleSize, uchar(0));
            }
        }
    }
    return image;
}
