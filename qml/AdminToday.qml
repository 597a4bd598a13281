import QtQuick
import QtQuick.Layouts
import Dangqun

// 今日: check-ins (本地 / 流动), per event, and refused scans by reason.
ColumnLayout {
    id: today
    required property AdminController admin
    spacing: Theme.spacing

    component Figure: Rectangle {
        id: figure
        required property string label
        required property int value
        Layout.fillWidth: true
        Layout.preferredHeight: 180
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
        Column {
            anchors.centerIn: parent
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: figure.value
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: figure.label
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
        }
    }
    component Heading: Text {
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize - 8
        font.bold: true
    }
    component CountLine: Text {
        required property string label
        required property int count
        text: label + "：" + count + " 人次"
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
    }

    RowLayout {
        spacing: Theme.spacing
        Figure {
            objectName: "todayLocal"
            label: "本地党员签到"
            value: today.admin.localToday
        }
        Figure {
            objectName: "todayFlowing"
            label: "流动党员签到"
            value: today.admin.flowingToday
        }
    }
    Heading { text: "各活动签到" }
    Text {
        visible: today.admin.eventCounts.length === 0
        text: "今天还没有活动签到"
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    Repeater {
        model: today.admin.eventCounts
        delegate: CountLine {
            required property var modelData
            Layout.fillWidth: true
            label: modelData.title
            count: modelData.count
        }
    }
    Heading { text: "未通过的扫码" }
    Text {
        visible: today.admin.failedScans.length === 0
        text: "今天没有未通过的扫码"
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    Repeater {
        model: today.admin.failedScans
        delegate: CountLine {
            required property var modelData
            Layout.fillWidth: true
            label: modelData.reason
            count: modelData.count
        }
    }
}
