#pragma once
// One spelling of the ZXing-C++ reader API for 1.4 (Debian 12) and 2.x (Debian 13: 2.3).
// DANGQUN_ZXING_VERSION_MAJOR comes from CMake's found ZXing version (backend/scanner/CMakeLists.txt).
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>

#include <utility>

#ifndef DANGQUN_ZXING_VERSION_MAJOR
#error "DANGQUN_ZXING_VERSION_MAJOR is set by backend/scanner/CMakeLists.txt"
#endif

namespace ZXingCompat {

// 1.4 and 2.0/2.1 call the reader's settings DecodeHints; 2.2 renamed them ReaderOptions and keeps
// the old name as a deprecated alias.
#if __has_include(<ZXing/ReaderOptions.h>)
using Options = ZXing::ReaderOptions;
#else
using Options = ZXing::DecodeHints;
#endif
// ZXing::Result (1.4) or ZXing::Barcode (2.3): whatever ReadBarcode returns.
using Result = decltype(ZXing::ReadBarcode(std::declval<const ZXing::ImageView &>(), std::declval<const Options &>()));

// The baseline of design.md §8: every setting at the library's default except formats = QRCode.
inline Options bareQrOptions()
{
    Options o;
    o.setFormats(ZXing::BarcodeFormat::QRCode);
    return o;
}

// The kiosk's first pass: the baseline, minus what 2.x added on top of 1.4. 1.4's defaults are
// left alone (setMaxNumberOfSymbols(1) would send 1.4 down its slower multi-symbol path).
inline Options firstPassOptions()
{
    Options o = bareQrOptions();
#if DANGQUN_ZXING_VERSION_MAJOR >= 2
    o.setTryInvert(false);               // a second full pass on an inverted image: no light-on-dark member codes
    o.setTextMode(ZXing::TextMode::Plain); // the text as encoded, as 1.4 returned it
#endif
    return o;
}

} // namespace ZXingCompat
