import QtQuick
import QtQuick.Layouts

// One entry on the home screen: a large card with a seal-like glyph, a title and one line that
// says what happens behind it. The whole card is the touch target.
Rectangle {
    id: tile
    required property string glyph
    required property string title
    required property string subtitle
    property bool primary: false
    signal activated

    radius: Theme.radius
    color: tile.primary ? Theme.red : Theme.surface
    border.color: tile.primary ? Theme.redDark : Theme.border
    border.width: 2
    scale: area.pressed ? 0.97 : 1.0
    Behavior on scale { NumberAnimation { duration: 80 } }

    Accessible.role: Accessible.Button
    Accessible.name: tile.title

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacing
        spacing: Theme.spacing / 2

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: tile.primary ? 160 : 112
            Layout.preferredHeight: Layout.preferredWidth
            radius: width / 2
            color: tile.primary ? Theme.gold : Theme.red
            Text {
                anchors.centerIn: parent
                text: tile.glyph
                color: tile.primary ? Theme.textOnGold : Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: parent.width * 0.5
                font.bold: true
            }
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: tile.title
            color: tile.primary ? Theme.textOnRed : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: tile.primary ? Theme.headlineSize : Theme.titleSize
            font.bold: true
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: tile.subtitle
            color: tile.primary ? Theme.goldLight : Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.activated()
    }
}
