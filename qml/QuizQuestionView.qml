pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// One question: progress (第 3/20 题), the countdown of a 专项测试, the stem, the options as
// large touch cards, and — in the modes that show answers — what the member chose against the
// right answer, with its explanation and source. 提交 and 下一题 sit in an action bar fixed at
// the bottom, never scrolled off the screen whatever the panel size (issue 17). 结束 / 交卷 ask
// first.
Item {
    id: view
    objectName: "quizQuestionView"
    required property QuizController quiz
    property bool portrait: true

    readonly property var question: view.quiz.question
    readonly property bool showingFeedback: view.quiz.view === QuizController.Feedback
    readonly property bool multiple: view.quiz.questionType === QuizController.Multiple
    // Plain JS values: qmllint cannot see into QVariantMap/QVariantList members.
    readonly property var feedback: view.quiz.feedback
    readonly property var selected: view.quiz.selected
    readonly property var verdicts: view.quiz.optionVerdicts
    property bool confirmingEnd: false

    function letterOf(index: int): string {
        return view.quiz.questionType !== QuizController.Judge
               ? String.fromCharCode(65 + index) : (index === 0 ? "√" : "×");
    }

    // A new paper, or the paper gone: no question left behind.
    Connections {
        target: view.quiz
        function onViewChanged() {
            if (!view.quiz.paperRunning)
                view.confirmingEnd = false;
        }
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
                onClicked: view.confirmingEnd = true
            }
            KioskButton {
                objectName: "quitButton"
                visible: !view.quiz.timed
                implicitWidth: 200
                text: "结束"
                primary: false
                onClicked: view.confirmingEnd = true
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
                            multiple: view.multiple
                            verdict: view.showingFeedback && option.index < view.verdicts.length
                                     ? view.verdicts[option.index] : QuizController.Unmarked
                            onTapped: view.quiz.choose(option.index)
                        }
                    }
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
                            Layout.fillWidth: true
                            text: "您的答案：" + (view.feedback.yourAnswer ?? "")
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
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
            }
        }

        // The action bar: always on screen, below the scrolling question.
        Rectangle {
            objectName: "quizActionBar"
            visible: view.showingFeedback || view.multiple
            Layout.fillWidth: true
            Layout.preferredHeight: barRow.implicitHeight + Theme.spacing
            color: view.showingFeedback ? (view.feedback.correct === true ? "#E6F4EA" : "#FDE7EA") : Theme.surface
            border.color: Theme.border
            radius: Theme.radius
            RowLayout {
                id: barRow
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing / 2
                spacing: Theme.spacing
                Text {
                    objectName: "feedbackTitle"
                    Layout.fillWidth: true
                    text: view.showingFeedback
                          ? (view.feedback.title ?? "") + "　正确答案：" + (view.feedback.rightAnswer ?? "")
                          : view.selected.length > 0 ? "已选 " + view.selected.length + " 项，选好后点“提交”"
                                                     : "多选题：点选所有正确选项"
                    color: view.showingFeedback ? (view.feedback.correct === true ? Theme.ok : Theme.red) : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: view.showingFeedback ? Theme.titleSize - 8 : Theme.bodySize
                    font.bold: view.showingFeedback
                    wrapMode: Text.WordWrap
                }
                KioskButton {
                    objectName: "submitButton"
                    visible: view.multiple && !view.showingFeedback
                    Layout.topMargin: Theme.spacing / 2
                    Layout.bottomMargin: Theme.spacing / 2
                    opacity: view.selected.length > 0 ? 1.0 : 0.5
                    text: "提交"
                    onClicked: view.quiz.submit()
                }
                KioskButton {
                    objectName: "nextButton"
                    visible: view.showingFeedback
                    Layout.topMargin: Theme.spacing / 2
                    Layout.bottomMargin: Theme.spacing / 2
                    text: view.feedback.last === true ? "查看结果" : "下一题"
                    onClicked: view.quiz.next()
                }
            }
        }
    }

    // --- 结束 / 交卷 asks first: a modal that nothing behind it can be tapped through ------------
    Rectangle {
        // A modal over the whole window (header and banner included): nothing behind it can be tapped.
        parent: Window.contentItem
        z: 100
        objectName: "endConfirm"
        visible: view.confirmingEnd
        anchors.fill: parent
        color: "#B0000000"
        MouseArea {
            anchors.fill: parent
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.margin, 1000)
            height: confirmColumn.implicitHeight + 2 * Theme.margin
            radius: Theme.radius
            color: Theme.background
            ColumnLayout {
                id: confirmColumn
                anchors.fill: parent
                anchors.margins: Theme.margin
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: view.quiz.timed ? "现在交卷吗？" : "结束本次练习吗？"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "endConfirmText"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: {
                        const total = view.question.total ?? 0;
                        const left = Math.max(0, total - view.quiz.answeredCount);
                        return view.quiz.timed
                               ? "还有 " + left + " 题未答，未答的题按答错计分。"
                               : "已答 " + view.quiz.answeredCount + " 题。未完成的练习不计成绩，也不记录。";
                    }
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
                GridLayout {
                    Layout.alignment: Qt.AlignHCenter
                    columns: view.width > 900 ? 2 : 1
                    rowSpacing: Theme.spacing
                    columnSpacing: Theme.spacing
                    KioskButton {
                        objectName: "endCancel"
                        Layout.fillWidth: true
                        text: "继续答题"
                        onClicked: view.confirmingEnd = false
                    }
                    KioskButton {
                        objectName: "endConfirmButton"
                        Layout.fillWidth: true
                        text: view.quiz.timed ? "交卷" : "结束练习"
                        primary: false
                        onClicked: {
                            view.confirmingEnd = false;
                            if (view.quiz.timed)
                                view.quiz.handIn();
                            else
                                view.quiz.quit();
                        }
                    }
                }
            }
        }
    }
}
