#include "migrations.h"

#include <QList>

namespace {

// Version 1: the outbox (DESIGN §4). Append-only by trigger: rows are never deleted and their
// content never changes; only the sync bookkeeping (synced_utc, batch) is filled in later.
const QStringList v1 = {
    QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    QStringLiteral(
        "CREATE TABLE outbox("
        " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " record_id TEXT NOT NULL UNIQUE CHECK(length(record_id) = 36),"
        " kind TEXT NOT NULL CHECK(kind <> ''),"
        " payload TEXT NOT NULL CHECK(json_valid(payload)),"
        " created_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL,"
        " synced_utc TEXT,"
        " batch TEXT)"),
    QStringLiteral("CREATE INDEX outbox_unsynced ON outbox(seq) WHERE synced_utc IS NULL"),
    QStringLiteral("CREATE TRIGGER outbox_append_only BEFORE DELETE ON outbox "
                   "BEGIN SELECT RAISE(ABORT, 'outbox is append-only'); END"),
    QStringLiteral("CREATE TRIGGER outbox_immutable BEFORE UPDATE OF seq, record_id, kind, payload, "
                   "created_utc, local_date ON outbox "
                   "BEGIN SELECT RAISE(ABORT, 'outbox rows are immutable'); END"),
};

const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {v1};
    return all;
}

} // namespace

int Migrations::latestVersion()
{
    return int(steps().size());
}

QStringList Migrations::statementsFor(int version)
{
    if (version < 1 || version > latestVersion())
        return {};
    return steps().at(version - 1);
}
