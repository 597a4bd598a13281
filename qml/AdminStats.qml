import QtQuick
import QtQuick.Layouts
import QtCharts
import Dangqun

// 统计 (issue 19): check-ins a day over the last 30 days, this year's 学时 completion of the
// roster's members, and the 三会一课 each branch held this quarter, drawn with Qt Charts from
// StatsController (which loads them on the storage thread).
ColumnLayout {
    id: statsPage
    required property StatsController stats
    spacing: Theme.spacing

    // Loaded each time the section is shown (AdminPage's Loader): the numbers move while the
    // kiosk is in use.
    Component.onCompleted: statsPage.stats.refresh()

    component Heading: Text {
        Layout.fillWidth: true
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize - 8
        font.bold: true
        wrapMode: Text.WordWrap
    }
    component Chart: ChartView {
        Layout.fillWidth: true
        Layout.preferredHeight: 520
        antialiasing: true
        backgroundColor: Theme.surface
        backgroundRoundness: Theme.radius
        legend.font.family: Theme.fontFamily
        legend.font.pixelSize: Theme.smallSize
        legend.alignment: Qt.AlignBottom
        margins.left: 8
        margins.right: 8
        margins.top: 8
        margins.bottom: 8
    }

    Text {
        objectName: "statsState"
        Layout.fillWidth: true
        visible: statsPage.stats.state !== StatsController.Ready
        text: statsPage.stats.state === StatsController.Failed ? "统计数据读取失败，请稍后再试或联系管理员"
                                                                 : "正在统计…"
        color: statsPage.stats.state === StatsController.Failed ? Theme.warn : Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }

    Heading {
        objectName: "statsCheckinsTitle"
        text: "近30天签到（" + statsPage.stats.dayRange + "，共 " + statsPage.stats.checkinTotal + " 人次）"
    }
    Chart {
        id: checkinChart
        objectName: "statsCheckins"
        StackedBarSeries {
            axisX: BarCategoryAxis {
                categories: statsPage.stats.dayLabels
                // 30 day numbers fit side by side only on a wide (landscape) chart; Qt Charts
                // elides them to "…" on a narrower one, where the title's range says it instead.
                labelsVisible: checkinChart.width >= 1000
                labelsFont.family: Theme.fontFamily
                labelsFont.pixelSize: 18
            }
            // Qt 6.4's QtCharts type information lists QValueAxis twice (as ValueAxis and as the
            // old ValuesAxis) and qmllint resolves only the latter; the type itself is fine.
            // qmllint disable type property import
            axisY: ValueAxis {
                min: 0
                max: Math.max(4, statsPage.stats.dayMaximum + 1)
                tickCount: 5
                labelFormat: "%d"
                labelsFont.family: Theme.fontFamily
                labelsFont.pixelSize: 20
            }
            // qmllint enable type property import
            BarSet {
                label: "本地党员"
                color: Theme.red
                values: statsPage.stats.localPerDay
            }
            BarSet {
                label: "流动党员"
                color: Theme.gold
                values: statsPage.stats.flowingPerDay
            }
        }
    }

    Heading {
        objectName: "statsStudyTitle"
        text: statsPage.stats.year + "年学时完成情况（在册党员 " + statsPage.stats.rosterMembers + " 人，目标 "
              + statsPage.stats.studyTarget + " 学时）"
    }
    Chart {
        objectName: "statsStudy"
        // Each slice is labelled with its count; a legend of the same words would only repeat it.
        legend.visible: false
        PieSeries {
            size: 0.8
            holeSize: 0.35
            PieSlice {
                label: "已完成 " + statsPage.stats.studyDone + " 人"
                value: statsPage.stats.studyDone
                color: Theme.ok
                labelVisible: value > 0
                labelFont.family: Theme.fontFamily
                labelFont.pixelSize: Theme.smallSize
            }
            PieSlice {
                label: "进行中 " + statsPage.stats.studyStarted + " 人"
                value: statsPage.stats.studyStarted
                color: Theme.gold
                labelVisible: value > 0
                labelFont.family: Theme.fontFamily
                labelFont.pixelSize: Theme.smallSize
            }
            PieSlice {
                label: "未开始 " + statsPage.stats.studyNone + " 人"
                value: statsPage.stats.studyNone
                color: "#B8B8B8"
                labelVisible: value > 0
                labelFont.family: Theme.fontFamily
                labelFont.pixelSize: Theme.smallSize
            }
        }
    }

    Heading {
        objectName: "statsMeetingsTitle"
        text: statsPage.stats.quarter + "三会一课（已召开）"
    }
    Text {
        Layout.fillWidth: true
        visible: statsPage.stats.state === StatsController.Ready && statsPage.stats.organisations.length === 0
        text: "本季度尚无已召开的党员大会、支委会、党小组会或党课"
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        wrapMode: Text.WordWrap
    }
    Chart {
        objectName: "statsMeetings"
        Layout.preferredHeight: Math.max(360, 140 + 70 * statsPage.stats.organisations.length)
        HorizontalStackedBarSeries {
            axisY: BarCategoryAxis {
                categories: statsPage.stats.organisations
                labelsFont.family: Theme.fontFamily
                labelsFont.pixelSize: 22
            }
            // qmllint disable type property import
            axisX: ValueAxis {
                min: 0
                max: Math.max(4, statsPage.stats.meetingMaximum + 1)
                tickCount: Math.min(11, Math.max(5, statsPage.stats.meetingMaximum + 2))
                labelFormat: "%d"
                labelsFont.family: Theme.fontFamily
                labelsFont.pixelSize: 20
            }
            // qmllint enable type property import
            BarSet {
                label: statsPage.stats.meetingKinds[0]
                color: Theme.red
                values: statsPage.stats.partyCongress
            }
            BarSet {
                label: statsPage.stats.meetingKinds[1]
                color: Theme.redDark
                values: statsPage.stats.committee
            }
            BarSet {
                label: statsPage.stats.meetingKinds[2]
                color: Theme.gold
                values: statsPage.stats.groupMeeting
            }
            BarSet {
                label: statsPage.stats.meetingKinds[3]
                color: "#7A5C2E"
                values: statsPage.stats.partyLecture
            }
        }
    }
}
