#include "srtsubtitles.h"
#include "roster.h"

#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace {

// 00:00:01,500 or 0:00:01.5 (hours optional, '.' or ',' before the fraction).
qint64 parseTime(const QString &text, bool *ok)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$)"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    *ok = m.hasMatch();
    if (!*ok)
        return 0;
    const qint64 h = m.captured(1).toLongLong();
    const qint64 min = m.captured(2).toLongLong();
    const qint64 s = m.captured(3).toLongLong();
    QString frac = m.captured(4);
    frac = frac.leftJustified(3, QLatin1Char('0')); // "5" means 500 ms
    return ((h * 60 + min) * 60 + s) * 1000 + frac.toLongLong();
}

} // namespace

SrtSubtitles SrtSubtitles::parse(const QByteArray &data)
{
    SrtSubtitles out;
    QString error;
    QString text = Roster::decodeText(data, &error);
    if (!error.isEmpty()) {
        out.m_problems << error;
        return out;
    }
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    static const QRegularExpression blankLines(QStringLiteral("\n[ \t]*\n"));
    const QStringList blocks = text.split(blankLines, Qt::SkipEmptyParts);
    int number = 0;
    for (const QString &block : blocks) {
        ++number;
        QStringList lines = block.trimmed().split(QLatin1Char('\n'));
        if (lines.isEmpty() || lines.constFirst().trimmed().isEmpty())
            continue;
        if (!lines.constFirst().contains(QStringLiteral("-->")))
            lines.removeFirst(); // the block number
        if (lines.isEmpty() || !lines.constFirst().contains(QStringLiteral("-->"))) {
            out.m_problems << QStringLiteral("字幕第 %1 段缺少时间行").arg(number);
            continue;
        }
        const QStringList times = lines.takeFirst().split(QStringLiteral("-->"));
        bool okStart = false;
        bool okEnd = false;
        const qint64 start = parseTime(times.value(0), &okStart);
        // Position hints after the end time ("X1:..") are allowed by the format; ignore them.
        const qint64 end = parseTime(times.value(1).trimmed().section(QLatin1Char(' '), 0, 0), &okEnd);
        if (!okStart || !okEnd || end <= start) {
            out.m_problems << QStringLiteral("字幕第 %1 段时间无效").arg(number);
            continue;
        }
        QStringList body;
        for (const QString &line : std::as_const(lines))
            body << line.trimmed();
        out.m_cues.append({start, end, body.join(QLatin1Char('\n'))});
    }
    std::stable_sort(out.m_cues.begin(), out.m_cues.end(),
                     [](const SubtitleCue &a, const SubtitleCue &b) { return a.startMs < b.startMs; });
    return out;
}

SrtSubtitles SrtSubtitles::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        SrtSubtitles out;
        out.m_problems << QStringLiteral("无法读取字幕文件 %1：%2").arg(path, f.errorString());
        return out;
    }
    // A subtitle file is a few kilobytes; anything huge is not one.
    if (f.size() > 4 * 1024 * 1024) {
        SrtSubtitles out;
        out.m_problems << QStringLiteral("字幕文件过大：%1").arg(path);
        return out;
    }
    return parse(f.readAll());
}

QString SrtSubtitles::textAt(qint64 positionMs) const
{
    // Cues are few (hundreds at most); the last cue that started wins when they overlap.
    QString text;
    for (const SubtitleCue &c : m_cues) {
        if (c.startMs > positionMs)
            break;
        if (positionMs < c.endMs)
            text = c.text;
    }
    return text;
}
