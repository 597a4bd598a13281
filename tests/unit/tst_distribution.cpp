#include "distribution.h"
#include "issuerkey.h"
#include "publisher.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sodium.h>

// Signed content in (design.md §5): a good set is swapped in whole; a bad signature, a checksum
// mismatch, a truncated file, invalid JSON in one file, a newer manifest format, an unsafe path,
// a foreign issuer or an old manifest put back are each refused with the reason, and the set in
// service stays exactly as it was.
class TestDistribution : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_share, m_dist, m_content, m_issuers, m_keyPath, m_otherKeyPath, m_foreignKeyPath;

    void write(const QString &relative, const QByteArray &bytes)
    {
        const QString path = QDir(m_dist).filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
    }

    QByteArray contentFile(const QString &relative) const
    {
        QFile f(QDir(m_content).filePath(relative));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

    static QByteArray sign(const QByteArray &message, const QString &keyPath)
    {
        QFile f(keyPath);
        f.open(QIODevice::ReadOnly);
        const QByteArray secret = QByteArray::fromBase64(f.readAll().trimmed());
        QByteArray sig(crypto_sign_BYTES, Qt::Uninitialized);
        crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr,
                             reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
                             reinterpret_cast<const unsigned char *>(secret.constData()));
        return sig.toBase64() + '\n';
    }

    // `checked` false: sign what publish itself would refuse, to see the kiosk refuse it too.
    qint64 publish(const QString &keyPath = {}, bool checked = true)
    {
        DistributionManifest m;
        QString error;
        if (!Publisher::publish(keyPath.isEmpty() ? m_keyPath : keyPath, m_dist, &m, &error, checked))
            qFatal("publish: %s", qPrintable(error));
        return m.version;
    }

    Distribution distribution() const
    {
        return Distribution(m_share, m_content, m_issuers, {QStringLiteral("street-1")});
    }

    static QByteArray roster(const QString &name)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("members"),
                                          QJsonArray{QJsonObject{{QStringLiteral("member_id"), QStringLiteral("M1")},
                                                                 {QStringLiteral("name"), name},
                                                                 {QStringLiteral("phone"), QStringLiteral("13800000001")},
                                                                 {QStringLiteral("organisation"), QStringLiteral("第一党支部")},
                                                                 {QStringLiteral("kind"), QStringLiteral("member")}}}}})
                .toJson();
    }

    // The state every case starts from: version 1 in service.
    void resetToVersionOne()
    {
        QDir(m_share).removeRecursively();
        QDir(m_content).removeRecursively();
        QDir().mkpath(m_content);
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("张三")));
        QFile bank(QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/quiz/dangzhang-dangui.json"));
        QVERIFY(bank.open(QIODevice::ReadOnly));
        write(QStringLiteral("quiz/dangzhang-dangui.json"), bank.readAll());
        write(QStringLiteral("events/events.json"), R"({"events":[]})");
        write(QStringLiteral("videos/clip.mp4"), QByteArray(3 * 1024 * 1024 + 17, 'v')); // several chunks
        write(QStringLiteral("videos/videos.json"),
              R"({"format":1,"videos":[{"id":"v1","title":"廉政教育","category":"廉政教育","file":"clip.mp4","duration":60,"credit":0.5}]})");
        QCOMPARE(publish(), 1);
        Distribution d = distribution();
        const DistributionResult r = d.update();
        QVERIFY2(r.outcome == DistributionResult::Outcome::Applied, qPrintable(r.error));
        QCOMPARE(d.appliedVersion(), 1);
    }

    void verifyStillVersionOne()
    {
        QCOMPARE(distribution().appliedVersion(), 1);
        QCOMPARE(contentFile(QStringLiteral("roster/roster.json")), roster(QStringLiteral("张三")));
        QCOMPARE(contentFile(QStringLiteral("events/events.json")), QByteArray(R"({"events":[]})"));
        QCOMPARE(contentFile(QStringLiteral("videos/clip.mp4")).size(), 3 * 1024 * 1024 + 17);
        // No staging folder is left next to the content folder.
        QCOMPARE(QDir(m_tmp.path()).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral("staging")),
                 QStringList());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_share = m_tmp.filePath(QStringLiteral("share"));
        m_dist = QDir(m_share).filePath(QStringLiteral("distribution"));
        m_content = m_tmp.filePath(QStringLiteral("content"));
        m_issuers = m_tmp.filePath(QStringLiteral("trusted-issuers"));
        const QString keys = m_tmp.filePath(QStringLiteral("keys"));
        const QString otherKeys = m_tmp.filePath(QStringLiteral("other-keys"));
        QVERIFY(IssuerKey::generate(QStringLiteral("street-1")).save(keys));
        QVERIFY(IssuerKey::generate(QStringLiteral("street-1")).save(otherKeys)); // same id, wrong key
        QVERIFY(IssuerKey::generate(QStringLiteral("street-2")).save(keys));      // another district
        m_keyPath = QDir(keys).filePath(QStringLiteral("street-1.key"));
        m_otherKeyPath = QDir(otherKeys).filePath(QStringLiteral("street-1.key"));
        m_foreignKeyPath = QDir(keys).filePath(QStringLiteral("street-2.key"));
        QDir().mkpath(m_issuers);
        for (const char *pub : {"street-1.pub", "street-2.pub"})
            QVERIFY(QFile::copy(QDir(keys).filePath(QLatin1String(pub)), QDir(m_issuers).filePath(QLatin1String(pub))));
    }

    void goodSetIsSwappedInWhole()
    {
        resetToVersionOne();
        verifyStillVersionOne();
        QVERIFY(QFile::exists(QDir(m_content).filePath(QStringLiteral("quiz/dangzhang-dangui.json"))));
        // Nothing new: nothing happens.
        QCOMPARE(distribution().update().outcome, DistributionResult::Outcome::Unchanged);

        // Version 2 changes the roster and drops the events: the set in service is exactly v2.
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("李四")));
        QVERIFY(QFile::remove(QDir(m_dist).filePath(QStringLiteral("events/events.json"))));
        QCOMPARE(publish(), 2);
        const DistributionResult r = distribution().update();
        QCOMPARE(r.outcome, DistributionResult::Outcome::Applied);
        QCOMPARE(r.version, 2);
        QCOMPARE(contentFile(QStringLiteral("roster/roster.json")), roster(QStringLiteral("李四")));
        QVERIFY(!QFile::exists(QDir(m_content).filePath(QStringLiteral("events/events.json"))));
        QCOMPARE(contentFile(QStringLiteral("videos/clip.mp4")).size(), 3 * 1024 * 1024 + 17);
    }

    void badContentKeepsPreviousSet_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("words");
        QTest::newRow("bad signature (same issuer id, wrong key)") << 0 << "签名无效";
        QTest::newRow("signed by another district") << 1 << "签名无效";
        QTest::newRow("signature missing") << 2 << "缺少签名";
        QTest::newRow("manifest edited after signing") << 3 << "签名无效";
        QTest::newRow("sha256 mismatch") << 4 << "sha256";
        QTest::newRow("truncated file") << 5 << "不完整";
        QTest::newRow("invalid JSON in one file") << 6 << "不是有效的 JSON";
        QTest::newRow("question bank refused by its parser") << 7 << "quiz/dangzhang-dangui.json";
        QTest::newRow("roster refused by its parser") << 8 << "roster/roster.json";
        QTest::newRow("video manifest names a missing file") << 9 << "videos/videos.json";
        QTest::newRow("newer manifest format") << 10 << "格式版本 2";
        QTest::newRow("path leaving the content folder") << 11 << "不允许";
        QTest::newRow("listed file missing") << 12 << "无法读取";
    }
    void badContentKeepsPreviousSet()
    {
        QFETCH(int, fault);
        QFETCH(QString, words);
        resetToVersionOne();
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("王五"))); // the change v2 would bring
        const QString manifestPath = QDir(m_dist).filePath(QStringLiteral("manifest.json"));
        auto resign = [&](const QByteArray &manifest, const QString &key) {
            write(QStringLiteral("manifest.json"), manifest);
            write(QStringLiteral("manifest.json.sig"), sign(manifest, key));
        };
        auto manifestJson = [&] {
            QFile f(manifestPath);
            f.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(f.readAll()).object();
        };
        switch (fault) {
        case 0: publish(m_otherKeyPath); break;
        case 1: {
            publish();
            QJsonObject m = manifestJson();
            m.insert(QStringLiteral("issuer"), QStringLiteral("street-2"));
            resign(QJsonDocument(m).toJson(), m_foreignKeyPath);
            break;
        }
        case 2: publish(); QFile::remove(manifestPath + QStringLiteral(".sig")); break;
        case 3: {
            publish();
            QFile f(manifestPath);
            f.open(QIODevice::ReadOnly);
            QByteArray bytes = f.readAll();
            f.close();
            write(QStringLiteral("manifest.json"), bytes.replace("\"version\": 2", "\"version\": 3"));
            break;
        }
        case 4: publish(); write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("赵六"))); break; // same size
        case 5: {
            // A new video (an unchanged one is linked from the set in service, not copied).
            write(QStringLiteral("videos/clip.mp4"), QByteArray(3 * 1024 * 1024 + 17, 'w'));
            publish();
            QFile f(QDir(m_dist).filePath(QStringLiteral("videos/clip.mp4")));
            QVERIFY(f.resize(1024 * 1024 + 5));
            break;
        }
        case 6: write(QStringLiteral("events/events.json"), R"({"events":[)"); publish({}, false); break;
        case 7: write(QStringLiteral("quiz/dangzhang-dangui.json"), R"({"format":1,"id":"x","questions":[]})"); publish({}, false); break;
        case 8: write(QStringLiteral("roster/roster.json"), R"({"members":[{"member_id":"M1"}]})"); publish({}, false); break;
        case 9:
            write(QStringLiteral("videos/videos.json"),
                  R"({"format":1,"videos":[{"id":"v1","title":"t","category":"廉政教育","file":"gone.mp4","duration":60,"credit":0.5}]})");
            publish({}, false);
            break;
        case 10: {
            publish();
            QJsonObject m = manifestJson();
            m.insert(QStringLiteral("format"), 2);
            resign(QJsonDocument(m).toJson(), m_keyPath);
            break;
        }
        case 11: {
            publish();
            QJsonObject m = manifestJson();
            QJsonArray files = m.value(QStringLiteral("files")).toArray();
            QJsonObject evil = files.at(0).toObject();
            evil.insert(QStringLiteral("path"), QStringLiteral("roster/../../trusted-issuers/street-9.pub"));
            files.append(evil);
            m.insert(QStringLiteral("files"), files);
            resign(QJsonDocument(m).toJson(), m_keyPath);
            break;
        }
        case 12: publish(); QFile::remove(QDir(m_dist).filePath(QStringLiteral("roster/roster.json"))); break;
        }
        Distribution d = distribution();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused")));
        const DistributionResult r = d.update();
        QCOMPARE(r.outcome, DistributionResult::Outcome::Rejected);
        QVERIFY2(r.error.contains(words), qPrintable(r.error));
        verifyStillVersionOne();
        // Asked again, the same refused manifest is not copied again, and still reported.
        const DistributionResult again = d.update();
        QCOMPARE(again.outcome, DistributionResult::Outcome::Rejected);
        QCOMPARE(again.error, r.error);

        // The office fixes it and publishes again: the next version goes in.
        resetToVersionOne();
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("王五")));
        publish();
        QCOMPARE(distribution().update().outcome, DistributionResult::Outcome::Applied);
        QCOMPARE(contentFile(QStringLiteral("roster/roster.json")), roster(QStringLiteral("王五")));
    }

    // publish refuses what a kiosk would refuse, each problem named, and signs nothing (issue 19:
    // a roster with bad rows used to be published and then thrown away by every kiosk).
    void publishRefusesWhatAKioskRefuses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("words");
        QTest::newRow("roster row without name") << "roster/roster.json" << QByteArray(R"({"members":[{"member_id":"M1"}]})")
                                                 << "roster/roster.json";
        QTest::newRow("member id in two roster files")
                << "roster/second.json" << roster(QStringLiteral("李四")) << "“M1”在 roster/roster.json 中已出现";
        QTest::newRow("events not JSON") << "events/events.json" << QByteArray(R"({"events":[)") << "events/events.json";
        QTest::newRow("empty question bank") << "quiz/dangzhang-dangui.json"
                                             << QByteArray(R"({"format":1,"id":"x","questions":[]})") << "quiz/dangzhang-dangui.json";
        QTest::newRow("video file missing")
                << "videos/videos.json"
                << QByteArray(R"({"format":1,"videos":[{"id":"v1","title":"t","category":"廉政教育","file":"gone.mp4","duration":60,"credit":0.5}]})")
                << "videos/videos.json";
        QTest::newRow("announcements not JSON") << "announcements/announcements.json" << QByteArray("{") << "announcements/announcements.json";
        QTest::newRow("revocation list bad") << "revoked/revoked.json" << QByteArray(R"({"format":1,"revoked":[{"iss":""}]})")
                                             << "revoked/revoked.json";
    }
    void publishRefusesWhatAKioskRefuses()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, words);
        resetToVersionOne();
        const QString manifestPath = QDir(m_dist).filePath(QStringLiteral("manifest.json"));
        QFile before(manifestPath);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray manifest = before.readAll();
        before.close();
        write(file, content);
        DistributionManifest m;
        QString error;
        QVERIFY(!Publisher::publish(m_keyPath, m_dist, &m, &error));
        QVERIFY2(error.contains(words) && error.contains(QStringLiteral("nothing was published")), qPrintable(error));
        QFile after(manifestPath);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), manifest);
        QFile::remove(QDir(m_dist).filePath(file));
    }

    void oldManifestPutBackIsIgnored()
    {
        resetToVersionOne();
        QFile m(QDir(m_dist).filePath(QStringLiteral("manifest.json")));
        QFile s(QDir(m_dist).filePath(QStringLiteral("manifest.json.sig")));
        QVERIFY(m.open(QIODevice::ReadOnly) && s.open(QIODevice::ReadOnly));
        const QByteArray v1 = m.readAll(), v1sig = s.readAll();
        m.close();
        s.close();
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("李四")));
        publish();
        QCOMPARE(distribution().update().outcome, DistributionResult::Outcome::Applied);
        // Someone with write access to the share restores the signed v1 (and its roster).
        write(QStringLiteral("roster/roster.json"), roster(QStringLiteral("张三")));
        write(QStringLiteral("manifest.json"), v1);
        write(QStringLiteral("manifest.json.sig"), v1sig);
        QCOMPARE(distribution().update().outcome, DistributionResult::Outcome::Unchanged);
        QCOMPARE(distribution().appliedVersion(), 2);
        QCOMPARE(contentFile(QStringLiteral("roster/roster.json")), roster(QStringLiteral("李四")));
    }
};

QTEST_GUILESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
