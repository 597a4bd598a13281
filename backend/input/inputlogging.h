#pragma once
#include <QLoggingCategory>

// Chinese input ("kiosk.input"): dictionary loading and the input method's state changes.
Q_DECLARE_LOGGING_CATEGORY(lcInput)
