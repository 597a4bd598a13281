// A number-only field (inputMethodHints: Qt.ImhDigitsOnly): a large telephone-style keypad.
import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    function createInputMethod() {
        return Qt.createQmlObject('import Dangqun; PinyinInputMethod {}', parent, "zh_CN/digits.qml");
    }
    inputMode: InputEngine.InputMode.Numeric
    keyWeight: 160

    KeyboardRow {
        FillerKey { weight: 320 }
        Key { key: Qt.Key_1; text: "1" }
        Key { key: Qt.Key_2; text: "2" }
        Key { key: Qt.Key_3; text: "3" }
        FillerKey { weight: 320 }
    }
    KeyboardRow {
        FillerKey { weight: 320 }
        Key { key: Qt.Key_4; text: "4" }
        Key { key: Qt.Key_5; text: "5" }
        Key { key: Qt.Key_6; text: "6" }
        FillerKey { weight: 320 }
    }
    KeyboardRow {
        FillerKey { weight: 320 }
        Key { key: Qt.Key_7; text: "7" }
        Key { key: Qt.Key_8; text: "8" }
        Key { key: Qt.Key_9; text: "9" }
        FillerKey { weight: 320 }
    }
    KeyboardRow {
        FillerKey { weight: 320 }
        BackspaceKey {}
        Key { key: Qt.Key_0; text: "0" }
        EnterKey {}
        FillerKey { weight: 320 }
    }
}
