#pragma once
#include <QDate>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <optional>

// What staff asked for (issue 9, design.md §7): which report, over which range, in which format.
struct ExportRequest
{
    enum class Kind { Attendance, Transcript, Flowing, Unseen };
    enum class Format { Csv, Xlsx };

    Kind kind = Kind::Attendance;
    Format format = Format::Xlsx;
    QDate from;              // local dates, inclusive; invalid = open
    QDate to;
    QString eventId;         // attendance: only this event
    QString organisation;    // attendance / flowing: only this home organisation
    QString memberId;        // transcript: only this member
    int months = 6;          // unseen: not seen for this many months
    QString centre;          // only this centre's records (centre id); empty = every centre

    // Not a filter but where the report is read: times are shown in the centre's zone (the
    // kiosk's centre/timezone, the office tool's --timezone), never the zone of the PC that
    // happens to run the export; and the title row names who exported it.
    QTimeZone zone = defaultZone();
    QString exportedBy;

    static QTimeZone defaultZone() { return QTimeZone(QByteArrayLiteral("Asia/Shanghai")); }

    // "attendance", "transcript", "flowing", "unseen" (the CLI's words)
    static std::optional<Kind> kindFromName(const QString &name);
    static QString kindName(Kind kind);
    static QStringList kindNames();
    // 签到记录, 学习档案, 流动党员报告, 未到访党员: the file name and the report's title.
    static QString kindTitle(Kind kind);
    QString suffix() const { return format == Format::Csv ? QStringLiteral("csv") : QStringLiteral("xlsx"); }
    // e.g. "签到记录_2026-11-01_2026-11-27": no characters a FAT stick or SMB share refuses.
    QString baseName(const QDate &today) const;
};
