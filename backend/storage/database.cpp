#include "database.h"
#include "logging.h"
#include "migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

Database::Database(QString path)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("kiosk-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Database::~Database()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase(); // drop our handle first, or removeDatabase() warns "still in use"
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::latestSchemaVersion()
{
    return Migrations::latestVersion();
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

void Database::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcStorage).noquote() << m_path << ":" << message;
}

bool Database::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        fail(QStringLiteral("SQL 执行失败 (%1): %2").arg(sql, q.lastError().text()));
        return false;
    }
    return true;
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Database::openConnection()
{
    if (isOpen())
        return true;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        fail(QStringLiteral("无法创建数据目录 %1").arg(info.absolutePath()));
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        fail(QStringLiteral("无法打开数据库: %1").arg(m_db.lastError().text()));
        return false;
    }
    // Waiting for a lock comes first (another connection may be creating this very file), then
    // the durability settings: every later write depends on them.
    if (!exec(QStringLiteral("PRAGMA busy_timeout=5000")))
        return false;
    if (!switchToWal()) {
        fail(QStringLiteral("数据库无法切换到 WAL 日志模式（文件系统不支持？）"));
        return false;
    }
    return exec(QStringLiteral("PRAGMA synchronous=FULL")) && exec(QStringLiteral("PRAGMA foreign_keys=ON"));
}

bool Database::switchToWal()
{
    // Changing the journal mode needs the file to itself; while another connection is creating
    // the same new file SQLite answers with the old mode instead of waiting, so ask again for a
    // while before calling the file system unsuitable.
    for (int attempt = 0; attempt < 100; ++attempt) {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && q.next()
            && q.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) == 0)
            return true;
        QThread::msleep(20);
    }
    return false;
}

bool Database::open()
{
    return openAtVersion(latestSchemaVersion());
}

bool Database::openAtVersion(int version)
{
    m_error.clear();
    if (!openConnection())
        return false;
    const int current = schemaVersion();
    if (current < 0) {
        fail(QStringLiteral("无法读取数据库结构版本，文件可能已损坏"));
        return false;
    }
    if (current > latestSchemaVersion()) {
        fail(QStringLiteral("数据库结构版本为 %1，而本程序只支持到版本 %2。请升级自助终端程序；"
                            "为保护数据，不会用旧程序打开新数据库。")
                 .arg(current)
                 .arg(latestSchemaVersion()));
        m_db.close();
        return false;
    }
    return migrate(version);
}

bool Database::migrate(int target)
{
    int current = schemaVersion();
    while (current < target) {
        // One transaction per step: a failed step leaves the previous version intact. The
        // version is read again under the write lock: another connection (the sync thread, a
        // second process) may have run this very step since we looked, and running it twice
        // fails with "table already exists".
        int reached = current;
        const bool ok = transaction([&](QSqlDatabase &db, QString *error) {
            QSqlQuery version(db);
            if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
                *error = version.lastError().text();
                return false;
            }
            reached = version.value(0).toInt();
            if (reached >= current + 1)
                return true; // done by someone else; nothing to write
            const int next = reached + 1;
            for (const QString &sql : Migrations::statementsFor(next)) {
                QSqlQuery q(db);
                if (!q.exec(sql)) {
                    *error = QStringLiteral("升级到版本 %1 失败: %2").arg(next).arg(q.lastError().text());
                    return false;
                }
            }
            QSqlQuery q(db);
            reached = next;
            return q.exec(QStringLiteral("PRAGMA user_version=%1").arg(next));
        });
        if (!ok)
            return false;
        qCInfo(lcStorage) << "database" << m_path << "at schema version" << reached;
        current = reached;
    }
    return true;
}

bool Database::transaction(const std::function<bool(QSqlDatabase &, QString *)> &work)
{
    if (!isOpen()) {
        fail(QStringLiteral("数据库未打开"));
        return false;
    }
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way with
    // SQLITE_BUSY when it upgrades from a read to a write.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QString error;
    bool ok = false;
    try {
        ok = work(m_db, &error);
    } catch (const std::exception &e) {
        error = QString::fromUtf8(e.what());
    }
    if (ok && exec(QStringLiteral("COMMIT")))
        return true;
    QSqlQuery rollback(m_db);
    rollback.exec(QStringLiteral("ROLLBACK"));
    fail(error.isEmpty() ? QStringLiteral("事务已回滚") : error);
    return false;
}
