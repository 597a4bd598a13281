#pragma once
#include <QList>
#include <QString>
#include <QStringList>

// Pinyin composition over libgooglepinyin (Debian's libgooglepinyin0), with no Qt Quick or
// Qt Virtual Keyboard in sight, so the rules a member feels on the touchscreen are unit-tested:
// letters compose pinyin, a candidate commits Chinese (partially, for long phrases), backspace
// walks back through the pinyin, and after a commit the next words are predicted.
//
// libgooglepinyin keeps its decoder in process-global state: every PinyinEngine shares it, and
// all of them must live on one thread (the GUI thread, where the input method runs). A search
// takes well under a millisecond, so it does not need a thread of its own.
//
// No user dictionary: a kiosk must not learn the names one member types and offer them to the
// next one.
class PinyinEngine
{
public:
    enum class Mode { Pinyin, Latin, Digits };

    // What a key did: `consumed` false means the engine had no use for it and the caller should
    // let the key through (a backspace with nothing composed deletes a character of the field).
    struct Step
    {
        bool consumed = false;
        QString commit; // text to insert into the field now
    };

    explicit PinyinEngine(const QString &dictionaryPath = defaultDictionaryPath());
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine &) = delete;
    PinyinEngine &operator=(const PinyinEngine &) = delete;

    static QString defaultDictionaryPath();

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode); // drops any composition

    Step key(QChar ch);
    Step backspace();
    Step enter(); // commits what is composed as typed (latin letters)
    Step space(); // commits the best candidate while composing; otherwise a space
    Step choose(int index);
    void reset();

    // After text was committed by other means, predict what follows `history`
    // (the last characters before the cursor).
    void predict(const QString &history);

    bool isComposing() const { return !m_surface.isEmpty(); }
    bool isPredicting() const { return m_predicting; }
    QString preedit() const { return m_preedit; }
    QString pinyin() const { return m_surface; }
    int candidateCount() const { return int(m_candidates.size()); }
    QString candidate(int index) const { return m_candidates.value(index); }
    QStringList candidates() const { return m_candidates; }

    // More candidates than this are not shown: the bar scrolls, and nobody scrolls past 100.
    static constexpr int MaxCandidates = 100;
    static constexpr int MaxPinyinLength = 40;

private:
    Step composeLetter(QChar ch);
    Step finishWithBest(const QString &then);
    void research();
    void refresh(size_t count);
    QList<int> spellingStarts() const;
    int decodedLength() const;
    QString rawCandidate(size_t index) const;
    Step commitAndPredict(QString text); // by value: it may come from m_candidates

    bool m_open = false;
    QString m_error;
    Mode m_mode = Mode::Pinyin;
    QString m_surface;     // the pinyin typed so far (lower case, apostrophes kept)
    QString m_preedit;     // what the field shows underlined
    QStringList m_candidates;
    int m_fixed = 0;       // syllables already fixed by a partial choice
    QString m_fixedText;   // their Chinese characters
    bool m_predicting = false;
};
