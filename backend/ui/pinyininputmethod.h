#pragma once
#include <QtQml/qqmlregistration.h>
#include <QtVirtualKeyboard/QVirtualKeyboardAbstractInputMethod>
#include <memory>

class PinyinEngine;

// Chinese input for Qt Virtual Keyboard (Debian's build has no Pinyin): our zh_CN layouts
// create this from QML (`import Dangqun; PinyinInputMethod {}`), and it forwards keys to a
// PinyinEngine and the engine's state back to the keyboard: the underlined pinyin in the field,
// the candidate bar, the committed text. Modes: 拼音, latin letters, and digits for number-only
// fields. All rules live in PinyinEngine (unit-tested); this class only translates.
class PinyinInputMethod : public QVirtualKeyboardAbstractInputMethod
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit PinyinInputMethod(QObject *parent = nullptr);
    ~PinyinInputMethod() override;

    QList<QVirtualKeyboardInputEngine::InputMode> inputModes(const QString &locale) override;
    bool setInputMode(const QString &locale, QVirtualKeyboardInputEngine::InputMode inputMode) override;
    bool setTextCase(QVirtualKeyboardInputEngine::TextCase textCase) override;
    bool keyEvent(Qt::Key key, const QString &text, Qt::KeyboardModifiers modifiers) override;

    QList<QVirtualKeyboardSelectionListModel::Type> selectionLists() override;
    int selectionListItemCount(QVirtualKeyboardSelectionListModel::Type type) override;
    QVariant selectionListData(QVirtualKeyboardSelectionListModel::Type type, int index,
                               QVirtualKeyboardSelectionListModel::Role role) override;
    void selectionListItemSelected(QVirtualKeyboardSelectionListModel::Type type, int index) override;

    void reset() override;
    void update() override;

private:
    struct Snapshot;
    void apply(const QString &commit, const Snapshot &before);

    std::unique_ptr<PinyinEngine> m_engine;
};
