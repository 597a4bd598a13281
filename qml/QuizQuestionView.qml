pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// One question: progress (第 3/20 题), the countdown of a 专项测试, the stem, the options as
// large touch cards, 提交 for multiple choice, and — in the modes that show answers — the
// right answer with its explanation and source before the next question.
Item {
    id: view
    required property QuizController quiz
    property bool portrait: true

    readonly property var question: view.quiz.question
    readonly property bool showingFeedback: view.quiz.view === "feedback"
    // Plain JS values: qmllint cannot see into QVariantMap/QVariantList members.
    readonly property var feedback: view.quiz.feedback
    readonly property var selected: view.quiz.selected
    readonly property var rightChoices: view.feedback.rightChoices ?? []

    function letterOf(index: int): string {
        return view.question.multiple || view.question.typeLabel !== "判断题"
               ? String.fromCharCode(65 + index) : (index === 0 ? "√" : "×");
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        // Where the member is: mode, progress, time left, and a way out.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Text {
                text: view.quiz.modeLabel
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            Text {
                objectName: "quizProgress"
                Layout.fillWidth: true
                text: view.question.progressText ?? ""
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize - 4
            }
            Rectangle {
                visible: view.quiz.timed
                Layout.preferredWidth: countdown.implicitWidth + 2 * Theme.spacing
                Layout.preferredHeight: 80
                radius: Theme.radius
                color: view.quiz.secondsLeft <= 60 ? "#FDE7EA" : Theme.goldLight
                border.color: view.quiz.secondsLeft <= 60 ? Theme.red : Theme.gold
                border.width: 2
                Text {
                    id: countdown
                    objectName: "quizCountdown"
                    anchors.centerIn: parent
                    text: "剩余 " + view.quiz.countdownText
                    color: view.quiz.secondsLeft <= 60 ? Theme.red : Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize - 6
                    font.bold: true
                }
            }
            KioskButton {
                objectName: "handInButton"
                visible: view.quiz.timed
                implicitWidth: 200
                text: "交卷"
                primary: false
                onClicked: view.quiz.handIn()
            }
            KioskButton {
                objectName: "quitButton"
                visible: !view.quiz.timed
                implicitWidth: 200
                text: "结束"
                primary: false
                onClicked: view.quiz.handIn()
            }
        }

        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: body
                width: flick.width
                spacing: Theme.spacing

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        Layout.preferredWidth: typeText.implicitWidth + Theme.spacing
                        Layout.preferredHeight: typeText.implicitHeight + 12
                        radius: 8
                        color: Theme.red
                        Text {
                            id: typeText
                            anchors.centerIn: parent
                            text: view.question.typeLabel ?? ""
                            color: Theme.textOnRed
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.smallSize
                        }
                    }
                    Text {
                        objectName: "quizStem"
                        Layout.fillWidth: true
                        text: view.question.stem ?? ""
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.scaled(40)
                        font.bold: true
                        lineHeight: 1.2
                    }
                    ReadAloudButton { Layout.alignment: Qt.AlignTop; question: view.question; feedback: view.showingFeedback ? view.feedback : ({}) }
                }
                Text {
                    Layout.fillWidth: true
                    visible: view.question.multiple === true && !view.showingFeedback
                    text: "多选题：点选所有正确选项，再点“提交”"
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: view.portrait ? 1 : 2
                    rowSpacing: Theme.spacing
                    columnSpacing: Theme.spacing
                    Repeater {
                        model: view.question.choices ?? []
                        delegate: QuizOptionCard {
                            id: option
                            required property string modelData
                            required property int index
                            objectName: "option-" + option.index
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1 // equal columns whatever the text length
                            letter: view.letterOf(option.index)
                            text: option.modelData
                            selected: view.selected.indexOf(option.index) >= 0
                            verdict: !view.showingFeedback ? ""
                                   : view.rightChoices.indexOf(option.index) >= 0 ? "right"
                                   : option.selected ? "wrong" : ""
                            onTapped: view.quiz.choose(option.index)
                        }
                    }
                }

                KioskButton {
                    objectName: "submitButton"
                    Layout.alignment: Qt.AlignHCenter
                    visible: view.question.multiple === true && !view.showingFeedback
                    opacity: view.selected.length > 0 ? 1.0 : 0.5
                    text: "提交"
                    onClicked: view.quiz.submit()
                }

                // The answer, why, and where it is written.
                Rectangle {
                    objectName: "feedbackPanel"
                    visible: view.showingFeedback
                    Layout.fillWidth: true
                    Layout.preferredHeight: feedbackColumn.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: view.feedback.correct === true ? "#E6F4EA" : "#FDE7EA"
                    ColumnLayout {
                        id: feedbackColumn
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: 8
                        Text {
                            objectName: "feedbackTitle"
                            Layout.fillWidth: true
                            text: (view.feedback.title ?? "") + "　正确答案：" + (view.feedback.rightAnswer ?? "")
                            color: view.feedback.correct === true ? Theme.ok : Theme.red
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.titleSize - 6
                            font.bold: true
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            text: "解析：" + (view.feedback.explanation ?? "")
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            lineHeight: 1.2
                        }
                        Text {
                            Layout.fillWidth: true
                            text: "出处：" + (view.feedback.source ?? "")
                            color: Theme.textMuted
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.WordWrap
                        }
                    }
                }
                KioskButton {
                    objectName: "nextButton"
                    Layout.alignment: Qt.AlignHCenter
                    visible: view.showingFeedback
                    text: view.feedback.last === true ? "查看结果" : "下一题"
                    onClicked: view.quiz.next()
                }
            }
        }
    }
}
