pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import QtMultimedia
import Dangqun

// 扫码签到: live camera preview with a framing guide; a decoded code is checked in on the
// worker and the result fills the page (masked greeting or a plain refusal reason), with a
// chime or a tone, then the kiosk returns home. Manual check-in by phone number is one tap away.
Item {
    id: page
    objectName: "scan"
    required property Kiosk kiosk
    signal back
    // A 流动党员 not yet known here, or a code that is no member code: the 报到 form (issue 4).
    signal openReport

    property string mode: "scan" // scan | manual
    property string phone: ""
    readonly property var result: page.kiosk.checkin.result
    readonly property int outcome: page.kiosk.checkin.outcome
    readonly property bool showingResult: page.outcome !== CheckinController.None
                                          && page.outcome !== CheckinController.NeedsReport
    readonly property bool portrait: height >= width
    // Long enough to read from a step away and decide; a tap on the result starts it again.
    readonly property int resultSeconds: Math.max(8, Math.round(page.kiosk.resultScreenMs / 1000))
    property int secondsLeft: 0

    function restartCountdown() {
        page.secondsLeft = page.resultSeconds;
        resultTimer.restart();
    }

    Component.onCompleted: {
        page.kiosk.checkin.clear();
        page.kiosk.scanSource.videoSink = preview.videoSink;
        page.kiosk.scanSource.start();
        aimVoice.play(); // 请将党员码对准摄像头
    }
    Component.onDestruction: page.kiosk.scanSource.stop()

    // Decodes on its own worker thread; while a result is up or a check-in commits, it stays
    // quiet, and the same code is acted on at most once every 5 s.
    QrScanner {
        id: scanner
        videoSink: preview.videoSink
        active: page.mode === "scan"
        paused: page.showingResult || page.kiosk.checkin.busy
        onDecoded: text => page.kiosk.checkin.submitCode(text)
    }

    Connections {
        target: page.kiosk.checkin
        function onFinished(r: var) {
            if (page.kiosk.checkin.outcome === CheckinController.NeedsReport) {
                page.openReport(); // the form, pre-filled from the code
                return;
            }
            if (r.success)
                okSound.play();
            else
                failSound.play();
            voiceTimer.success = r.success === true;
            voiceTimer.restart();
            page.restartCountdown();
        }
    }

    SoundEffect { id: okSound; source: page.kiosk.okSound; volume: page.kiosk.volume }
    SoundEffect { id: failSound; source: page.kiosk.failSound; volume: page.kiosk.volume }
    // Mandarin prompts (espeak-ng, generated at build time); none when not installed.
    SoundEffect { id: okVoice; source: page.kiosk.okVoice; volume: page.kiosk.volume }
    SoundEffect { id: failVoice; source: page.kiosk.failVoice; volume: page.kiosk.volume }
    SoundEffect { id: aimVoice; source: page.kiosk.aimVoice; volume: page.kiosk.volume }
    // The spoken result follows the tone (shorter than this), so the two never overlap.
    Timer {
        id: voiceTimer
        property bool success: false
        interval: 550
        onTriggered: {
            aimVoice.stop();
            if (voiceTimer.success)
                okVoice.play();
            else
                failVoice.play();
        }
    }

    // The countdown on the result screen: one tick a second, home at zero.
    Timer {
        id: resultTimer
        interval: 1000
        repeat: true
        onTriggered: {
            page.secondsLeft = Math.max(0, page.secondsLeft - 1);
            if (page.secondsLeft === 0) {
                resultTimer.stop();
                page.back();
            }
        }
    }

    // A receipt on screen (Main.qml shows it over everything) holds the result screen; closing it
    // lets the page return home as usual.
    Connections {
        target: page.kiosk.receipts
        function onChanged() {
            if (page.kiosk.receipts.shown)
                resultTimer.stop();
            else if (page.showingResult)
                page.restartCountdown();
        }
    }

    // --- scanning ---------------------------------------------------------------------------
    ColumnLayout {
        visible: page.mode === "scan" && !page.showingResult
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "请将党员码对准摄像头"
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
        }

        Rectangle {
            id: frame
            Layout.fillWidth: true
            Layout.fillHeight: true
            radius: Theme.radius
            color: "#202020"
            clip: true

            VideoOutput {
                id: preview
                objectName: "preview"
                anchors.fill: parent
                fillMode: VideoOutput.PreserveAspectCrop
            }

            // The framing guide: gold corners around the middle of the picture.
            Item {
                id: guide
                anchors.centerIn: parent
                width: Math.min(parent.width, parent.height) * 0.6
                height: width
                Repeater {
                    model: 4
                    delegate: Item {
                        id: corner
                        required property int index
                        width: guide.width * 0.25
                        height: width
                        x: (corner.index % 2) ? guide.width - width : 0
                        y: (corner.index >= 2) ? guide.height - height : 0
                        Rectangle {
                            width: parent.width; height: 12; color: Theme.gold
                            y: corner.index >= 2 ? parent.height - height : 0
                        }
                        Rectangle {
                            width: 12; height: parent.height; color: Theme.gold
                            x: (corner.index % 2) ? parent.width - width : 0
                        }
                    }
                }
            }

            Text {
                objectName: "cameraMessage"
                visible: !page.kiosk.scanSource.available
                anchors.centerIn: parent
                width: parent.width * 0.8
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                // The cause (a device error, a file name) is in the log for staff, not for members.
                text: "摄像头暂时无法使用\n请使用下方的“手机号签到”"
                color: "white"
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
            }
        }

        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: "打印的党员卡或手机上的党员码均可，距离摄像头约 20 厘米"
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
        }

        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.spacing
            KioskButton {
                objectName: "manualButton"
                text: "手机号签到"
                primary: false
                onClicked: {
                    page.phone = "";
                    page.mode = "manual";
                }
            }
            KioskButton {
                objectName: "scanHomeButton"
                text: "返回首页"
                onClicked: page.back()
            }
        }
    }

    // --- manual check-in by phone number ------------------------------------------------------
    // Portrait: the number, the keypad and the matches one below the other. Landscape: the
    // keypad beside them, so nothing falls below a 1080 px high screen.
    GridLayout {
        visible: page.mode === "manual" && !page.showingResult
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: page.portrait ? 1 : 2
        columnSpacing: Theme.margin * 2
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            Text {
                objectName: "manualTitle"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: "请输入您的手机号"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                Layout.fillWidth: true
                Layout.maximumWidth: 720
                Layout.preferredHeight: 120
                radius: Theme.radius
                border.color: Theme.gold
                border.width: 3
                Text {
                    objectName: "phoneField"
                    anchors.centerIn: parent
                    text: page.phone.length > 0 ? page.phone : "11 位手机号"
                    color: page.phone.length > 0 ? Theme.text : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.scaled(60)
                    font.letterSpacing: 4
                }
            }
            // Matches: the member confirms their own masked name.
            Repeater {
                model: page.phone.length === 11 ? page.kiosk.checkin.matches : []
                delegate: KioskButton {
                    id: matchButton
                    required property var modelData
                    required property int index
                    objectName: "matchButton" + matchButton.index
                    Layout.alignment: Qt.AlignHCenter
                    Layout.fillWidth: true
                    Layout.maximumWidth: 960
                    text: "我是 " + matchButton.modelData.maskedName + "，签到"
                    onClicked: page.kiosk.checkin.confirmManual(matchButton.index)
                }
            }
            Text {
                Layout.fillWidth: true
                visible: page.phone.length === 11 && page.kiosk.checkin.matches.length === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: "未找到该手机号的党员信息。流动党员请在首页选择“流动党员报到”，或联系工作人员。"
                color: Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
            Item { Layout.fillHeight: true; visible: !page.portrait }
            KioskButton {
                objectName: "backToScanButton"
                visible: !page.portrait
                Layout.alignment: Qt.AlignHCenter
                text: "返回扫码"
                primary: false
                onClicked: page.mode = "scan"
            }
        }
        NumericKeypad {
            Layout.alignment: Qt.AlignHCenter | Qt.AlignVCenter
            onDigit: d => {
                if (page.phone.length < 11)
                    page.phone += d;
                if (page.phone.length === 11)
                    page.kiosk.checkin.lookupPhone(page.phone);
            }
            onBackspace: page.phone = page.phone.slice(0, -1)
            onClearAll: page.phone = ""
        }
        Item { Layout.fillHeight: true; visible: page.portrait }
        KioskButton {
            objectName: "backToScanButtonPortrait"
            visible: page.portrait
            Layout.alignment: Qt.AlignHCenter
            text: "返回扫码"
            primary: false
            onClicked: page.mode = "scan"
        }
    }

    // --- result -------------------------------------------------------------------------------
    CheckinResultScreen {
        visible: page.showingResult
        anchors.fill: parent
        kiosk: page.kiosk
        outcome: page.outcome
        result: page.result
        secondsLeft: page.secondsLeft
        onActivity: if (resultTimer.running) page.restartCountdown()
        onContinueVisit: page.back()
        onOpenReport: page.openReport()
        onManual: {
            resultTimer.stop();
            page.kiosk.checkin.clear();
            page.phone = "";
            page.mode = "manual";
        }
        onRescan: {
            resultTimer.stop();
            page.kiosk.checkin.clear();
            page.mode = "scan";
        }
    }
}
