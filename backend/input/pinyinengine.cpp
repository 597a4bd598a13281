#include "pinyinengine.h"
#include "inputlogging.h"

#include <QFileInfo>
#include <pinyinime.h>

using namespace ime_pinyin;

namespace {

// The decoder is one per process (libgooglepinyin keeps it in globals): opened by the first
// engine, closed by the last.
int s_users = 0;
bool s_decoderOpen = false;

// libgooglepinyin opens (and writes, as it learns) a user dictionary; a path that can never
// be created turns learning off, which is what a shared kiosk needs. Passing null crashes
// the Debian build.
constexpr char NoUserDictionary[] = "/dev/null/dangqun-no-user-dictionary";

} // namespace

QString PinyinEngine::defaultDictionaryPath()
{
    const QString env = qEnvironmentVariable("DANGQUN_PINYIN_DICTIONARY");
    if (!env.isEmpty())
        return env;
    return QStringLiteral("/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat");
}

PinyinEngine::PinyinEngine(const QString &dictionaryPath)
{
    ++s_users;
    if (s_decoderOpen) {
        m_open = true;
        return;
    }
    if (!QFileInfo(dictionaryPath).isFile()) {
        m_error = QStringLiteral("拼音词库不存在：%1").arg(dictionaryPath);
        qCWarning(lcInput).noquote() << "pinyin dictionary missing:" << dictionaryPath;
        return;
    }
    s_decoderOpen = im_open_decoder(QFile::encodeName(dictionaryPath).constData(), NoUserDictionary);
    if (!s_decoderOpen) {
        m_error = QStringLiteral("无法打开拼音词库：%1").arg(dictionaryPath);
        qCWarning(lcInput).noquote() << "pinyin dictionary not usable:" << dictionaryPath;
        return;
    }
    im_set_max_lens(MaxPinyinLength, MaxPinyinLength / 2);
    m_open = true;
    qCInfo(lcInput).noquote() << "pinyin dictionary opened:" << dictionaryPath;
}

PinyinEngine::~PinyinEngine()
{
    if (--s_users == 0 && s_decoderOpen) {
        im_close_decoder();
        s_decoderOpen = false;
    }
}

void PinyinEngine::setMode(Mode mode)
{
    reset();
    m_mode = (mode == Mode::Pinyin && !m_open) ? Mode::Latin : mode;
}

void PinyinEngine::reset()
{
    if (m_open && !m_surface.isEmpty())
        im_reset_search();
    m_surface.clear();
    m_preedit.clear();
    m_candidates.clear();
    m_fixed = 0;
    m_fixedText.clear();
    m_predicting = false;
}

PinyinEngine::Step PinyinEngine::key(QChar ch)
{
    switch (m_mode) {
    case Mode::Digits:
        // A number-only field: anything else is swallowed rather than typed.
        return {true, ch.isDigit() ? QString(ch) : QString()};
    case Mode::Latin:
        return {true, QString(ch)};
    case Mode::Pinyin:
        break;
    }
    const bool letter = ch.isLetter() && ch.unicode() < 128;
    if (letter || (ch == u'\'' && isComposing()))
        return composeLetter(ch.toLower());
    if (isComposing())
        return finishWithBest(QString(ch)); // 中国 + ， : the best candidate, then the mark
    m_predicting = false;
    m_candidates.clear();
    return {true, QString(ch)};
}

PinyinEngine::Step PinyinEngine::composeLetter(QChar ch)
{
    if (m_predicting) {
        m_predicting = false;
        m_candidates.clear();
    }
    if (m_surface.size() >= MaxPinyinLength || (ch == u'\'' && m_surface.endsWith(ch)))
        return {true, {}};
    m_surface.append(ch);
    research();
    return {true, {}};
}

void PinyinEngine::research()
{
    const QByteArray latin = m_surface.toLatin1();
    // With syllables fixed, the decoder keeps them as long as the prefix is unchanged.
    const size_t count = im_search(latin.constData(), size_t(latin.size()));
    refresh(count);
}

QList<int> PinyinEngine::spellingStarts() const
{
    const uint16 *starts = nullptr;
    const size_t count = im_get_spl_start_pos(starts);
    QList<int> out;
    for (size_t i = 0; starts && i <= count; ++i)
        out.append(starts[i]);
    return out; // count + 1 positions: where each syllable starts, then the end
}

int PinyinEngine::decodedLength() const
{
    size_t decoded = 0;
    im_get_sps_str(&decoded);
    return int(decoded);
}

QString PinyinEngine::rawCandidate(size_t index) const
{
    char16 buffer[MaxPinyinLength + 1] = {};
    if (!im_get_candidate(index, buffer, MaxPinyinLength))
        return {};
    return QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer));
}

