#pragma once
#include <QLoggingCategory>

// One category per capability, so a log line says where it comes from and staff can
// turn a noisy area down with QT_LOGGING_RULES without a rebuild.
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
