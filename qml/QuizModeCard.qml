import QtQuick
import QtQuick.Layouts

// A way into the quizzes on the quiz menu (每日一练, a 专项测试, ...): a glyph, a title and one
// line that says what to expect. A card that cannot be used right now says why instead.
Rectangle {
    id: card
    required property string glyph
    required property string title
    required property string subtitle
    property bool available: true
    signal activated

    implicitHeight: Math.max(170, column.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    border.width: 2
    opacity: card.available ? 1.0 : 0.7
    scale: area.pressed ? 0.97 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: card.title

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        Rectangle {
            Layout.preferredWidth: 96
            Layout.preferredHeight: 96
            radius: 48
            color: Theme.red
            Text {
                anchors.centerIn: parent
                text: card.glyph
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: 48
                font.bold: true
            }
        }
        ColumnLayout {
            id: column
            Layout.fillWidth: true
            spacing: 6
            Text {
                Layout.fillWidth: true
                text: card.title
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize - 4
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                text: card.subtitle
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
            }
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.activated()
    }
}
