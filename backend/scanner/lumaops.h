#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ZXing { class ImageView; }

// A dense 8-bit luminance image the extra decode passes work on (FrameDecoder). The first pass
// never makes one: it reads the camera frame in place.
struct LumaImage
{
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; // width * height, no padding

    uint8_t *row(int y) { return pixels.data() + size_t(y) * size_t(width); }
    const uint8_t *row(int y) const { return pixels.data() + size_t(y) * size_t(width); }
    void resize(int w, int h) { width = w; height = h; pixels.resize(size_t(w) * size_t(h)); }
    ZXing::ImageView view() const;
};

namespace LumaOps {
// The view's luminance (any ZXing format) copied into `out`.
void copy(const ZXing::ImageView &v, LumaImage &out);
// Each pixel the mean of a 2x2 block: calms sensor noise and screen moire.
void halfScale(const ZXing::ImageView &v, LumaImage &out);
// Bilinear resampling to w x h (up or down, each axis on its own).
void resize(const LumaImage &in, int w, int h, LumaImage &out);
// Unsharp mask (original + amount x (original - box blur of `radius`)), then the 1st..99th
// percentile stretched to 0..255: steepens edges that blur and defocus made shallow and lifts
// dim, flat pictures.
void sharpen(const LumaImage &in, int radius, double amount, LumaImage &out);
} // namespace LumaOps
