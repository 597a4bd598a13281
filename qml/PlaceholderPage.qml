import QtQuick
import QtQuick.Layouts

// Stands in for a page whose feature has not been built yet, and says so plainly rather than
// pretending: a member is told the service is coming and where to get help meanwhile.
Item {
    id: page
    required property string title
    required property string glyph
    signal back

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900)
        spacing: Theme.spacing * 1.5

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 200
            Layout.preferredHeight: 200
            radius: 100
            color: Theme.goldLight
            border.color: Theme.gold
            border.width: 4
            Text {
                anchors.centerIn: parent
                text: page.glyph
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: 100
                font.bold: true
            }
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: page.title
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
        }
        Text {
            objectName: "placeholderNotice"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: "此功能正在建设中，暂未开放。\n如需办理，请联系服务中心工作人员。"
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize + 4
            lineHeight: 1.3
        }
        KioskButton {
            objectName: "backButton"
            Layout.alignment: Qt.AlignHCenter
            text: "返回首页"
            onClicked: page.back()
        }
    }
}
