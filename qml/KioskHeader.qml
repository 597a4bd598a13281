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
            Layout.fillHeight: true
            verticalAlignment: Text.AlignVCenter
            font.pixelSize: Theme.titleSize
            font.bold: true
            // Never cut (issue 17): in 大字模式 or on a narrow panel the name wraps to two
            // lines and shrinks as far as it must, but is always whole.
            wrapMode: Text.Wrap
            fontSizeMode: Text.Fit
            minimumPixelSize: 24
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
                objectName: "clock"
                Layout.alignment: Qt.AlignRight
                text: header.timeText
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: 48
                font.bold: true
            }
            Text {
                objectName: "date"
                Layout.alignment: Qt.AlignRight
                text: header.dateText
                color: Theme.goldLight
                font.family: Theme.fontFamily
                font.pixelSize: 28 // fixed: 大字模式 goes to the centre's name and the pages
            }
        }
    }
}
