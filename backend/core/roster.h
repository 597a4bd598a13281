#pragma once
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// One row of a centre's member list, as staff keep it in Excel.
struct RosterMember
{
    QString memberId;
    QString name;
    QString phone;        // 11 digits starting with 1
    QString organisation;
    QString kind;         // "member" or "flowing" (MemberCode::kindName)

    friend bool operator==(const RosterMember &, const RosterMember &) = default;
};

// All or nothing: either every member and no errors, or no members and at least one error
// (Chinese, each naming its line or entry), so a half-read roster can never replace a good one.
struct RosterResult
{
    QList<RosterMember> members;
    QStringList errors;

    bool ok() const { return errors.isEmpty(); }
};

// Reads the roster files staff produce: CSV saved by Excel/WPS (UTF-8 with or without BOM, or
// GB18030/GBK as Chinese Excel saves "CSV (逗号分隔)"), or JSON from the distribution (§5).
//
// CSV: a header row naming the columns member_id,name,phone,organisation,kind (or 党员编号,姓名,
// 手机号,所属组织,类型) in any order; extra columns are ignored; RFC 4180 quoting. kind is
// member/flowing (or 在册党员/流动党员). JSON: {"members":[{"member_id":..,"name":..,"phone":..,
// "organisation":..,"kind":..}]}, all values strings.
class Roster
{
public:
    static constexpr qint64 MaxFileBytes = 32 * 1024 * 1024;
    static constexpr int MaxErrors = 50; // enough to fix a file in one go, not a wall of text

    static RosterResult fromCsv(const QByteArray &bytes);
    static RosterResult fromJson(const QByteArray &bytes);
    // By extension: .json is JSON, anything else is CSV.
    static RosterResult load(const QString &path);

    // UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030 (a superset of GBK).
    // Sets `error` and returns a null string when neither fits.
    static QString decodeText(const QByteArray &bytes, QString *error);
};
