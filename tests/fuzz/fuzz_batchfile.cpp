// Batch files (JSON Lines + trailer) as dangqun-admin merge reads them from every kiosk's share folder.
#include "fuzzsupport.h"
#include "batchfile.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzzInput(data, size);
    const BatchContent c = BatchFile::parse(input);
    if (!c.ok() && !c.records.isEmpty())
        __builtin_trap(); // the kiosk adopts nothing from a batch that failed its trailer
    // merge salvages line by line: a line it would import passed every check.
    const BatchScan s = BatchFile::scan(input);
    for (const BatchLine &l : s.lines)
        if (l.failed.isEmpty() && (!BatchFile::isUuid(l.record.recordId) || l.record.seq <= 0 || l.record.kind.isEmpty()))
            __builtin_trap();
    return 0;
}
