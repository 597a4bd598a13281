pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// The staff screen (issue 9), reached by a 3-second press on the centre's name: the PIN pad,
// then 今日 / 活动 / 同步 / 内容问题 / 导出, signing out, and 退出终端 (the only way to leave
// kiosk mode). The session ends on its own after 2 minutes without a touch.
Item {
    id: page
    objectName: "admin"
    required property Kiosk kiosk
    readonly property AdminController admin: page.kiosk.admin
    property int section: 0
    property bool confirmExit: false
    signal back

    readonly property var sections: ["今日", "活动", "同步", "内容问题", "导出", "统计"]

    Connections {
        target: page.admin
        function onLoggedInChanged() {
            if (!page.admin.loggedIn)
                page.back();
        }
    }

    AdminPinPad {
        anchors.centerIn: parent
        visible: !page.admin.loggedIn
        admin: page.admin
        onCancelled: page.back()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin / 2
        visible: page.admin.loggedIn
        spacing: Theme.spacing

        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            // Fixed: its buttons fill the column, and the sections get the rest of the width.
            Layout.fillWidth: false
            Layout.preferredWidth: 280
            Layout.maximumWidth: 280
            spacing: Theme.spacing / 2
            Repeater {
                model: page.sections
                delegate: KioskButton {
                    required property string modelData
                    required property int index
                    objectName: "section-" + index
                    Layout.fillWidth: true
                    implicitWidth: 260
                    // Six sections and two actions fit a landscape screen's height (1080).
                    implicitHeight: Theme.touchTarget - 16
                    text: modelData
                    primary: page.section === index
                    onClicked: {
                        page.section = index;
                        page.admin.refresh();
                    }
                }
            }
            Item { Layout.preferredHeight: Theme.spacing }
            KioskButton {
                objectName: "adminLogout"
                Layout.fillWidth: true
                implicitWidth: 260
                text: "退出登录"
                primary: false
                onClicked: page.admin.logout()
            }
            KioskButton {
                objectName: "exitKiosk"
                Layout.fillWidth: true
                implicitWidth: 260
                text: "退出终端"
                primary: false
                onClicked: page.confirmExit = true
            }
        }

        Flickable {
            id: sectionFlick
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: sectionFlick.width
            contentHeight: sectionStack.implicitHeight + Theme.margin
            boundsBehavior: Flickable.StopAtBounds
            StackLayout {
                id: sectionStack
                width: sectionFlick.width
                currentIndex: page.section
                AdminToday {
                    admin: page.admin
                }
                AdminEvents {
                    admin: page.admin
                }
                AdminSync {
                    admin: page.admin
                    sync: page.kiosk.sync
                }
                AdminSync {
                    admin: page.admin
                    sync: page.kiosk.sync
                    contentOnly: true
                    videoProblems: page.kiosk.videoLibrary ? page.kiosk.videoLibrary.problems : []
                    bankProblems: page.kiosk.quiz ? page.kiosk.quiz.bankProblems : []
                    rosterProblems: page.kiosk.checkin ? page.kiosk.checkin.rosterProblems : []
                }
                AdminExport {
                    admin: page.admin
                }
                // Loaded while shown: Qt Charts is only paid for by staff who look at 统计. (By
                // URL: Qt 6.4 refuses to load a bound inline component through a Loader.)
                Loader {
                    id: statsLoader
                    active: page.section === 5
                    Component.onCompleted: statsLoader.setSource("AdminStats.qml", {stats: page.admin.stats})
                }
            }
        }
    }

    // Leaving kiosk mode asks once more: a stray tap must not expose the desktop.
    Rectangle {
        anchors.fill: parent
        visible: page.confirmExit
        color: "#CC000000"
        MouseArea {
            anchors.fill: parent
        }
        ColumnLayout {
            anchors.centerIn: parent
            spacing: Theme.spacing
            Text {
                Layout.alignment: Qt.AlignHCenter
                text: "确定退出自助终端吗？\n退出后需工作人员重新启动终端。"
                horizontalAlignment: Text.AlignHCenter
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.spacing
                KioskButton {
                    text: "取消"
                    primary: false
                    onClicked: page.confirmExit = false
                }
                KioskButton {
                    objectName: "exitConfirm"
                    text: "退出终端"
                    onClicked: page.admin.exitKiosk()
                }
            }
        }
    }
}
