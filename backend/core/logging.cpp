#include "logging.h"

Q_LOGGING_CATEGORY(lcConfig, "kiosk.config")
Q_LOGGING_CATEGORY(lcStorage, "kiosk.storage")
Q_LOGGING_CATEGORY(lcCore, "kiosk.core")
Q_LOGGING_CATEGORY(lcUi, "kiosk.ui")
Q_LOGGING_CATEGORY(lcApp, "kiosk.app")
