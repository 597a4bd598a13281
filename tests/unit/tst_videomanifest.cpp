#include "srtsubtitles.h"
#include "videomanifest.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// videos.json validation (every problem listed, never a crash) and SRT subtitles.
class TestVideoManifest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    void touch(const QString &name)
    {
        QFile f(QDir(m_dir.path()).filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }

    static bool mentions(const QStringList &problems, const QString &what)
    {
        for (const QString &p : problems) {
            if (p.contains(what))
                return true;
        }
        return false;
    }

    VideoManifestResult parse(const QByteArray &json) { return VideoManifest::parse(json, m_dir.path()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        touch(QStringLiteral("a.mp4"));
        touch(QStringLiteral("b.mp4"));
        touch(QStringLiteral("a.srt"));
        touch(QStringLiteral("a.png"));
    }

    void validManifest()
    {
        const auto r = parse(R"({"format": 1, "videos": [
            {"id": "a", "title": "廉洁从政", "category": "廉政教育", "description": "说明", "file": "a.mp4",
             "duration": 31, "credit": 0.5, "subtitle": "a.srt", "poster": "a.png"},
            {"id": "b", "title": "警示", "category": "警示教育", "file": "b.mp4", "duration": 120.4, "credit": 1}]})");
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.videos.size(), 2);
        const VideoEntry &a = r.videos.at(0);
        QCOMPARE(a.id, QStringLiteral("a"));
        QCOMPARE(a.title, QStringLiteral("廉洁从政"));
        QCOMPARE(a.category, QStringLiteral("廉政教育"));
        QCOMPARE(a.description, QStringLiteral("说明"));
        QCOMPARE(a.file, QDir(m_dir.path()).filePath(QStringLiteral("a.mp4")));
        QCOMPARE(a.subtitleFile, QDir(m_dir.path()).filePath(QStringLiteral("a.srt")));
        QCOMPARE(a.posterFile, QDir(m_dir.path()).filePath(QStringLiteral("a.png")));
        QCOMPARE(a.durationSeconds, 31);
        QCOMPARE(a.credit, 0.5);
        QCOMPARE(r.videos.at(1).durationSeconds, 120);
        QVERIFY(r.videos.at(1).subtitleFile.isEmpty());
    }

    void bareArrayIsAccepted()
    {
        const auto r = parse(R"([{"id": "a", "title": "t", "category": "党史", "file": "a.mp4", "duration": 5, "credit": 0}])");
        QVERIFY(r.problems.isEmpty());
        QCOMPARE(r.videos.size(), 1);
    }

    void problemsAreListedAndBadVideosLeftOut()
    {
        const auto r = parse(R"({"videos": [
            {"id": "missing", "title": "t", "category": "廉政教育", "file": "nope.mp4", "duration": 30, "credit": 1},
            {"id": "dur", "title": "t", "category": "廉政教育", "file": "a.mp4", "duration": -3, "credit": 1},
            {"id": "durtext", "title": "t", "category": "廉政教育", "file": "a.mp4", "duration": "30", "credit": 1},
            {"id": "cat", "title": "t", "category": "娱乐", "file": "a.mp4", "duration": 30, "credit": 1},
            {"id": "escape", "title": "t", "category": "党史", "file": "../a.mp4", "duration": 30, "credit": 1},
            {"id": "abs", "title": "t", "category": "党史", "file": "/etc/passwd", "duration": 30, "credit": 1},
            {"id": "credit", "title": "t", "category": "党史", "file": "a.mp4", "duration": 30, "credit": 99},
            {"id": "keep", "title": "t", "category": "党史", "file": "a.mp4", "duration": 30, "credit": 1,
             "colour": "red", "subtitle": "gone.srt", "poster": "gone.png"},
            {"id": "keep", "title": "dup", "category": "党史", "file": "b.mp4", "duration": 30, "credit": 1},
            {"title": "no id", "category": "党史", "file": "a.mp4", "duration": 30, "credit": 1},
            "not an object"
        ], "extra": true})");
        QCOMPARE(r.videos.size(), 1);
        QCOMPARE(r.videos.constFirst().id, QStringLiteral("keep"));
        QCOMPARE(r.videos.constFirst().title, QStringLiteral("t"));
        QVERIFY(r.videos.constFirst().subtitleFile.isEmpty());
        QVERIFY(r.videos.constFirst().posterFile.isEmpty());
        const QStringList &p = r.problems;
        QVERIFY(mentions(p, QStringLiteral("未知的键“extra”")));
        QVERIFY(mentions(p, QStringLiteral("（missing）：视频文件“nope.mp4”不存在")));
        QVERIFY(mentions(p, QStringLiteral("（dur）：时长 duration 无效")));
        QVERIFY(mentions(p, QStringLiteral("（durtext）：时长 duration 无效")));
        QVERIFY(mentions(p, QStringLiteral("（cat）：分类“娱乐”无效")));
        QVERIFY(mentions(p, QStringLiteral("（escape）：视频路径“../a.mp4”无效")));
        QVERIFY(mentions(p, QStringLiteral("（abs）：视频路径“/etc/passwd”无效")));
        QVERIFY(mentions(p, QStringLiteral("（credit）：学时 credit 无效")));
        QVERIFY(mentions(p, QStringLiteral("（keep）：未知的键“colour”")));
        QVERIFY(mentions(p, QStringLiteral("（keep）：字幕文件“gone.srt”不存在")));
        QVERIFY(mentions(p, QStringLiteral("（keep）：封面文件“gone.png”不存在")));
        QVERIFY(mentions(p, QStringLiteral("id 与前面的视频重复")));
        QVERIFY(mentions(p, QStringLiteral("第 10 项：id 缺失或无效")));
        QVERIFY(mentions(p, QStringLiteral("第 11 项不是对象")));
        QCOMPARE(p.size(), 14);
    }

    void brokenFilesGiveOneProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("不是有效的 JSON");
        QTest::newRow("truncated") << QByteArray(R"({"videos": [{"id": "a",)") << QStringLiteral("不是有效的 JSON");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01", 4) << QStringLiteral("不是有效的 JSON");
        QTest::newRow("no list") << QByteArray(R"({"format": 1})") << QStringLiteral("缺少 videos 列表");
        QTest::newRow("list is a string") << QByteArray(R"({"videos": "a.mp4"})") << QStringLiteral("缺少 videos 列表");
    }
    void brokenFilesGiveOneProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto r = parse(json);
        QVERIFY(r.videos.isEmpty());
        QVERIFY2(mentions(r.problems, expected), qPrintable(r.problems.join(u'\n')));
    }

    void missingManifestFile()
    {
        QTemporaryDir empty;
        const auto r = VideoManifest::load(empty.path());
        QVERIFY(r.videos.isEmpty());
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems.constFirst().contains(QStringLiteral("无法读取视频清单")));
    }

    void shippedManifestMatchesTheFormat()
    {
        // media/videos.json names files that are generated at build time; only the keys and
        // values are checked here, so every problem must be about a missing file.
        const auto r = VideoManifest::load(QStringLiteral(KIOSK_SOURCE_DIR "/media"));
        QVERIFY(!r.problems.isEmpty());
        for (const QString &p : r.problems)
            QVERIFY2(p.contains(QStringLiteral("不存在")), qPrintable(p));
    }

    void srtParses()
    {
        const QByteArray srt = "\xEF\xBB\xBF" "1\r\n00:00:00,500 --> 00:00:04,455\r\n这是一部警示教育短片。\r\n\r\n"
                               "2\r\n00:00:05.055 --> 00:00:13,437 X1:10\r\n第一行\r\n第二行\r\n\r\n"
                               "00:00:20,000 --> 00:00:21,000\r\n没有序号\r\n";
        const SrtSubtitles s = SrtSubtitles::parse(srt);
        QVERIFY2(s.problems().isEmpty(), qPrintable(s.problems().join(u'\n')));
        QCOMPARE(s.cues().size(), 3);
        QCOMPARE(s.cues().at(0).startMs, 500);
        QCOMPARE(s.cues().at(0).endMs, 4455);
        QCOMPARE(s.cues().at(1).text, QStringLiteral("第一行\n第二行"));
        QCOMPARE(s.textAt(0), QString());
        QCOMPARE(s.textAt(500), QStringLiteral("这是一部警示教育短片。"));
        QCOMPARE(s.textAt(4455), QString()); // the end is exclusive
        QCOMPARE(s.textAt(6000), QStringLiteral("第一行\n第二行"));
        QCOMPARE(s.textAt(20'500), QStringLiteral("没有序号"));
        QCOMPARE(s.textAt(99'000), QString());
    }

    void srtSkipsBadBlocks()
    {
        const QByteArray srt = "1\n00:00:01,000 --> 00:00:02,000\nok\n\n"
                               "2\nno times here\n\n"
                               "3\n00:00:05,000 --> 00:00:04,000\nbackwards\n\n"
                               "4\n00:00:06,000 --> 00:00:07,000\nstill ok\n";
        const SrtSubtitles s = SrtSubtitles::parse(srt);
        QCOMPARE(s.cues().size(), 2);
        QCOMPARE(s.problems().size(), 2);
        QCOMPARE(s.textAt(6'500), QStringLiteral("still ok"));
        // GB18030 from a Windows tool reads the same.
        const SrtSubtitles gbk = SrtSubtitles::parse(QByteArray("1\n00:00:01,000 --> 00:00:02,000\n") +
                                                     QByteArray("\xc1\xae\xd5\xfe")); // 廉政
        QCOMPARE(gbk.textAt(1'500), QStringLiteral("廉政"));
        QVERIFY(SrtSubtitles::load(QStringLiteral("/no/such.srt")).isEmpty());
        QVERIFY(SrtSubtitles::parse(QByteArray()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVideoManifest)
#include "tst_videomanifest.moc"
