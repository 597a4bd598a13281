#include "pinyininputmethod.h"
#include "inputlogging.h"
#include "pinyinengine.h"

#include <QtVirtualKeyboard/QVirtualKeyboardInputContext>

using InputMode = QVirtualKeyboardInputEngine::InputMode;
using ListType = QVirtualKeyboardSelectionListModel::Type;

// What the keyboard showed before a key, so the candidate bar is only told when it changed
// (a full reset of the list makes it scroll back and flicker).
struct PinyinInputMethod::Snapshot
{
    QStringList candidates;
    bool composing = false;
};

PinyinInputMethod::PinyinInputMethod(QObject *parent)
    : QVirtualKeyboardAbstractInputMethod(parent), m_engine(std::make_unique<PinyinEngine>())
{
    if (!m_engine->isOpen())
        qCWarning(lcInput).noquote() << "Chinese input unavailable, latin only:" << m_engine->errorString();
}

PinyinInputMethod::~PinyinInputMethod() = default;

QList<InputMode> PinyinInputMethod::inputModes(const QString &locale)
{
    Q_UNUSED(locale);
    // Numeric is chosen by our digits layout (number-only fields); the 拼音/ABC key offers the rest.
    QList<InputMode> modes;
    if (m_engine->isOpen())
        modes << InputMode::Pinyin;
    modes << InputMode::Latin << InputMode::Numeric;
    return modes;
}

bool PinyinInputMethod::setInputMode(const QString &locale, InputMode inputMode)
{
    Q_UNUSED(locale);
    if (inputContext() && !m_engine->preedit().isEmpty())
        inputContext()->setPreeditText(QString());
    const Snapshot before{m_engine->candidates(), m_engine->isComposing()};
    switch (inputMode) {
    case InputMode::Pinyin:
        if (!m_engine->isOpen())
            return false;
        m_engine->setMode(PinyinEngine::Mode::Pinyin);
        break;
    case InputMode::Latin:
        m_engine->setMode(PinyinEngine::Mode::Latin);
        break;
    case InputMode::Numeric:
        m_engine->setMode(PinyinEngine::Mode::Digits);
        break;
    default:
        return false;
    }
    if (before.candidates != m_engine->candidates())
        emit selectionListChanged(ListType::WordCandidateList);
    return true;
}

bool PinyinInputMethod::setTextCase(QVirtualKeyboardInputEngine::TextCase textCase)
{
    Q_UNUSED(textCase); // the keyboard already sends upper- or lower-case text
    return true;
}

bool PinyinInputMethod::keyEvent(Qt::Key key, const QString &text, Qt::KeyboardModifiers modifiers)
{
    Q_UNUSED(modifiers);
    const Snapshot before{m_engine->candidates(), m_engine->isComposing()};
    PinyinEngine::Step step;
    switch (key) {
    case Qt::Key_Backspace:
        step = m_engine->backspace();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        step = m_engine->enter();
        break;
    case Qt::Key_Space:
        step = m_engine->space();
        break;
    default:
        if (text.size() != 1)
            return false; // shift, mode keys, ...: the keyboard's own business
        step = m_engine->key(text.at(0));
        break;
    }
    apply(step.commit, before);
    return step.consumed;
}

void PinyinInputMethod::apply(const QString &commit, const Snapshot &before)
{
    QVirtualKeyboardInputContext *ic = inputContext();
    if (!ic)
        return;
    if (!commit.isEmpty())
        ic->commit(commit); // replaces the underlined pinyin
    if (m_engine->isComposing() || !ic->preeditText().isEmpty())
        ic->setPreeditText(m_engine->preedit());
    if (before.candidates != m_engine->candidates() || before.composing != m_engine->isComposing()) {
        emit selectionListChanged(ListType::WordCandidateList);
        // While composing the best match is highlighted (the space bar takes it); a prediction
        // is only a suggestion.
        emit selectionListActiveItemChanged(ListType::WordCandidateList,
                                            m_engine->isComposing() && m_engine->candidateCount() > 0 ? 0 : -1);
    }
}

QList<ListType> PinyinInputMethod::selectionLists()
{
    return {ListType::WordCandidateList};
}

int PinyinInputMethod::selectionListItemCount(ListType type)
{
    Q_UNUSED(type);
    return m_engine->candidateCount();
}

QVariant PinyinInputMethod::selectionListData(ListType type, int index, QVirtualKeyboardSelectionListModel::Role role)
{
    if (role == QVirtualKeyboardSelectionListModel::Role::Display)
        return m_engine->candidate(index);
    if (role == QVirtualKeyboardSelectionListModel::Role::WordCompletionLength)
        return 0;
    return QVirtualKeyboardAbstractInputMethod::selectionListData(type, index, role);
}

void PinyinInputMethod::selectionListItemSelected(ListType type, int index)
{
    Q_UNUSED(type);
    const Snapshot before{m_engine->candidates(), m_engine->isComposing()};
    const PinyinEngine::Step step = m_engine->choose(index);
    apply(step.commit, before);
}

void PinyinInputMethod::reset()
{
    const Snapshot before{m_engine->candidates(), m_engine->isComposing()};
    if (before.composing && inputContext())
        inputContext()->setPreeditText(QString()); // the pinyin is abandoned, not committed
    m_engine->reset();
    if (before.candidates != m_engine->candidates())
        emit selectionListChanged(ListType::WordCandidateList);
}

void PinyinInputMethod::update()
{
    // The cursor moved or the field changed under the pinyin: keep what was typed as letters
    // rather than guessing characters the member did not pick.
    const Snapshot before{m_engine->candidates(), m_engine->isComposing()};
    if (m_engine->isComposing()) {
        const PinyinEngine::Step step = m_engine->enter();
        apply(step.commit, before);
        return;
    }
    m_engine->reset();
    if (before.candidates != m_engine->candidates())
        emit selectionListChanged(ListType::WordCandidateList);
}
