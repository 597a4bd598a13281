#include "clock.h"
#include "database.h"
#include "eventstore.h"
#include "filelayer.h"
#include "syncengine.h"
#include "synctestsupport.h"

#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

// Crash consistency (issue 11, design.md §9): a child process checks members in, registers them for
// an event, records quiz attempts, takes 流动党员报到 and records refused scans, all against one
// SQLite file, and is SIGKILLed at a random moment, again and again. After every kill the file
// must be intact, every action the child acknowledged must be there exactly once with its outbox
// row, and no outbox row may lack its domain row (nor the other way round). Finally one sync must
// put every committed record into exactly one batch on the share, and a second must send nothing.
//   CRASH_KILLS=N (default 200) sets the number of kills; CRASH_SEED=S replays a failed run.
class TestCrashConsistency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QHash<QString, QStringList> m_acks; // kind -> acknowledged ids ("report" holds report ids)
    QStringList m_reportCheckins;       // the check-in acknowledged with each report

    static qint64 count(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    static QHash<QString, int> column(Database &db, const QString &sql)
    {
        QHash<QString, int> seen;
        QSqlQuery q(db.connection());
        if (!q.exec(sql))
            qFatal("query failed: %s", qPrintable(sql));
        while (q.next())
            ++seen[q.value(0).toString()];
        return seen;
    }

    void readAcks(QProcess &child)
    {
        while (child.canReadLine()) {
            const QList<QByteArray> f = child.readLine().trimmed().split(' ');
            if (f.value(0) != "ack")
                continue;
            m_acks[QString::fromLatin1(f.value(1))].append(QString::fromLatin1(f.value(2)));
            if (f.value(1) == "report")
                m_reportCheckins.append(QString::fromLatin1(f.value(3)));
        }
    }

    // Every invariant of the file after a kill; returns what is wrong, empty when nothing.
    QString check(const QString &dbPath)
    {
        Database db(dbPath);
        if (!db.open())
            return QStringLiteral("reopen: ") + db.errorString();
        QSqlQuery integrity(db.connection());
        if (!integrity.exec(QStringLiteral("PRAGMA integrity_check")) || !integrity.next()
            || integrity.value(0).toString() != u"ok")
            return QStringLiteral("integrity_check: ") + integrity.value(0).toString();

        // No outbox row without the domain row it describes.
        const qint64 orphans = count(db, QStringLiteral(
            "SELECT count(*) FROM outbox o WHERE NOT CASE o.kind "
            "WHEN 'checkin' THEN EXISTS(SELECT 1 FROM checkins WHERE id = o.record_id) "
            "WHEN 'failed_scan' THEN EXISTS(SELECT 1 FROM failed_scans WHERE id = o.record_id) "
            "WHEN 'quiz_attempt' THEN EXISTS(SELECT 1 FROM quiz_attempts WHERE id = o.record_id) "
            "WHEN 'registration' THEN EXISTS(SELECT 1 FROM registration_log WHERE id = o.record_id) "
            "WHEN 'flowing_report_in' THEN EXISTS(SELECT 1 FROM members WHERE "
            "  issuer = json_extract(o.payload, '$.issuer') AND member_id = json_extract(o.payload, '$.member_id')) "
            "WHEN 'event' THEN EXISTS(SELECT 1 FROM events WHERE id = json_extract(o.payload, '$.event_id')) "
            "ELSE 0 END"));
        if (orphans)
            return QStringLiteral("%1 outbox rows without their domain row").arg(orphans);
        // ... nor a domain row without its outbox row, nor half an attempt or a doubled member.
        const QStringList unsent = {
            QStringLiteral("SELECT count(*) FROM checkins WHERE id NOT IN (SELECT record_id FROM outbox)"),
            QStringLiteral("SELECT count(*) FROM failed_scans WHERE id NOT IN (SELECT record_id FROM outbox)"),
            QStringLiteral("SELECT count(*) FROM quiz_attempts WHERE id NOT IN (SELECT record_id FROM outbox)"),
            QStringLiteral("SELECT count(*) FROM registration_log WHERE id NOT IN (SELECT record_id FROM outbox)"),
            QStringLiteral("SELECT count(*) FROM members WHERE source = 'report' AND member_id NOT IN (SELECT "
                           "json_extract(payload, '$.member_id') FROM outbox WHERE kind = 'flowing_report_in')"),
            QStringLiteral("SELECT count(*) FROM quiz_attempts a WHERE (SELECT count(*) FROM quiz_answers "
                           "WHERE attempt_id = a.id) <> 3"),
            QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM checkins GROUP BY issuer, member_id HAVING count(*) > 1)"),
            QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM registrations GROUP BY event_id, issuer, member_id "
                           "HAVING count(*) > 1)"),
            // The child never cancels, so each registration has its one "registered" log row.
            QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM registration_log GROUP BY registration_id "
                           "HAVING count(*) > 1)"),
        };
        for (const QString &sql : unsent) {
            if (const qint64 n = count(db, sql))
                return QStringLiteral("%1 rows violate: %2").arg(n).arg(sql);
        }

        // Every acknowledged action exactly once, with exactly one outbox row.
        const QHash<QString, int> outbox = column(db, QStringLiteral("SELECT record_id FROM outbox"));
        const auto present = [&](const QString &kind, const QStringList &ids, const QHash<QString, int> &domain,
                                 bool ownOutboxRow) -> QString {
            for (const QString &id : ids) {
                if (domain.value(id) != 1 || (ownOutboxRow && outbox.value(id) != 1))
                    return QStringLiteral("acknowledged %1 %2: %3 domain rows, %4 outbox rows")
                        .arg(kind, id).arg(domain.value(id)).arg(outbox.value(id));
            }
            return {};
        };
        const QHash<QString, int> checkins = column(db, QStringLiteral("SELECT id FROM checkins"));
        const QHash<QString, int> reports =
            column(db, QStringLiteral("SELECT record_id FROM outbox WHERE kind = 'flowing_report_in'"));
        // A registration's outbox record is its log row ("registered"), not the registration itself.
        const QHash<QString, int> registered = column(db, QStringLiteral(
            "SELECT l.registration_id FROM registration_log l JOIN outbox o ON o.record_id = l.id "
            "WHERE l.change = 'registered'"));
        QString wrong = present(QStringLiteral("checkin"), m_acks.value(QStringLiteral("checkin")), checkins, true);
        if (wrong.isEmpty())
            wrong = present(QStringLiteral("failed_scan"), m_acks.value(QStringLiteral("failed_scan")),
                            column(db, QStringLiteral("SELECT id FROM failed_scans")), true);
        if (wrong.isEmpty())
            wrong = present(QStringLiteral("quiz"), m_acks.value(QStringLiteral("quiz")),
                            column(db, QStringLiteral("SELECT id FROM quiz_attempts")), true);
        if (wrong.isEmpty())
            wrong = present(QStringLiteral("registration"), m_acks.value(QStringLiteral("registration")), registered,
                            false);
        if (wrong.isEmpty())
            wrong = present(QStringLiteral("report"), m_acks.value(QStringLiteral("report")), reports, true);
        if (wrong.isEmpty())
            wrong = present(QStringLiteral("report check-in"), m_reportCheckins, checkins, true);
        return wrong;
    }

