#pragma once
#include <QString>

// Writes the admin PIN hash into a kiosk INI (`dangqun-admin set-pin`). Edits the one line by
// hand rather than through QSettings, which would drop every comment the example file carries.
class PinConfig
{
public:
    // Sets [admin] pin_hash to `hash` (replacing the line, or adding it, and the section if
    // missing); the file is replaced whole once written. False with `error` on I/O failure.
    static bool writePinHash(const QString &iniPath, const QString &hash, QString *error);
    // The INI text with the change made (the testable part).
    static QString withPinHash(const QString &iniText, const QString &hash);
};
