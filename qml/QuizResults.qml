pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// The end of a paper: score, pass or fail (专项测试), the streak (挑战答题), whether it was
// recorded, and a review of every wrong answer with the right one, the explanation and the source.
Item {
    id: results
    required property QuizController quiz
    property bool portrait: true
    signal back

    readonly property var result: results.quiz.result
    readonly property var review: results.result.review ?? []

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.margin
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: flick.width
            spacing: Theme.spacing
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: results.quiz.modeLabel + " · 成绩"
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize
            }
            Text {
                objectName: "quizScore"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: results.result.abandoned === true ? "未完成"
                      : results.result.challenge === true ? results.result.streak + " 题"
                      : (results.result.score ?? 0) + " 分"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.scaled(120)
                font.bold: true
            }
            Text {
                objectName: "quizVerdict"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: results.result.headline ?? ""
                color: results.result.hasPassMark === true ? (results.result.passed === true ? Theme.ok : Theme.red)
                                                            : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize - 8
                font.bold: true
            }
            Text {
                objectName: "quizCounts"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: {
                    const r = results.result;
                    let parts = [r.countsText ?? ""];
                    if (r.hasPassMark === true)
                        parts.push("合格分 " + r.passMark);
                    if (r.challenge === true)
                        parts.push("最好成绩 连对 " + r.bestStreak + " 题");
                    if (r.timedOut === true)
                        parts.push("时间到，已自动交卷");
                    return parts.join("　·　");
                }
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize + 2
            }
            Text {
                objectName: "savedText"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: results.result.savedText ?? ""
                color: results.result.saved === true ? Theme.ok : Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.spacing
                KioskButton {
                    objectName: "menuButton"
                    text: "继续答题"
                    onClicked: results.quiz.reset()
                }
                KioskButton {
                    text: "返回首页"
                    primary: false
                    onClicked: results.back()
                }
            }
            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                objectName: "reviewTitle"
                // An unfinished practice with nothing answered wrongly has nothing to review.
                visible: results.review.length > 0 || results.result.abandoned !== true
                text: results.review.length > 0 ? "错题回顾（" + results.review.length + " 题）" : "全部答对，没有错题"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.titleSize - 4
                font.bold: true
            }

            Repeater {
                objectName: "reviewList"
                model: results.review
                delegate: Rectangle {
                    id: item
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: itemColumn.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: 2
                    ColumnLayout {
                        id: itemColumn
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: 8
                        Text {
                            Layout.fillWidth: true
                            text: "第 " + item.modelData.number + " 题 · " + item.modelData.typeLabel
                            color: Theme.textMuted
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.smallSize
                        }
                        Text {
                            Layout.fillWidth: true
                            text: item.modelData.stem
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize + 4
                            font.bold: true
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: item.modelData.judge !== true
                            text: item.modelData.choices.map((c, i) => String.fromCharCode(65 + i) + ". " + c).join("　")
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.smallSize
                        }
                        Text {
                            Layout.fillWidth: true
                            text: "您的答案：" + item.modelData.yourAnswer + "　　正确答案：" + item.modelData.rightAnswer
                            color: Theme.red
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            text: "解析：" + item.modelData.explanation
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            lineHeight: 1.2
                        }
                        Text {
                            Layout.fillWidth: true
                            text: "出处：" + item.modelData.source
                            wrapMode: Text.WordWrap
                            color: Theme.textMuted
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.smallSize
                        }
                    }
                }
            }
        }
    }
}
