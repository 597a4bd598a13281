pragma ComponentBehavior: Bound

import QtQuick

// A row of large choice chips (one selected): report kind, file format, export target.
Flow {
    id: choice
    required property var options       // strings
    property int currentIndex: 0
    property string namePrefix: "choice"

    spacing: Theme.spacing / 2

    Repeater {
        model: choice.options
        delegate: Rectangle {
            id: chip
            required property string modelData
            required property int index
            readonly property bool selected: chip.index === choice.currentIndex
            objectName: choice.namePrefix + "-" + chip.index
            width: Math.max(200, chipLabel.implicitWidth + 2 * Theme.spacing)
            height: Theme.touchTarget
            radius: Theme.radius
            color: chip.selected ? Theme.red : Theme.surface
            border.color: chip.selected ? Theme.redDark : Theme.border
            border.width: 2
            Accessible.role: Accessible.RadioButton
            Accessible.name: chip.modelData
            Accessible.checked: chip.selected
            Text {
                id: chipLabel
                anchors.centerIn: parent
                text: chip.modelData
                color: chip.selected ? Theme.textOnRed : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.bold: chip.selected
            }
            MouseArea {
                anchors.fill: parent
                onClicked: choice.currentIndex = chip.index
            }
        }
    }
}
