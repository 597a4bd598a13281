pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import QtMultimedia
import Dangqun

// Who is registering: show the member code to the camera (a check-in, as on the scan page), or
// type the phone number and confirm the masked name. The page owns the scanner; this panel
// shows the camera picture, the keypad and what went wrong.
Item {
    id: panel
    required property Kiosk kiosk
    required property string mode // scan | phone
    signal modeRequested(string m)
    readonly property alias videoSink: preview.videoSink
    property string phone: ""
    readonly property var checkinResult: panel.kiosk.checkin.result

    // --- scan ---------------------------------------------------------------------------------
    ColumnLayout {
        visible: panel.mode === "scan"
        anchors.fill: parent
        spacing: Theme.spacing / 2
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "请出示党员码确认身份"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 200
            radius: Theme.radius
            color: "#202020"
            clip: true
            VideoOutput {
                id: preview
                anchors.fill: parent
                fillMode: VideoOutput.PreserveAspectCrop
            }
            Text {
                visible: !panel.kiosk.scanSource.available
                anchors.centerIn: parent
                width: parent.width * 0.85
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                // The technical reason is in the log; a member needs only the way on.
                text: "摄像头暂不可用\n请使用下方的“手机号确认”"
                color: "white"
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
        }
        Text {
            objectName: "identifyMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: panel.checkinResult.success === false ? (panel.checkinResult.title + "：" + panel.checkinResult.message) : ""
            color: Theme.warn
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        KioskButton {
            objectName: "identifyPhoneButton"
            Layout.alignment: Qt.AlignHCenter
            text: "手机号确认"
            primary: false
            onClicked: {
                panel.phone = "";
                panel.modeRequested("phone");
            }
        }
    }

    // --- phone --------------------------------------------------------------------------------
    ColumnLayout {
        visible: panel.mode === "phone"
        anchors.fill: parent
        spacing: Theme.spacing / 2
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 640
            Layout.preferredHeight: 100
            radius: Theme.radius
            border.color: Theme.gold
            border.width: 3
            Text {
                anchors.centerIn: parent
                text: panel.phone.length > 0 ? panel.phone : "请输入 11 位手机号"
                color: panel.phone.length > 0 ? Theme.text : Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: panel.phone.length > 0 ? 52 : Theme.bodySize
                font.letterSpacing: panel.phone.length > 0 ? 4 : 0
            }
        }
        NumericKeypad {
            Layout.alignment: Qt.AlignHCenter
            visible: panel.phone.length < 11 || panel.kiosk.checkin.matches.length === 0
            onDigit: d => {
                if (panel.phone.length < 11)
                    panel.phone += d;
                if (panel.phone.length === 11)
                    panel.kiosk.checkin.lookupPhone(panel.phone);
            }
            onBackspace: panel.phone = panel.phone.slice(0, -1)
            onClearAll: panel.phone = ""
        }
        Repeater {
            model: panel.phone.length === 11 ? panel.kiosk.checkin.matches : []
            delegate: KioskButton {
                id: match
                required property var modelData
                required property int index
                objectName: "identifyMatch"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 860
                text: "我是 " + match.modelData.maskedName + "（" + match.modelData.organisation + "）"
                onClicked: panel.kiosk.checkin.confirmManual(match.index)
            }
        }
        Text {
            Layout.fillWidth: true
            visible: panel.phone.length === 11 && panel.kiosk.checkin.matches.length === 0
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: "未找到该手机号的党员信息，请核对或联系工作人员"
            color: Theme.warn
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Item { Layout.fillHeight: true }
        KioskButton {
            Layout.alignment: Qt.AlignHCenter
            text: "返回扫码"
            primary: false
            onClicked: panel.modeRequested("scan")
        }
    }
}
