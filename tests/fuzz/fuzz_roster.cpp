// Rosters as staff save them from Excel/WPS (CSV in UTF-8 or GB18030) and as the distribution carries them (JSON).
#include "fuzzsupport.h"
#include "roster.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzzInput(data, size);
    // All or nothing: members and errors never both.
    for (const RosterResult &r : {Roster::fromCsv(input), Roster::fromJson(input)}) {
        if (!r.members.isEmpty() && !r.errors.isEmpty())
            __builtin_trap();
    }
    return 0;
}
