import QtQuick
import QtQuick.Layouts

// The red band at the top of every screen: the centre's name, today's date and the time.
Rectangle {
    id: header
    required property string centreName
    required property string dateText
    required property string timeText
    // A 3-second press on the centre's name: the way in to the staff screen (issue 9). Long
    // enough that no member opens it by leaning on the screen; nothing on screen advertises it.
    signal staffRequested

    implicitHeight: 150
    color: Theme.red

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 8
        color: Theme.gold
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: 8
        spacing: Theme.spacing

        Rectangle {
            Layout.preferredWidth: 84
            Layout.preferredHeight: 84
            radius: 42
            color: Theme.gold
            Text {
                anchors.centerIn: parent
                text: "党"
                color: Theme.textOnGold
                font.family: Theme.fontFamily
                font.pixelSize: 48
                font.bold: true
            }
        }
        Text {
            objectName: "centreName"
            Layout.fillWidth: true
            text: header.centreName
            color: Theme.textOnRed
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.bold: true
            elide: Text.ElideRight
            MouseArea {
                objectName: "staffEntry"
                anchors.fill: parent
                pressAndHoldInterval: 3000
                onPressAndHold: header.staffRequested()
            }
        }
        ColumnLayout {
            spacing: 0
            Text {
                Layout.alignment: Qt.AlignRight
                text: header.timeText
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: 48
                font.bold: true
            }
            Text {
                Layout.alignment: Qt.AlignRight
                text: header.dateText
                color: Theme.goldLight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
            }
        }
    }
}
