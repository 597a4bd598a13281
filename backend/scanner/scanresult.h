#pragma once
#include <QMetaType>
#include <QPolygonF>
#include <QString>

// The passes FrameDecoder runs over a frame: the first always, the others in this order while the
// decoding worker would otherwise be idle (framedecoder.h).
enum class FramePass : quint8 {
    First,     // the frame as it is, settings of a bare ZXing::ReadBarcode
    HalfScale, // 2x2-averaged half image: noise, moire and fine blur averaged out
    Sharpened, // unsharp mask + contrast stretch: blur, defocus, dim light
    Upscaled,  // the frame's centre doubled: codes too small for ZXing's finder
    SqueezedX, // width x 0.6: a code tilted steeply about a vertical axis looks square again
    SqueezedY, // height x 0.6: the same about a horizontal axis
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
