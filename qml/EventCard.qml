import QtQuick
import QtQuick.Layouts

// One event as a card: title and kind, day and time, place, seats left, who may come, and the
// member's own standing (已报名 / 候补第 n 位 / 活动已取消). Tappable on the list.
Rectangle {
    id: card
    required property var event
    property bool showDescription: false
    signal clicked

    implicitHeight: body.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: area.pressed ? Theme.goldLight : Theme.surface
    border.color: card.event.status === "registered" ? Theme.ok : Theme.border
    border.width: card.event.status === "registered" ? 4 : 2
    opacity: card.event.cancelled === true ? 0.75 : 1

    Accessible.role: Accessible.Button
    Accessible.name: card.event.title ?? ""

    ColumnLayout {
        id: body
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2
            Rectangle {
                Layout.preferredWidth: kindLabel.implicitWidth + 24
                Layout.preferredHeight: kindLabel.implicitHeight + 8
                radius: 8
                color: Theme.red
                Text {
                    id: kindLabel
                    anchors.centerIn: parent
                    text: card.event.kind ?? ""
                    color: Theme.textOnRed
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                }
            }
            Text {
                objectName: "eventTitle"
                Layout.fillWidth: true
                text: card.event.title ?? ""
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize - 8
                font.bold: true
            }
        }
        Text {
            Layout.fillWidth: true
            text: (card.event.dateText ?? "") + "  " + (card.event.timeText ?? "")
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Text {
            Layout.fillWidth: true
            visible: text.length > 0
            text: card.event.place ? "地点：" + card.event.place : ""
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Text {
            objectName: "seatsText"
            Layout.fillWidth: true
            text: (card.event.seatsText ?? "") + " · " + (card.event.flowingText ?? "")
            wrapMode: Text.WordWrap
            color: card.event.full === true ? Theme.warn : Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Text {
            Layout.fillWidth: true
            visible: card.showDescription && text.length > 0
            text: card.event.description ?? ""
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Text {
            objectName: "statusText"
            Layout.fillWidth: true
            visible: text.length > 0
            text: card.event.statusText ?? ""
            wrapMode: Text.WordWrap
            color: card.event.cancelled === true ? Theme.warn : Theme.ok
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            font.bold: true
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.clicked()
    }
}
