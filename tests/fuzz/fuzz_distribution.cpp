// distribution/manifest.json, the signed list of content files (the signature is checked before parsing; this fuzzes what a compromised or buggy publisher could write).
#include "fuzzsupport.h"
#include "distributionmanifest.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DistributionManifest manifest;
    QString error;
    if (DistributionManifest::parse(fuzzInput(data, size), &manifest, &error)) {
        // A manifest that was accepted must never name a file outside the content folder.
        for (const DistributionFile &f : manifest.files) {
            if (f.path.startsWith(u'/') || f.path.split(u'/').contains(QStringLiteral("..")))
                __builtin_trap();
        }
    }
    return 0;
}
