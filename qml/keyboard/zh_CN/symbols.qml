// Digits and punctuation, sharing the 拼音 page's input method.
import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    function createInputMethod() {
        return Qt.createQmlObject('import Dangqun; PinyinInputMethod {}', parent, "zh_CN/symbols.qml");
    }
    sharedLayouts: ["main"]
    keyWeight: 160

    KeyboardRow {
        Key { key: Qt.Key_1; text: "1" }
        Key { key: Qt.Key_2; text: "2" }
        Key { key: Qt.Key_3; text: "3" }
        Key { key: Qt.Key_4; text: "4" }
        Key { key: Qt.Key_5; text: "5" }
        Key { key: Qt.Key_6; text: "6" }
        Key { key: Qt.Key_7; text: "7" }
        Key { key: Qt.Key_8; text: "8" }
        Key { key: Qt.Key_9; text: "9" }
        Key { key: Qt.Key_0; text: "0" }
    }
    KeyboardRow {
        Key { key: Qt.Key_unknown; text: "（" }
        Key { key: Qt.Key_unknown; text: "）" }
        Key { key: Qt.Key_Minus; text: "-" }
        Key { key: Qt.Key_unknown; text: "、" }
        Key { key: Qt.Key_unknown; text: "“" }
        Key { key: Qt.Key_unknown; text: "”" }
        Key { key: Qt.Key_At; text: "@" }
        Key { key: Qt.Key_NumberSign; text: "#" }
        Key { key: Qt.Key_unknown; text: "·" }
        Key { key: Qt.Key_Slash; text: "/" }
    }
    KeyboardRow {
        FillerKey { weight: 160 }
        Key { key: Qt.Key_unknown; text: "？" }
        Key { key: Qt.Key_unknown; text: "！" }
        Key { key: Qt.Key_unknown; text: "：" }
        Key { key: Qt.Key_unknown; text: "；" }
        Key { key: Qt.Key_unknown; text: "《" }
        Key { key: Qt.Key_unknown; text: "》" }
        Key { key: Qt.Key_Period; text: "." }
        BackspaceKey { weight: 320 }
    }
    KeyboardRow {
        SymbolModeKey { weight: 240; displayText: "拼音" }
        Key { key: Qt.Key_Comma; text: "，" }
        SpaceKey { weight: 800 }
        Key { key: Qt.Key_Period; text: "。" }
        EnterKey { weight: 240 }
    }
}
