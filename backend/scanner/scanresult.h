#pragma once
#include <QMetaType>
#include <QPolygonF>
#include <QString>

// What one decode attempt produced. Travels from the worker thread to the GUI thread by
// queued signal, hence the metatype declaration.
struct ScanResult
{
    QString text;        // decoded text (UTF-8 interpreted by ZXing); empty when !found
    QPolygonF position;  // corners (top-left, top-right, bottom-right, bottom-left) in frame pixels
    double decodeMs = 0; // wall time spent in FrameDecoder (map + luma view + ZXing + retry)
    bool found = false;
    bool retried = false; // the first pass failed and the fallback pass ran
};

Q_DECLARE_METATYPE(ScanResult)
