import QtQuick
import QtQuick.Layouts

// One video in the library grid: poster, title, length and 学时, and — for a checked-in
// member — how much of it they have watched. The whole card is the touch target.
Rectangle {
    id: card
    required property string title
    required property string durationText
    required property string creditText
    required property url poster
    required property int percent
    required property bool completed
    required property string progressText
    signal activated

    implicitHeight: column.implicitHeight + 2 * 16
    radius: Theme.radius
    color: area.pressed ? Theme.goldLight : Theme.surface
    border.color: Theme.border
    border.width: 2

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Rectangle {
            Layout.fillWidth: true
            // From the card's width, not the layout's: the layout's implicit height needs it first.
            Layout.preferredHeight: (card.width - 32) * 9 / 16
            radius: Theme.radius - 6
            color: "#3A3A3A"
            clip: true
            Image {
                anchors.fill: parent
                source: card.poster
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
                sourceSize.width: 640
            }
            // A play mark says "this is a video" to someone who does not read the text.
            Rectangle {
                anchors.left: parent.left
                anchors.bottom: parent.bottom
                anchors.margins: 12
                width: 80
                height: 80
                radius: 40
                color: "#99000000"
                Text {
                    anchors.centerIn: parent
                    anchors.horizontalCenterOffset: 4
                    text: "▶"
                    color: "white"
                    font.pixelSize: 40
                }
            }
            Rectangle {
                visible: card.completed
                anchors.top: parent.top
                anchors.right: parent.right
                anchors.margins: 12
                width: doneLabel.implicitWidth + 28
                height: 52
                radius: 26
                color: Theme.ok
                Text {
                    id: doneLabel
                    anchors.centerIn: parent
                    text: "✓ 已完成"
                    color: "white"
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                }
            }
        }
        Text {
            Layout.fillWidth: true
            text: card.title
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize + 4
            font.bold: true
            wrapMode: Text.WordWrap // a title is never cut
        }
        Text {
            Layout.fillWidth: true
            text: "时长 " + card.durationText + " · " + card.creditText
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
        }
        // The member's own progress (hidden when nobody is checked in).
        RowLayout {
            Layout.fillWidth: true
            visible: card.progressText.length > 0
            spacing: 12
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 12
                radius: 6
                color: Theme.border
                Rectangle {
                    width: parent.width * Math.min(1, card.percent / 100)
                    height: parent.height
                    radius: 6
                    color: card.completed ? Theme.ok : Theme.gold
                }
            }
            Text {
                objectName: "videoProgressText"
                text: card.progressText
                color: card.completed ? Theme.ok : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                font.bold: card.completed
            }
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.activated()
    }
}
