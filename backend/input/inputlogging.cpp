#include "inputlogging.h"

Q_LOGGING_CATEGORY(lcInput, "kiosk.input")
