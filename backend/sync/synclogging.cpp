#include "synclogging.h"

Q_LOGGING_CATEGORY(lcSync, "kiosk.sync")
