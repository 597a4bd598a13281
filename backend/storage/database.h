#pragma once
#include <QSqlDatabase>
#include <QString>
#include <functional>

// The kiosk's one SQLite file (design.md §4): WAL, synchronous=FULL, foreign keys on, schema
// versioned by PRAGMA user_version with forward-only migrations. A connection belongs to the
// thread that opened it (a Qt Sql rule), so each worker that writes opens its own Database.
class Database
{
public:
    explicit Database(QString path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) and migrates to the latest schema. On failure errorString()
    // says why in words staff can act on; a database from a newer program is refused untouched.
    bool open();
    // Opens without migrating and then migrates only up to `version`: lets tests build every
    // earlier schema and check that the migration from it works.
    bool openAtVersion(int version);

    bool isOpen() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    int schemaVersion() const;
    static int latestSchemaVersion();

    QSqlDatabase connection() const { return m_db; }

    // Runs `work` between BEGIN IMMEDIATE and COMMIT. If `work` returns false (or a statement
    // fails) everything it did is rolled back, so callers never leave half a record behind.
    bool transaction(const std::function<bool(QSqlDatabase &db, QString *error)> &work);

private:
    bool openConnection();
    bool switchToWal();
    bool migrate(int target);
    bool exec(const QString &sql);
    void fail(const QString &message);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_error;
};
