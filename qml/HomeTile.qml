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

    // 大字模式 and landscape make tiles short for their text: the seal goes first, then the
    // subtitle, so the title always fits inside the card.
    readonly property int glyphSize: tile.primary ? 160 : 112
    readonly property bool showSubtitle: tile.height >= titleText.implicitHeight + subtitleText.implicitHeight
                                                       + 2 * Theme.spacing
    readonly property bool showGlyph: tile.showSubtitle
                                      && tile.height >= tile.glyphSize + titleText.implicitHeight
                                                        + subtitleText.implicitHeight + 3 * Theme.spacing

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacing
        spacing: Theme.spacing / 2

        Rectangle {
            objectName: "tileGlyph"
            visible: tile.showGlyph
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: tile.glyphSize
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
            id: titleText
            objectName: "tileTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: tile.title
            color: tile.primary ? Theme.textOnRed : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: tile.primary ? Theme.headlineSize : Theme.titleSize
            font.bold: true
        }
        Text {
            id: subtitleText
            objectName: "tileSubtitle"
            visible: tile.showSubtitle
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
