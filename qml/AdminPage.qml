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

    // Staff at the screen: whoever was signed in as a member is not any more (no member banner
    // above the staff login, no member's data one tap away).
    Component.onCompleted: page.kiosk.session.end()

    Connections {
        target: page.admin
        function onLoggedInChanged() {
            if (!page.admin.loggedIn)
                page.back();
        }
    }

    AdminPinPad {
        anchors.centerIn: parent
        visible: !page.admin.loggedIn && page.admin.pinSet
        admin: page.admin
        onCancelled: page.back()
    }

    // No PIN on this kiosk: nothing to type, so no PIN pad; say how to set one.
    ColumnLayout {
        objectName: "noPinPanel"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1100)
        visible: !page.admin.pinSet
        spacing: Theme.spacing
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "本机未设置管理密码"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize - 8
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "noPinHint"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "设置方法：在本机终端运行 sudo dangqun-admin set-pin"
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            // One line: the command must not break in two; a narrow panel shrinks the text.
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 16
        }
        KioskButton {
            objectName: "noPinBack"
            Layout.alignment: Qt.AlignHCenter
            text: "返回"
            primary: false
            onClicked: page.back()
        }
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

    // Leaving kiosk mode asks once more: a stray tap must not expose the desktop. A modal: the
    // page behind is dimmed and cannot be tapped; the question sits on its own card.
    Rectangle {
        objectName: "exitConfirmDialog"
        anchors.fill: parent
        visible: page.confirmExit
        color: "#CC000000"
        MouseArea {
            anchors.fill: parent
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 1000)
            height: exitColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.background
            ColumnLayout {
                id: exitColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: "确定退出自助终端吗？"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: "退出后需工作人员重新启动终端。"
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                }
                GridLayout {
                    Layout.alignment: Qt.AlignHCenter
                    columns: page.width > 900 ? 2 : 1
                    rowSpacing: Theme.spacing
                    columnSpacing: Theme.spacing
                    KioskButton {
                        objectName: "exitCancel"
                        Layout.fillWidth: true
                        text: "取消"
                        onClicked: page.confirmExit = false
                    }
                    KioskButton {
                        objectName: "exitConfirm"
                        Layout.fillWidth: true
                        text: "退出终端"
                        primary: false
                        onClicked: page.admin.exitKiosk()
                    }
                }
            }
        }
    }
}
