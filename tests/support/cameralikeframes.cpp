#include "cameralikeframes.h"

#include "qrimage.h"

#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QTransform>

#include <cmath>
#include <numbers>
#include <vector>

namespace {

double uniform(QRandomGenerator &rng, double lo, double hi) { return lo + (hi - lo) * rng.generateDouble(); }

double gaussian(QRandomGenerator &rng)
{
    const double u1 = std::max(rng.generateDouble(), 1e-12), u2 = rng.generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

uchar clamp8(double v) { return uchar(std::clamp(v, 0.0, 255.0)); }

// Two passes of a box blur approximate a Gaussian of sigma ~ radius * 0.8: a lens out of focus.
// Sliding sums over rows, then over columns with one running sum per column (cache friendly).
void boxBlur(QImage &img, int radius)
{
    if (radius < 1)
        return;
    const int w = img.width(), h = img.height(), n = 2 * radius + 1;
    const qsizetype stride = img.bytesPerLine();
    uchar *bits = img.bits();
    std::vector<uchar> copy(size_t(stride) * size_t(h));
    std::vector<int> sums(static_cast<size_t>(w));
    for (int pass = 0; pass < 2; ++pass) {
        for (int y = 0; y < h; ++y) { // horizontal
            uchar *row = bits + y * stride;
            const std::vector<uchar> line(row, row + w);
            int sum = 0;
            for (int k = -radius; k <= radius; ++k)
                sum += line[size_t(std::clamp(k, 0, w - 1))];
            for (int x = 0; x < w; ++x) {
                row[x] = uchar(sum / n);
                sum += line[size_t(std::min(x + radius + 1, w - 1))] - line[size_t(std::max(x - radius, 0))];
            }
        }
        std::copy(bits, bits + copy.size(), copy.begin()); // vertical
        auto src = [&](int y) { return copy.data() + std::clamp(y, 0, h - 1) * stride; };
        std::fill(sums.begin(), sums.end(), 0);
        for (int k = -radius; k <= radius; ++k)
            for (int x = 0; x < w; ++x)
                sums[size_t(x)] += src(k)[x];
        for (int y = 0; y < h; ++y) {
            uchar *row = bits + y * stride;
            const uchar *add = src(y + radius + 1), *sub = src(y - radius);
            for (int x = 0; x < w; ++x) {
                row[x] = uchar(sums[size_t(x)] / n);
                sums[size_t(x)] += add[x] - sub[x];
            }
        }
    }
}

// A cluttered, softly lit room behind the code: gradients and a few shapes, no QR-like texture.
void paintBackground(QPainter &p, QRandomGenerator &rng)
{
    QLinearGradient g(0, 0, CameraLikeFrames::Width, CameraLikeFrames::Height);
    g.setColorAt(0, QColor::fromHsv(rng.bounded(360), 40, 90 + rng.bounded(80)));
    g.setColorAt(1, QColor::fromHsv(rng.bounded(360), 60, 60 + rng.bounded(80)));
    p.fillRect(0, 0, CameraLikeFrames::Width, CameraLikeFrames::Height, g);
    for (int i = 0; i < 6; ++i) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor::fromHsv(rng.bounded(360), rng.bounded(120), 40 + rng.bounded(180)));
        const QRectF r(rng.bounded(CameraLikeFrames::Width), rng.bounded(CameraLikeFrames::Height),
                       80 + rng.bounded(400), 40 + rng.bounded(300));
        i % 2 ? p.drawEllipse(r) : p.drawRect(r);
    }
}

// Maps the code's square onto the frame: size, rotation, perspective tilt, position.
QTransform codeTransform(QRandomGenerator &rng, double codeSide, double target, double maxTilt, double minAngle)
{
    const double s = target / codeSide;
    const double tiltX = uniform(rng, -maxTilt, maxTilt), tiltY = uniform(rng, -maxTilt, maxTilt);
    // Perspective: one edge farther from the camera than the opposite one.
    QPolygonF src({{0, 0}, {codeSide, 0}, {codeSide, codeSide}, {0, codeSide}});
    const double h = codeSide / 2;
    QPolygonF dst;
    for (const QPointF &pt : src) {
        const double dx = pt.x() - h, dy = pt.y() - h;
        const double depth = 1.0 + tiltX * dx / h + tiltY * dy / h; // > 1 is farther away
        dst << QPointF(dx / depth, dy / depth) * s;
    }
    QTransform persp;
    QTransform::quadToQuad(src, dst, persp);
    const double angle = (rng.bounded(2) ? 1 : -1) * uniform(rng, minAngle, 30);
    QTransform shape = persp * QTransform().rotate(angle);

    // Keep the whole code (quiet zone included) inside the frame, shrinking it if the tilt and
    // rotation made it taller than the picture: a code cut by the frame edge is not a fair test.
    QRectF box = shape.map(src).boundingRect();
    const double room = 8;
    const double fit = std::min({1.0, (CameraLikeFrames::Width - 2 * room) / box.width(),
                                 (CameraLikeFrames::Height - 2 * room) / box.height()});
    shape = shape * QTransform::fromScale(fit, fit);
    box = shape.map(src).boundingRect();
    const double x = uniform(rng, room - box.left(), CameraLikeFrames::Width - room - box.right());
    const double y = uniform(rng, room - box.top(), CameraLikeFrames::Height - room - box.bottom());
    return shape * QTransform::fromTranslate(x, y);
}

} // namespace

QStringList CameraLikeFrames::conditions()
{
    return {QStringLiteral("plain"), QStringLiteral("tilt"), QStringLiteral("blur"),
            QStringLiteral("noise"), QStringLiteral("lowlight"), QStringLiteral("glare"),
            QStringLiteral("phone"), QStringLiteral("small"), QStringLiteral("large"),
            QStringLiteral("rotated"), QStringLiteral("lowcontrast"), QStringLiteral("mixed")};
}

