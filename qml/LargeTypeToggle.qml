import QtQuick
import QtQuick.Layouts

// 大字模式 on the home screen: one tap makes every text about 1.4x larger until the member's
// visit ends; a second tap goes back to the ordinary size.
Rectangle {
    id: toggle
    required property bool on
    signal toggled

    objectName: "largeTypeToggle"
    implicitWidth: row.implicitWidth + 2 * Theme.spacing
    implicitHeight: Theme.touchTarget
    radius: Theme.radius
    color: toggle.on ? Theme.red : Theme.surface
    border.color: toggle.on ? Theme.redDark : Theme.border
    border.width: 2

    Accessible.role: Accessible.CheckBox
    Accessible.name: "大字模式"
    Accessible.checked: toggle.on

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spacing / 2
        Text {
            text: "大"
            color: toggle.on ? Theme.textOnRed : Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
        Text {
            objectName: "largeTypeLabel"
            text: toggle.on ? "大字模式：开" : "大字模式"
            color: toggle.on ? Theme.textOnRed : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            font.bold: true
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: toggle.toggled()
    }
}
