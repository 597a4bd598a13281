pragma ComponentBehavior: Bound

import QtQuick
import Dangqun

// 学习答题: the menu, a question, or the results, as QuizController says. The page opens on the
// menu; whatever the previous member left is cleared when the session ends.
Item {
    id: page
    objectName: "quiz"
    required property Kiosk kiosk
    signal back

    readonly property QuizController quiz: page.kiosk.quiz
    readonly property bool portrait: height >= width

    Component.onCompleted: page.quiz.reset()

    QuizMenu {
        anchors.fill: parent
        visible: page.quiz.view === QuizController.Menu || page.quiz.view === QuizController.Loading
        quiz: page.quiz
        portrait: page.portrait
        onBack: page.back()
    }
    QuizQuestionView {
        anchors.fill: parent
        visible: page.quiz.paperRunning
        quiz: page.quiz
        portrait: page.portrait
    }
    QuizResults {
        anchors.fill: parent
        visible: page.quiz.view === QuizController.Results
        quiz: page.quiz
        portrait: page.portrait
        onBack: page.back()
    }
}