QString CameraLikeFrames::memberCodeLikeText(QRandomGenerator &rng)
{
    QByteArray payload(84 + int(rng.bounded(10)), Qt::Uninitialized); // ~200 characters in all
    for (char &c : payload)
        c = char(rng.bounded(256));
    QByteArray signature(64, Qt::Uninitialized);
    for (char &c : signature)
        c = char(rng.bounded(256));
    const auto opts = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    return QStringLiteral("DQM1.") + QString::fromLatin1(payload.toBase64(opts)) + QLatin1Char('.')
        + QString::fromLatin1(signature.toBase64(opts));
}

QList<CameraLikeFrame> CameraLikeFrames::generate(int count, quint32 seed, bool withCode)
{
    QRandomGenerator rng(seed);
    const QStringList kinds = conditions();
    QList<CameraLikeFrame> frames;
    for (int i = 0; i < count; ++i) {
        CameraLikeFrame f;
        f.condition = kinds.at(i % kinds.size());
        const QString &c = f.condition;
        const bool mixed = c == QLatin1String("mixed");
        f.text = memberCodeLikeText(rng);
        const QImage code = QrImage::render(f.text, 4);

        QImage rgb(Width, Height, QImage::Format_RGB32);
        QPainter p(&rgb);
        p.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
        paintBackground(p, rng);

        // Code side in frame pixels; ~65 modules incl. quiet zone.
        double side = uniform(rng, 330, 520);
        if (c == QLatin1String("small"))
            side = uniform(rng, 240, 290); // ~4 px a module: at the edge of what a 720p camera resolves
        else if (c == QLatin1String("large"))
            side = uniform(rng, 560, 660);
        const double maxTilt = c == QLatin1String("tilt") ? 0.14 : mixed ? 0.1 : 0.05;
        const double minAngle = c == QLatin1String("rotated") ? 20 : 0;
        const QTransform t = codeTransform(rng, code.width(), side, maxTilt, minAngle);
        p.setTransform(t);

        if (c == QLatin1String("phone")) {
            // A phone held up: dark body, lit screen, code on it.
            const double pad = code.width() * 0.12;
            QPainterPath body;
            body.addRoundedRect(QRectF(-pad, -pad * 3, code.width() + 2 * pad, code.height() + pad * 8), pad, pad);
            p.fillPath(body, QColor(25, 25, 30));
            p.fillRect(QRectF(-pad / 3, -pad * 2, code.width() + pad / 1.5, code.height() + pad * 6), QColor(235, 235, 240));
        }
        if (withCode)
            p.drawImage(0, 0, code);
        else
            f.text.clear();
        p.end();

        QImage img = rgb.convertToFormat(QImage::Format_Grayscale8);
        const int w = img.width(), h = img.height();
        auto perPixel = [&](auto fn) {
            for (int y = 0; y < h; ++y) {
                uchar *row = img.scanLine(y);
                for (int x = 0; x < w; ++x)
                    row[x] = clamp8(fn(x, y, double(row[x])));
            }
        };

        if (c == QLatin1String("phone")) {
            // Screen door and refresh beating against the sensor grid: fine diagonal stripes.
            const double period = uniform(rng, 3.0, 6.0), theta = uniform(rng, 0, std::numbers::pi);
            const double amp = uniform(rng, 0.08, 0.16), ct = std::cos(theta), st = std::sin(theta);
            perPixel([&](int x, int y, double v) {
                return v * (1.0 + amp * std::sin(2 * std::numbers::pi * (x * ct + y * st) / period));
            });
        }
        if (c == QLatin1String("lowlight") || c == QLatin1String("lowcontrast") || mixed) {
            const double gain = c == QLatin1String("lowcontrast") ? uniform(rng, 0.25, 0.35) : uniform(rng, 0.3, 0.45);
            const double offset = c == QLatin1String("lowcontrast") ? uniform(rng, 70, 110) : uniform(rng, 5, 20);
            perPixel([&](int, int, double v) { return v * gain + offset; });
        }
        if (c == QLatin1String("glare") || mixed) {
            // A ceiling lamp reflected in a glossy card: a bright blob that saturates part of the code.
            const QPointF centre = t.map(QPointF(uniform(rng, 0.2, 0.8), uniform(rng, 0.2, 0.8)) * code.width());
            const double radius = side * uniform(rng, 0.12, 0.2), amp = uniform(rng, 140, 220);
            perPixel([&](int x, int y, double v) {
                const double d2 = (x - centre.x()) * (x - centre.x()) + (y - centre.y()) * (y - centre.y());
                return v + amp * std::exp(-d2 / (2 * radius * radius));
            });
        }
        int blur = rng.bounded(2); // every camera is a little soft
        if (c == QLatin1String("blur"))
            blur = 1 + int(rng.bounded(2));
        boxBlur(img, blur);
        double sigma = uniform(rng, 1.5, 4.0);
        if (c == QLatin1String("noise") || c == QLatin1String("lowlight") || mixed)
            sigma = uniform(rng, 8.0, 14.0);
        // Sensor noise: Gaussian samples from a table, picked by a xorshift seeded from rng
        // (a libm call per pixel made generating 120 frames take seconds).
        static const std::vector<double> table = [] {
            QRandomGenerator t(1);
            std::vector<double> v(4096);
            for (double &d : v)
                d = gaussian(t);
            return v;
        }();
        quint32 state = rng.generate() | 1u;
        perPixel([&](int, int, double v) {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5;
            return v + sigma * table[state & 4095u];
        });

        f.image = img;
        frames << f;
    }
    return frames;
}
