import QtQuick
import QtQuick.Layouts

// One answer option as a large touch card (>= 96 px high, 34 px text): the letter in a seal,
// the text beside it. After an answer is shown the right option turns green, a wrong choice red.
Rectangle {
    id: card
    required property string letter
    required property string text
    property bool selected: false
    property string verdict: "" // "" | "right" | "wrong"
    signal tapped

    implicitHeight: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: card.verdict === "right" ? "#E6F4EA"
         : card.verdict === "wrong" ? "#FDE7EA"
         : card.selected ? Theme.goldLight : Theme.surface
    border.width: card.selected || card.verdict !== "" ? 4 : 2
    border.color: card.verdict === "right" ? Theme.ok
                : card.verdict === "wrong" ? Theme.red
                : card.selected ? Theme.gold : Theme.border
    scale: area.pressed ? 0.98 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: card.letter + " " + card.text

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Rectangle {
            Layout.preferredWidth: 64
            Layout.preferredHeight: 64
            radius: 32
            color: card.selected || card.verdict !== "" ? (card.verdict === "right" ? Theme.ok : Theme.red) : "white"
            border.color: Theme.red
            border.width: 2
            Text {
                anchors.centerIn: parent
                text: card.letter
                color: card.selected || card.verdict !== "" ? Theme.textOnRed : Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: 34
                font.bold: true
            }
        }
        Text {
            id: label
            Layout.fillWidth: true
            text: card.text
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.scaled(34)
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.tapped()
    }
}
