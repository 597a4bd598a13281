#include "database.h"
#include "migrations.h"
#include "outbox.h"

#include <QFuture>
#include <QSqlError>
#include <QtConcurrent>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_n)); }

    static QString pragma(Database &db, const char *name)
    {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name)));
        return q.next() ? q.value(0).toString() : QString();
    }
    static int count(Database &db, const QString &table)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next())
            return -1;
        return q.value(0).toInt();
    }
    static OutboxRecord record(const QString &kind = QStringLiteral("test"))
    {
        return {OutboxRecord::newRecordId(), kind, QJsonObject{{QStringLiteral("x"), 1}},
                QStringLiteral("2026-11-27T02:00:00.000Z"), QDate(2026, 11, 27)};
    }
    // A stand-in domain table, created in the test so the outbox helper is tested on its own.
    static bool createDomainTable(Database &db)
    {
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS thing(id TEXT PRIMARY KEY, name TEXT NOT NULL)"));
    }
    static Outbox::DomainWrite insertThing(const QString &id)
    {
        return [id](QSqlDatabase &db, QString *error) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO thing(id, name) VALUES(?, 'n')"));
            q.addBindValue(id);
            if (!q.exec()) {
                *error = q.lastError().text();
                return false;
            }
            return true;
        };
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createsWithDurabilitySettings()
    {
        Database db(freshPath());
        QVERIFY2(db.open(), qPrintable(db.errorString()));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(pragma(db, "journal_mode"), QStringLiteral("wal"));
        QCOMPARE(pragma(db, "synchronous"), QStringLiteral("2")); // FULL
        QCOMPARE(pragma(db, "foreign_keys"), QStringLiteral("1"));
        QCOMPARE(count(db, QStringLiteral("outbox")), 0);
    }

    void migratesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < Database::latestSchemaVersion(); ++v)
            QTest::addRow("v%d", v) << v;
    }
    void migratesFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        const QString path = freshPath();
        {
            Database old(path);
            QVERIFY2(old.openAtVersion(from), qPrintable(old.errorString()));
            QCOMPARE(old.schemaVersion(), from);
        }
        Database db(path);
        QVERIFY2(db.open(), qPrintable(db.errorString()));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        // The migrated schema works: the outbox accepts a record.
        Outbox outbox(db);
        QVERIFY(outbox.write([](QSqlDatabase &, QString *) { return true; }, record()));
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void reopeningKeepsData()
    {
        const QString path = freshPath();
        {
            Database db(path);
            QVERIFY(db.open());
            Outbox outbox(db);
            QVERIFY(outbox.write([](QSqlDatabase &, QString *) { return true; }, record()));
        }
        Database db(path);
        QVERIFY(db.open());
        QCOMPARE(Outbox(db).pendingCount(), 1);
    }

    // The kiosk's storage and sync threads (or two processes) may open a brand-new database at
    // the same moment: each migration step must run once, whoever gets the write lock first.
    void concurrentFirstOpensMigrateOnce()
    {
        for (int round = 0; round < 10; ++round) {
            const QString path = freshPath();
            QList<QFuture<QString>> opens;
            for (int i = 0; i < 4; ++i) {
                opens << QtConcurrent::run([path] {
                    Database db(path);
                    return db.open() ? QString() : db.errorString();
                });
            }
            for (QFuture<QString> &f : opens)
                QVERIFY2(f.result().isEmpty(), qPrintable(f.result()));
            Database db(path);
            QVERIFY(db.open());
            QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
        }
    }

    void refusesNewerSchema()
    {
        const QString path = freshPath();
        {
            Database db(path);
            QVERIFY(db.open());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(Database::latestSchemaVersion() + 1)));
        }
        Database db(path);
        QVERIFY(!db.open());
        QVERIFY2(db.errorString().contains(QString::number(Database::latestSchemaVersion() + 1)),
                 qPrintable(db.errorString()));
        QVERIFY(db.errorString().contains(QStringLiteral("升级")));
        QVERIFY(!db.isOpen());
    }

    void refusesGarbageFile()
    {
        const QString path = freshPath();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        Database db(path);
        QVERIFY(!db.open());
        QVERIFY(!db.errorString().isEmpty());
    }

    void domainAndOutboxCommitTogether()
    {
        Database db(freshPath());
        QVERIFY(db.open());
        QVERIFY(createDomainTable(db));
        Outbox outbox(db);
        QString error;
        QVERIFY2(outbox.write(insertThing(QStringLiteral("a")), record(), &error), qPrintable(error));
        QCOMPARE(count(db, QStringLiteral("thing")), 1);
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void failureAfterDomainRowLeavesNeither()
    {
        Database db(freshPath());
        QVERIFY(db.open());
        QVERIFY(createDomainTable(db));
        Outbox outbox(db);
        // The domain row is written, then the outbox row fails (empty kind violates its CHECK):
        // the transaction must take the domain row back with it.
        QString error;
        QVERIFY(!outbox.write(insertThing(QStringLiteral("b")), record(QString()), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(count(db, QStringLiteral("thing")), 0);
        QCOMPARE(outbox.pendingCount(), 0);
    }

    void failureInDomainWriteLeavesNeither()
    {
        Database db(freshPath());
        QVERIFY(db.open());
        QVERIFY(createDomainTable(db));
        Outbox outbox(db);
        QVERIFY(outbox.write(insertThing(QStringLiteral("c")), record()));
        // A duplicate primary key fails the domain write; no outbox row may appear.
        QVERIFY(!outbox.write(insertThing(QStringLiteral("c")), record()));
        QCOMPARE(count(db, QStringLiteral("thing")), 1);
        QCOMPARE(outbox.pendingCount(), 1);
        // An exception thrown in between is a failure too.
        QVERIFY(!outbox.write(
            [](QSqlDatabase &db, QString *e) {
                if (!insertThing(QStringLiteral("d"))(db, e))
                    return false;
                throw std::runtime_error("power cut");
            },
            record()));
        QCOMPARE(count(db, QStringLiteral("thing")), 1);
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void outboxIsAppendOnly()
    {
        Database db(freshPath());
        QVERIFY(db.open());
        Outbox outbox(db);
        QVERIFY(outbox.write([](QSqlDatabase &, QString *) { return true; }, record()));
        QSqlQuery q(db.connection());
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM outbox")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE outbox SET payload = '{}'")));
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void pendingAndMarkSynced()
    {
        Database db(freshPath());
        QVERIFY(db.open());
        Outbox outbox(db);
        for (int i = 0; i < 5; ++i)
            QVERIFY(outbox.write([](QSqlDatabase &, QString *) { return true; }, record()));
        const auto pending = outbox.pending(3);
        QCOMPARE(pending.size(), 3);
        QVERIFY(pending[0].seq < pending[1].seq && pending[1].seq < pending[2].seq);
        QCOMPARE(pending[0].record.payload.value(QStringLiteral("x")).toInt(), 1);
        QVERIFY(outbox.markSynced(pending[0].seq, pending[2].seq, QStringLiteral("b1"),
                                  QStringLiteral("2026-11-27T03:00:00Z")));
        QCOMPARE(outbox.pendingCount(), 2);
        QVERIFY(outbox.pending(10).constFirst().seq > pending[2].seq);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