private slots:
    void killedKioskKeepsEveryAcknowledgedRecord()
    {
        const QString dbPath = m_tmp.filePath(QStringLiteral("kiosk.sqlite"));
        const QString share = m_tmp.filePath(QStringLiteral("share"));
        QVERIFY(SyncTest::makeShare(share));
        SystemClock clock;
        QString eventId;
        {
            auto db = SyncTest::openDatabase(dbPath);
            QVERIFY(db);
            EventStore events(*db, clock, {SyncTest::centre, SyncTest::kiosk});
            EventInfo e;
            e.title = QStringLiteral("主题党日：学习二十大精神");
            e.kind = QStringLiteral("主题党日");
            e.start = clock.now().addDays(30);
            e.end = e.start.addSecs(7200);
            e.place = QStringLiteral("党群服务中心二楼");
            QString error;
            const auto saved = events.saveStaffEvent(e, &error);
            QVERIFY2(saved, qPrintable(error));
            eventId = saved->id;
        }

        const int kills = qEnvironmentVariableIsSet("CRASH_KILLS") ? qEnvironmentVariableIntValue("CRASH_KILLS") : 200;
        const quint32 seed = qEnvironmentVariableIsSet("CRASH_SEED") ? quint32(qEnvironmentVariable("CRASH_SEED").toUInt())
                                                                      : QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed << "(replay with CRASH_SEED=" << seed << ")," << kills << "kills";
        QRandomGenerator random(seed);
        for (int round = 0; round < kills; ++round) {
            QProcess child;
            child.start(QStringLiteral(CRASH_CHILD), {dbPath, eventId, QString::number(round)});
            QVERIFY(child.waitForStarted());
            // Mostly among the writes; one run in ten anywhere, start-up (open, WAL recovery) included.
            if (random.bounded(10) != 0) {
                while (child.state() == QProcess::Running && !child.canReadLine())
                    child.waitForReadyRead(20);
            }
            QThread::usleep(random.bounded(0, 150000));
            QVERIFY2(child.state() == QProcess::Running,
                     qPrintable(QStringLiteral("child ended on its own (exit %1): %2")
                                    .arg(child.exitCode())
                                    .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(30000));
            readAcks(child);
            const QString wrong = check(dbPath);
            QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("after kill %1 (seed %2): %3").arg(round).arg(seed).arg(wrong)));
        }
        qInfo() << "acknowledged:" << m_acks.value(QStringLiteral("checkin")).size() << "check-ins,"
                << m_acks.value(QStringLiteral("registration")).size() << "registrations,"
                << m_acks.value(QStringLiteral("quiz")).size() << "quiz attempts,"
                << m_acks.value(QStringLiteral("report")).size() << "reports,"
                << m_acks.value(QStringLiteral("failed_scan")).size() << "refused scans";
        // The kills landed among every kind of write.
        for (const char *kind : {"checkin", "registration", "quiz", "report", "failed_scan"})
            QVERIFY2(!m_acks.value(QLatin1String(kind)).isEmpty(), kind);

        // The next sync sends every committed record (acknowledged or not) exactly once.
        auto db = SyncTest::openDatabase(dbPath);
        QVERIFY(db);
        const QHash<QString, int> committed = column(*db, QStringLiteral("SELECT record_id FROM outbox"));
        FileLayer files;
        SyncEngine engine(SyncTest::settings(share), files, clock);
        const SyncReport first = engine.run(*db);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(first.queueLength, 0);
        QCOMPARE(first.recordsSent, qint64(committed.size()));
        const SyncTest::ShareRecords onShare = SyncTest::scan(share);
        QVERIFY2(onShare.bad.isEmpty(), qPrintable(onShare.bad.join(u'\n')));
        QCOMPARE(onShare.total, qint64(committed.size()));
        QCOMPARE(onShare.timesSeen.size(), committed.size());
        for (auto it = committed.cbegin(); it != committed.cend(); ++it)
            QVERIFY2(onShare.timesSeen.value(it.key()) == 1, qPrintable(it.key()));

        const SyncReport second = engine.run(*db);
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(second.recordsSent, 0);
        QCOMPARE(SyncTest::scan(share).files, onShare.files);
    }
};

QTEST_GUILESS_MAIN(TestCrashConsistency)
#include "tst_crashconsistency.moc"
