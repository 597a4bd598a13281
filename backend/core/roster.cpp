#include "roster.h"
#include "logging.h"
#include "membercode.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {

enum Column { MemberId, Name, Phone, Organisation, Kind, ColumnCount };

struct CsvRecord
{
    int line = 0; // where the record starts; a quoted field may span lines
    QStringList fields;
};

// RFC 4180, as Excel and WPS write it: comma separated, CRLF/LF/CR line ends, a field that holds
// commas, quotes or line breaks is quoted and its quotes doubled. Anything else with a quote in
// it is refused rather than guessed at.
bool parseCsv(const QString &text, QList<CsvRecord> *records, QString *error)
{
    const qsizetype n = text.size();
    int line = 1;
    CsvRecord record{1, {}};
    QString field;
    bool atFieldStart = true;
    bool recordStarted = false;
    const auto isLineEnd = [](QChar c) { return c == u'\r' || c == u'\n'; };

    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (atFieldStart && c == u'"') {
            const int startLine = line;
            bool closed = false;
            for (++i; i < n; ++i) {
                const QChar q = text.at(i);
                if (q == u'"') {
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        field += u'"';
                        ++i;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                if (q == u'\n' || (q == u'\r' && !(i + 1 < n && text.at(i + 1) == u'\n')))
                    ++line;
                field += q;
            }
            if (!closed) {
                *error = QStringLiteral("第 %1 行：引号没有闭合（字段从这里开始，直到文件末尾）").arg(startLine);
                return false;
            }
            if (i < n && text.at(i) != u',' && !isLineEnd(text.at(i))) {
                *error = QStringLiteral("第 %1 行：右引号后面还有字符；字段内的引号要写成两个（\"\"）").arg(line);
                return false;
            }
            atFieldStart = false;
            recordStarted = true;
            continue;
        }
        if (c == u',') {
            record.fields << field;
            field.clear();
            atFieldStart = true;
            recordStarted = true;
            ++i;
            continue;
        }
        if (isLineEnd(c)) {
            i += (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n') ? 2 : 1;
            record.fields << field;
            records->append(record);
            field.clear();
            ++line;
            record = {line, {}};
            atFieldStart = true;
            recordStarted = false;
            continue;
        }
        if (c == u'"') {
            *error = QStringLiteral("第 %1 行：未加引号的字段中出现引号；含引号的字段要整体用双引号括起来").arg(line);
            return false;
        }
        field += c;
        atFieldStart = false;
        recordStarted = true;
        ++i;
    }
    if (recordStarted) {
        record.fields << field;
        records->append(record);
    }
    return true;
}

std::optional<Column> columnFor(const QString &header)
{
    static const QHash<QString, Column> names = {
        {QStringLiteral("member_id"), MemberId},       {QStringLiteral("党员编号"), MemberId},
        {QStringLiteral("name"), Name},                {QStringLiteral("姓名"), Name},
        {QStringLiteral("phone"), Phone},              {QStringLiteral("手机号"), Phone},
        {QStringLiteral("手机号码"), Phone},           {QStringLiteral("organisation"), Organisation},
        {QStringLiteral("organization"), Organisation}, {QStringLiteral("所属组织"), Organisation},
        {QStringLiteral("kind"), Kind},                {QStringLiteral("类型"), Kind},
    };
    const auto it = names.constFind(header.trimmed().toLower());
    return it == names.cend() ? std::nullopt : std::optional<Column>(*it);
}

QString columnLabel(Column c)
{
    static const char16_t *const labels[] = {u"member_id（党员编号）", u"name（姓名）", u"phone（手机号）",
                                             u"organisation（所属组织）", u"kind（类型）"};
    return QString::fromUtf16(labels[c]);
}

// Collects errors up to a limit, then one line saying there are more.
class Errors
{
public:
    explicit Errors(QStringList &list) : m_list(list) { }
    void add(const QString &e)
    {
        if (m_list.size() < Roster::MaxErrors)
            m_list << e;
        else if (m_list.size() == Roster::MaxErrors)
            m_list << QStringLiteral("……错误太多，其余未列出");
    }

private:
    QStringList &m_list;
};

// The checks every member passes, whichever file it came from. `where` names the line or entry.
void checkMember(RosterMember &m, const QString &where, Errors &errors)
{
    static const QRegularExpression phone(QStringLiteral("^1[0-9]{10}$"));
    if (!MemberCode::isValidId(m.memberId))
        errors.add(QStringLiteral("%1：党员编号“%2”无效（必填，只能用字母、数字、下划线、点和连字符，最长 %3 个字符）")
                           .arg(where, m.memberId)
                           .arg(MemberCode::MaxIdLength));
    if (!MemberCode::isValidName(m.name))
        errors.add(QStringLiteral("%1：姓名“%2”无效（必填，最长 %3 个字，不能含换行等控制字符）")
                           .arg(where, m.name)
                           .arg(MemberCode::MaxNameLength));
    if (!phone.match(m.phone).hasMatch())
        errors.add(QStringLiteral("%1：手机号“%2”无效（应为以 1 开头的 11 位数字）").arg(where, m.phone));
    if (!MemberCode::isValidOrganisation(m.organisation))
        errors.add(QStringLiteral("%1：所属组织“%2”无效（必填，最长 %3 个字，不能含换行等控制字符）")
                           .arg(where, m.organisation)
                           .arg(MemberCode::MaxOrganisationLength));
    if (m.kind == u"在册党员")
        m.kind = MemberCode::kindName(MemberCode::Kind::Member);
    else if (m.kind == u"流动党员")
        m.kind = MemberCode::kindName(MemberCode::Kind::Flowing);
    if (!MemberCode::kindFromName(m.kind))
        errors.add(QStringLiteral("%1：类型“%2”无效（应为 member、flowing、在册党员或流动党员）").arg(where, m.kind));
}

// Shared tail of both formats: duplicate ids, an empty list, and the all-or-nothing rule.
RosterResult finish(QList<std::pair<QString, RosterMember>> rows, QStringList errorList)
{
    Errors errors(errorList);
    QHash<QString, QString> seen; // member id -> where it first appeared
    for (const auto &[where, m] : rows) {
        if (m.memberId.isEmpty())
            continue;
        const auto it = seen.constFind(m.memberId);
        if (it != seen.cend())
            errors.add(QStringLiteral("%1：党员编号“%2”重复（%3 已有）").arg(where, m.memberId, *it));
        else
            seen.insert(m.memberId, where);
    }
    if (rows.isEmpty() && errorList.isEmpty())
        errors.add(QStringLiteral("名单中没有任何党员；空名单不会导入（以免清空现有名单）"));
    RosterResult result;
    if (!errorList.isEmpty()) {
        result.errors = errorList;
        return result;
    }
    result.members.reserve(rows.size());
    for (auto &row : rows)
        result.members.append(std::move(row.second));
    return result;
}

RosterResult failed(const QString &error)
{
    return {{}, {error}};
}

} // namespace

