#pragma once
#include <QMetaType>
#include <QPolygonF>
#include <QString>

// The passes FrameDecoder runs over a frame: the first always, the others in this order while the
// decoding worker would otherwise be idle (framedecoder.h).
enum class FramePass : quint8 {
    First,           // the frame as it is, settings of a bare ZXing::ReadBarcode
    HalfScale,       // 2x2-averaged half image: sensor noise and screen moire averaged out
    HalfSharpened,   // the same, unsharp-masked and contrast-stretched: defocus, dim light
    EnlargedFixed,   // the frame x1.5, one global threshold: motion blur, defocus
    CentreSharpened, // the middle half x2, sharpened: small (far-away) codes in the framing guide
    Enlarged,        // the frame x1.5, ZXing's own local threshold: small codes anywhere
};

// What one decode attempt produced. Travels from the worker thread to the GUI thread by
// queued signal, hence the metatype declaration.
struct ScanResult
{
    QString text;        // decoded text (UTF-8 interpreted by ZXing); empty when !found
    QPolygonF position;  // corners (top-left, top-right, bottom-right, bottom-left) in frame pixels
    double decodeMs = 0; // wall time spent in FrameDecoder (map + luma view + every pass that ran)
    bool found = false;
    bool retried = false; // the first pass failed and at least one extra pass ran
    FramePass pass = FramePass::First; // the pass that read it, or the last one that ran
    int passesRun = 0;                 // how many passes ran, the first included
};

Q_DECLARE_METATYPE(ScanResult)
