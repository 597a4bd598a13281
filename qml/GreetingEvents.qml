pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// On the greeting after a check-in (issue 7): the member's registrations for today, and one tap
// to register for today's sessions that are still open to them. `activity` lets the result
// screen stay up while the member is using it.
ColumnLayout {
    id: box
    required property Kiosk kiosk
    property bool shown: true
    property bool narrow: false // the 报名 button below the session instead of beside it
    signal activity

    readonly property var mine: box.kiosk.events.todayMine
    readonly property var open: box.kiosk.events.todayOpen
    readonly property var outcome: box.kiosk.events.result

    objectName: "greetingEvents"
    // Whether there is anything to show, apart from whether the parent is visible (a card
    // around this box shows itself on it).
    readonly property bool hasContent: box.shown && (box.mine.length > 0 || box.open.length > 0
                                                    || box.outcome.title !== undefined)
    visible: box.hasContent
    spacing: Theme.spacing / 2

    Text {
        Layout.fillWidth: true
        visible: box.mine.length > 0
        text: "您今天报名的活动"
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    Repeater {
        model: box.mine
        delegate: Text {
            id: mineLine
            required property var modelData
            objectName: "greetingRegistration"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: mineLine.modelData.timeText + "  " + mineLine.modelData.title + "（" + mineLine.modelData.statusText
                  + "）" + (mineLine.modelData.place ? "，" + mineLine.modelData.place : "")
            color: mineLine.modelData.cancelled === true ? Theme.warn : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
    }
    Text {
        Layout.fillWidth: true
        visible: box.open.length > 0
        text: "今天还可以报名"
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    Repeater {
        model: box.open
        delegate: GridLayout {
            id: openLine
            required property var modelData
            Layout.fillWidth: true
            columns: box.narrow ? 1 : 2
            columnSpacing: Theme.spacing / 2
            rowSpacing: 8
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: openLine.modelData.timeText + "  " + openLine.modelData.title + "\n" + openLine.modelData.seatsText
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
            KioskButton {
                objectName: "greetingRegister-" + openLine.modelData.id
                Layout.alignment: Qt.AlignRight
                implicitWidth: 200
                text: openLine.modelData.full ? "候补" : "报名"
                onClicked: {
                    box.activity();
                    box.kiosk.events.registerFor(openLine.modelData.id);
                }
            }
        }
    }
    Text {
        objectName: "greetingEventResult"
        Layout.fillWidth: true
        visible: text.length > 0
        wrapMode: Text.WordWrap
        text: box.outcome.title !== undefined ? box.outcome.title + "：" + box.outcome.message : ""
        color: box.outcome.ok === true ? Theme.ok : Theme.warn
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
}
