#include "checkincorpus.h"

#include "issuerkey.h"
#include "qrimage.h"
#include "signedcodes.h"

#include <QFile>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTransform>
#include <QVector3D>

#include <sodium.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace {

constexpr double Pi = std::numbers::pi;

double uniform(QRandomGenerator &rng, double lo, double hi) { return lo + (hi - lo) * rng.generateDouble(); }
double sign(QRandomGenerator &rng) { return rng.bounded(2) ? 1.0 : -1.0; }

// The fixed test issuer: its Ed25519 pair derived from a constant seed, so codes and frames are
// the same on every run (Ed25519 signatures are deterministic).
const IssuerKey &corpusKey()
{
    static const IssuerKey key = [] {
        unsigned char seed[crypto_sign_SEEDBYTES];
        for (unsigned i = 0; i < sizeof seed; ++i)
            seed[i] = uchar(0x5a ^ (i * 37));
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        crypto_sign_seed_keypair(pk, sk, seed);
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("corpus-office.key")));
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray(reinterpret_cast<const char *>(sk), sizeof sk).toBase64());
        file.close();
        return IssuerKey::load(file.fileName()).value_or(IssuerKey());
    }();
    return key;
}

void boxBlur(QImage &img, int radius)
{
    if (radius < 1)
        return;
    const int w = img.width(), h = img.height(), n = 2 * radius + 1;
    std::vector<int> line(size_t(std::max(w, h)));
    for (int y = 0; y < h; ++y) {
        uchar *row = img.scanLine(y);
        for (int x = 0; x < w; ++x)
            line[size_t(x)] = row[x];
        int sum = 0;
        for (int k = -radius; k <= radius; ++k)
            sum += line[size_t(std::clamp(k, 0, w - 1))];
        for (int x = 0; x < w; ++x) {
            row[x] = uchar(sum / n);
            sum += line[size_t(std::min(x + radius + 1, w - 1))] - line[size_t(std::max(x - radius, 0))];
        }
    }
    for (int x = 0; x < w; ++x) {
        for (int y = 0; y < h; ++y)
            line[size_t(y)] = img.scanLine(y)[x];
        int sum = 0;
        for (int k = -radius; k <= radius; ++k)
            sum += line[size_t(std::clamp(k, 0, h - 1))];
        for (int y = 0; y < h; ++y) {
            img.scanLine(y)[x] = uchar(sum / n);
            sum += line[size_t(std::min(y + radius + 1, h - 1))] - line[size_t(std::max(y - radius, 0))];
        }
    }
}

// Linear motion blur: the mean of the picture shifted along `angle` over `length` pixels.
void motionBlur(QImage &img, double length, double angle)
{
    const QImage src = img.copy();
    const int w = img.width(), h = img.height();
    const int steps = std::max(2, int(std::lround(length)) + 1);
    std::vector<QPoint> offsets;
    for (int k = 0; k < steps; ++k) {
        const double t = -length / 2 + length * k / (steps - 1);
        offsets.emplace_back(int(std::lround(t * std::cos(angle))), int(std::lround(t * std::sin(angle))));
    }
    for (int y = 0; y < h; ++y) {
        uchar *row = img.scanLine(y);
        for (int x = 0; x < w; ++x) {
            int sum = 0;
            for (const QPoint &o : offsets)
                sum += src.constScanLine(std::clamp(y + o.y(), 0, h - 1))[std::clamp(x + o.x(), 0, w - 1)];
            row[x] = uchar(sum / int(offsets.size()));
        }
    }
}

