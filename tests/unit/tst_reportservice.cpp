#include "checkinservice.h"
#include "clock.h"
#include "database.h"
#include "issuerkey.h"
#include "membercode.h"
#include "organisationdirectory.h"
#include "reportservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// 流动党员报到 (issue 4): validation, one transaction for member + report + check-in, the
// second visit, and the staff query per home organisation.
class TestReportService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 27), QTime(9, 0))};
    IssuerKey m_other = IssuerKey::generate(QStringLiteral("street-2"));

    struct Fixture
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<MemberCodeVerifier> verifier;
        std::unique_ptr<CheckinService> checkin;
        std::unique_ptr<ReportService> report;
    };

    Fixture make()
    {
        Fixture f;
        f.db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("r%1.sqlite").arg(++m_n)));
        if (!f.db->open())
            qFatal("database: %s", qPrintable(f.db->errorString()));
        f.verifier = std::make_unique<MemberCodeVerifier>(m_clock);
        f.verifier->addTrustedIssuer(m_other.issuer(), m_other.publicKey());
        const CheckinSettings settings{QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("street-1"), true};
        f.checkin = std::make_unique<CheckinService>(*f.db, *f.verifier, m_clock, settings);
        f.report = std::make_unique<ReportService>(*f.db, *f.checkin, m_clock, settings);
        return f;
    }

    static ReportForm goodForm()
    {
        ReportForm form;
        form.name = QStringLiteral("李流动");
        form.phone = QStringLiteral("13800138000");
        form.organisation = QStringLiteral("湖南省长沙县江背镇党委");
        form.certificate = QStringLiteral("HN-2026-0042");
        form.currentPlace = QStringLiteral("光明科技园");
        form.consent = true;
        return form;
    }

    static int count(Fixture &f, const QString &sql)
    {
        QSqlQuery q(f.db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private slots:
    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << "name" << "" << "请填写姓名";
        QTest::newRow("short phone") << "phone" << "1380013800" << "手机号码应为 1 开头的 11 位数字";
        QTest::newRow("letters in phone") << "phone" << "1380013800a" << "手机号码应为 1 开头的 11 位数字";
        QTest::newRow("no phone") << "phone" << "" << "请填写手机号码";
        QTest::newRow("no organisation") << "organisation" << " " << "请选择或填写您的组织关系所在党组织";
        QTest::newRow("no consent") << "consent" << "" << "请阅读说明并勾选同意后再提交";
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        ReportForm form = goodForm();
        if (field == u"name")
            form.name = value;
        else if (field == u"phone")
            form.phone = value;
        else if (field == u"organisation")
            form.organisation = value;
        else
            form.consent = false;
        const QMap<QString, QString> errors = ReportService::validate(form);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.value(field), message);
        // Nothing is written for a rejected form.
        Fixture f = make();
        const ReportResult r = f.report->submit(form);
        QVERIFY(!r.accepted());
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox")), 0);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM members")), 0);
    }

    void reportWithoutCodeRegistersReportsAndChecksIn()
    {
        Fixture f = make();
        const ReportResult r = f.report->submit(goodForm());
        QVERIFY(r.accepted());
        QCOMPARE(r.checkin.outcome, CheckinResult::Outcome::CheckedIn);
        QVERIFY(r.checkin.flowing);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM members WHERE issuer = 'report' AND member_id = "
                                         "'tel-13800138000' AND kind = 'flowing' AND source = 'report' AND "
                                         "phone = '13800138000'")),
                 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE kind = 'flowing' AND method = 'manual'")),
                 1);
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT kind, payload FROM outbox ORDER BY seq")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("flowing_report_in"));
        const QJsonObject payload = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("id")).toString(), r.reportId);
        QCOMPARE(payload.value(QStringLiteral("home_organisation")).toString(), QStringLiteral("湖南省长沙县江背镇党委"));
        QCOMPARE(payload.value(QStringLiteral("certificate_no")).toString(), QStringLiteral("HN-2026-0042"));
        QCOMPARE(payload.value(QStringLiteral("local_date")).toString(), QStringLiteral("2026-11-27"));
        QCOMPARE(payload.value(QStringLiteral("centre_id")).toString(), QStringLiteral("c1"));
        QVERIFY(payload.value(QStringLiteral("consent")).toBool());
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("checkin"));
        QVERIFY(!q.next());
        // Found by phone next time (manual check-in).
        QCOMPARE(f.checkin->membersByPhone(QStringLiteral("13800138000")).size(), 1);
    }

    void scanNeedsReportThenSecondVisitChecksInDirectly()
    {
        Fixture f = make();
        MemberCode c;
        c.memberId = QStringLiteral("x9");
        c.name = QStringLiteral("王五");
        c.org = QStringLiteral("四川省广安市岳池县城关镇党委");
        c.kind = MemberCode::Kind::Member;
        c.issuedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QString error;
        const QString text = m_other.sign(c, &error);
        QVERIFY2(!text.isEmpty(), qPrintable(error));

        const CheckinResult first = f.checkin->checkInCode(text);
        QCOMPARE(first.outcome, CheckinResult::Outcome::NeedsReport);
        QCOMPARE(first.name, QStringLiteral("王五"));
        QCOMPARE(first.organisation, QStringLiteral("四川省广安市岳池县城关镇党委"));
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox")), 0);

        ReportForm form = goodForm();
        form.issuer = first.issuer;
        form.memberId = first.memberId;
        form.name = first.name;
        form.organisation = first.organisation;
        const ReportResult r = f.report->submit(form);
        QVERIFY(r.accepted());
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins WHERE issuer = 'street-2' AND member_id = 'x9' "
                                         "AND method = 'qr'")),
                 1);

        // The next day: the same code checks in at once.
        m_clock.set(QDateTime(QDate(2026, 11, 28), QTime(9, 0)));
        const CheckinResult again = f.checkin->checkInCode(text);
        QCOMPARE(again.outcome, CheckinResult::Outcome::CheckedIn);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'flowing_report_in'")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM outbox WHERE kind = 'checkin'")), 2);
        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(9, 0)));
    }

    void reportingTwiceTheSameDayUpdatesAndDoesNotDuplicateTheCheckin()
    {
        Fixture f = make();
        QVERIFY(f.report->submit(goodForm()).accepted());
        ReportForm form = goodForm();
        form.organisation = QStringLiteral("湖南省长沙县江背镇党委第二支部");
        const ReportResult again = f.report->submit(form);
        QVERIFY(again.accepted());
        QCOMPARE(again.checkin.outcome, CheckinResult::Outcome::AlreadyCheckedIn);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM members")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM checkins")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM members WHERE organisation LIKE '%第二支部'")), 1);
    }

    void staffQueryPerHomeOrganisation()
    {
        Fixture f = make();
        ReportForm a = goodForm();
        QVERIFY(f.report->submit(a).accepted());
        ReportForm b = goodForm();
        b.name = QStringLiteral("陈外来");
        b.phone = QStringLiteral("13900139000");
        b.organisation = QStringLiteral("安徽省阜阳市临泉县流动党员党支部");
        QVERIFY(f.report->submit(b).accepted());
        // a comes back twice more on two days; b never again.
        const QString issuer = ReportService::selfReportIssuer();
        for (const QDate day : {QDate(2026, 11, 28), QDate(2026, 12, 3)}) {
            m_clock.set(QDateTime(day, QTime(10, 0)));
            QCOMPARE(f.checkin->checkInManual(issuer, QStringLiteral("tel-13800138000")).outcome,
                     CheckinResult::Outcome::CheckedIn);
        }
        m_clock.set(QDateTime(QDate(2026, 11, 27), QTime(9, 0)));

        const QList<FlowingAttendance> rows = f.report->flowingByOrganisation(QDate(2026, 11, 1), QDate(2026, 11, 30));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).organisation, QStringLiteral("安徽省阜阳市临泉县流动党员党支部"));
        QCOMPARE(rows.at(0).visits, 1);
        QCOMPARE(rows.at(1).organisation, QStringLiteral("湖南省长沙县江背镇党委"));
        QCOMPARE(rows.at(1).name, QStringLiteral("李流动"));
        QCOMPARE(rows.at(1).visits, 2); // 27th and 28th; 3 December is outside the period
        QCOMPARE(rows.at(1).days, 2);
        QCOMPARE(rows.at(1).lastDate, QStringLiteral("2026-11-28"));
        // Outside any visit: still listed, with no attendance.
        const QList<FlowingAttendance> january = f.report->flowingByOrganisation(QDate(2027, 1, 1), QDate(2027, 1, 31));
        QCOMPARE(january.size(), 2);
        QCOMPARE(january.at(0).visits, 0);
        QCOMPARE(january.at(0).lastDate, QString());
    }

    void organisationsSearchableByInitials()
    {
        const OrganisationDirectory dir = OrganisationDirectory::load(
            QStringLiteral(KIOSK_SOURCE_DIR "/kiosk-config/samples/content/organisations/organisations.json"));
        QVERIFY(dir.size() >= 10);
        for (const OrganisationDirectory::Entry &e : dir.entries())
            QVERIFY2(e.initials.size() >= e.name.size() - 1, qPrintable(e.name + u' ' + e.initials));
        QCOMPARE(dir.search(QStringLiteral("hnscsx")), QStringList{QStringLiteral("湖南省长沙县江背镇党委")});
        QVERIFY(dir.search(QStringLiteral("xfsq")).contains(QStringLiteral("幸福社区第一党支部")));
        QVERIFY(dir.search(QStringLiteral("幸福")).size() >= 3);
        QCOMPARE(dir.search(QString()).size(), dir.size());
        // The override for a polyphone: 银行 is yin-hang.
        QVERIFY(dir.search(QStringLiteral("jsyh")).contains(QStringLiteral("市建设银行第三党支部")));
        // A missing file is an empty list, not an error: the member types their organisation.
        QString error;
        QCOMPARE(OrganisationDirectory::load(m_dir.filePath(QStringLiteral("none.json")), &error).size(), 0);
        QVERIFY(error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReportService)
#include "tst_reportservice.moc"
