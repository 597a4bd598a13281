import QtQuick
import QtQuick.Layouts
import Dangqun

// One answer option as a large touch card (>= 96 px high, 34 px text): the letter in a seal,
// the text beside it. Once the answer is shown, each option says in words and a mark what it
// was for this member — 选对 (chosen and right), 选错 (chosen but wrong), 漏选 (right but not
// chosen) — not by colour alone (issue 17).
Rectangle {
    id: card
    required property string letter
    required property string text
    property bool selected: false
    property bool multiple: false
    property int verdict: QuizController.Unmarked
    signal tapped

    readonly property bool marked: card.verdict !== QuizController.Unmarked
    readonly property color verdictColor: card.verdict === QuizController.ChosenRight ? Theme.ok
                                        : card.verdict === QuizController.ChosenWrong ? Theme.red
                                        : card.verdict === QuizController.Missed ? Theme.warn : Theme.border

    implicitHeight: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: card.verdict === QuizController.ChosenRight ? "#E6F4EA"
         : card.verdict === QuizController.ChosenWrong ? "#FDE7EA"
         : card.verdict === QuizController.Missed ? Theme.goldLight
         : card.selected ? Theme.goldLight : Theme.surface
    border.width: card.selected || card.marked ? 4 : 2
    border.color: card.marked ? card.verdictColor : card.selected ? Theme.gold : Theme.border
    scale: area.pressed ? 0.98 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: card.letter + " " + card.text + (card.marked ? " " + verdictLabel.text : "")

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Rectangle {
            Layout.preferredWidth: 64
            Layout.preferredHeight: 64
            radius: 32
            color: card.marked ? card.verdictColor : card.selected ? Theme.red : "white"
            border.color: card.marked ? card.verdictColor : Theme.red
            border.width: 2
            Text {
                anchors.centerIn: parent
                text: card.letter
                color: card.selected || card.marked ? Theme.textOnRed : Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: 34
                font.bold: true
            }
        }
        Text {
            id: label
            Layout.fillWidth: true
            text: card.text
            wrapMode: Text.WordWrap
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.scaled(34)
        }
        // The verdict in words, with a mark that does not need colour to be read.
        Rectangle {
            visible: card.marked
            Layout.preferredWidth: verdictLabel.implicitWidth + Theme.spacing
            Layout.preferredHeight: verdictLabel.implicitHeight + 12
            radius: 8
            color: card.verdictColor
            Text {
                id: verdictLabel
                objectName: "optionVerdict"
                anchors.centerIn: parent
                text: card.verdict === QuizController.ChosenRight ? "√ 选对"
                    : card.verdict === QuizController.ChosenWrong ? "× 选错"
                    : card.verdict === QuizController.Missed ? (card.multiple ? "○ 漏选" : "○ 正确答案") : ""
                color: Theme.textOnRed
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                font.bold: true
            }
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.tapped()
    }
}
