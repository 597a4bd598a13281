#include "migrations.h"

#include <QList>

namespace {

// Version 1: the outbox (design.md §4). Append-only by trigger: rows are never deleted and their
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

// Version 2: members (roster and codes seen), events (for binding a scan to a session),
// check-ins and failed scans (design.md §3). A failed scan keeps only a hash of the text: a forged
// or foreign code may carry personal data we have no business storing.
const QStringList v2 = {
    QStringLiteral(
        "CREATE TABLE members("
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " phone TEXT,"
        " organisation TEXT NOT NULL DEFAULT '',"
        " kind TEXT NOT NULL CHECK(kind IN ('member', 'flowing')),"
        " source TEXT NOT NULL,"
        " updated_utc TEXT NOT NULL,"
        " PRIMARY KEY(issuer, member_id))"),
    QStringLiteral("CREATE INDEX members_phone ON members(phone)"),
    QStringLiteral(
        "CREATE TABLE events("
        " id TEXT PRIMARY KEY,"
        " title TEXT NOT NULL,"
        " kind TEXT NOT NULL,"
        " start_utc TEXT NOT NULL,"
        " end_utc TEXT NOT NULL,"
        " place TEXT NOT NULL DEFAULT '',"
        " capacity INTEGER,"
        " open_to_flowing INTEGER NOT NULL DEFAULT 1,"
        " source TEXT NOT NULL DEFAULT 'share',"
        " cancelled INTEGER NOT NULL DEFAULT 0)"),
    QStringLiteral("CREATE INDEX events_time ON events(start_utc, end_utc)"),
    QStringLiteral(
        "CREATE TABLE checkins("
        " id TEXT PRIMARY KEY,"
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " organisation TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK(kind IN ('member', 'flowing')),"
        " method TEXT NOT NULL CHECK(method IN ('qr', 'manual')),"
        " event_id TEXT REFERENCES events(id),"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL,"
        " checked_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX checkins_member_day ON checkins(issuer, member_id, local_date)"),
    QStringLiteral("CREATE INDEX checkins_day ON checkins(local_date)"),
    QStringLiteral(
        "CREATE TABLE failed_scans("
        " id TEXT PRIMARY KEY,"
        " verdict TEXT NOT NULL,"
        " text_sha256 TEXT NOT NULL,"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL,"
        " scanned_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL)"),
};

// Quizzes (issue 6): an attempt per paper taken by a checked-in member, its answers, and the
// member's 错题本 (derived from the answers, kept as a table so the kiosk can draw from it).
const QStringList quizTables = {
    QStringLiteral(
        "CREATE TABLE quiz_attempts("
        " id TEXT PRIMARY KEY,"
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " mode TEXT NOT NULL CHECK(mode IN ('daily', 'test', 'challenge', 'wrongbook')),"
        " paper_id TEXT NOT NULL DEFAULT '',"
        " banks TEXT NOT NULL,"
        " total INTEGER NOT NULL,"
        " answered INTEGER NOT NULL,"
        " correct INTEGER NOT NULL,"
        " score INTEGER NOT NULL,"
        " pass_mark INTEGER NOT NULL,"
        " passed INTEGER NOT NULL,"
        " timed_out INTEGER NOT NULL,"
        " started_utc TEXT NOT NULL,"
        " finished_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL,"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX quiz_attempts_member ON quiz_attempts(issuer, member_id, finished_utc)"),
    QStringLiteral(
        "CREATE TABLE quiz_answers("
        " attempt_id TEXT NOT NULL REFERENCES quiz_attempts(id),"
        " position INTEGER NOT NULL,"
        " question_key TEXT NOT NULL,"
        " given TEXT NOT NULL,"
        " correct INTEGER NOT NULL,"
        " PRIMARY KEY(attempt_id, position))"),
    QStringLiteral(
        "CREATE TABLE quiz_wrongbook("
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " question_key TEXT NOT NULL,"
        " right_streak INTEGER NOT NULL DEFAULT 0,"
        " wrong_count INTEGER NOT NULL DEFAULT 1,"
        " updated_utc TEXT NOT NULL,"
        " PRIMARY KEY(issuer, member_id, question_key))"),
};

// Videos (issue 5): a member's progress per video (spans played, where they stopped) and the
// 学时 credited, at most once per member and video (the UNIQUE constraint makes it so even if
// two saves race).
const QStringList videoTables = {
    QStringLiteral(
        "CREATE TABLE video_progress("
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " video_id TEXT NOT NULL,"
        " duration_ms INTEGER NOT NULL,"
        " watched_ms INTEGER NOT NULL,"
        " position_ms INTEGER NOT NULL,"
        " intervals TEXT NOT NULL,"
        " updated_utc TEXT NOT NULL,"
        " PRIMARY KEY(issuer, member_id, video_id))"),
    QStringLiteral(
        "CREATE TABLE video_credits("
        " id TEXT PRIMARY KEY,"
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " video_id TEXT NOT NULL,"
        " title TEXT NOT NULL,"
        " credit REAL NOT NULL,"
        " watched_ms INTEGER NOT NULL,"
        " duration_ms INTEGER NOT NULL,"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL,"
        " credited_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL,"
        " UNIQUE(issuer, member_id, video_id))"),
};

// Events and 报名 (issue 7): what events lacked for registration (description, the branch
// holding it for the 三会一课 overview), the registrations (current standing; at most one active
// per member and event, enforced by a partial UNIQUE index even if two kiosks' writes race), the
// log of every registration, cancellation and promotion (each an outbox record), and whether a
// check-in bound to an event was by a registered member or a walk-in.
const QStringList eventTables = {
    QStringLiteral("ALTER TABLE events ADD COLUMN description TEXT NOT NULL DEFAULT ''"),
    QStringLiteral("ALTER TABLE events ADD COLUMN organisation TEXT NOT NULL DEFAULT ''"),
    QStringLiteral("ALTER TABLE events ADD COLUMN updated_utc TEXT NOT NULL DEFAULT ''"),
    QStringLiteral("ALTER TABLE checkins ADD COLUMN registration TEXT "
                   "CHECK(registration IS NULL OR registration IN ('registered', 'walk_in'))"),
    QStringLiteral(
        "CREATE TABLE registrations("
        " id TEXT PRIMARY KEY,"
        " event_id TEXT NOT NULL REFERENCES events(id),"
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " organisation TEXT NOT NULL,"
        " kind TEXT NOT NULL CHECK(kind IN ('member', 'flowing')),"
        " status TEXT NOT NULL CHECK(status IN ('registered', 'waitlisted', 'cancelled')),"
        " event_cancelled INTEGER NOT NULL DEFAULT 0,"
        " created_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL,"
        " updated_utc TEXT NOT NULL,"
        " promoted_utc TEXT,"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL)"),
    QStringLiteral("CREATE UNIQUE INDEX registrations_active ON registrations(event_id, issuer, member_id) "
                   "WHERE status <> 'cancelled'"),
    QStringLiteral("CREATE INDEX registrations_member ON registrations(issuer, member_id)"),
    QStringLiteral(
        "CREATE TABLE registration_log("
        " id TEXT PRIMARY KEY,"
        " registration_id TEXT NOT NULL REFERENCES registrations(id),"
        " change TEXT NOT NULL CHECK(change IN ('registered', 'waitlisted', 'cancelled', 'promoted')),"
        " changed_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX checkins_event ON checkins(event_id)"),
};

// Staff (issue 9): the audit log of every admin action, the PIN lockout state (in the database
// so a restart does not reset the count), and which roster members already had a card printed.
const QStringList staffTables = {
    QStringLiteral(
        "CREATE TABLE audit_log("
        " id TEXT PRIMARY KEY,"
        " action TEXT NOT NULL CHECK(action <> ''),"
        " detail TEXT NOT NULL DEFAULT '',"
        " centre_id TEXT NOT NULL,"
        " kiosk_id TEXT NOT NULL,"
        " at_utc TEXT NOT NULL,"
        " local_date TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX audit_log_time ON audit_log(at_utc)"),
    QStringLiteral(
        "CREATE TABLE admin_guard("
        " id INTEGER PRIMARY KEY CHECK(id = 1),"
        " failures INTEGER NOT NULL,"
        " lockouts INTEGER NOT NULL,"
        " locked_until_utc TEXT NOT NULL DEFAULT '',"
        " updated_utc TEXT NOT NULL)"),
    QStringLiteral(
        "CREATE TABLE member_cards("
        " issuer TEXT NOT NULL,"
        " member_id TEXT NOT NULL,"
        " printed_utc TEXT NOT NULL,"
        " PRIMARY KEY(issuer, member_id))"),
};

const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {v1, v2, quizTables, videoTables, eventTables, staffTables};
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
