// revoked/*.json, the member codes the office has withdrawn.
#include "fuzzsupport.h"
#include "revocationlist.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const RevocationResult r = RevocationList::fromJson(fuzzInput(data, size));
    if (!r.ok() && !r.entries.isEmpty())
        __builtin_trap(); // a refused list must not put anything in force
    return 0;
}
