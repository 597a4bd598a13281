#pragma once
#include <QSqlDatabase>
#include <QString>

// The exports read either a kiosk's database (domain tables: checkins, events, video_credits, ...)
// or the central database `dangqun-admin merge` builds (one `records` table of JSON payloads).
// Rather than two sets of report queries, this lays the same TEMP views over either schema:
//   ex_checkins(id, issuer, member_id, name, organisation, kind, method, event_id, checked_utc, local_date,
//               centre_id, kiosk_id)
//   ex_events(id, title, kind, start_utc)
//   ex_video_credits(issuer, member_id, video_id, title, credit, credited_utc, local_date, centre_id)
//   ex_quiz_attempts(issuer, member_id, mode, total, correct, score, pass_mark, passed, finished_utc, local_date,
//                    centre_id)
//   ex_flowing_reports(issuer, member_id, name, phone, home_organisation, certificate_no, reported_utc)
//   ex_members(issuer, member_id, name, organisation, kind, phone)
// Centrally, centre_id and kiosk_id are the batch's partition (records/centre=<c>/kiosk=<k>/...).
// TEMP views live only in this connection; nothing is written to the database file.
class ExportSource
{
public:
    enum class Schema { Unknown, Kiosk, Central };

    static Schema detect(const QSqlDatabase &db);
    // Creates (or recreates) the views; false with `error` for a file that is neither schema.
    static bool prepare(QSqlDatabase &db, QString *error);
};
