// events/*.json, the centre's sessions (三会一课, 主题党日, 开放式组织生活).
#include "fuzzsupport.h"
#include "eventcatalog.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EventCatalog::parse(fuzzInput(data, size));
    EventCatalog::parseTime(QString::fromUtf8(fuzzInput(data, size)));
    return 0;
}
