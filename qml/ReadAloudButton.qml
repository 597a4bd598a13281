import QtQuick
import Dangqun

// 朗读: reads the question on screen aloud — or, once answered, the result and explanation — in
// Mandarin (ReadAloud, espeak-ng, offline). Pressed again while speaking, it stops. Stops by
// itself when the question changes or the page goes away.
KioskButton {
    id: button
    // QuizController.question and, while the answer is shown, QuizController.feedback (else {}).
    property var question: ({})
    property var feedback: ({})

    readonly property bool busy: voice.state === ReadAloud.Preparing || voice.state === ReadAloud.Speaking

    objectName: "readAloudButton"
    implicitWidth: 160
    z: 1 // the message below floats over what follows
    primary: false
    text: button.busy ? "停止" : "朗读"
    onClicked: {
        if (button.busy)
            voice.stop()
        else if (button.feedback && button.feedback.title)
            voice.readFeedback(button.feedback)
        else
            voice.readQuestion(button.question)
    }
    onQuestionChanged: voice.stop()
    onFeedbackChanged: voice.stop()

    ReadAloud {
        id: voice
    }

    // A refusal (no espeak-ng, no sound device) is said where the member looks, until the next
    // press or question.
    Rectangle {
        anchors.top: parent.bottom
        anchors.topMargin: 8
        anchors.right: parent.right
        visible: voice.state === ReadAloud.Failed
        width: Math.min(message.implicitWidth + 2 * Theme.spacing, 640)
        height: message.implicitHeight + Theme.spacing
        radius: Theme.radius
        color: "#FDE7EA"
        border.color: Theme.red
        Text {
            id: message
            objectName: "readAloudMessage"
            anchors.fill: parent
            anchors.margins: Theme.spacing / 2
            text: voice.message
            wrapMode: Text.WordWrap
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
        }
    }
}
