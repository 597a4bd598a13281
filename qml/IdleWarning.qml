import QtQuick
import QtQuick.Layouts

// The end of the idle timeout, said out loud before it happens (issue 17, as church check-in
// kiosks do): "您还在办理吗？" with the seconds left and 继续. Any touch on it keeps the visit
// going; it covers the whole window, so the touch that dismisses it never reaches the page
// below (a tap on 继续 must not also open what lies under it). No touch at all ends the visit.
Rectangle {
    id: warning
    objectName: "idleWarning"
    property int durationMs: 10000
    readonly property bool counting: countdown.running
    property int secondsLeft: 0
    signal expired
    signal continued

    // Counting without showing: nobody's visit to warn (the attract screen comes next), or the
    // video player's own prompt.
    property bool quiet: false
    visible: warning.counting && !warning.quiet
    color: "#B3000000" // the page stays visible behind, dimmed

    function start(quiet: bool) {
        warning.quiet = quiet;
        warning.secondsLeft = Math.ceil(warning.durationMs / 1000);
        deadline.restart();
        countdown.restart();
    }
    function cancel() {
        if (!warning.counting)
            return;
        deadline.stop();
        countdown.stop();
        warning.continued();
    }

    Timer {
        id: deadline
        interval: warning.durationMs
        onTriggered: {
            countdown.stop();
            warning.expired();
        }
    }
    Timer {
        id: countdown
        interval: 1000
        repeat: true
        onTriggered: warning.secondsLeft = Math.max(0, warning.secondsLeft - 1)
    }

    // The dim area takes the touch too: any tap means someone is here.
    MouseArea {
        anchors.fill: parent
        onClicked: warning.cancel()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1000)
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.background
        border.color: Theme.gold
        border.width: 4

        ColumnLayout {
            id: box
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing
            Text {
                objectName: "idleWarningTitle"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: "您还在办理吗？"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                objectName: "idleWarningCountdown"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: warning.secondsLeft + " 秒后将结束本次办理，回到首页"
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
            }
            KioskButton {
                objectName: "idleContinueButton"
                Layout.alignment: Qt.AlignHCenter
                text: "继续"
                onClicked: warning.cancel()
            }
        }
    }
}
