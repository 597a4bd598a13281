#include "kioskconfig.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// Every key of the configuration is validated, and a bad value names its key in one message.
class TestKioskConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QByteArray validIni()
    {
        return "[centre]\n"
               "id=c1\n"
               "name=幸福社区党群服务中心\n"
               "issuer=street-1\n"
               "[kiosk]\n"
               "id=k1\n"
               "[share]\n"
               "path=share\n"
               "id=s1\n";
    }

    QString write(const QByteArray &content)
    {
        const QString path = m_dir.filePath(QStringLiteral("kiosk.ini"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        return path;
    }

    // Replaces or adds `key=value` in section `section` of the valid file.
    static QByteArray with(const QByteArray &section, const QByteArray &key, const QByteArray &value)
    {
        QByteArray ini = validIni();
        const QByteArray header = "[" + section + "]\n";
        QList<QByteArray> lines = ini.split('\n');
        bool replaced = false;
        QByteArray current;
        for (QByteArray &line : lines) {
            if (line.startsWith('['))
                current = line;
            else if (current == header.trimmed() && line.startsWith(key + "=")) {
                line = key + "=" + value;
                replaced = true;
            }
        }
        ini = lines.join('\n');
        if (!replaced)
            ini += header + key + "=" + value + "\n";
        return ini;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char *d : {"media", "content", "trusted-issuers", "other"})
            QVERIFY(QDir(m_dir.path()).mkpath(QLatin1String(d)));
    }

    void validFileWithDefaults()
    {
        ConfigError error;
        const auto c = KioskConfig::load(write(validIni()), &error);
        QVERIFY2(c, qPrintable(error.toString()));
        QCOMPARE(c->centreId, QStringLiteral("c1"));
        QCOMPARE(c->centreName, QStringLiteral("幸福社区党群服务中心"));
        QCOMPARE(c->issuerId, QStringLiteral("street-1"));
        QCOMPARE(c->kioskId, QStringLiteral("k1"));
        QCOMPARE(c->shareId, QStringLiteral("s1"));
        QCOMPARE(c->idleTimeoutSeconds, 60);
        QCOMPARE(c->resultScreenSeconds, 4);
        QCOMPARE(c->orientation, KioskConfig::Orientation::Portrait);
        QCOMPARE(c->rotationDegrees, 0);
        QCOMPARE(c->language, QStringLiteral("zh_CN"));
        QCOMPARE(c->audioVolume, 80);
        QVERIFY(c->oncePerDay);
        // Relative paths are relative to the INI file's folder.
        QCOMPARE(c->sharePath, QDir(m_dir.path()).filePath(QStringLiteral("share")));
        QCOMPARE(c->dataDir, QDir(m_dir.path()).filePath(QStringLiteral("data")));
        QCOMPARE(c->trustedIssuersDir, QDir(m_dir.path()).filePath(QStringLiteral("trusted-issuers")));
        QVERIFY(c->databasePath().startsWith(c->dataDir));
    }

    void explicitValues()
    {
        QByteArray ini = validIni();
        ini += "[kiosk]\norientation=landscape\nrotation=270\nidle_timeout_s=90\nresult_screen_s=6\n"
               "[paths]\nmedia_dir=other\n[checkin]\nonce_per_day=false\n"
               "[admin]\npin_hash=$argon2id$v=19$m=65536,t=2,p=1$abc$def\n[audio]\nvolume=0\n";
        // QSettings merges repeated sections.
        ConfigError error;
        const auto c = KioskConfig::load(write(ini), &error);
        QVERIFY2(c, qPrintable(error.toString()));
        QCOMPARE(c->orientation, KioskConfig::Orientation::Landscape);
        QCOMPARE(c->rotationDegrees, 270);
        QCOMPARE(c->idleTimeoutSeconds, 90);
        QCOMPARE(c->resultScreenSeconds, 6);
        QCOMPARE(c->mediaDir, QDir(m_dir.path()).filePath(QStringLiteral("other")));
        QVERIFY(!c->oncePerDay);
        QVERIFY(c->adminPinHash.startsWith(QStringLiteral("$argon2id$")));
        QCOMPARE(c->audioVolume, 0);
    }

    void badValue_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("words");

        QTest::newRow("centre id missing") << with("centre", "id", "") << "centre/id" << "必须填写";
        QTest::newRow("centre id with slash") << with("centre", "id", "../etc") << "centre/id" << "不是有效的编号";
        QTest::newRow("centre name missing") << with("centre", "name", "") << "centre/name" << "必须填写";
        QTest::newRow("centre name too long") << with("centre", "name", QByteArray(41 * 3, 'x').replace("xxx", "党"))
                                              << "centre/name" << "过长";
        QTest::newRow("issuer missing") << with("centre", "issuer", "") << "centre/issuer" << "必须填写";
        QTest::newRow("kiosk id missing") << with("kiosk", "id", "") << "kiosk/id" << "必须填写";
        QTest::newRow("orientation") << with("kiosk", "orientation", "diagonal") << "kiosk/orientation" << "portrait";
        QTest::newRow("rotation") << with("kiosk", "rotation", "45") << "kiosk/rotation" << "0、90、180 或 270";
        QTest::newRow("idle not a number") << with("kiosk", "idle_timeout_s", "soon") << "kiosk/idle_timeout_s" << "整数";
        QTest::newRow("idle too short") << with("kiosk", "idle_timeout_s", "3") << "kiosk/idle_timeout_s" << "10 到 3600";
        QTest::newRow("result too long") << with("kiosk", "result_screen_s", "600") << "kiosk/result_screen_s" << "1 到 60";
        QTest::newRow("language") << with("kiosk", "language", "fr_FR") << "kiosk/language" << "zh_CN";
        QTest::newRow("share path missing") << with("share", "path", "") << "share/path" << "必须填写";
        QTest::newRow("share id missing") << with("share", "id", "") << "share/id" << "必须填写";
        QTest::newRow("media dir missing") << with("paths", "media_dir", "nowhere") << "paths/media_dir" << "不存在";
        QTest::newRow("content dir missing") << with("paths", "content_dir", "nowhere") << "paths/content_dir" << "不存在";
        QTest::newRow("issuers dir missing") << with("paths", "trusted_issuers_dir", "nowhere")
                                             << "paths/trusted_issuers_dir" << "不存在";
        QTest::newRow("plain pin") << with("admin", "pin_hash", "1234") << "admin/pin_hash" << "Argon2id";
        QTest::newRow("once per day") << with("checkin", "once_per_day", "sometimes") << "checkin/once_per_day" << "true 或 false";
        QTest::newRow("camera file missing") << with("camera", "file", "none.mp4") << "camera/file" << "不存在";
        QTest::newRow("sync interval too short") << with("sync", "interval_s", "1") << "sync/interval_s" << "5 到 86400";
        QTest::newRow("volume too loud") << with("audio", "volume", "101") << "audio/volume" << "0 到 100";
        QTest::newRow("volume not a number") << with("audio", "volume", "loud") << "audio/volume" << "整数";
        QTest::newRow("unknown key") << with("kiosk", "idle_timout_s", "60") << "kiosk/idle_timout_s" << "未知";
    }
    void badValue()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, key);
        QFETCH(QString, words);
        ConfigError error;
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QRegularExpression::escape(key)));
        const auto c = KioskConfig::load(write(ini), &error);
        QVERIFY(!c);
        QCOMPARE(error.key, key);
        QVERIFY2(error.message.contains(words), qPrintable(error.toString()));
        QVERIFY(error.toString().contains(key));
    }

    // kiosk.example.ini is the documentation of the keys: it must list each key the loader
    // knows, and nothing else.
    void exampleDocumentsEveryKey()
    {
        QSettings example(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/kiosk.example.ini"), QSettings::IniFormat);
        QCOMPARE(example.status(), QSettings::NoError);
        QStringList documented = example.allKeys();
        QStringList known = KioskConfig::knownKeys();
        documented.sort();
        known.sort();
        QCOMPARE(documented, known);
    }

    void missingFile()
    {
        ConfigError error;
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("找不到")));
        QVERIFY(!KioskConfig::load(m_dir.filePath(QStringLiteral("absent.ini")), &error));
        QVERIFY(error.message.contains(QStringLiteral("找不到")));
    }
};

QTEST_GUILESS_MAIN(TestKioskConfig)
#include "tst_kioskconfig.moc"
