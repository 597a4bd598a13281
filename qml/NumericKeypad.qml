pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts

// A phone-style numeric keypad with keys far larger than the 88 px minimum, for fingers that
// are not as steady as they were. Emits digits and edit actions; the page owns the value.
GridLayout {
    id: keypad
    signal digit(string d)
    signal backspace
    signal clearAll

    columns: 3
    rowSpacing: Theme.spacing / 2
    columnSpacing: Theme.spacing / 2

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "清空", "0", "退格"]
        delegate: Rectangle {
            id: key
            required property string modelData
            readonly property bool isDigit: modelData.length === 1
            objectName: "key-" + modelData
            Layout.preferredWidth: 220
            Layout.preferredHeight: 120
            radius: Theme.radius
            color: area.pressed ? Theme.goldLight : (isDigit ? Theme.surface : Theme.background)
            border.color: Theme.border
            border.width: 2
            Accessible.role: Accessible.Button
            Accessible.name: modelData
            Text {
                anchors.centerIn: parent
                text: key.modelData
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: key.isDigit ? 56 : Theme.titleSize - 8
                font.bold: key.isDigit
            }
            MouseArea {
                id: area
                anchors.fill: parent
                onClicked: {
                    if (key.isDigit)
                        keypad.digit(key.modelData);
                    else if (key.modelData === "退格")
                        keypad.backspace();
                    else
                        keypad.clearAll();
                }
            }
        }
    }
}
