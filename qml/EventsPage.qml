pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// 活动报名: upcoming sessions as cards grouped 今天 / 本周 / 以后 (time, place, seats left). Tapping
// one opens it; the member confirms who they are (the session of a check-in, or a scan of the
// member code, or the phone number) and then 报名 or 取消报名. Rules and records live in C++.
Item {
    id: page
    objectName: "events"
    required property Kiosk kiosk
    signal back

    property string selectedId: ""
    property string identifyMode: "scan" // scan | phone
    property bool confirmingCancel: false
    onSelectedIdChanged: page.confirmingCancel = false
    readonly property var selected: page.findEvent(page.selectedId, page.kiosk.events.events)
    readonly property bool identified: page.kiosk.session.active
    readonly property bool identifying: page.selected !== null && !page.identified
    readonly property var outcome: page.kiosk.events.result

    function findEvent(id: string, list: var): var {
        for (let i = 0; i < list.length; ++i) {
            if (list[i].id === id)
                return list[i];
        }
        return null;
    }

    Component.onCompleted: {
        page.kiosk.events.clearResult();
        page.kiosk.events.refresh();
    }
    Component.onDestruction: page.kiosk.scanSource.stop()

    onIdentifyingChanged: {
        if (page.identifying) {
            page.kiosk.checkin.clear();
            page.identifyMode = "scan";
            page.kiosk.scanSource.videoSink = identify.videoSink;
            scanner.videoSink = identify.videoSink;
            page.kiosk.scanSource.start();
        } else {
            page.kiosk.scanSource.stop();
        }
    }

    // Identification by member code is a check-in: the member is at the centre, and only a
    // checked-in member's activity is recorded.
    QrScanner {
        id: scanner
        active: page.identifying && page.identifyMode === "scan"
        paused: page.kiosk.checkin.busy
        onDecoded: text => page.kiosk.checkin.submitCode(text)
    }

    // --- the list of events -------------------------------------------------------------------
    ColumnLayout {
        visible: page.selected === null
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            text: "活动报名"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
        }
        Text {
            Layout.fillWidth: true
            // A short panel (1280x720 with a member signed in) keeps its height for the cards.
            visible: page.height >= 640
            text: "主题党日、党课、开放式组织生活、志愿服务，点按活动查看并报名"
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }
        Text {
            objectName: "eventsNotice"
            Layout.fillWidth: true
            visible: text.length > 0
            text: page.kiosk.events.loaded && page.kiosk.events.events.length === 0
                  ? "近期暂无可报名的活动，请留意中心公告" : page.kiosk.events.notice
            wrapMode: Text.WordWrap
            color: Theme.warn
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }

        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: cards.implicitHeight
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: cards
                width: parent.width
                spacing: Theme.spacing / 2
                Repeater {
                    model: page.kiosk.events.events
                    delegate: ColumnLayout {
                        id: entry
                        required property var modelData
                        required property int index
                        Layout.fillWidth: true
                        spacing: Theme.spacing / 2
                        Text {
                            visible: entry.index === 0
                                     || page.kiosk.events.events[entry.index - 1].group !== entry.modelData.group
                            Layout.topMargin: Theme.spacing / 2
                            text: entry.modelData.groupTitle
                            color: Theme.red
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.titleSize
                            font.bold: true
                        }
                        EventCard {
                            objectName: "eventCard-" + entry.modelData.id
                            Layout.fillWidth: true
                            event: entry.modelData
                            onClicked: page.selectedId = entry.modelData.id
                        }
                    }
                }
            }
        }
        KioskButton {
            Layout.alignment: Qt.AlignHCenter
            text: "返回首页"
            primary: false
            onClicked: page.back()
        }
    }

    // --- one event: identify, then confirm ----------------------------------------------------
    ColumnLayout {
        objectName: "eventDetail"
        visible: page.selected !== null
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        // The event, who registers, and how they identify: scrolls on a short panel; the way
        // back stays at the bottom.
        Flickable {
            id: detailFlick
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: width
            contentHeight: detailBody.implicitHeight
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: detailBody
                width: detailFlick.width
                spacing: Theme.spacing

                EventCard {
                    Layout.fillWidth: true
                    event: page.selected ?? ({})
                    showDescription: true
                }

                // Who is registering: the checked-in member, shown masked.
                Text {
                    Layout.fillWidth: true
                    visible: page.identified
                    text: page.kiosk.session.greeting + (page.kiosk.session.flowing ? "（流动党员）" : "")
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize - 4
                }
                Text {
                    objectName: "refusalText"
                    Layout.fillWidth: true
                    visible: page.identified && page.selected !== null && !page.selected.canRegister
                             && !page.selected.canCancel && text.length > 0
                    text: page.selected ? page.selected.refusal : ""
                    wrapMode: Text.WordWrap
                    color: Theme.warn
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
                RowLayout {
                    visible: page.identified
                    Layout.alignment: Qt.AlignHCenter
                    spacing: Theme.spacing
                    KioskButton {
                        objectName: "confirmRegisterButton"
                        visible: page.selected !== null && page.selected.canRegister
                        text: page.selected && page.selected.full ? "登记候补" : "确认报名"
                        onClicked: page.kiosk.events.registerFor(page.selectedId)
                    }
                    // Registered: where 确认报名 was, the standing, never a button that undoes it.
                    Text {
                        objectName: "registeredText"
                        visible: page.selected !== null && page.selected.canCancel
                        text: page.selected && page.selected.status === "waitlisted" ? "您已登记候补" : "您已报名此活动"
                        color: Theme.ok
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.titleSize - 4
                        font.bold: true
                    }
                }

                EventIdentify {
                    id: identify
                    Layout.fillWidth: true
                    // The rest of the view, but room for the camera and the keypad on a short panel.
                    Layout.preferredHeight: Math.max(560, detailFlick.height - identify.y)
                    visible: page.identifying
                    kiosk: page.kiosk
                    mode: page.identifyMode
                    onModeRequested: m => page.identifyMode = m
                }
            }
        }
        // The way back, and (apart from it, at the other end) the way to undo a registration.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            KioskButton {
                objectName: "backToListButton"
                text: "返回活动列表"
                primary: false
                onClicked: {
                    page.kiosk.events.clearResult();
                    page.selectedId = "";
                }
            }
            Item { Layout.fillWidth: true }
            KioskButton {
                objectName: "cancelRegistrationButton"
                visible: page.identified && page.selected !== null && page.selected.canCancel
                text: page.selected && page.selected.status === "waitlisted" ? "取消候补" : "取消报名"
                primary: false
                onClicked: page.confirmingCancel = true
            }
        }
    }

    // --- 取消报名 asks first --------------------------------------------------------------------
    Rectangle {
        // A modal over the whole window (header and banner included): nothing behind it can be tapped.
        parent: Window.contentItem
        z: 100
        objectName: "cancelConfirm"
        visible: page.confirmingCancel && page.selected !== null
        anchors.fill: parent
        color: "#B0000000"
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 1000)
            height: cancelColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.background
            ColumnLayout {
                id: cancelColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: "确定取消报名吗？"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
                Text {
                    objectName: "cancelConfirmText"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: "“" + (page.selected ? page.selected.title : "") + "”\n取消后名额让给其他党员，如需参加要重新报名。"
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    lineHeight: 1.2
                }
                GridLayout {
                    Layout.alignment: Qt.AlignHCenter
                    columns: page.width > 900 ? 2 : 1
                    rowSpacing: Theme.spacing
                    columnSpacing: Theme.spacing
                    KioskButton {
                        objectName: "keepRegistrationButton"
                        Layout.fillWidth: true
                        text: "不取消"
                        onClicked: page.confirmingCancel = false
                    }
                    KioskButton {
                        objectName: "confirmCancelButton"
                        Layout.fillWidth: true
                        text: "确定取消报名"
                        primary: false
                        onClicked: {
                            page.confirmingCancel = false;
                            page.kiosk.events.cancel(page.selectedId);
                        }
                    }
                }
            }
        }
    }

    // --- what happened ------------------------------------------------------------------------
    Rectangle {
        objectName: "eventResult"
        visible: page.outcome.title !== undefined
        anchors.fill: parent
        // Opaque: the answer stands alone, with no page controls showing through it.
        color: Theme.background
        MouseArea { anchors.fill: parent }
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 900)
            spacing: Theme.spacing
            // A registration gets the green tick; a cancellation a plain grey seal that says what
            // happened in words — it must never look like a registration (issue 17).
            CheckMark {
                Layout.alignment: Qt.AlignHCenter
                visible: page.kiosk.events.outcome !== EventsController.Cancelled
                success: page.outcome.ok === true
            }
            Rectangle {
                objectName: "cancelledSeal"
                Layout.alignment: Qt.AlignHCenter
                visible: page.kiosk.events.outcome === EventsController.Cancelled
                implicitWidth: 220
                implicitHeight: 220
                radius: 110
                color: Theme.textMuted
                Text {
                    anchors.centerIn: parent
                    text: "已取消"
                    color: "white"
                    font.family: Theme.fontFamily
                    font.pixelSize: 52
                    font.bold: true
                }
            }
            Text {
                objectName: "eventResultTitle"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: page.outcome.title ?? ""
                color: page.kiosk.events.outcome === EventsController.Cancelled ? Theme.text
                     : page.outcome.ok === true ? Theme.ok : Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                objectName: "eventResultMessage"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: page.outcome.message ?? ""
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 4
            }
            KioskButton {
                objectName: "eventResultOk"
                Layout.alignment: Qt.AlignHCenter
                text: "好的"
                onClicked: page.kiosk.events.clearResult()
            }
        }
    }
}
