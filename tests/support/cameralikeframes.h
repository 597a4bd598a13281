#pragma once
#include <QImage>
#include <QList>
#include <QString>

class QRandomGenerator;

// One synthetic camera frame holding one member-code-like QR code.
struct CameraLikeFrame
{
    QString text;      // what the code says
    QString condition; // which hardship was applied, for failure messages ("glare", "phone", ...)
    QImage image;      // 1280x720, Format_Grayscale8
};

// Deterministic stand-ins for what the kiosk camera sees: codes held at an angle, tilted,
// out of focus, noisy, in a dim corner, under a lamp's reflection, on a phone screen, far away
// or close up. Same seed, same frames, so decode-rate tests and benchmarks are repeatable.
class CameraLikeFrames
{
public:
    static constexpr int Width = 1280;
    static constexpr int Height = 720;

    // `count` frames cycling through every condition; each frame also gets a random rotation
    // (up to +-30 degrees), mild blur and sensor noise, as every real frame has.
    // With `withCode` false the same scenes come without the code (text empty): what the
    // camera sees most of the day, for benchmarking the cost of empty frames.
    static QList<CameraLikeFrame> generate(int count = 120, quint32 seed = 20241127, bool withCode = true);

    // ~200 characters shaped like "DQM1.<payload>.<signature>" (base64url), random content.
    static QString memberCodeLikeText(QRandomGenerator &rng);

    // The conditions in generation order.
    static QStringList conditions();
};