QString Roster::decodeText(const QByteArray &bytes, QString *error)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        *error = QStringLiteral("文件是 UTF-16 编码（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8（逗号分隔）”");
        return {};
    }
    if (bytes.contains('\0')) {
        *error = QStringLiteral("文件含有二进制内容，不是文本文件（Excel 文件请先另存为 CSV）");
        return {};
    }
    const QByteArray body = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    // Valid UTF-8 is exactly what survives a round trip: anything invalid becomes U+FFFD, which
    // encodes differently. (QStringDecoder::hasError misses a sequence cut off at the end.)
    QString text = QString::fromUtf8(body);
    if (text.toUtf8() == body)
        return text;
    // Chinese Excel's "CSV (逗号分隔)" writes the ANSI code page, i.e. GBK; GB18030 is its superset.
    // Qt resolves this name through ICU; a Qt built without ICU cannot read such files at all.
    QStringDecoder gb("GB18030", QStringDecoder::Flag::Stateless);
    if (!gb.isValid()) {
        *error = QStringLiteral("文件不是 UTF-8，且本机的 Qt 不支持 GB18030/GBK；请另存为“CSV UTF-8（逗号分隔）”");
        return {};
    }
    text = gb.decode(body);
    if (!gb.hasError())
        return text;
    *error = QStringLiteral("无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK");
    return {};
}

