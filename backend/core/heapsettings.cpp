#include "heapsettings.h"
#include "logging.h"

#include <malloc.h>

bool HeapSettings::apply()
{
    if (mallopt(M_MMAP_THRESHOLD, int(mmapThresholdBytes)) != 1) {
        qCWarning(lcCore) << "malloc refused the mmap threshold of" << mmapThresholdBytes
                          << "bytes: freed video frames may stay resident";
        return false;
    }
    return true;
}
