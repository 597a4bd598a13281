import QtQuick

// A large button (>= 96 px high) with a label readable from a step away.
Rectangle {
    id: button
    required property string text
    property bool primary: true
    signal clicked

    implicitWidth: Math.max(320, label.implicitWidth + 2 * Theme.margin)
    implicitHeight: Theme.touchTarget
    radius: Theme.radius
    color: area.pressed ? Theme.redDark : (button.primary ? Theme.red : Theme.surface)
    border.color: button.primary ? Theme.redDark : Theme.border
    border.width: 2

    Accessible.role: Accessible.Button
    Accessible.name: button.text

    Text {
        id: label
        anchors.centerIn: parent
        text: button.text
        color: button.primary || area.pressed ? Theme.textOnRed : Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize - 8
        font.bold: true
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: button.clicked()
    }
}
