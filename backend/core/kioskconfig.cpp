#include "kioskconfig.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QTimeZone>

QString ConfigError::toString() const
{
    return key.isEmpty() ? message : QStringLiteral("配置项 %1：%2").arg(key, message);
}

QString KioskConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("kiosk.sqlite"));
}

QStringList KioskConfig::knownKeys()
{
    return {
        QStringLiteral("centre/id"),          QStringLiteral("centre/name"),
        QStringLiteral("centre/issuer"),      QStringLiteral("centre/timezone"),
        QStringLiteral("kiosk/id"),
        QStringLiteral("kiosk/orientation"),  QStringLiteral("kiosk/idle_timeout_s"),
        QStringLiteral("kiosk/result_screen_s"), QStringLiteral("kiosk/language"),
        QStringLiteral("share/path"),         QStringLiteral("share/id"),
        QStringLiteral("paths/data_dir"),     QStringLiteral("paths/media_dir"),
        QStringLiteral("paths/content_dir"),  QStringLiteral("paths/trusted_issuers_dir"),
        QStringLiteral("admin/pin_hash"),     QStringLiteral("checkin/once_per_day"),
        QStringLiteral("camera/device"),      QStringLiteral("camera/file"),
        QStringLiteral("sync/interval_s"),    QStringLiteral("audio/volume"),
        QStringLiteral("kiosk/rotation"),     QStringLiteral("study/yearly_hours"),
    };
}

namespace {

// Reads one INI file and turns each key into a validated value; the first problem wins.
class Reader
{
public:
    Reader(QSettings &s, QDir base) : m_s(s), m_base(std::move(base)) { }

    bool failed() const { return m_error.has_value(); }
    ConfigError error() const { return *m_error; }

    void fail(const QString &key, const QString &message)
    {
        if (!m_error)
            m_error = ConfigError{key, message};
    }

    QString text(const QString &key, bool required, const QString &fallback = {})
    {
        const QVariant v = m_s.value(key);
        // QSettings splits an unquoted value containing a comma into a list; a name may have one.
        const QString value = (v.typeId() == QMetaType::QStringList ? v.toStringList().join(QLatin1Char(','))
                                                                     : v.toString()).trimmed();
        if (value.isEmpty() && required)
            fail(key, QStringLiteral("必须填写"));
        return value.isEmpty() ? fallback : value;
    }

    QString identifier(const QString &key)
    {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
        const QString value = text(key, true);
        if (!value.isEmpty() && !re.match(value).hasMatch())
            fail(key, QStringLiteral("“%1”不是有效的编号：只能用字母、数字、下划线、点和连字符，最长 64 个字符")
                          .arg(value));
        return value;
    }

    int integer(const QString &key, int fallback, int min, int max)
    {
        const QString value = text(key, false);
        if (value.isEmpty())
            return fallback;
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < min || n > max) {
            fail(key, QStringLiteral("“%1”无效：应为 %2 到 %3 之间的整数").arg(value).arg(min).arg(max));
            return fallback;
        }
        return n;
    }

    bool boolean(const QString &key, bool fallback)
    {
        const QString value = text(key, false).toLower();
        if (value.isEmpty())
            return fallback;
        if (value == u"true" || value == u"1" || value == u"yes")
            return true;
        if (value == u"false" || value == u"0" || value == u"no")
            return false;
        fail(key, QStringLiteral("“%1”无效：应为 true 或 false").arg(value));
        return fallback;
    }

    // A folder; relative paths are relative to the INI file. `mustExist` for inputs the kiosk
    // reads (keys, media), not for folders it creates itself (data).
    QString resolve(const QString &value) const { return QDir::cleanPath(m_base.absoluteFilePath(value)); }

    QString folder(const QString &key, const QString &fallback, bool mustExist)
    {
        const QString path = resolve(text(key, false, fallback));
        if (mustExist && !QFileInfo(path).isDir())
            fail(key, QStringLiteral("文件夹 %1 不存在").arg(path));
        return path;
    }

    QString file(const QString &key)
    {
        const QString value = text(key, false);
        if (value.isEmpty())
            return {};
        const QString path = resolve(value);
        if (!QFileInfo(path).isFile())
            fail(key, QStringLiteral("文件 %1 不存在").arg(path));
        return path;
    }

private:
    QSettings &m_s;
    QDir m_base;
    std::optional<ConfigError> m_error;
};

} // namespace

