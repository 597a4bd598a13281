#pragma once
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include "checkinservice.h"

class Clock;
class Database;

// What a 流动党员 fills in on the 报到 form (issue 4). issuer/memberId come from their code when
// they scanned one; without a code the member is identified by phone number here.
struct ReportForm
{
    QString issuer;
    QString memberId;
    QString name;
    QString phone;
    QString organisation;  // home organisation (组织关系所在党组织)
    QString certificate;   // 流动党员活动证 number, optional
    QString currentPlace;  // where they work or live now, optional
    bool consent = false;
};

struct ReportResult
{
    QMap<QString, QString> errors; // field -> Chinese message; empty when the form was accepted
    CheckinResult checkin;         // when accepted: the check-in that came with it
    QString reportId;
    bool accepted() const { return errors.isEmpty() && !reportId.isEmpty(); }
};

// Staff report: one 流动党员 and their attendance at this centre.
struct FlowingAttendance
{
    QString organisation;
    QString issuer;
    QString memberId;
    QString name;
    QString phone;
    int visits = 0;     // check-ins in the period
    int days = 0;       // distinct days among them
    QString lastDate;   // local date of the latest, empty when none
};

// 流动党员报到: validates the form, then in ONE transaction registers the member (members row,
// source 'report', kind 'flowing'), writes the `flowing_report_in` outbox record for their home
// organisation, and checks them in (check-in row + its outbox record). Not thread-safe: use it
// on the thread that opened the Database (the storage thread).
class ReportService
{
public:
    ReportService(Database &db, CheckinService &checkin, const Clock &clock, CheckinSettings settings);

    static QMap<QString, QString> validate(const ReportForm &form);
    // The issuer used for members who reported without a code.
    static QString selfReportIssuer() { return QStringLiteral("report"); }

    ReportResult submit(const ReportForm &form);

    // 流动党员 per home organisation with their attendance here in [from, to] (local dates),
    // sorted by organisation and name; members without a visit in the period are listed too.
    QList<FlowingAttendance> flowingByOrganisation(QDate from, QDate to) const;

private:
    Database &m_db;
    CheckinService &m_checkin;
    const Clock &m_clock;
    CheckinSettings m_settings;
};
