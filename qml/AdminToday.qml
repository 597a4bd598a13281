import QtQuick
import QtQuick.Layouts
import Dangqun

// 今日: check-ins (本地 / 流动), who is here (masked names, latest first), per event, and refused
// scans by reason.
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
    Heading {
        objectName: "visitorsHeading"
        text: "今日到场（" + today.admin.visitors.count + " 人）"
    }
    Text {
        visible: today.admin.visitors.count === 0
        text: "今天还没有人签到"
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    Repeater {
        objectName: "visitorList"
        model: today.admin.visitors
        delegate: Rectangle {
            id: visitor
            required property int index
            required property string maskedName
            required property string organisation
            required property bool flowing
            required property string time
            required property string eventTitle
            objectName: "visitor-" + visitor.index
            Layout.fillWidth: true
            implicitHeight: visitorRow.implicitHeight + Theme.spacing
            radius: 8
            color: visitor.index % 2 === 0 ? Theme.surface : Theme.background
            RowLayout {
                id: visitorRow
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing / 2
                anchors.rightMargin: Theme.spacing / 2
                spacing: Theme.spacing
                Text {
                    text: visitor.time
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
                Text {
                    objectName: "visitorName"
                    text: visitor.maskedName
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                }
                Text {
                    text: visitor.flowing ? "流动党员" : "本地党员"
                    color: visitor.flowing ? Theme.warn : Theme.ok
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                }
                Text {
                    Layout.fillWidth: true
                    text: visitor.organisation + (visitor.eventTitle.length > 0 ? " · " + visitor.eventTitle : "")
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WordWrap
                }
            }
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
