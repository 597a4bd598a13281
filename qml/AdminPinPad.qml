import QtQuick
import QtQuick.Layouts
import Dangqun

// 工作人员登录: the PIN typed on the big numeric keypad, shown as dots, checked by the
// controller (which also counts wrong PINs and locks entry after five).
ColumnLayout {
    id: pad
    required property AdminController admin
    property string pin: ""
    signal cancelled

    spacing: Theme.spacing

    Text {
        Layout.alignment: Qt.AlignHCenter
        text: "工作人员登录"
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.headlineSize
        font.bold: true
    }
    Text {
        objectName: "pinDots"
        Layout.alignment: Qt.AlignHCenter
        text: pad.pin.length > 0 ? "●".repeat(pad.pin.length) : "请输入管理密码"
        color: pad.pin.length > 0 ? Theme.text : Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: pad.pin.length > 0 ? 56 : Theme.titleSize - 8
    }
    Text {
        objectName: "pinMessage"
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: 700
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: pad.admin.pinMessage
        visible: text.length > 0
        color: Theme.warn
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    NumericKeypad {
        Layout.alignment: Qt.AlignHCenter
        enabled: !pad.admin.checking
        onDigit: d => {
            if (pad.pin.length < 12)
                pad.pin += d;
        }
        onBackspace: pad.pin = pad.pin.slice(0, -1)
        onClearAll: pad.pin = ""
    }
    RowLayout {
        Layout.alignment: Qt.AlignHCenter
        spacing: Theme.spacing
        KioskButton {
            objectName: "pinCancel"
            text: "返回"
            primary: false
            onClicked: pad.cancelled()
        }
        KioskButton {
            objectName: "pinSubmit"
            text: pad.admin.checking ? "验证中…" : "确定"
            onClicked: {
                if (pad.pin.length === 0 || pad.admin.checking)
                    return;
                pad.admin.login(pad.pin);
                pad.pin = "";
            }
        }
    }
}
