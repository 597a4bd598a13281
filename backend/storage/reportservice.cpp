#include "reportservice.h"
#include "clock.h"
#include "database.h"
#include "logging.h"
#include "outbox.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

ReportService::ReportService(Database &db, CheckinService &checkin, const Clock &clock, CheckinSettings settings)
    : m_db(db), m_checkin(checkin), m_clock(clock), m_settings(std::move(settings))
{
}

QMap<QString, QString> ReportService::validate(const ReportForm &f)
{
    QMap<QString, QString> errors;
    const QString name = f.name.trimmed();
    if (name.isEmpty())
        errors.insert(QStringLiteral("name"), QStringLiteral("请填写姓名"));
    else if (name.size() < 2 || name.size() > 20)
        errors.insert(QStringLiteral("name"), QStringLiteral("姓名应为 2 至 20 个字"));
    static const QRegularExpression mobile(QStringLiteral("^1[3-9][0-9]{9}$"));
    if (f.phone.trimmed().isEmpty())
        errors.insert(QStringLiteral("phone"), QStringLiteral("请填写手机号码"));
    else if (!mobile.match(f.phone.trimmed()).hasMatch())
        errors.insert(QStringLiteral("phone"), QStringLiteral("手机号码应为 1 开头的 11 位数字"));
    const QString org = f.organisation.trimmed();
    if (org.isEmpty())
        errors.insert(QStringLiteral("organisation"), QStringLiteral("请选择或填写您的组织关系所在党组织"));
    else if (org.size() > 60)
        errors.insert(QStringLiteral("organisation"), QStringLiteral("党组织名称不超过 60 个字"));
    if (f.certificate.trimmed().size() > 40)
        errors.insert(QStringLiteral("certificate"), QStringLiteral("活动证编号不超过 40 个字符"));
    if (f.currentPlace.trimmed().size() > 60)
        errors.insert(QStringLiteral("currentPlace"), QStringLiteral("工作或居住地不超过 60 个字"));
    if (!f.consent)
        errors.insert(QStringLiteral("consent"), QStringLiteral("请阅读说明并勾选同意后再提交"));
    return errors;
}

ReportResult ReportService::submit(const ReportForm &form)
{
    ReportResult result;
    result.errors = validate(form);
    if (!result.errors.isEmpty())
        return result;

    const QString phone = form.phone.trimmed();
    MemberMatch member;
    const bool fromCode = !form.issuer.isEmpty() && !form.memberId.isEmpty();
    member.issuer = fromCode ? form.issuer : selfReportIssuer();
    // Without a code the phone number is who they are here: a second 报到 updates the same row.
    member.memberId = fromCode ? form.memberId : QStringLiteral("tel-") + phone;
    member.name = form.name.trimmed();
    member.organisation = form.organisation.trimmed();
    member.flowing = true;

    const QDateTime now = m_clock.now();
    const QString utc = now.toUTC().toString(Qt::ISODateWithMs);
    const QDate localDate = now.toLocalTime().date();
    const QString reportId = OutboxRecord::newRecordId();

    const auto registerMember = [&](QSqlDatabase &db, QString *error) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO members(issuer, member_id, name, phone, organisation, kind, source, updated_utc) "
            "VALUES(?, ?, ?, ?, ?, 'flowing', 'report', ?) "
            "ON CONFLICT(issuer, member_id) DO UPDATE SET name = excluded.name, phone = excluded.phone, "
            "organisation = excluded.organisation, kind = 'flowing', source = 'report', "
            "updated_utc = excluded.updated_utc"));
        for (const QString &v : {member.issuer, member.memberId, member.name, phone, member.organisation, utc})
            q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        const QJsonObject payload{
            {QStringLiteral("id"), reportId},
            {QStringLiteral("issuer"), member.issuer},
            {QStringLiteral("member_id"), member.memberId},
            {QStringLiteral("name"), member.name},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("home_organisation"), member.organisation},
            {QStringLiteral("certificate_no"), form.certificate.trimmed()},
            {QStringLiteral("current_place"), form.currentPlace.trimmed()},
            {QStringLiteral("from_code"), fromCode},
            {QStringLiteral("consent"), true},
            {QStringLiteral("reported_utc"), utc},
            {QStringLiteral("local_date"), localDate.toString(Qt::ISODate)},
            {QStringLiteral("centre_id"), m_settings.centreId},
            {QStringLiteral("kiosk_id"), m_settings.kioskId},
        };
        return Outbox::append(db, {reportId, QStringLiteral("flowing_report_in"), payload, utc, localDate}, error);
    };

    result.checkin = m_checkin.checkInReported(member, fromCode ? QStringLiteral("qr") : QStringLiteral("manual"),
                                               registerMember);
    if (result.checkin.outcome == CheckinResult::Outcome::CheckedIn
        || result.checkin.outcome == CheckinResult::Outcome::AlreadyCheckedIn) {
        result.reportId = reportId;
        qCInfo(lcStorage).noquote() << "flowing report" << reportId << (fromCode ? "from code" : "by phone");
    } else {
        result.checkin.reason = QStringLiteral("系统暂时无法保存报到信息，请稍后再试或联系工作人员");
    }
    return result;
}

QList<FlowingAttendance> ReportService::flowingByOrganisation(QDate from, QDate to) const
{
    QList<FlowingAttendance> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT m.organisation, m.issuer, m.member_id, m.name, ifnull(m.phone, ''), count(c.id), "
        "count(DISTINCT c.local_date), ifnull(max(c.local_date), '') "
        "FROM members m LEFT JOIN checkins c ON c.issuer = m.issuer AND c.member_id = m.member_id "
        "AND c.centre_id = ? AND c.local_date BETWEEN ? AND ? "
        "WHERE m.kind = 'flowing' "
        "GROUP BY m.issuer, m.member_id ORDER BY m.organisation, m.name, m.member_id"));
    q.addBindValue(m_settings.centreId);
    q.addBindValue(from.toString(Qt::ISODate));
    q.addBindValue(to.toString(Qt::ISODate));
    if (!q.exec()) {
        qCWarning(lcStorage).noquote() << "flowing report query failed:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString(), q.value(5).toInt(), q.value(6).toInt(), q.value(7).toString()});
    }
    return out;
}
