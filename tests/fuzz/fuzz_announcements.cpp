// announcements/announcements.json, the attract screen's notices and 先进典型 stories.
#include "fuzzsupport.h"
#include "announcements.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Announcements::parse(fuzzInput(data, size), QStringLiteral("/nonexistent/fuzz-announcements"));
    return 0;
}
