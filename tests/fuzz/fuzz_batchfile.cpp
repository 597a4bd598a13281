// Batch files (JSON Lines + trailer) as dangqun-admin merge reads them from every kiosk's share folder.
#include "fuzzsupport.h"
#include "batchfile.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const BatchContent c = BatchFile::parse(fuzzInput(data, size));
    if (!c.ok() && !c.records.isEmpty())
        __builtin_trap(); // merge imports nothing from a batch that failed its trailer
    return 0;
}