RosterResult Roster::fromCsv(const QByteArray &bytes)
{
    QString error;
    const QString text = decodeText(bytes, &error);
    if (!error.isEmpty())
        return failed(error);
    QList<CsvRecord> records;
    if (!parseCsv(text, &records, &error))
        return failed(error);
    if (records.isEmpty())
        return failed(QStringLiteral("文件是空的：第 1 行应为表头（member_id,name,phone,organisation,kind）"));

    // Header: every required column once, in any order; columns we don't know are left alone.
    int index[ColumnCount];
    std::fill(std::begin(index), std::end(index), -1);
    const CsvRecord &header = records.first();
    QStringList errorList;
    Errors errors(errorList);
    for (int i = 0; i < header.fields.size(); ++i) {
        const auto column = columnFor(header.fields.at(i));
        if (!column)
            continue;
        if (index[*column] >= 0)
            errors.add(QStringLiteral("第 1 行：表头中 %1 出现了两次").arg(columnLabel(*column)));
        index[*column] = i;
    }
    for (int c = 0; c < ColumnCount; ++c) {
        if (index[c] < 0)
            errors.add(QStringLiteral("第 1 行：表头缺少 %1 列（表头应为 member_id,name,phone,organisation,kind "
                                      "或 党员编号,姓名,手机号,所属组织,类型）")
                               .arg(columnLabel(Column(c))));
    }
    if (!errorList.isEmpty())
        return {{}, errorList};

    QList<std::pair<QString, RosterMember>> rows;
    const int needed = *std::max_element(std::begin(index), std::end(index)) + 1;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord &rec = records.at(r);
        const bool blank = std::all_of(rec.fields.cbegin(), rec.fields.cend(),
                                       [](const QString &f) { return f.trimmed().isEmpty(); });
        if (blank)
            continue; // Excel leaves empty rows (",,,,") below the data
        const QString where = QStringLiteral("第 %1 行").arg(rec.line);
        if (rec.fields.size() < needed) {
            errors.add(QStringLiteral("%1：只有 %2 列，表头有 %3 列").arg(where).arg(rec.fields.size()).arg(header.fields.size()));
            continue;
        }
        const auto field = [&](Column c) { return rec.fields.at(index[c]).trimmed(); };
        RosterMember m{field(MemberId), field(Name), field(Phone), field(Organisation), field(Kind)};
        checkMember(m, where, errors);
        rows.append({where, m});
    }
    return finish(std::move(rows), std::move(errorList));
}

RosterResult Roster::fromJson(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(QStringLiteral("JSON 格式错误（第 %1 个字节附近）：%2")
                              .arg(parseError.offset)
                              .arg(parseError.errorString()));
    const QJsonValue list = doc.object().value(QLatin1String("members"));
    if (!doc.isObject() || !list.isArray())
        return failed(QStringLiteral("JSON 名单应为 {\"members\": [...]}"));

    QStringList errorList;
    Errors errors(errorList);
    QList<std::pair<QString, RosterMember>> rows;
    const QJsonArray array = list.toArray();
    static const char *const keys[] = {"member_id", "name", "phone", "organisation", "kind"};
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("第 %1 位成员（members[%2]）").arg(i + 1).arg(i);
        if (!array.at(i).isObject()) {
            errors.add(QStringLiteral("%1：应为对象").arg(where));
            continue;
        }
        const QJsonObject o = array.at(i).toObject();
        QString values[ColumnCount];
        bool typed = true;
        for (int k = 0; k < ColumnCount; ++k) {
            const QJsonValue v = o.value(QLatin1String(keys[k]));
            if (!v.isString()) {
                errors.add(QStringLiteral("%1：%2 缺失或不是字符串").arg(where, QLatin1String(keys[k])));
                typed = false;
            }
            values[k] = v.toString().trimmed();
        }
        if (!typed)
            continue;
        RosterMember m{values[MemberId], values[Name], values[Phone], values[Organisation], values[Kind]};
        checkMember(m, where, errors);
        rows.append({where, m});
    }
    return finish(std::move(rows), std::move(errorList));
}

RosterResult Roster::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("无法打开名单 %1：%2").arg(path, file.errorString()));
    if (file.size() > MaxFileBytes)
        return failed(QStringLiteral("名单 %1 太大（超过 %2 MB）").arg(path).arg(MaxFileBytes / 1024 / 1024));
    const QByteArray bytes = file.readAll();
    const bool json = QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    RosterResult result = json ? fromJson(bytes) : fromCsv(bytes);
    if (result.ok())
        qCInfo(lcCore).noquote() << "roster" << path << "read:" << result.members.size() << "members";
    else
        qCWarning(lcCore).noquote() << "roster" << path << "refused:" << result.errors.first();
    return result;
}
