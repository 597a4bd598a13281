import QtQuick
import QtQuick.Layouts

// The first screen: one large primary entry (扫码签到) and four more. Portrait stacks the
// primary entry above a 2x2 grid; landscape puts it to the left of the grid.
Item {
    id: home
    objectName: "home"
    signal openPage(string name)

    readonly property bool portrait: height >= width

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            text: "欢迎来到党群服务中心"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: "请轻触下方选择您要办理的事项"
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            horizontalAlignment: Text.AlignHCenter
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: home.portrait ? 2 : 3
            rowSpacing: Theme.spacing
            columnSpacing: Theme.spacing

            HomeTile {
                objectName: "tile-scan"
                Layout.columnSpan: home.portrait ? 2 : 1
                Layout.rowSpan: home.portrait ? 1 : 2
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                Layout.preferredHeight: home.portrait ? 3 : 2
                primary: true
                glyph: "签"
                title: "扫码签到"
                subtitle: "出示党员码，对准摄像头即可签到"
                onActivated: home.openPage("scan")
            }
            HomeTile {
                objectName: "tile-videos"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 2
                glyph: "廉"
                title: "廉政教育"
                subtitle: "观看廉政教育和警示教育视频"
                onActivated: home.openPage("videos")
            }
            HomeTile {
                objectName: "tile-quiz"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 2
                glyph: "学"
                title: "学习答题"
                subtitle: "党章党规知识测试与错题本"
                onActivated: home.openPage("quiz")
            }
            HomeTile {
                objectName: "tile-events"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 2
                glyph: "报"
                title: "活动报名"
                subtitle: "主题党日、党课、志愿服务等"
                onActivated: home.openPage("events")
            }
            HomeTile {
                objectName: "tile-report"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 2
                glyph: "流"
                title: "流动党员报到"
                subtitle: "组织关系在外地的党员在此报到"
                onActivated: home.openPage("report")
            }
        }

        Text {
            Layout.fillWidth: true
            text: "如需帮助，请联系服务中心工作人员"
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