// A softly lit room: gradient, furniture-like shapes, a notice with lines of "text".
void paintScene(QPainter &p, QRandomGenerator &rng)
{
    QLinearGradient g(0, 0, CheckinCorpus::Width, CheckinCorpus::Height);
    g.setColorAt(0, QColor::fromHsv(rng.bounded(360), 40, 90 + rng.bounded(100)));
    g.setColorAt(1, QColor::fromHsv(rng.bounded(360), 60, 60 + rng.bounded(100)));
    p.fillRect(0, 0, CheckinCorpus::Width, CheckinCorpus::Height, g);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 7; ++i) {
        p.setBrush(QColor::fromHsv(rng.bounded(360), rng.bounded(120), 30 + rng.bounded(200)));
        const QRectF r(rng.bounded(CheckinCorpus::Width), rng.bounded(CheckinCorpus::Height), 60 + rng.bounded(400),
                       40 + rng.bounded(300));
        i % 2 ? p.drawEllipse(r) : p.drawRect(r);
    }
    // A notice on the wall: dark strokes of text size, the texture a finder-pattern scan meets most.
    const QRectF notice(rng.bounded(900), rng.bounded(400), 220 + rng.bounded(160), 160 + rng.bounded(140));
    p.setBrush(QColor(235, 232, 225));
    p.drawRect(notice);
    p.setBrush(QColor(40, 40, 40));
    for (double y = notice.top() + 12; y < notice.bottom() - 14; y += 14)
        for (double x = notice.left() + 10; x < notice.right() - 16; x += 6 + rng.bounded(10))
            p.drawRect(QRectF(x, y, 3 + rng.bounded(6), 9));
}

// Where the code's square lands: centre, projected side, out-of-plane tilt about an axis at
// `axisAngle` (perspective of a camera `distance` code sides away), in-plane rotation.
QPolygonF project(QPointF centre, double side, double tiltDeg, double axisAngle, double rollDeg, double distance)
{
    const double t = tiltDeg * Pi / 180, a = axisAngle, r = rollDeg * Pi / 180;
    const QVector3D axis(float(std::cos(a)), float(std::sin(a)), 0);
    QPolygonF out;
    for (const QPointF c : {QPointF(-0.5, -0.5), QPointF(0.5, -0.5), QPointF(0.5, 0.5), QPointF(-0.5, 0.5)}) {
        // Rodrigues' rotation of the flat corner about the in-plane axis.
        const QVector3D v(float(c.x()), float(c.y()), 0);
        const QVector3D rot = v * float(std::cos(t)) + QVector3D::crossProduct(axis, v) * float(std::sin(t))
            + axis * float(QVector3D::dotProduct(axis, v) * (1 - std::cos(t)));
        const double z = distance + rot.z();
        const double x = rot.x() * distance / z, y = rot.y() * distance / z;
        out << centre + QPointF(x * std::cos(r) - y * std::sin(r), x * std::sin(r) + y * std::cos(r)) * side;
    }
    return out;
}

// A centre that keeps the quad (and a margin) inside the frame.
QPointF placeInFrame(QRandomGenerator &rng, const QPolygonF &quadAtOrigin, double margin, double spread = 1.0)
{
    const QRectF box = quadAtOrigin.boundingRect();
    const double xlo = margin - box.left(), xhi = CheckinCorpus::Width - margin - box.right();
    const double ylo = margin - box.top(), yhi = CheckinCorpus::Height - margin - box.bottom();
    const double cx = CheckinCorpus::Width / 2.0, cy = CheckinCorpus::Height / 2.0;
    auto pick = [&](double lo, double hi, double mid) {
        if (hi <= lo)
            return (lo + hi) / 2;
        const double l = mid + (lo - mid) * spread, h = mid + (hi - mid) * spread;
        return uniform(rng, std::max(lo, l), std::min(hi, h));
    };
    return {pick(xlo, xhi, cx), pick(ylo, yhi, cy)};
}

} // namespace

QStringList CheckinCorpus::conditions()
{
    return {QStringLiteral("tilt"), QStringLiteral("motion"), QStringLiteral("defocus"), QStringLiteral("lowlight"),
            QStringLiteral("glare"), QStringLiteral("small"), QStringLiteral("phone"), QStringLiteral("empty")};
}

