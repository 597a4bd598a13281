pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// 活动: the coming events, and a form to create or edit this centre's own (the rules, e.g. no
// capacity below the registrations, are the EventStore's; its message is shown as is).
ColumnLayout {
    id: events
    required property AdminController admin
    property string editingId: ""
    spacing: Theme.spacing

    function edit(e) {
        events.editingId = e.id;
        titleField.text = e.title;
        kindChoice.currentIndex = Math.max(0, events.admin.eventKinds.indexOf(e.kind));
        dateField.text = e.date;
        startField.text = e.start;
        endField.text = e.end;
        placeField.text = e.place;
        capacityField.text = e.capacity > 0 ? String(e.capacity) : "";
        flowingChoice.currentIndex = e.openToFlowing ? 0 : 1;
    }

    Text {
        objectName: "eventMessage"
        Layout.fillWidth: true
        visible: text.length > 0
        text: events.admin.eventMessage
        wrapMode: Text.WordWrap
        color: Theme.warn
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    Repeater {
        model: events.admin.events
        delegate: Rectangle {
            id: row
            required property var modelData
            Layout.fillWidth: true
            Layout.preferredHeight: 150
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            border.width: 2
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacing / 2
                Text {
                    Layout.fillWidth: true
                    text: row.modelData.title + (row.modelData.cancelled ? "（已取消）" : "") + "\n"
                          + row.modelData.date + " " + row.modelData.start + "–" + row.modelData.end
                          + " · " + row.modelData.kind + " · 已报名 " + row.modelData.registered
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize - 2
                }
                KioskButton {
                    visible: row.modelData.editable
                    implicitWidth: 160
                    text: "修改"
                    primary: false
                    onClicked: events.edit(row.modelData)
                }
                KioskButton {
                    visible: row.modelData.editable
                    implicitWidth: 160
                    text: "取消"
                    primary: false
                    onClicked: events.admin.cancelEvent(row.modelData.id)
                }
            }
        }
    }
    Text {
        text: events.editingId.length > 0 ? "修改活动" : "新建活动"
        color: Theme.red
        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize - 8
        font.bold: true
    }
    ReportField {
        id: titleField
        Layout.fillWidth: true
        name: "eventTitle"
        label: "活动名称"
    }
    AdminChoice {
        id: kindChoice
        Layout.fillWidth: true
        namePrefix: "eventKind"
        options: events.admin.eventKinds
    }
    RowLayout {
        spacing: Theme.spacing
        ReportField {
            id: dateField
            Layout.fillWidth: true
            name: "eventDate"
            label: "日期"
            placeholder: "2026-12-01"
            hints: Qt.ImhDate
        }
        ReportField {
            id: startField
            Layout.preferredWidth: 220
            name: "eventStart"
            label: "开始"
            placeholder: "09:00"
            hints: Qt.ImhTime
        }
        ReportField {
            id: endField
            Layout.preferredWidth: 220
            name: "eventEnd"
            label: "结束"
            placeholder: "11:00"
            hints: Qt.ImhTime
        }
    }
    ReportField {
        id: placeField
        Layout.fillWidth: true
        name: "eventPlace"
        label: "地点"
    }
    ReportField {
        id: capacityField
        Layout.fillWidth: true
        name: "eventCapacity"
        label: "名额"
        optional: true
        placeholder: "不填则不限"
        hints: Qt.ImhDigitsOnly
    }
    AdminChoice {
        id: flowingChoice
        namePrefix: "eventFlowing"
        options: ["流动党员可报名", "仅本地党员"]
    }
    RowLayout {
        spacing: Theme.spacing
        KioskButton {
            objectName: "eventSave"
            text: "保存活动"
            onClicked: events.admin.saveEvent({
                id: events.editingId, title: titleField.text,
                kind: events.admin.eventKinds[kindChoice.currentIndex], date: dateField.text,
                start: startField.text, end: endField.text, place: placeField.text,
                capacity: parseInt(capacityField.text) || 0, openToFlowing: flowingChoice.currentIndex === 0
            })
        }
        KioskButton {
            visible: events.editingId.length > 0
            text: "改为新建"
            primary: false
            onClicked: events.editingId = ""
        }
    }
}