void PinyinEngine::refresh(size_t count)
{
    size_t decodedLen = 0;
    m_surface = QString::fromLatin1(im_get_sps_str(&decodedLen));
    if (m_surface.isEmpty()) {
        reset();
        return;
    }
    m_fixed = int(im_get_fixed_len());
    const QList<int> starts = spellingStarts();
    m_candidates.clear();
    const size_t shown = qMin(count, size_t(MaxCandidates));
    for (size_t i = 0; i < shown; ++i) {
        QString text = rawCandidate(i);
        if (i == 0) {
            // The first candidate is the whole sentence, fixed part included.
            m_fixedText = text.left(m_fixed);
            text.remove(0, m_fixed);
        }
        if (!text.isEmpty())
            m_candidates.append(text);
    }
    // 流动 dang'yuan: the fixed Chinese, then the remaining syllables, then letters that do not
    // (yet) make a syllable.
    m_preedit = m_fixedText;
    QString rest;
    for (int s = m_fixed; s + 1 < starts.size(); ++s) {
        const QString syllable = m_surface.mid(starts[s], starts[s + 1] - starts[s]);
        if (!rest.isEmpty() && !rest.endsWith(u'\'') && !syllable.startsWith(u'\''))
            rest += u'\'';
        rest += syllable;
    }
    const QString undecoded = m_surface.mid(int(decodedLen));
    if (!rest.isEmpty() && !undecoded.isEmpty() && !rest.endsWith(u'\'') && !undecoded.startsWith(u'\''))
        rest += u'\'';
    m_preedit += rest + undecoded;
}

PinyinEngine::Step PinyinEngine::choose(int index)
{
    if (index < 0 || index >= m_candidates.size())
        return {false, {}};
    if (m_predicting)
        return commitAndPredict(m_candidates.at(index));
    if (!isComposing())
        return {false, {}};
    const size_t count = im_choose(size_t(index));
    const int fixed = int(im_get_fixed_len());
    const QList<int> starts = spellingStarts();
    if (fixed >= starts.size() - 1) {
        // Every syllable has its characters: commit them, with any letters that made no syllable.
        return commitAndPredict(rawCandidate(0) + m_surface.mid(decodedLength()));
    }
    refresh(count); // a partial choice: candidates for the rest
    return {true, {}};
}

PinyinEngine::Step PinyinEngine::finishWithBest(const QString &then)
{
    QString text;
    if (m_candidates.isEmpty()) {
        text = m_surface; // no syllable at all: the letters as typed
        text.remove(u'\'');
    } else {
        im_choose(0); // the whole sentence
        text = rawCandidate(0) + m_surface.mid(decodedLength());
    }
    reset();
    return {true, text + then};
}

PinyinEngine::Step PinyinEngine::commitAndPredict(QString text)
{
    reset();
    predict(text);
    return {true, text};
}

void PinyinEngine::predict(const QString &history)
{
    if (m_mode != Mode::Pinyin || !m_open || isComposing() || history.isEmpty())
        return;
    const QString tail = history.right(3); // the decoder predicts from a short history
    char16 (*items)[kMaxPredictSize + 1] = nullptr;
    const size_t count = im_get_predicts(reinterpret_cast<const char16 *>(tail.utf16()), items);
    m_candidates.clear();
    for (size_t i = 0; i < count && i < size_t(MaxCandidates); ++i)
        m_candidates.append(QString::fromUtf16(reinterpret_cast<const char16_t *>(items[i])));
    m_predicting = !m_candidates.isEmpty();
}

PinyinEngine::Step PinyinEngine::backspace()
{
    if (m_predicting) {
        m_predicting = false;
        m_candidates.clear();
        return {false, {}}; // and the field loses a character, as the member expects
    }
    if (!isComposing())
        return {false, {}};
    const QList<int> starts = spellingStarts();
    const bool lettersAfterFixed = m_fixed == 0 || starts.size() <= m_fixed || m_surface.size() > starts[m_fixed];
    if (!lettersAfterFixed) {
        // 流动 + nothing typed after it: undo the choice, the pinyin comes back.
        refresh(im_cancel_last_choice());
        return {true, {}};
    }
    m_surface.chop(1);
    if (m_surface.isEmpty()) {
        reset();
        return {true, {}};
    }
    if (m_fixed > 0) {
        refresh(im_delsearch(size_t(m_surface.size()), false, false));
    } else {
        im_reset_search();
        research();
    }
    return {true, {}};
}

PinyinEngine::Step PinyinEngine::space()
{
    if (isComposing())
        return choose(0);
    if (m_predicting) {
        m_predicting = false;
        m_candidates.clear();
    }
    return {false, {}};
}

PinyinEngine::Step PinyinEngine::enter()
{
    if (isComposing()) {
        QString text = m_surface;
        text.remove(u'\'');
        reset();
        return {true, text};
    }
    m_predicting = false;
    m_candidates.clear();
    return {false, {}};
}
