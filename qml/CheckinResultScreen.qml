pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// The result of a scan, readable from 3 m as pretixSCAN does it (issue 17): the whole page in
// one colour per outcome — green 签到成功, amber 今天已签到 with the first time, red with the
// reason in plain words, blue for a code this centre cannot verify — a large symbol, the seconds
// left before the kiosk goes home, and the ways on (继续办理, 生成回执, 报到, 手机号签到).
// Landscape puts the ways on beside the result, portrait below it; nothing scrolls off.
Rectangle {
    id: screen
    objectName: "resultCard"
    required property Kiosk kiosk
    required property int outcome // CheckinController.Outcome
    required property var result
    property int secondsLeft: 0
    signal continueVisit   // 继续办理 / 返回首页: home, the member stays signed in
    signal openReport      // 流动党员报到
    signal manual          // 手机号签到
    signal rescan          // 重新扫码
    signal activity        // a tap on the screen: the countdown starts again

    readonly property bool portrait: height >= width
    readonly property bool success: screen.outcome === CheckinController.CheckedIn
                                    || screen.outcome === CheckinController.AlreadyCheckedIn
    readonly property bool unverified: screen.outcome === CheckinController.UnverifiedIssuer
    readonly property bool refused: !screen.success && !screen.unverified
    readonly property int symbol: screen.outcome === CheckinController.CheckedIn ? ResultBadge.Tick
                                  : screen.outcome === CheckinController.AlreadyCheckedIn ? ResultBadge.Exclamation
                                  : screen.unverified ? ResultBadge.Question : ResultBadge.Cross

    color: screen.outcome === CheckinController.CheckedIn ? Theme.ok
           : screen.outcome === CheckinController.AlreadyCheckedIn ? Theme.amber
           : screen.unverified ? Theme.info : Theme.red

    // Any tap on the screen means the member is reading or choosing: keep it up.
    MouseArea {
        anchors.fill: parent
        onPressed: mouse => {
            screen.activity();
            mouse.accepted = false;
        }
    }

    GridLayout {
        id: grid
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: screen.portrait ? 1 : 2
        columnSpacing: Theme.margin * 2
        rowSpacing: Theme.spacing

        // --- what happened ---------------------------------------------------------------
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Landscape: 58 % of the width; long words wrap instead of pushing the buttons out.
            Layout.minimumWidth: 0
            Layout.preferredWidth: screen.portrait ? grid.width : (grid.width - grid.columnSpacing) * 0.58
            Layout.maximumWidth: Layout.preferredWidth
            spacing: screen.portrait ? Theme.spacing : Theme.spacing / 2

            // Portrait: a large symbol above the title. Landscape has less height: the symbol
            // goes beside the title.
            Item {
                Layout.fillHeight: true
                visible: !screen.portrait
            }
            ResultBadge {
                id: bigBadge
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 120
                Layout.maximumHeight: 260
                visible: screen.portrait
                symbol: screen.symbol
                tint: screen.color
            }
            Item {
                id: titleRow
                Layout.fillWidth: true
                implicitHeight: Math.max(smallBadge.visible ? smallBadge.height : 0, title.height)
                Row {
                    anchors.horizontalCenter: parent.horizontalCenter
                    spacing: Theme.spacing
                    ResultBadge {
                        id: smallBadge
                        objectName: "resultBadge"
                        visible: !screen.portrait
                        anchors.verticalCenter: parent.verticalCenter
                        width: 130
                        height: 130
                        symbol: screen.symbol
                        tint: screen.color
                    }
                    Text {
                        id: title
                        objectName: "resultTitle"
                        anchors.verticalCenter: parent.verticalCenter
                        width: Math.min(implicitWidth, titleRow.width - (smallBadge.visible ? smallBadge.width + Theme.spacing : 0))
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        text: screen.result.title ?? ""
                        color: Theme.textOnRed
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.scaled(76)
                        font.bold: true
                    }
                }
            }
            Text {
                objectName: "resultGreeting"
                Layout.fillWidth: true
                visible: text.length > 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: screen.result.greeting ?? ""
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.scaled(76)
                font.bold: true
            }
            Text {
                objectName: "resultOrganisation"
                Layout.fillWidth: true
                visible: text.length > 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: (screen.result.organisation ?? "") + (screen.success && screen.result.flowing === true ? "（流动党员）" : "")
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
            }
            Text {
                objectName: "resultMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: (screen.result.message ?? "")
                      + (screen.outcome === CheckinController.CheckedIn ? "\n签到时间 " + screen.result.timeText : "")
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 4
                lineHeight: 1.15
            }
            Item {
                Layout.fillHeight: true
                visible: !screen.portrait
            }
        }

        // --- the ways on -------------------------------------------------------------------
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: !screen.portrait
            Layout.minimumWidth: 0
            Layout.preferredWidth: screen.portrait ? grid.width : (grid.width - grid.columnSpacing) * 0.42
            Layout.maximumWidth: Layout.preferredWidth
            spacing: Theme.spacing

            // Today's 报名 and one tap to register (issue 7), on a white card; it scrolls
            // inside the card when the day is full, the buttons below never move.
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: events.hasContent ? events.implicitHeight + 2 * Theme.spacing : 0
                Layout.maximumHeight: events.hasContent ? events.implicitHeight + 2 * Theme.spacing : 0
                visible: events.hasContent
                radius: Theme.radius
                color: Theme.background
                Flickable {
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    contentHeight: events.implicitHeight
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    GreetingEvents {
                        id: events
                        width: parent.width
                        shown: screen.success
                        kiosk: screen.kiosk
                        narrow: !screen.portrait
                        onActivity: screen.activity()
                    }
                }
            }
            Item {
                visible: !events.hasContent && !screen.portrait
                Layout.fillHeight: true
            }

            GridLayout {
                Layout.fillWidth: true
                columns: screen.portrait ? 2 : 1
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing

                KioskButton {
                    objectName: "continueButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: screen.success
                    primary: false
                    text: "继续办理"
                    onClicked: screen.continueVisit()
                }
                // A signed receipt for the home branch (issue 12): offered to 流动党员 first of
                // all, available to every member who checked in.
                KioskButton {
                    objectName: "receiptButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: screen.success && screen.kiosk.receipts !== null && screen.kiosk.receipts.available
                    primary: screen.result.flowing === true
                    text: "生成回执"
                    onClicked: screen.kiosk.receipts.requestAttendance()
                }
                KioskButton {
                    objectName: "reportButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: screen.unverified || screen.outcome === CheckinController.NotMemberCode
                    primary: false
                    text: "流动党员报到"
                    onClicked: screen.openReport()
                }
                KioskButton {
                    objectName: "rescanButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: screen.refused
                    primary: false
                    text: "重新扫码"
                    onClicked: screen.rescan()
                }
                KioskButton {
                    objectName: "resultManualButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: !screen.success
                    primary: false
                    text: "手机号签到"
                    onClicked: screen.manual()
                }
                KioskButton {
                    objectName: "resultHomeButton"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: !screen.success
                    primary: false
                    text: "返回首页"
                    onClicked: screen.continueVisit()
                }
            }
            Text {
                objectName: "resultCountdown"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: screen.secondsLeft + " 秒后返回首页"
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
        }
    }
}
