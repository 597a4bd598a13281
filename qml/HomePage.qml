import QtQuick
import QtQuick.Layouts

// The first screen: one large primary entry (扫码签到) and four more. Portrait stacks the
// primary entry above a 2x2 grid; landscape puts it to the left of the grid.
Item {
    id: home
    objectName: "home"
    required property bool largeType
    signal openPage(string name)
    signal largeTypeToggled

    readonly property bool portrait: height >= width

    component ScanTile: HomeTile {
        objectName: "tile-scan"
        Layout.fillWidth: true
        Layout.fillHeight: true
        primary: true
        glyph: "签"
        title: "扫码签到"
        subtitle: "出示党员码，对准摄像头即可签到"
    }

    component EntryTile: HomeTile {
        required property string page
        objectName: "tile-" + page
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        Layout.preferredHeight: 1
    }

    component EntryGrid: GridLayout {
        id: grid
        signal open(string page)
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: 2
        rowSpacing: Theme.spacing
        columnSpacing: Theme.spacing
        EntryTile { page: "videos"; glyph: "廉"; title: "廉政教育"; subtitle: "观看廉政教育和警示教育视频"; onActivated: grid.open(page) }
        EntryTile { page: "quiz"; glyph: "学"; title: "学习答题"; subtitle: "党章党规知识测试与错题本"; onActivated: grid.open(page) }
        EntryTile { page: "events"; glyph: "报"; title: "活动报名"; subtitle: "主题党日、党课、志愿服务等"; onActivated: grid.open(page) }
        EntryTile { page: "report"; glyph: "流"; title: "流动党员报到"; subtitle: "组织关系在外地的党员在此报到"; onActivated: grid.open(page) }
    }

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

        // Layouts do not re-place children when spans or columns change after creation, so
        // each orientation has its own arrangement and the Loader swaps them.
        Loader {
            id: arrangement
            Layout.fillWidth: true
            Layout.fillHeight: true
            sourceComponent: home.portrait ? portraitArrangement : landscapeArrangement
        }
        Connections {
            target: arrangement.item
            function onOpen(page: string) { home.openPage(page) }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                objectName: "homeHelp"
                Layout.fillWidth: true
                text: "如需帮助，请联系服务中心工作人员"
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
            }
            LargeTypeToggle {
                on: home.largeType
                onToggled: home.largeTypeToggled()
            }
        }
    }

    Component {
        id: portraitArrangement
        ColumnLayout {
            id: column
            signal open(string page)
            spacing: Theme.spacing
            ScanTile { Layout.preferredHeight: 4; onActivated: column.open("scan") }
            EntryGrid { Layout.preferredHeight: 6; onOpen: page => column.open(page) }
        }
    }
    Component {
        id: landscapeArrangement
        RowLayout {
            id: row
            signal open(string page)
            spacing: Theme.spacing
            ScanTile { Layout.preferredWidth: 4; onActivated: row.open("scan") }
            EntryGrid { Layout.preferredWidth: 6; onOpen: page => row.open(page) }
        }
    }
}
