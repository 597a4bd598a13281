import QtQuick
import QtQuick.Layouts
import Dangqun

// 导出: which report, which days (filled in with this month up to today: real dates, not grey
// examples that look real), which format, where to (share or USB stick); a progress bar while
// the export runs on its worker.
ColumnLayout {
    id: exporter
    required property AdminController admin
    spacing: Theme.spacing

    component Label: Text {
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }

    Label { text: "报表" }
    AdminChoice {
        id: kindChoice
        Layout.fillWidth: true
        namePrefix: "exportKind"
        options: exporter.admin.exportKinds
    }
    GridLayout {
        Layout.fillWidth: true
        columns: exporter.width > 1100 ? 2 : 1
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing / 2
        ReportField {
            id: fromField
            Layout.fillWidth: true
            name: "exportFrom"
            label: "开始日期（年-月-日）"
            optional: true
            text: exporter.admin.exportFromDefault
            hints: Qt.ImhDate
        }
        ReportField {
            id: toField
            Layout.fillWidth: true
            name: "exportTo"
            label: "结束日期（年-月-日）"
            optional: true
            text: exporter.admin.exportToDefault
            hints: Qt.ImhDate
        }
    }
    Label { text: "格式" }
    AdminChoice {
        id: formatChoice
        namePrefix: "exportFormat"
        options: ["Excel（XLSX）", "CSV"]
    }
    Label { text: "保存到" }
    Text {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        visible: exporter.admin.targetLabels.length === 0
        text: "没有可用的位置：请插入U盘，或检查共享文件夹是否已连接"
        color: Theme.warn
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    AdminChoice {
        id: targetChoice
        Layout.fillWidth: true
        namePrefix: "exportTarget"
        options: exporter.admin.targetLabels
    }
    Rectangle {
        objectName: "exportProgress"
        Layout.fillWidth: true
        Layout.preferredHeight: 40
        visible: exporter.admin.exporting || exporter.admin.exportProgress > 0
        radius: 20
        color: Theme.surface
        border.color: Theme.border
        Rectangle {
            width: parent.width * exporter.admin.exportProgress
            height: parent.height
            radius: 20
            color: Theme.gold
        }
    }
    Text {
        objectName: "exportMessage"
        Layout.fillWidth: true
        visible: text.length > 0
        text: exporter.admin.exportMessage
        wrapMode: Text.WrapAnywhere
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    RowLayout {
        spacing: Theme.spacing
        KioskButton {
            objectName: "exportStart"
            text: "开始导出"
            visible: !exporter.admin.exporting
            onClicked: exporter.admin.startExport(kindChoice.currentIndex, fromField.text, toField.text,
                                                  formatChoice.currentIndex === 1, targetChoice.currentIndex)
        }
        KioskButton {
            text: "取消导出"
            primary: false
            visible: exporter.admin.exporting
            onClicked: exporter.admin.cancelExport()
        }
        KioskButton {
            objectName: "exportRefreshTargets"
            text: "刷新位置"
            primary: false
            onClicked: exporter.admin.refreshTargets()
        }
    }

    // 党员证 for the roster members who have none yet, from the codes the office distributed;
    // saved to the same place as the exports, for printing on the centre's printer.
    Label { text: "党员证" }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing
        KioskButton {
            objectName: "printCards"
            text: "生成新党员的党员证"
            enabled: !exporter.admin.printingCards
            onClicked: exporter.admin.printCards(targetChoice.currentIndex)
        }
        Text {
            objectName: "cardsMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: exporter.admin.cardsMessage
            wrapMode: Text.WrapAnywhere
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
    }
}
