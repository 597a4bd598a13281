pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// 我的学习 (issue 22): the recognised member's year at a glance — 学时 against the yearly target,
// videos, quizzes, 错题本, check-ins and registrations to come. Nothing scrolls: the figures
// always show, the two lists show as many rows as the screen has room for. Everything is
// cleared by StudyController when the visit ends.
Item {
    id: page
    objectName: "study"
    required property Kiosk kiosk
    signal back

    readonly property StudyController study: page.kiosk.study
    readonly property bool portrait: height >= width
    readonly property bool ready: page.study.state === StudyController.Ready
    // Short screens (1280x720 landscape): smaller figures and margins, so nothing scrolls.
    readonly property bool compact: page.height < 640
    readonly property int rowHeight: page.compact ? 64 : 80

    Component.onCompleted: page.study.refresh()

    component Figure: Rectangle {
        id: figure
        required property string label
        required property string value
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        Layout.minimumHeight: figureValue.implicitHeight + figureLabel.implicitHeight + 16
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
        Column {
            anchors.centerIn: parent
            width: parent.width - 16
            Text {
                id: figureValue
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: figure.value
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: page.compact ? Theme.bodySize : Theme.titleSize
                font.bold: true
                elide: Text.ElideRight
            }
            Text {
                id: figureLabel
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: figure.label
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: page.compact ? Theme.smallSize - 6 : Theme.smallSize
                elide: Text.ElideRight
            }
        }
    }

    component ShortList: ColumnLayout {
        id: list
        required property string heading
        required property string emptyText
        required property StudyListModel model
        required property int rows // how many it may hold: the share of the height it asks for
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        Layout.preferredHeight: list.rows * (page.rowHeight + 6) + 50
        spacing: 8
        Text {
            text: list.heading
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            font.bold: true
        }
        Text {
            visible: list.model.count === 0 && page.ready
            text: list.emptyText
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
        }
        // Not a scrolling list: as many whole rows as there is room for (the totals above still
        // count them all).
        Item {
            id: rows
            Layout.fillWidth: true
            Layout.fillHeight: true
            readonly property int fits: Math.max(0, Math.floor((rows.height + 6) / (page.rowHeight + 6)))
            Column {
                width: rows.width
                spacing: 6
                Repeater {
                    model: list.model
                    delegate: Rectangle {
                        id: row
                        required property int index
                        required property string title
                        required property string detail
                        required property string note
                        visible: row.index < rows.fits
                        width: rows.width
                        height: page.rowHeight
                        radius: 10
                        color: Theme.surface
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 16
                            anchors.rightMargin: 16
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0
                                Text {
                                    Layout.fillWidth: true
                                    text: row.title
                                    color: Theme.text
                                    font.family: Theme.fontFamily
                                    font.pixelSize: page.compact ? Theme.smallSize - 4 : Theme.smallSize
                                    font.bold: true
                                    elide: Text.ElideRight
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: row.detail
                                    color: Theme.textMuted
                                    font.family: Theme.fontFamily
                                    font.pixelSize: page.compact ? Theme.smallSize - 8 : Theme.smallSize - 4
                                    elide: Text.ElideRight
                                }
                            }
                            Text {
                                visible: row.note !== ""
                                text: row.note
                                color: row.note === "候补" ? Theme.warn : Theme.ok
                                font.family: Theme.fontFamily
                                font.pixelSize: page.compact ? Theme.smallSize - 4 : Theme.smallSize
                                font.bold: true
                            }
                        }
                    }
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: page.compact ? 12 : Theme.margin
        spacing: page.compact ? 8 : Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                objectName: "studyTitle"
                Layout.fillWidth: true
                text: "我的学习" + (page.ready ? " · " + page.study.year + "年" : "")
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            KioskButton {
                objectName: "studyBackButton"
                implicitWidth: 200
                text: "返回"
                primary: false
                onClicked: page.back()
            }
        }

        Text {
            objectName: "studyMessage"
            visible: !page.ready
            Layout.fillWidth: true
            text: page.study.state === StudyController.Failed ? "暂时无法读取您的学习记录，请稍后再试或联系工作人员"
                : page.study.state === StudyController.Loading ? "正在读取……" : "请先扫码签到，再查看我的学习"
            color: page.study.state === StudyController.Failed ? Theme.red : Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
        }

        GridLayout {
            visible: page.ready
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: page.portrait ? 1 : 2
            rowSpacing: page.compact ? 12 : Theme.spacing
            columnSpacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 2
                spacing: page.compact ? 8 : 12
                // 学时 this year against the target.
                Rectangle {
                    objectName: "studyHours"
                    Layout.fillWidth: true
                    Layout.preferredHeight: hoursColumn.implicitHeight + (page.compact ? 16 : 2 * Theme.spacing)
                    radius: Theme.radius
                    color: Theme.goldLight
                    border.color: Theme.gold
                    border.width: 2
                    ColumnLayout {
                        id: hoursColumn
                        anchors.fill: parent
                        anchors.margins: page.compact ? 8 : Theme.spacing
                        spacing: 8
                        Text {
                            objectName: "studyHoursText"
                            Layout.fillWidth: true
                            text: "今年学时 " + page.study.hoursText + " / " + page.study.targetHours
                                  + (page.study.progress >= 1 ? "　已完成年度目标" : "")
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: page.compact ? Theme.bodySize : Theme.titleSize - 4
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            Layout.preferredHeight: page.compact ? 18 : 28
                            radius: height / 2
                            color: Theme.background
                            border.color: Theme.gold
                            Rectangle {
                                width: Math.max(parent.radius * 2, parent.width * page.study.progress)
                                visible: page.study.progress > 0
                                height: parent.height
                                radius: parent.radius
                                color: Theme.red
                            }
                        }
                    }
                }
                GridLayout {
                    objectName: "studyFigures"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    columns: 3
                    rowSpacing: page.compact ? 8 : 12
                    columnSpacing: page.compact ? 8 : 12
                    Figure { label: "已学完视频"; value: page.study.videosCompleted + " 个" }
                    Figure { label: "今年答题"; value: page.study.quizAttempts + " 次" }
                    Figure { label: "专项测试最高"; value: page.study.bestTestText }
                    Figure { label: "每日一练最高"; value: page.study.bestDailyText }
                    Figure { label: "错题本"; value: page.study.wrongBook + " 题" }
                    Figure { label: "今年签到"; value: page.study.checkinsThisYear + " 次" }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 3
                spacing: page.compact ? 8 : Theme.spacing
                ShortList {
                    objectName: "studyCheckins"
                    heading: "最近签到"
                    emptyText: "还没有签到记录"
                    model: page.study.lastCheckins
                    rows: 5
                }
                ShortList {
                    objectName: "studyUpcoming"
                    heading: "即将参加的活动"
                    emptyText: "没有已报名的活动"
                    model: page.study.upcoming
                    rows: 3
                }
            }
        }
    }
}
