// 拼音 keyboard of the kiosk (our own layout: Debian's Qt Virtual Keyboard has no Pinyin).
// The input method is ours too, from the Dangqun module; the symbols page shares it, so a
// composition survives a look at the punctuation.
import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    function createInputMethod() {
        return Qt.createQmlObject('import Dangqun; PinyinInputMethod {}', parent, "zh_CN/main.qml");
    }
    sharedLayouts: ["symbols"]
    keyWeight: 160

    KeyboardRow {
        Key { key: Qt.Key_Q; text: "q" }
        Key { key: Qt.Key_W; text: "w" }
        Key { key: Qt.Key_E; text: "e" }
        Key { key: Qt.Key_R; text: "r" }
        Key { key: Qt.Key_T; text: "t" }
        Key { key: Qt.Key_Y; text: "y" }
        Key { key: Qt.Key_U; text: "u" }
        Key { key: Qt.Key_I; text: "i" }
        Key { key: Qt.Key_O; text: "o" }
        Key { key: Qt.Key_P; text: "p" }
    }
    KeyboardRow {
        FillerKey { weight: 80 }
        Key { key: Qt.Key_A; text: "a" }
        Key { key: Qt.Key_S; text: "s" }
        Key { key: Qt.Key_D; text: "d" }
        Key { key: Qt.Key_F; text: "f" }
        Key { key: Qt.Key_G; text: "g" }
        Key { key: Qt.Key_H; text: "h" }
        Key { key: Qt.Key_J; text: "j" }
        Key { key: Qt.Key_K; text: "k" }
        Key { key: Qt.Key_L; text: "l" }
        FillerKey { weight: 80 }
    }
    KeyboardRow {
        ShiftKey { weight: 240 }
        Key { key: Qt.Key_Z; text: "z" }
        Key { key: Qt.Key_X; text: "x" }
        Key { key: Qt.Key_C; text: "c" }
        Key { key: Qt.Key_V; text: "v" }
        Key { key: Qt.Key_B; text: "b" }
        Key { key: Qt.Key_N; text: "n" }
        Key { key: Qt.Key_M; text: "m" }
        BackspaceKey { weight: 240 }
    }
    KeyboardRow {
        SymbolModeKey { weight: 240 }
        InputModeKey {
            weight: 200
            // 拼音 <-> ABC; digits come with the 符 page or a number field's own keypad.
            inputModes: [InputEngine.InputMode.Pinyin, InputEngine.InputMode.Latin]
        }
        Key { key: Qt.Key_Comma; text: "，"; alternativeKeys: "，,、；" }
        SpaceKey { weight: 480 }
        Key { key: Qt.Key_Period; text: "。"; alternativeKeys: "。.？！：" }
        Key { key: Qt.Key_Apostrophe; text: "'"; enabled: InputContext.preeditText.length > 0 }
        EnterKey { weight: 240 }
    }
}
