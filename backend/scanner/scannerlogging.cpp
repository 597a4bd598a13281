#include "scannerlogging.h"

Q_LOGGING_CATEGORY(lcScanner, "kiosk.scanner")
