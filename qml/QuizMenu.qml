pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// The quiz menu: the four ways to take questions and the configured 专项测试, with a line that
// tells a member who has not checked in that practice is not recorded.
Item {
    id: menu
    required property QuizController quiz
    property bool portrait: true
    signal back

    Flickable {
        anchors.fill: parent
        anchors.margins: Theme.margin
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.spacing

            // The way home stays in sight, above the cards, whatever the orientation.
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: "学习答题 · 学党章党规"
                    color: Theme.red
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.headlineSize - 8
                    font.bold: true
                    wrapMode: Text.WordWrap // a title is never cut
                }
                KioskButton {
                    objectName: "quizHomeButton"
                    implicitWidth: 240
                    text: "返回首页"
                    primary: false
                    onClicked: menu.back()
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: notice.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: menu.quiz.recording ? "#E6F4EA" : Theme.goldLight
                Text {
                    id: notice
                    objectName: "recordingNotice"
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.WordWrap
                    text: menu.quiz.recording
                          ? "您已签到，本次答题成绩和错题将记入您的学习记录。"
                          : "未签到也可以练习，但成绩不记录。请先回首页“扫码签到”，答题成绩和错题本才会记录下来。"
                    color: menu.quiz.recording ? Theme.ok : Theme.warn
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
            }
            Text {
                objectName: "quizMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: menu.quiz.message.length > 0 ? menu.quiz.message : menu.quiz.bankNotice
                color: Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 2
            }

            GridLayout {
                Layout.fillWidth: true
                columns: menu.portrait ? 1 : 3
                rowSpacing: Theme.spacing
                columnSpacing: Theme.spacing
                enabled: menu.quiz.questionCount > 0 && menu.quiz.view === QuizController.Menu

                QuizModeCard {
                    objectName: "mode-daily"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    glyph: "练"
                    title: "每日一练"
                    subtitle: "随机 5 题，每题答完即看解析和出处"
                    onActivated: menu.quiz.startDaily()
                }
                QuizModeCard {
                    objectName: "mode-challenge"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    glyph: "挑"
                    title: "挑战答题"
                    subtitle: "一直答下去，答错即止，看您能连对几题"
                    onActivated: menu.quiz.startChallenge()
                }
                QuizModeCard {
                    objectName: "mode-wrongbook"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    glyph: "错"
                    title: "错题本"
                    available: menu.quiz.recording && menu.quiz.wrongBookCount > 0
                    subtitle: !menu.quiz.recording ? "签到后可用：记录您答错的题，答对两次后移出"
                            : menu.quiz.wrongBookCount > 0 ? "有 " + menu.quiz.wrongBookCount + " 道错题待练习"
                            : "暂无错题"
                    onActivated: menu.quiz.startWrongBook()
                }
            }

            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: "专项测试（限时作答，交卷后看成绩和错题解析）"
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 4
                font.bold: true
                wrapMode: Text.WordWrap
            }
            GridLayout {
                Layout.fillWidth: true
                columns: menu.portrait ? 1 : 3
                rowSpacing: Theme.spacing
                columnSpacing: Theme.spacing
                enabled: menu.quiz.view === QuizController.Menu
                Repeater {
                    model: menu.quiz.tests
                    delegate: QuizModeCard {
                        id: testCard
                        required property var modelData
                        objectName: "test-" + testCard.modelData.index
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        glyph: "测"
                        title: testCard.modelData.title
                        subtitle: testCard.modelData.count + " 题 · 限时 " + testCard.modelData.minutes
                                  + " 分钟 · " + testCard.modelData.passMark + " 分合格"
                        onActivated: menu.quiz.startTest(testCard.modelData.index)
                    }
                }
            }

        }
    }
}
