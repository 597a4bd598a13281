#include "lumaops.h"

#include <ZXing/ImageView.h>

#include <algorithm>
#include <array>

using ZXing::ImageFormat;
using ZXing::ImageView;

ImageView LumaImage::view() const
{
    return ImageView(pixels.data(), width, height, ImageFormat::Lum);
}

namespace {

// Calls fn(x, y, lum) for every pixel of the view, for grey and every RGB layout.
template<typename Fn>
void forEachLum(const ImageView &v, Fn fn)
{
    if (v.format() == ImageFormat::Lum) {
        for (int y = 0; y < v.height(); ++y) {
            const uint8_t *p = v.data(0, y);
            for (int x = 0; x < v.width(); ++x, p += v.pixStride())
                fn(x, y, unsigned(*p));
        }
        return;
    }
    const int r = ZXing::RedIndex(v.format()), g = ZXing::GreenIndex(v.format()), b = ZXing::BlueIndex(v.format());
    for (int y = 0; y < v.height(); ++y) {
        const uint8_t *p = v.data(0, y);
        for (int x = 0; x < v.width(); ++x, p += v.pixStride())
            fn(x, y, unsigned(ZXing::RGBToLum(p[r], p[g], p[b])));
    }
}

// Separable box blur of `radius` (edges clamped) into `out`.
void boxBlur(const LumaImage &in, int radius, LumaImage &out)
{
    const int w = in.width, h = in.height, n = 2 * radius + 1;
    LumaImage tmp;
    tmp.resize(w, h);
    for (int y = 0; y < h; ++y) {
        const uint8_t *src = in.row(y);
        uint8_t *dst = tmp.row(y);
        int sum = 0;
        for (int k = -radius; k <= radius; ++k)
            sum += src[std::clamp(k, 0, w - 1)];
        for (int x = 0; x < w; ++x) {
            dst[x] = uint8_t(sum / n);
            sum += src[std::min(x + radius + 1, w - 1)] - src[std::max(x - radius, 0)];
        }
    }
    out.resize(w, h);
    std::vector<int> sums(size_t(w), 0);
    for (int k = -radius; k <= radius; ++k) {
        const uint8_t *src = tmp.row(std::clamp(k, 0, h - 1));
        for (int x = 0; x < w; ++x)
            sums[size_t(x)] += src[x];
    }
    for (int y = 0; y < h; ++y) {
        uint8_t *dst = out.row(y);
        const uint8_t *add = tmp.row(std::min(y + radius + 1, h - 1)), *sub = tmp.row(std::max(y - radius, 0));
        for (int x = 0; x < w; ++x) {
            dst[x] = uint8_t(sums[size_t(x)] / n);
            sums[size_t(x)] += add[x] - sub[x];
        }
    }
}

} // namespace

namespace LumaOps {

void copy(const ImageView &v, LumaImage &out)
{
    out.resize(v.width(), v.height());
    forEachLum(v, [&](int x, int y, unsigned lum) { out.row(y)[x] = uint8_t(lum); });
}

void halfScale(const ImageView &v, LumaImage &out)
{
    const int w = v.width() / 2, h = v.height() / 2;
    out.resize(w, h);
    std::fill(out.pixels.begin(), out.pixels.end(), 0);
    std::vector<unsigned> acc(size_t(w) * size_t(h), 0);
    forEachLum(v, [&](int x, int y, unsigned lum) {
        if (x < 2 * w && y < 2 * h)
            acc[size_t(y / 2) * size_t(w) + size_t(x / 2)] += lum;
    });
    for (size_t i = 0; i < acc.size(); ++i)
        out.pixels[i] = uint8_t((acc[i] + 2) >> 2);
}

void resize(const LumaImage &in, int w, int h, LumaImage &out)
{
    out.resize(w, h);
    // Fixed point (8 fractional bits), pixel centres aligned.
    std::vector<int> x0(static_cast<size_t>(w)), fx(static_cast<size_t>(w));
    for (int x = 0; x < w; ++x) {
        const double sx = std::clamp((x + 0.5) * in.width / w - 0.5, 0.0, double(in.width - 1));
        x0[size_t(x)] = std::min(int(sx), in.width - 2 < 0 ? 0 : in.width - 2);
        fx[size_t(x)] = int((sx - x0[size_t(x)]) * 256);
    }
    const int last = std::max(in.width - 1, 0);
    for (int y = 0; y < h; ++y) {
        const double sy = std::clamp((y + 0.5) * in.height / h - 0.5, 0.0, double(in.height - 1));
        const int y0 = std::min(int(sy), std::max(in.height - 2, 0));
        const int fy = int((sy - y0) * 256);
        const uint8_t *a = in.row(y0), *b = in.row(std::min(y0 + 1, in.height - 1));
        uint8_t *dst = out.row(y);
        for (int x = 0; x < w; ++x) {
            const int i = x0[size_t(x)], j = std::min(i + 1, last), f = fx[size_t(x)];
            const int top = a[i] * (256 - f) + a[j] * f, bottom = b[i] * (256 - f) + b[j] * f;
            dst[x] = uint8_t((top * (256 - fy) + bottom * fy + (1 << 15)) >> 16);
        }
    }
}

void sharpen(const LumaImage &in, int radius, double amount, LumaImage &out)
{
    LumaImage blurred;
    boxBlur(in, radius, blurred);
    std::vector<int> v(in.pixels.size());
    const int a = int(amount * 256);
    std::array<int, 385> hist{}; // values -256..512 in steps of 2
    for (size_t i = 0; i < v.size(); ++i) {
        const int o = in.pixels[i];
        v[i] = std::clamp(o + ((a * (o - blurred.pixels[i])) >> 8), -256, 512);
        ++hist[size_t((v[i] + 256) / 2)];
    }
    // 1st and 99th percentile of the sharpened values (histogram in steps of 2).
    const size_t n = v.size(), cut = n / 100;
    int lo = 0, hi = int(hist.size()) - 1;
    for (size_t seen = 0; lo < hi && seen + size_t(hist[size_t(lo)]) <= cut; ++lo)
        seen += size_t(hist[size_t(lo)]);
    for (size_t seen = 0; hi > lo && seen + size_t(hist[size_t(hi)]) <= cut; --hi)
        seen += size_t(hist[size_t(hi)]);
    const int vlo = lo * 2 - 256, vhi = hi * 2 - 256 + 2;
    const int span = std::max(vhi - vlo, 16);
    out.resize(in.width, in.height);
    for (size_t i = 0; i < v.size(); ++i)
        out.pixels[i] = uint8_t(std::clamp((v[i] - vlo) * 255 / span, 0, 255));
}

} // namespace LumaOps
