pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// 廉政教育: the library of videos by category; a tap opens the player on the same page, and
// "返回视频列表" (or a failure) comes back here. Anyone may watch; a checked-in member's
// watching counts toward 学时, and the cards show their progress.
Item {
    id: page
    objectName: "videos"
    required property Kiosk kiosk
    signal back

    readonly property VideoLibraryModel library: page.kiosk.videoLibrary
    readonly property VideoPlayerController player: page.kiosk.videoPlayer
    readonly property bool watching: page.player.status !== VideoPlayerController.Closed
    readonly property int columns: width > height ? 4 : 2

    Component.onCompleted: page.library.refresh()
    // Leaving the page (back, idle timeout, 退出) stops the video and saves the member's progress.
    Component.onDestruction: page.player.close()

    // --- library -----------------------------------------------------------------------------
    ColumnLayout {
        visible: !page.watching
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            text: "廉政教育"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "videosHint"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.kiosk.session.active
                  ? "观看满 90% 即计入学时，进度自动保存，下次从上次位置继续"
                  : "无需签到即可观看；扫码签到后观看，才计入您的学时"
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }

        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: width
            contentHeight: sections.implicitHeight
            boundsBehavior: Flickable.StopAtBounds

            Column {
                id: sections
                width: flick.width
                spacing: Theme.spacing

                Repeater {
                    model: page.library.categories
                    delegate: Column {
                        id: section
                        required property string modelData
                        width: sections.width
                        spacing: 16

                        Row {
                            spacing: 16
                            Rectangle { width: 10; height: 48; color: Theme.red }
                            Text {
                                text: section.modelData
                                color: Theme.red
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.titleSize
                                font.bold: true
                            }
                        }
                        Flow {
                            id: grid
                            width: section.width
                            spacing: Theme.spacing
                            Repeater {
                                model: page.library
                                delegate: VideoCard {
                                    id: card
                                    required property string videoId
                                    required property string category
                                    // Every section repeats the whole library and shows its own
                                    // category: only the shown card carries the name.
                                    visible: card.category === section.modelData
                                    objectName: visible ? "video-" + videoId : ""
                                    width: (grid.width - (page.columns - 1) * grid.spacing) / page.columns
                                    onActivated: page.player.open(card.videoId)
                                }
                            }
                        }
                    }
                }
            }
        }

        Text {
            objectName: "videosEmpty"
            visible: page.library.count === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            wrapMode: Text.WordWrap
            text: page.library.problems.length > 0
                  ? "视频清单有误，暂时无法观看。\n请联系服务中心工作人员。"
                  : "暂无可观看的视频"
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
        }

        KioskButton {
            objectName: "videosBack"
            Layout.alignment: Qt.AlignHCenter
            text: "返回首页"
            onClicked: page.back()
        }
    }

    // --- player --------------------------------------------------------------------------------
    VideoPlayerView {
        anchors.fill: parent
        visible: page.watching
        kiosk: page.kiosk
        onClosed: page.player.close()
    }
}