QStringList CheckinCorpus::memberCodes(int count)
{
    static const QStringList surnames = {QStringLiteral("王"), QStringLiteral("李"), QStringLiteral("张"),
                                         QStringLiteral("刘"), QStringLiteral("陈"), QStringLiteral("杨"),
                                         QStringLiteral("赵"), QStringLiteral("黄")};
    static const QStringList given = {QStringLiteral("建国"), QStringLiteral("秀英"), QStringLiteral("明"),
                                      QStringLiteral("海燕"), QStringLiteral("志强"), QStringLiteral("丽")};
    static const QStringList orgs = {QStringLiteral("幸福社区第一党支部"), QStringLiteral("科技园区联合党支部"),
                                     QStringLiteral("滨江街道机关党支部")};
    QStringList codes;
    for (int i = 0; i < count; ++i)
        codes << signedMemberCode(corpusKey(), QStringLiteral("M%1").arg(100001 + i),
                                  surnames[i % surnames.size()] + given[(i / surnames.size()) % given.size()],
                                  orgs[i % orgs.size()]);
    return codes;
}

QByteArray CheckinCorpus::issuerPublicKeyBase64()
{
    return corpusKey().publicKeyBase64();
}

QList<CorpusFrame> CheckinCorpus::generate(int perCondition, quint32 seed)
{
    const QStringList kinds = conditions();
    const QStringList codes = memberCodes(std::max(1, perCondition * int(kinds.size() - 1)));
    QList<CorpusFrame> frames;
    int nextCode = 0;
    for (int k = 0; k < kinds.size(); ++k) {
        for (int i = 0; i < perCondition; ++i) {
            // One generator per frame: a frame does not change when another condition changes.
            QRandomGenerator rng(seed ^ (quint32(k) * 0x9e3779b9u) ^ (quint32(i) * 0x85ebca6bu));
            CorpusFrame f;
            f.condition = kinds[k];
            const QString &c = f.condition;
            const bool empty = c == QLatin1String("empty");
            // An empty scene borrows the look of one of the others (a phone with no code, a dim room...).
            const QString look = empty ? kinds[int(rng.bounded(int(kinds.size() - 1)))] : c;
            if (!empty)
                f.text = codes[nextCode++];
            const QImage code = QrImage::render(empty ? codes.first() : f.text, 6); // ECC M, as issued
            const int modules = code.width() / 6;                                  // quiet zone included

            QImage rgb(Width, Height, QImage::Format_RGB32);
            QPainter p(&rgb);
            p.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
            paintScene(p, rng);

            // Symbol width in frame pixels (quiet zone excluded), then the whole square.
            double symbol = uniform(rng, 300, 470);
            double tilt = uniform(rng, 0, 15), distance = uniform(rng, 2.5, 5);
            if (look == QLatin1String("tilt")) {
                tilt = uniform(rng, 30, 45);
                distance = uniform(rng, 1.8, 3); // close to the camera: strong perspective
            } else if (look == QLatin1String("small")) {
                symbol = uniform(rng, 90, 120);
            } else if (look == QLatin1String("phone")) {
                symbol = uniform(rng, 220, 380);
            }
            const double side = symbol * modules / (modules - 8.0);
            const double axis = uniform(rng, 0, Pi), roll = sign(rng) * uniform(rng, 0, 30);
            const QPolygonF atOrigin = project({}, side, tilt, axis, roll, distance);
            const double spread = look == QLatin1String("small") ? 0.35 : 1.0; // far away, in the framing guide
            const QPointF centre = placeInFrame(rng, atOrigin, 12, spread);
            const QPolygonF quad = atOrigin.translated(centre);
            QTransform t;
            const QPolygonF square({{0, 0}, {double(code.width()), 0}, {double(code.width()), double(code.height())},
                                    {0, double(code.height())}});
            QTransform::quadToQuad(square, quad, t);
            p.setTransform(t);
            if (look == QLatin1String("phone")) {
                // The phone: dark body around a lit screen, the code drawn by the app on white.
                const double pad = code.width() * 0.1;
                QPainterPath body;
                body.addRoundedRect(QRectF(-pad * 1.5, -pad * 4, code.width() + 3 * pad, code.height() + pad * 9), pad * 1.5,
                                    pad * 1.5);
                p.fillPath(body, QColor(20, 20, 24));
                p.fillRect(QRectF(-pad, -pad * 3, code.width() + 2 * pad, code.height() + pad * 7),
                           QColor::fromHsv(0, 0, 200 + rng.bounded(50)));
            } else if (!empty || rng.bounded(2)) {
                p.fillRect(QRectF(0, 0, code.width(), code.height()), QColor(250, 250, 248)); // the card
            }
            if (!empty)
                p.drawImage(0, 0, code);
            p.end();

            QImage img = rgb.convertToFormat(QImage::Format_Grayscale8);
            auto perPixel = [&](auto fn) {
                for (int y = 0; y < Height; ++y) {
                    uchar *row = img.scanLine(y);
                    for (int x = 0; x < Width; ++x)
                        row[x] = uchar(std::clamp(fn(x, y, double(row[x])), 0.0, 255.0));
                }
            };
            const QRectF box = quad.boundingRect();
            if (look == QLatin1String("phone")) {
                // Screen door and refresh beating against the sensor grid, and a window reflected.
                const double period = uniform(rng, 2.5, 5), theta = uniform(rng, 0, Pi), amp = uniform(rng, 0.1, 0.25);
                const double ct = std::cos(theta), st = std::sin(theta);
                const QRectF screen = box.adjusted(-box.width() * 0.15, -box.height() * 0.4, box.width() * 0.15,
                                                   box.height() * 0.6);
                const double band = uniform(rng, -0.5, 0.5), bandAmp = uniform(rng, 20, 60);
                perPixel([&](int x, int y, double v) {
                    if (!screen.contains(x, y))
                        return v;
                    const double u = (x - screen.left()) / screen.width() - (y - screen.top()) / screen.height();
                    const double reflection = bandAmp * std::exp(-std::pow((u - band) / 0.15, 2));
                    return v * (1 + amp * std::sin(2 * Pi * (x * ct + y * st) / period)) + reflection;
                });
                boxBlur(img, 1);
            } else if (look == QLatin1String("motion")) {
                motionBlur(img, uniform(rng, 8, 20), uniform(rng, 0, Pi));
            } else if (look == QLatin1String("defocus")) {
                boxBlur(img, 2 + int(rng.bounded(3))); // two passes inside: a soft disc of 2-4 px radius
                boxBlur(img, 1);
            } else if (look == QLatin1String("glare")) {
                const QPointF spot(uniform(rng, box.left() + box.width() * 0.2, box.right() - box.width() * 0.2),
                                   uniform(rng, box.top() + box.height() * 0.2, box.bottom() - box.height() * 0.2));
                const double radius = std::max(box.width(), box.height()) * uniform(rng, 0.12, 0.22);
                const double amp = uniform(rng, 160, 260);
                perPixel([&](int x, int y, double v) {
                    const double d2 = (x - spot.x()) * (x - spot.x()) + (y - spot.y()) * (y - spot.y());
                    return v + amp * std::exp(-d2 / (2 * radius * radius));
                });
            } else {
                boxBlur(img, int(rng.bounded(2))); // every lens is a little soft
            }
            double noise = uniform(rng, 1.5, 4);
            if (look == QLatin1String("lowlight")) {
                const double gain = uniform(rng, 0.15, 0.3), offset = uniform(rng, 2, 8);
                perPixel([&](int, int, double v) { return v * gain + offset; });
                noise = uniform(rng, 5, 10);
            }
            // Sensor noise: Gaussian (Box-Muller) from a xorshift seeded by the frame's generator.
            quint32 state = rng.generate() | 1u;
            auto next = [&] {
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                return (double(state) + 1.0) / 4294967297.0;
            };
            perPixel([&](int, int, double v) {
                return v + noise * std::sqrt(-2 * std::log(next())) * std::cos(2 * Pi * next());
            });
            f.image = img;
            frames << f;
        }
    }
    return frames;
}
