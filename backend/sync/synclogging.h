#pragma once
#include <QLoggingCategory>

// The sync's own category, so staff can raise or lower its verbosity separately
// (QT_LOGGING_RULES="kiosk.sync.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcSync)
