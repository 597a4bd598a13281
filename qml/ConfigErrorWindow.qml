import QtQuick
import QtQuick.Layouts

// What the kiosk shows instead of its pages when its configuration is refused at start-up:
// which setting is wrong and whom to call, full screen and in Chinese, instead of exiting (which
// under systemd would only restart into the same error, again and again).
Window {
    id: window
    required property string configKey   // "section/key", or empty when the file itself is the problem
    required property string problem      // the validator's sentence
    required property string configPath

    width: 1080
    height: 1920
    visible: true
    title: "党群服务中心自助终端：启动检查未通过"
    color: Theme.background

    Rectangle {
        id: band
        width: parent.width
        height: 150
        color: Theme.red
        Text {
            anchors.centerIn: parent
            text: "党群服务中心自助终端"
            color: Theme.textOnRed
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
    }

    ColumnLayout {
        anchors.top: band.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin * 2
        spacing: Theme.spacing * 2

        Text {
            objectName: "configErrorTitle"
            Layout.fillWidth: true
            text: "终端暂停服务：启动检查未通过"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "configErrorKey"
            Layout.fillWidth: true
            visible: window.configKey.length > 0
            text: "有误的配置项：" + window.configKey
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            wrapMode: Text.WrapAnywhere
        }
        Text {
            objectName: "configErrorProblem"
            Layout.fillWidth: true
            text: "问题：" + window.problem
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WrapAnywhere
        }
        Text {
            Layout.fillWidth: true
            text: "配置文件：" + window.configPath
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WrapAnywhere
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: help.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.goldLight
            Text {
                id: help
                objectName: "configErrorHelp"
                anchors.fill: parent
                anchors.margins: Theme.margin
                text: "党员同志：本终端暂时无法使用，请联系服务中心工作人员。\n\n"
                      + "工作人员：请联系街道（园区）党工委的信息化联络员，按上述提示修改配置文件"
                      + "（各项说明见 /usr/share/doc/dangqun-kiosk/kiosk.example.ini），"
                      + "然后重新启动终端（sudo systemctl restart dangqun-kiosk）。"
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
            }
        }
        Item { Layout.fillHeight: true }
    }
}
