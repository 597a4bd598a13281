#include "announcementmodel.h"
#include "announcements.h"
#include "clock.h"
#include "contentvalidator.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// announcements.json (issue 10): the format, every validation message, the show-from/until
// window against a fixed Clock, the sync's content check, and the attract screen's model.
class TestAnnouncements : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString folder(const QString &name)
    {
        const QString f = m_dir.filePath(name);
        QDir().mkpath(f);
        return f;
    }

    static void write(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(data), data.size());
    }

    static void writeImage(const QString &path)
    {
        QImage img(40, 30, QImage::Format_RGB32);
        img.fill(Qt::red);
        QVERIFY(img.save(path));
    }

    // Three items: a December notice with a picture, a story for the whole of 2026, and a
    // notice that ended in November.
    static QByteArray sample()
    {
        return R"({"format": 1, "announcements": [
            {"id": "n-12", "kind": "通知", "title": "12 月主题党日安排", "text": "12 月 5 日上午九点在二楼会议室。",
             "image": "notice.png", "show_from": "2026-12-01", "show_until": "2026-12-31"},
            {"id": "s-1", "kind": "先进典型", "title": "老党员王阿姨的志愿服务", "text": "三十年如一日服务社区。",
             "show_from": "2026-01-01", "show_until": "2026-12-31"},
            {"id": "n-11", "kind": "通知", "title": "11 月党费收缴", "text": "请于 11 月底前交纳。",
             "show_from": "2026-11-01", "show_until": "2026-11-30"}]})";
    }

    QString sampleFolder()
    {
        const QString f = folder(QStringLiteral("sample"));
        writeImage(QDir(f).filePath(QStringLiteral("notice.png")));
        write(QDir(f).filePath(Announcements::fileName()), sample());
        return f;
    }

    static QStringList problemsOf(const QByteArray &item, const QString &dir)
    {
        return Announcements::parse(QByteArray(R"({"format": 1, "announcements": [)") + item + "]}", dir).problems;
    }