std::optional<KioskConfig> KioskConfig::load(const QString &iniPath, ConfigError *error)
{
    auto refuse = [&](const ConfigError &e) -> std::optional<KioskConfig> {
        if (error)
            *error = e;
        qCCritical(lcConfig).noquote() << iniPath << ":" << e.toString();
        return std::nullopt;
    };

    const QFileInfo info(iniPath);
    if (!info.isFile() || !info.isReadable())
        return refuse({{}, QStringLiteral("找不到或无法读取配置文件 %1").arg(iniPath)});

    QSettings s(info.absoluteFilePath(), QSettings::IniFormat);
    if (s.status() == QSettings::FormatError)
        return refuse({{}, QStringLiteral("配置文件 %1 格式错误（不是有效的 INI 文件）").arg(iniPath)});

    // A misspelt key would otherwise be ignored silently and its default used instead.
    const QStringList known = knownKeys();
    for (const QString &key : s.allKeys()) {
        if (!known.contains(key))
            return refuse({key, QStringLiteral("未知的配置项（拼写错误？）")});
    }

    Reader r(s, info.absoluteDir());
    KioskConfig c;
    c.centreId = r.identifier(QStringLiteral("centre/id"));
    c.centreName = r.text(QStringLiteral("centre/name"), true);
    if (c.centreName.size() > 40)
        r.fail(QStringLiteral("centre/name"), QStringLiteral("名称过长（最多 40 个字）"));
    c.issuerId = r.identifier(QStringLiteral("centre/issuer"));
    c.centreTimeZone = r.text(QStringLiteral("centre/timezone"), false, c.centreTimeZone);
    if (!QTimeZone(c.centreTimeZone.toUtf8()).isValid())
        r.fail(QStringLiteral("centre/timezone"),
               QStringLiteral("“%1”不是有效的时区：应为 Asia/Shanghai 这样的名称").arg(c.centreTimeZone));
    c.kioskId = r.identifier(QStringLiteral("kiosk/id"));

    const QString orientation = r.text(QStringLiteral("kiosk/orientation"), false, QStringLiteral("portrait"));
    if (orientation == u"portrait")
        c.orientation = Orientation::Portrait;
    else if (orientation == u"landscape")
        c.orientation = Orientation::Landscape;
    else
        r.fail(QStringLiteral("kiosk/orientation"),
               QStringLiteral("“%1”无效：应为 portrait（竖屏）或 landscape（横屏）").arg(orientation));

    const QString rotation = r.text(QStringLiteral("kiosk/rotation"), false, QStringLiteral("0"));
    if (rotation == u"0" || rotation == u"90" || rotation == u"180" || rotation == u"270")
        c.rotationDegrees = rotation.toInt();
    else
        r.fail(QStringLiteral("kiosk/rotation"), QStringLiteral("“%1”无效：应为 0、90、180 或 270（顺时针旋转的度数）").arg(rotation));

    c.idleTimeoutSeconds = r.integer(QStringLiteral("kiosk/idle_timeout_s"), 60, 10, 3600);
    c.resultScreenSeconds = r.integer(QStringLiteral("kiosk/result_screen_s"), 4, 1, 60);
    c.language = r.text(QStringLiteral("kiosk/language"), false, QStringLiteral("zh_CN"));
    if (c.language != u"zh_CN")
        r.fail(QStringLiteral("kiosk/language"), QStringLiteral("“%1”不受支持：目前只支持 zh_CN").arg(c.language));

    // The share may be unmounted at start-up (the sync checks its marker), so it need not exist.
    const QString share = r.text(QStringLiteral("share/path"), true);
    c.sharePath = share.isEmpty() ? QString() : r.resolve(share);
    c.shareId = r.identifier(QStringLiteral("share/id"));

    c.dataDir = r.folder(QStringLiteral("paths/data_dir"), QStringLiteral("data"), false);
    c.mediaDir = r.folder(QStringLiteral("paths/media_dir"), QStringLiteral("media"), true);
    c.contentDir = r.folder(QStringLiteral("paths/content_dir"), QStringLiteral("content"), true);
    c.trustedIssuersDir = r.folder(QStringLiteral("paths/trusted_issuers_dir"), QStringLiteral("trusted-issuers"), true);

    c.adminPinHash = r.text(QStringLiteral("admin/pin_hash"), false);
    if (!c.adminPinHash.isEmpty() && !c.adminPinHash.startsWith(u"$argon2id$"))
        r.fail(QStringLiteral("admin/pin_hash"),
               QStringLiteral("不是 Argon2id 哈希：请用 dangqun-admin set-pin 生成，切勿填写明文 PIN"));

    c.oncePerDay = r.boolean(QStringLiteral("checkin/once_per_day"), true);
    c.cameraDevice = r.text(QStringLiteral("camera/device"), false);
    c.cameraFile = r.file(QStringLiteral("camera/file"));
    c.syncIntervalSeconds = r.integer(QStringLiteral("sync/interval_s"), 60, 5, 86400);
    c.audioVolume = r.integer(QStringLiteral("audio/volume"), 80, 0, 100);
    c.studyYearlyHours = r.integer(QStringLiteral("study/yearly_hours"), 32, 1, 1000);

    if (r.failed())
        return refuse(r.error());
    qCInfo(lcConfig).noquote() << "configuration" << iniPath << "loaded: centre" << c.centreId << "kiosk" << c.kioskId;
    return c;
}
