#pragma once
#include <QString>
#include <optional>

// Why a configuration was refused: the key (as "section/key") and what is wrong with it, so the
// person at the kiosk reads one sentence and knows which line to fix.
struct ConfigError
{
    QString key;
    QString message;
    QString toString() const;
};

// The kiosk's settings, read from an INI file (see kiosk-config/kiosk.example.ini, which
// documents every key). Relative paths are taken relative to the INI file's folder.
struct KioskConfig
{
    enum class Orientation { Portrait, Landscape };

    QString centreId;
    QString centreName;
    QString issuerId;          // the issuer whose codes are this centre's own members
    QString centreTimeZone = QStringLiteral("Asia/Shanghai"); // IANA id: times in exports and statistics
    QString kioskId;
    Orientation orientation = Orientation::Portrait;
    // Clockwise turn of the panel's output (0, 90, 180, 270): a panel mounted sideways. Applied by
    // the compositor (kiosk-session passes it to cage -r); validated here, shown on a wrong value.
    int rotationDegrees = 0;
    int idleTimeoutSeconds = 60;
    int resultScreenSeconds = 4;
    QString language = QStringLiteral("zh_CN");
    QString sharePath;
    QString shareId;
    QString dataDir;
    QString mediaDir;
    QString contentDir;
    QString trustedIssuersDir;
    QString adminPinHash;      // libsodium crypto_pwhash string; empty = admin entry disabled
    bool oncePerDay = true;    // one check-in per member per centre per day
    QString cameraDevice;      // empty = the system's default camera
    QString cameraFile;        // a video/image played as if it were the camera (demo, tests)
    int syncIntervalSeconds = 60; // how often the share is synced (plus on demand from staff)
    int audioVolume = 80;      // 0..100: feedback tones and voice prompts (0 = silent)
    // 我的学习: the 学时 a member is to reach in a year (党员教育管理工作条例 第二十条: 32).
    int studyYearlyHours = 32;

    QString databasePath() const;

    // Reads and validates everything; on the first problem returns nothing and fills `error`.
    static std::optional<KioskConfig> load(const QString &iniPath, ConfigError *error);
    static QStringList knownKeys();
};
