#pragma once
#include <QList>
#include <QString>
#include <QStringList>

// One subtitle: shown from startMs (inclusive) to endMs (exclusive).
struct SubtitleCue
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString text;
};

// SubRip (.srt) subtitles as distributed with the videos: numbered blocks of
// "00:00:01,500 --> 00:00:04,000" and one or more lines of text. Tolerant of what editors
// produce (UTF-8 BOM, CRLF, '.' for ',', missing numbers, GB18030 from Windows tools); a block
// that cannot be read is skipped and reported, the rest still shows.
class SrtSubtitles
{
public:
    static SrtSubtitles parse(const QByteArray &data);
    static SrtSubtitles load(const QString &path);

    QList<SubtitleCue> cues() const { return m_cues; }
    QStringList problems() const { return m_problems; }
    bool isEmpty() const { return m_cues.isEmpty(); }
    // The text on screen at `positionMs` (empty between cues).
    QString textAt(qint64 positionMs) const;

private:
    QList<SubtitleCue> m_cues; // sorted by start
    QStringList m_problems;
};