private slots:
    void parsesEveryField()
    {
        const QString f = sampleFolder();
        const AnnouncementsResult r = Announcements::load(f);
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u'\n')));
        QCOMPARE(r.items.size(), 3);
        const Announcement &a = r.items.at(0);
        QCOMPARE(a.id, QStringLiteral("n-12"));
        QCOMPARE(a.kind, QStringLiteral("通知"));
        QCOMPARE(a.title, QStringLiteral("12 月主题党日安排"));
        QCOMPARE(a.text, QStringLiteral("12 月 5 日上午九点在二楼会议室。"));
        QCOMPARE(a.imagePath, QDir(f).absoluteFilePath(QStringLiteral("notice.png")));
        QCOMPARE(a.showFrom, QDate(2026, 12, 1));
        QCOMPARE(a.showUntil, QDate(2026, 12, 31));
        QCOMPARE(r.items.at(1).kind, QStringLiteral("先进典型"));
        QVERIFY(r.items.at(1).imagePath.isEmpty());
    }

    void missingFileMeansNoAnnouncements()
    {
        const AnnouncementsResult r = Announcements::load(folder(QStringLiteral("empty")));
        QVERIFY(r.ok());
        QVERIFY(r.items.isEmpty());
    }

    void validationMessages_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = R"("id": "a", "kind": "通知", "title": "标题", "text": "正文", "show_from": "2026-12-01", "show_until": "2026-12-31")";
        QTest::newRow("unknown kind") << QByteArray(R"({"id": "a", "kind": "新闻", "title": "t", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31"})")
                                      << QStringLiteral("类型“新闻”不在 通知、先进典型 之中");
        QTest::newRow("missing title") << QByteArray(R"({"id": "a", "kind": "通知", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31"})")
                                       << QStringLiteral("缺少字段“title”");
        QTest::newRow("empty text") << QByteArray(R"({"id": "a", "kind": "通知", "title": "t", "text": " ", "show_from": "2026-12-01", "show_until": "2026-12-31"})")
                                    << QStringLiteral("正文不能为空");
        QTest::newRow("bad date") << QByteArray(R"({"id": "a", "kind": "通知", "title": "t", "text": "x", "show_from": "2026-13-01", "show_until": "2026-12-31"})")
                                  << QStringLiteral("字段“show_from”的日期“2026-13-01”无效（应为 YYYY-MM-DD）");
        QTest::newRow("until before from") << QByteArray(R"({"id": "a", "kind": "通知", "title": "t", "text": "x", "show_from": "2026-12-31", "show_until": "2026-12-01"})")
                                           << QStringLiteral("结束展示日期早于开始展示日期");
        QTest::newRow("too long a period") << QByteArray(R"({"id": "a", "kind": "通知", "title": "t", "text": "x", "show_from": "2026-01-01", "show_until": "2027-06-01"})")
                                           << QStringLiteral("展示期超过 366 天");
        QTest::newRow("image elsewhere") << ("{" + ok + R"(, "image": "../etc/passwd.png"})")
                                         << QStringLiteral("图片“../etc/passwd.png”无效：应为同一文件夹中的 .png 或 .jpg 文件名");
        QTest::newRow("image missing") << ("{" + ok + R"(, "image": "gone.jpg"})") << QStringLiteral("图片文件“gone.jpg”不存在");
        QTest::newRow("unknown field") << ("{" + ok + R"(, "colour": "red"})") << QStringLiteral("未知字段“colour”");
        QTest::newRow("bad id") << QByteArray(R"({"id": "a b", "kind": "通知", "title": "t", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31"})")
                                << QStringLiteral("编号“a b”无效（1–64 个字母、数字或 . _ : -）");
        QTest::newRow("title too long") << ("{" + QByteArray(R"("id": "a", "kind": "通知", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31", "title": ")")
                                            + QString(61, QChar(u'字')).toUtf8() + "\"}")
                                        << QStringLiteral("标题过长（最多 60 字）");
        QTest::newRow("duplicate id") << ("{" + ok + "}, {" + ok + "}") << QStringLiteral("第 2 条公告（a）：编号重复");
    }
    void validationMessages()
    {
        QFETCH(QByteArray, item);
        QFETCH(QString, expected);
        const QStringList problems = problemsOf(item, folder(QStringLiteral("v")));
        QVERIFY2(!problems.isEmpty(), "the item was accepted");
        bool found = false;
        for (const QString &p : problems)
            found = found || p.endsWith(expected);
        QVERIFY2(found, qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.first().startsWith(QStringLiteral("第 ")), "problems name the item");
    }

    void fileLevelProblems()
    {
        const QString dir = folder(QStringLiteral("f"));
        QVERIFY(Announcements::parse("{", dir).problems.first().startsWith(QStringLiteral("不是有效的 JSON")));
        QCOMPARE(Announcements::parse(R"({"announcements": []})", dir).problems,
                 QStringList{QStringLiteral("缺少格式版本或版本不受支持（应为 \"format\": 1）")});
        QCOMPARE(Announcements::parse(R"({"format": 1})", dir).problems, QStringList{QStringLiteral("缺少公告列表“announcements”")});
        // One bad item leaves the others in.
        const AnnouncementsResult r = Announcements::parse(
            R"({"format": 1, "announcements": [7, {"id": "a", "kind": "通知", "title": "t", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31"}]})", dir);
        QCOMPARE(r.problems, QStringList{QStringLiteral("第 1 条公告不是对象")});
        QCOMPARE(r.items.size(), 1);
    }

    void showingFollowsTheClock()
    {
        const AnnouncementsResult r = Announcements::load(sampleFolder());
        FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(23, 59)));
        auto ids = [&] {
            QStringList out;
            for (const Announcement &a : Announcements::showing(r.items, clock.localDate()))
                out << a.id;
            return out;
        };
        QCOMPARE(ids(), (QStringList{QStringLiteral("s-1"), QStringLiteral("n-11")})); // December's not yet
        clock.advance(60 * 1000);
        QCOMPARE(ids(), (QStringList{QStringLiteral("n-12"), QStringLiteral("s-1")})); // November's expired
        clock.set(QDateTime(QDate(2027, 1, 1), QTime(0, 0)));
        QVERIFY(ids().isEmpty());
    }

    void contentValidatorUsesTheParser()
    {
        const QString staged = m_dir.filePath(QStringLiteral("staged"));
        const QString ann = QDir(staged).filePath(QStringLiteral("announcements"));
        QDir().mkpath(ann);
        write(QDir(ann).filePath(Announcements::fileName()),
              R"({"format": 1, "announcements": [{"id": "a", "kind": "通知", "title": "t", "text": "x", "image": "p.jpg", "show_from": "2026-12-01", "show_until": "2026-12-31"}]})");
        const QString rel = QStringLiteral("announcements/announcements.json");
        const QStringList problems = ContentValidator::validate(staged, rel);
        QCOMPARE(problems, QStringList{QStringLiteral("announcements/announcements.json: 第 1 条公告（a）：图片文件“p.jpg”不存在")});
        writeImage(QDir(ann).filePath(QStringLiteral("p.jpg")));
        QCOMPARE(ContentValidator::validate(staged, rel), QStringList());
        QCOMPARE(ContentValidator::validate(staged, QStringLiteral("announcements/p.jpg")), QStringList());
    }

    void modelShowsTodaysItems()
    {
        const QString f = sampleFolder();
        FixedClock clock(QDateTime(QDate(2026, 11, 15), QTime(10, 0)));
        AnnouncementModel model(f, clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0), AnnouncementModel::IdRole).toString(), QStringLiteral("s-1"));
        QCOMPARE(model.data(model.index(0), AnnouncementModel::ExemplaryRole).toBool(), true);
        QCOMPARE(model.data(model.index(1), AnnouncementModel::TitleRole).toString(), QStringLiteral("11 月党费收缴"));
        const QHash<int, QByteArray> roles = model.roleNames();
        for (const QByteArray name : {"announcementId", "kind", "title", "body", "image", "exemplary"})
            QVERIFY2(roles.values().contains(name), name.constData());

        // A month later: the refresh the attract screen asks for drops November's and adds December's.
        QSignalSpy count(&model, &AnnouncementModel::countChanged);
        clock.set(QDateTime(QDate(2026, 12, 2), QTime(8, 0)));
        model.refresh();
        QCOMPARE(count.size(), 1);
        QCOMPARE(model.data(model.index(0), AnnouncementModel::IdRole).toString(), QStringLiteral("n-12"));
        QCOMPARE(model.data(model.index(0), AnnouncementModel::ImageRole).toUrl(),
                 QUrl::fromLocalFile(QDir(f).absoluteFilePath(QStringLiteral("notice.png"))));

        // The sync puts a new distribution in service: reload reads the file again.
        write(QDir(f).filePath(Announcements::fileName()),
              R"({"format": 1, "announcements": [{"id": "only", "kind": "先进典型", "title": "t", "text": "x", "show_from": "2026-12-01", "show_until": "2026-12-31"}]})");
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), AnnouncementModel::IdRole).toString(), QStringLiteral("only"));
        QVERIFY(model.problems().isEmpty());
        write(QDir(f).filePath(Announcements::fileName()), "{broken");
        model.reload();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.problems().size(), 1);
    }

    void samplesAreValid()
    {
        // The sample content demo mode copies (kiosk-config/samples) passes the sync's checks.
        const QString samples = QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content");
        const AnnouncementsResult r = Announcements::load(QDir(samples).filePath(QStringLiteral("announcements")));
        QVERIFY2(r.ok(), qPrintable(r.problems.join(u'\n')));
        QVERIFY(r.items.size() >= 2);
        bool story = false;
        for (const Announcement &a : r.items)
            story = story || a.kind == u"先进典型";
        QVERIFY(story);
    }
};

QTEST_GUILESS_MAIN(TestAnnouncements)
#include "tst_announcements.moc"
