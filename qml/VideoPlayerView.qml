pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import QtMultimedia
import Dangqun

// The player: the picture with subtitles drawn over it, a large play/pause, a progress bar
// (a member cannot drag past what they have watched: the controller clamps the seek), volume,
// and what the viewing counts for. Before the idle timeout would end a long video, it asks
// "还在观看吗？" so a member who is still there can keep watching with one tap.
Item {
    id: view
    required property Kiosk kiosk
    signal closed

    readonly property VideoPlayerController player: view.kiosk.videoPlayer
    readonly property bool portrait: height >= width
    readonly property real sideWidth: Math.max(360, view.width * 0.22)
    readonly property int subtitleLines: !view.portrait && view.height < 600 ? 1 : 2
    // The prompt comes this long before the kiosk's idle timeout.
    readonly property int promptLeadMs: Math.min(15000, view.kiosk.idleTimeoutMs / 4)

    function timeText(ms: real): string {
        const s = Math.floor(Math.max(0, ms) / 1000);
        const m = Math.floor(s / 60);
        return m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    }

    Component.onCompleted: view.player.videoSink = output.videoSink
    // The prompt lives on the window (a modal): it goes when the player does.
    onVisibleChanged: if (!view.visible) prompt.visible = false
    Component.onDestruction: view.player.videoSink = null

    IdleMonitor {
        id: stillWatching
        timeout: Math.max(1000, view.kiosk.idleTimeoutMs - view.promptLeadMs)
        enabled: view.player.status === VideoPlayerController.Playing && !prompt.visible
        onIdle: {
            prompt.visible = true;
            promptCountdown.remaining = Math.round(view.promptLeadMs / 1000);
        }
    }

    // Two cells. The picture cell: picture, subtitle band, progress, controls. The side cell:
    // title, seek notice, what the viewing counts for. Portrait: side cell above the picture.
    // Landscape: side cell to the right, so the picture gets the height (issue 17: not a 483x272
    // picture on a 1920x1080 panel). Subtitles have their own band under the picture, so they
    // never cover the title or anything else inside the picture.
    GridLayout {
        anchors.fill: parent
        anchors.margins: view.portrait ? Theme.margin : Theme.margin / 2
        columns: view.portrait ? 1 : 2
        rowSpacing: view.portrait ? Theme.spacing : Theme.spacing / 2
        columnSpacing: Theme.spacing

            ColumnLayout {
                Layout.row: view.portrait ? 1 : 0
                Layout.column: 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 0

                // The picture keeps 16:9 inside whatever room is left.
                Item {
                    id: pictureArea
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: 0
                    Rectangle {
                        id: screen
                        objectName: "videoScreen"
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.bottom: parent.bottom
                        width: Math.min(parent.width, parent.height * 16 / 9)
                        height: width * 9 / 16
                        color: "black"
                        clip: true

                        VideoOutput {
                            id: output
                            objectName: "videoOutput"
                            anchors.fill: parent
                            fillMode: VideoOutput.PreserveAspectFit
                        }
                        // Tapping the picture pauses or resumes, as on a phone.
                        MouseArea {
                            anchors.fill: parent
                            onClicked: view.player.togglePlay()
                        }
                        Text {
                            visible: view.player.status === VideoPlayerController.Loading
                            anchors.centerIn: parent
                            text: "正在打开视频…"
                            color: "white"
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.titleSize
                        }
                    }
                }
                // The subtitle band below the picture, as wide as it: two lines (one on a short
                // landscape panel). Its width follows the picture without feeding back into the
                // layout (the row itself fills the column).
                Item {
                    objectName: "subtitleBand"
                    Layout.fillWidth: true
                    Layout.preferredHeight: view.subtitleLines * Math.round(subtitleText.font.pixelSize * 1.3) + 16
                    Rectangle {
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: screen.width
                        height: parent.height
                        color: "black"
                        Text {
                            id: subtitleText
                            objectName: "subtitleText"
                            anchors.fill: parent
                            anchors.leftMargin: 16
                            anchors.rightMargin: 16
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                            wrapMode: Text.WordWrap
                            maximumLineCount: view.subtitleLines
                            // A long line shrinks to fit the band rather than being cut.
                            fontSizeMode: Text.Fit
                            minimumPixelSize: 16
                            text: view.player.subtitle
                            color: "white"
                            font.family: Theme.fontFamily
                            font.pixelSize: view.portrait ? Theme.bodySize + 4 : Theme.bodySize
                            font.bold: true
                        }
                    }
                }

                // Progress: watched part in gold; the member's seek limit marked; time on the right.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Item {
                        id: bar
                        objectName: "progressBar"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touchTarget // a drag target: as tall as a button, scaled with the panel
                        readonly property real scale: view.player.duration > 0 ? width / view.player.duration : 0
                        Rectangle {
                            id: track
                            anchors.verticalCenter: parent.verticalCenter
                            width: parent.width
                            height: 16
                            radius: 8
                            color: Theme.border
                            Rectangle {
                                visible: view.player.counting
                                width: view.player.seekLimit * bar.scale
                                height: parent.height
                                radius: 8
                                color: Theme.goldLight
                                border.color: Theme.gold
                            }
                            Rectangle {
                                width: Math.min(parent.width, view.player.position * bar.scale)
                                height: parent.height
                                radius: 8
                                color: Theme.red
                            }
                        }
                        Rectangle {
                            x: Math.min(bar.width, view.player.position * bar.scale) - width / 2
                            anchors.verticalCenter: parent.verticalCenter
                            width: 44
                            height: 44
                            radius: 22
                            color: Theme.red
                            border.color: "white"
                            border.width: 4
                        }
                        MouseArea {
                            anchors.fill: parent
                            function seekTo(x: real) {
                                if (bar.scale > 0)
                                    view.player.seek(Math.max(0, Math.min(bar.width, x)) / bar.scale);
                            }
                            onPressed: mouse => seekTo(mouse.x)
                            onPositionChanged: mouse => seekTo(mouse.x)
                        }
                    }
                    Text {
                        objectName: "timeText"
                        text: view.timeText(view.player.position) + " / " + view.timeText(view.player.duration)
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                    }
                }
                // Controls: play/pause large, volume, back. Landscape: one row under the picture.
                GridLayout {
                    Layout.fillWidth: true
                    columns: view.portrait ? (view.width >= 900 ? 2 : 1) : 3
                    rowSpacing: Theme.spacing
                    columnSpacing: Theme.spacing

                    KioskButton {
                        objectName: "playPauseButton"
                        Layout.fillWidth: true
                        Layout.columnSpan: view.portrait && view.width >= 900 ? 2 : 1
                        implicitWidth: 300
                        implicitHeight: view.portrait ? 120 : Theme.touchTarget
                        text: view.player.status === VideoPlayerController.Playing ? "❚❚  暂停"
                              : view.player.status === VideoPlayerController.Ended ? "↻  重新播放" : "▶  播放"
                        onClicked: view.player.togglePlay()
                    }
                    RowLayout {
                        objectName: "volumeControl"
                        Layout.fillWidth: true
                        spacing: 12
                        KioskButton {
                            implicitWidth: 110
                            text: "－"
                            primary: false
                            onClicked: view.player.volume = Math.max(0, Math.round(view.player.volume * 5 - 1) / 5)
                        }
                        Text {
                            Layout.fillWidth: true
                            horizontalAlignment: Text.AlignHCenter
                            text: "音量 " + Math.round(view.player.volume * 100) + "%"
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 16
                        }
                        KioskButton {
                            implicitWidth: 110
                            text: "＋"
                            primary: false
                            onClicked: view.player.volume = Math.min(1, Math.round(view.player.volume * 5 + 1) / 5)
                        }
                    }
                    KioskButton {
                        objectName: "playerBack"
                        Layout.fillWidth: true
                        implicitWidth: 300
                        text: "返回视频列表"
                        primary: false
                        onClicked: view.closed()
                    }
                }
            }

            ColumnLayout {
                Layout.row: 0
                Layout.column: view.portrait ? 0 : 1
                Layout.fillWidth: view.portrait
                Layout.preferredWidth: view.portrait ? -1 : view.sideWidth
                Layout.maximumWidth: view.portrait ? 100000 : view.sideWidth
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                Text {
                    objectName: "playerTitle"
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    text: view.player.title
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: view.portrait ? Theme.titleSize : Theme.titleSize - 8
                    font.bold: true
                    wrapMode: Text.WordWrap // a title is never cut
                    horizontalAlignment: Text.AlignHCenter
                }

                Text {
                    objectName: "seekNotice"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: view.player.seekNotice
                    color: Theme.warn
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                }
                Text {
                    objectName: "countingText"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: view.player.message.length > 0 && view.player.status !== VideoPlayerController.Failed
                          ? view.player.message
                          : !view.player.counting
                            ? "未签到观看：不计入学时，可自由拖动进度"
                            : view.player.credited
                              ? "已完成观看，已计入 " + view.player.creditText
                              : "已观看 " + view.player.percent + "%，满 90% 计入 " + view.player.creditText
                    color: view.player.credited ? Theme.ok : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }

            }
    }

    // --- a broken, missing or truncated file: say so plainly, then back to the library --------
    Rectangle {
        objectName: "playerFailure"
        visible: view.player.status === VideoPlayerController.Failed
        anchors.fill: parent
        color: Theme.background
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 900)
            spacing: Theme.spacing
            CheckMark {
                Layout.alignment: Qt.AlignHCenter
                success: false
            }
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: "无法播放"
                color: Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                objectName: "failureMessage"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.player.message
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 4
                lineHeight: 1.3
            }
            KioskButton {
                Layout.alignment: Qt.AlignHCenter
                text: "返回视频列表"
                onClicked: view.closed()
            }
        }
    }

    // --- 还在观看吗？ ---------------------------------------------------------------------------
    Rectangle {
        // A modal over the whole window (header and banner included): nothing behind it can be tapped.
        parent: Window.contentItem
        z: 100
        id: prompt
        objectName: "stillWatchingPrompt"
        visible: false
        anchors.fill: parent
        color: "#B0000000"
        // Any touch counts as "still here" for the kiosk; the button says so explicitly.
        MouseArea {
            anchors.fill: parent
            onClicked: prompt.visible = false
        }
        Timer {
            id: promptCountdown
            property int remaining: 0
            interval: 1000
            repeat: true
            running: prompt.visible
            onTriggered: promptCountdown.remaining = Math.max(0, promptCountdown.remaining - 1)
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 860)
            height: promptColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.background
            ColumnLayout {
                id: promptColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: "还在观看吗？"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.headlineSize
                    font.bold: true
                }
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: "如无操作，" + promptCountdown.remaining + " 秒后将返回首页，已观看的进度会保存。"
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
                KioskButton {
                    objectName: "keepWatchingButton"
                    Layout.alignment: Qt.AlignHCenter
                    text: "继续观看"
                    onClicked: prompt.visible = false
                }
            }
        }
    }
}
