pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// Shown when nobody has used the kiosk for the idle timeout: the centre's name, rotating
// announcements and 先进典型 stories (only those within their dates), today's sessions, and an
// invitation to touch. Any touch anywhere leaves it (Main.qml hides it on `dismissed`).
Rectangle {
    id: attract
    required property Kiosk kiosk
    signal dismissed

    objectName: "attract"
    color: Theme.red
    readonly property bool portrait: height >= width
    property int current: 0
    readonly property int count: attract.kiosk.announcements ? attract.kiosk.announcements.count : 0

    onVisibleChanged: {
        if (attract.visible) {
            // Dates move on while the kiosk runs for weeks: filter again each time it appears.
            if (attract.kiosk.announcements)
                attract.kiosk.announcements.refresh();
            attract.kiosk.events.refresh();
            attract.current = 0;
        }
    }

    Timer {
        interval: 8000
        repeat: true
        running: attract.visible && attract.count > 1
        onTriggered: attract.current = (attract.current + 1) % attract.count
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            objectName: "attractCentre"
            Layout.fillWidth: true
            text: attract.kiosk.centreName
            color: Theme.textOnRed
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            Layout.fillWidth: true
            text: attract.kiosk.dateText + "  " + attract.kiosk.timeText
            color: Theme.goldLight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            horizontalAlignment: Text.AlignHCenter
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: attract.portrait ? 1 : 2
            rowSpacing: Theme.spacing
            columnSpacing: Theme.spacing

            // The rotating announcement or story.
            Rectangle {
                objectName: "attractAnnouncement"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                Layout.preferredHeight: 3
                radius: Theme.radius
                color: Theme.background
                clip: true

                ListView {
                    id: slides
                    objectName: "attractSlides"
                    anchors.fill: parent
                    orientation: ListView.Horizontal
                    interactive: false
                    snapMode: ListView.SnapOneItem
                    highlightRangeMode: ListView.StrictlyEnforceRange
                    highlightMoveDuration: 600
                    currentIndex: attract.current
                    model: attract.kiosk.announcements
                    delegate: Item {
                        id: slide
                        required property string kind
                        required property string title
                        required property string body
                        required property url image
                        required property bool exemplary
                        width: slides.width
                        height: slides.height

                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.margin
                            spacing: Theme.spacing
                            Rectangle {
                                Layout.preferredWidth: kindLabel.implicitWidth + 2 * Theme.spacing
                                Layout.preferredHeight: kindLabel.implicitHeight + Theme.spacing / 2
                                radius: height / 2
                                color: slide.exemplary ? Theme.gold : Theme.red
                                Text {
                                    id: kindLabel
                                    anchors.centerIn: parent
                                    text: slide.kind
                                    color: slide.exemplary ? Theme.text : Theme.textOnRed
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.smallSize
                                    font.bold: true
                                }
                            }
                            Text {
                                objectName: "attractTitle"
                                Layout.fillWidth: true
                                text: slide.title
                                color: Theme.red
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.titleSize
                                font.bold: true
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                Layout.fillHeight: true
                                spacing: Theme.spacing
                                Image {
                                    visible: status !== Image.Null // items without a picture
                                    Layout.preferredWidth: visible ? parent.width * 0.35 : 0
                                    Layout.fillHeight: true
                                    source: slide.image
                                    fillMode: Image.PreserveAspectFit
                                    verticalAlignment: Image.AlignTop
                                    asynchronous: true
                                    sourceSize.width: 800
                                }
                                Text {
                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    text: slide.body
                                    color: Theme.text
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.bodySize
                                    lineHeight: 1.3
                                    wrapMode: Text.WordWrap
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
                Text {
                    anchors.centerIn: parent
                    visible: attract.count === 0
                    text: "欢迎来到党群服务中心"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
            }

            // Today's sessions: a reason to come over and register or check in.
            Rectangle {
                objectName: "attractEvents"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                Layout.preferredHeight: 2
                radius: Theme.radius
                color: Theme.goldLight
                clip: true
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: Theme.spacing / 2
                    Text {
                        text: "今日活动"
                        color: Theme.red
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.titleSize
                        font.bold: true
                    }
                    Text {
                        visible: attract.kiosk.events.todayAll.length === 0
                        text: "今天没有安排活动"
                        color: Theme.textMuted
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                    }
                    Repeater {
                        model: attract.kiosk.events.todayAll
                        delegate: ColumnLayout {
                            id: eventLine
                            required property var modelData
                            objectName: "attractEvent-" + eventLine.modelData.id
                            Layout.fillWidth: true
                            spacing: 0
                            Text {
                                Layout.fillWidth: true
                                text: eventLine.modelData.title
                                color: Theme.text
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.bodySize
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Text {
                                Layout.fillWidth: true
                                text: eventLine.modelData.timeText + "  " + eventLine.modelData.place
                                color: Theme.textMuted
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.smallSize
                                elide: Text.ElideRight
                            }
                        }
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }

        Text {
            objectName: "attractInvite"
            Layout.fillWidth: true
            text: "请触摸屏幕开始"
            color: Theme.textOnRed
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            // A gentle pulse in size, not in opacity: faded white on red would fall below 4.5:1.
            SequentialAnimation on scale {
                running: attract.visible
                loops: Animation.Infinite
                NumberAnimation { to: 1.06; duration: 1200; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 1200; easing.type: Easing.InOutQuad }
            }
        }
    }

    // Above everything it covers, so the first touch only leaves the attract screen and never
    // also presses a tile underneath.
    MouseArea {
        anchors.fill: parent
        onPressed: attract.dismissed()
    }
}
