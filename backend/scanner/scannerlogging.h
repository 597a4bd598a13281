#pragma once
#include <QLoggingCategory>

// The scanner's own category ("kiosk.scanner"): camera and decode chatter can be silenced
// with QT_LOGGING_RULES="kiosk.scanner.debug=false" without touching the rest of the log.
Q_DECLARE_LOGGING_CATEGORY(lcScanner)
