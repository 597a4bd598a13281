// videos.json, the video library's manifest.
#include "fuzzsupport.h"
#include "videomanifest.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Paths in the manifest are checked against this folder: it need not exist.
    VideoManifest::parse(fuzzInput(data, size), QStringLiteral("/nonexistent/fuzz-media"));
    return 0;
}
