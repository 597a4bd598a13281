pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import Dangqun

// The kiosk's window: header, the page stack, and the idle timeout that brings everyone back
// to the home screen and clears whatever the last member saw.
ApplicationWindow {
    id: window
    required property Kiosk kiosk

    // The configured orientation's design size until the window manager (cage: the output) or
    // the window's owner gives it another; every layout follows the size the window really has.
    width: kiosk.portrait ? 1080 : 1920
    height: kiosk.portrait ? 1920 : 1080
    visible: true
    title: "党群服务中心自助终端"
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize

    // The name of the page on top ("home", "scan", ...), for tests and screenshots.
    readonly property string currentPage: window.attractShown ? "attract"
                                          : (stack.currentItem ? stack.currentItem.objectName : "")
    readonly property var pageNames: ["home", "scan", "videos", "quiz", "events", "report", "study", "attract"]
    // Staff signed in on the admin page: their own 2-minute timeout applies, not the members'.
    readonly property bool staffSignedIn: window.kiosk.admin !== null && window.kiosk.admin.loggedIn
    // Page transitions. Off: a tap opens its page at once (the Basic style's ~400 ms slide
    // made tap-to-page 450-600 ms, issue 23 asks for <= 100 ms at p90).
    property bool animated: false
    // The attract screen covers everything after the idle timeout; any touch leaves it.
    property bool attractShown: false

    // Portrait or landscape is the window's shape, not only the configuration: a panel mounted
    // the other way, or a window manager that hands out another size, still lays out.
    readonly property bool portrait: window.height > window.width
    // The pages are designed for 1080 px on the short side and 1920 px on the long one. The
    // stage below has at least that many logical pixels and is scaled to fill the window, so
    // every panel from 1280x720 to 3840x2160 shows the same layout, sharp and whole.
    readonly property real uiScale: window.portrait ? Math.min(window.width / 1080, window.height / 1920)
                                                    : Math.min(window.width / 1920, window.height / 1080)
    Binding {
        target: Theme
        property: "uiScale"
        value: window.uiScale
    }

    // 大字模式: every text size in Theme follows the kiosk's large-type state.
    Binding {
        target: Theme
        property: "textScale"
        value: window.kiosk.largeType ? 1.4 : 1.0
    }

    // The member's session (and their 大字模式) ends on its own after the idle timeout, or when
    // they tap 退出.
    function endSession() {
        window.kiosk.endVisit();
        window.goHome();
    }

    function goHome() {
        // Replacing the whole stack destroys every page the last member opened, so nothing of
        // theirs stays in memory or on screen.
        stack.clear(StackView.Immediate);
        stack.push(homeComponent, {}, StackView.Immediate);
    }

    function showPage(name) {
        window.attractShown = name === "attract";
        if (name === "home" || name === "attract") {
            goHome();
            return;
        }
        // One page above home at most: a member never has to press "back" twice.
        if (stack.depth > 1)
            stack.pop(null, StackView.Immediate);
        const page = window.pageComponents[name];
        if (page !== undefined) {
            stack.push(page, {}, window.animated ? StackView.PushTransition : StackView.Immediate);
            return;
        }
        const entry = window.placeholders[name];
        if (entry === undefined) {
            console.error("unknown page", name);
            return;
        }
        stack.push(placeholderComponent, {objectName: name, title: entry.title, glyph: entry.glyph},
                   window.animated ? StackView.PushTransition : StackView.Immediate);
    }

    // Pages that exist: name -> Component (each page's root has objectName == name and a
    // `back()` signal). A feature's page is added here, and leaves `placeholders`.
    readonly property var pageComponents: ({
        report: reportComponent,
        scan: scanComponent,
        videos: videosComponent,
        quiz: quizComponent,
        study: studyComponent,
        events: eventsComponent,
        admin: adminComponent
    })

    // Features not built yet: the page says so instead of pretending.
    readonly property var placeholders: ({})

    // A timed paper (考试) keeps its own clock: a minute spent reading one question is not
    // leaving, and the paper's time limit ends it if the member has walked away.
    readonly property bool examRunning: window.currentPage === "quiz" && window.kiosk.quiz !== null
        && window.kiosk.quiz.timed && window.kiosk.quiz.paperRunning

    // The last seconds of the idle timeout are a warning with a countdown and 继续 (issue 17):
    // nobody's visit ends without notice. At most 10 s, at most half the timeout; none for
    // timeouts under 2 s, which only tests use (the configuration allows 10 s at least).
    readonly property int idleWarningMs: window.kiosk.idleTimeoutMs < 2000
                                         ? 0 : Math.min(10000, Math.floor(window.kiosk.idleTimeoutMs / 2))
    // Nobody's visit to end: the attract screen comes without a warning.
    readonly property bool atRest: window.currentPage === "home" && !window.kiosk.session.active
                                   && !window.kiosk.largeType
    // A receipt is meant to be photographed: it stays three times as long (issue 17).
    readonly property bool receiptShown: window.kiosk.receipts !== null && window.kiosk.receipts.shown
    // The video player asks "还在观看吗？" itself before the timeout.
    readonly property bool videoPlaying: window.kiosk.videoPlayer !== null
        && window.kiosk.videoPlayer.status === VideoPlayerController.Playing

    IdleMonitor {
        id: idle
        timeout: (window.receiptShown ? 3 : 1) * window.kiosk.idleTimeoutMs - window.idleWarningMs
        enabled: (!window.attractShown && !window.examRunning) && !window.staffSignedIn
        // Nobody's visit, or a video that asks "还在观看吗？" itself: the last seconds count
        // down without the warning.
        onIdle: {
            if (window.idleWarningMs === 0)
                window.idleExpired();
            else
                idleWarning.start(window.atRest || window.videoPlaying);
        }
        // Counting quietly, any input keeps the visit going. While the warning shows, it stays
        // until tapped (it covers the window, so that tap never reaches the page below it; a
        // touch moves the pointer before it presses, so a move must not take the warning away);
        // a move or a key only starts its countdown again.
        onActivity: press => {
            if (idleWarning.quiet)
                idleWarning.cancel();
            else if (idleWarning.counting && !press)
                idleWarning.start(false);
        }
    }

    // The idle timeout ran out. On a page, or with a member signed in: back to an empty home
    // screen first. Left alone there for another timeout: the attract screen.
    function idleExpired() {
        const atRest = window.atRest;
        window.endSession();
        if (atRest)
            window.attractShown = true;
        else
            idle.poke();
    }
    // For the screen audit and screenshots: the warning as the idle timeout shows it.
    function showIdleWarning() {
        idleWarning.start(false);
    }

    Item {
        id: stage
        objectName: "stage"
        width: window.width / window.uiScale
        height: window.height / window.uiScale
        scale: window.uiScale
        transformOrigin: Item.TopLeft

        ColumnLayout {
            anchors.fill: parent
            spacing: 0
            // Under the attract screen nothing needs drawing (it may show for hours).
            visible: !window.attractShown

            KioskHeader {
                Layout.fillWidth: true
                centreName: window.kiosk.centreName
                dateText: window.kiosk.dateText
                timeText: window.kiosk.timeText
                onStaffRequested: window.showPage("admin")
            }

            // Who is signed in: the masked greeting and a clear way out.
            Rectangle {
                objectName: "sessionBanner"
                visible: window.kiosk.session.active
                Layout.fillWidth: true
                Layout.preferredHeight: 110
                color: Theme.goldLight
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    // Never cut (issue 17): a long greeting wraps to two lines and shrinks to fit.
                    Text {
                        objectName: "sessionGreeting"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        verticalAlignment: Text.AlignVCenter
                        text: window.kiosk.session.greeting + "，您好"
                              + (window.kiosk.session.flowing ? "（流动党员）" : "")
                        color: Theme.red
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.titleSize - 4
                        font.bold: true
                        wrapMode: Text.Wrap
                        fontSizeMode: Text.Fit
                        minimumPixelSize: 24
                    }
                    // This member's year of study at a glance (issue 22).
                    KioskButton {
                        objectName: "myStudyButton"
                        implicitWidth: 260
                        implicitHeight: 88
                        text: "我的学习"
                        primary: false
                        onClicked: window.showPage("study")
                    }
                    // The year at this centre as a signed receipt for the home branch (issue 12).
                    KioskButton {
                        objectName: "annualReceiptButton"
                        visible: window.kiosk.receipts !== null && window.kiosk.receipts.available
                        implicitWidth: 260
                        implicitHeight: 88
                        text: "年度回执"
                        primary: false
                        onClicked: window.kiosk.receipts.requestAnnual()
                    }
                    KioskButton {
                        objectName: "logoutButton"
                        implicitWidth: 220
                        implicitHeight: 88
                        text: "退出"
                        primary: false
                        onClicked: window.endSession()
                    }
                }
            }

            StackView {
                id: stack
                Layout.fillWidth: true
                Layout.fillHeight: true
                initialItem: homeComponent
            }

            // The page area gives way to the on-screen keyboard, so the field being typed in stays visible.
            Item {
                Layout.fillWidth: true
                Layout.preferredHeight: inputPanel.active ? Math.max(0, inputPanel.height - 56) : 0
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                color: Theme.surface
                // The kiosk's id is for staff (the staff screen shows it), not for members.
                Text {
                    anchors.centerIn: parent
                    text: (window.kiosk.demo ? "演示模式 · " : "") + "版本 " + window.kiosk.version
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                }
            }
        }

        Component {
            id: homeComponent
            HomePage {
                largeType: window.kiosk.largeType
                onOpenPage: name => window.showPage(name)
                onLargeTypeToggled: window.kiosk.largeType = !window.kiosk.largeType
            }
        }

        Component {
            id: scanComponent
            ScanPage {
                kiosk: window.kiosk
                onBack: window.goHome()
                onOpenReport: window.showPage("report")
            }
        }

        Component {
            id: adminComponent
            AdminPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        Component {
            id: eventsComponent
            EventsPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        Component {
            id: reportComponent
            ReportPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        // A signed attendance receipt over everything, whichever page asked for it (issue 12).
        ReceiptPanel {
            anchors.fill: parent
            z: 900
            receipts: window.kiosk.receipts
        }

        // The on-screen keyboard of every text field: our 拼音 layouts and input method (issue 4).
        // Its height follows from the style's design size; we choose that size so keys are at least
        // 88 px tall and candidates about 36 px, in either orientation.
        InputPanel {
            id: inputPanel
            objectName: "inputPanel"
            z: 1000
            width: stage.width
            y: inputPanel.active ? stage.height - inputPanel.height : stage.height
            visible: inputPanel.active
            readonly property real targetHeight: window.portrait ? 520 : 480
            Binding {
                target: inputPanel.keyboard.style
                when: inputPanel.keyboard.style !== null
                property: "keyboardDesignHeight"
                value: 640
            }
            Binding {
                target: inputPanel.keyboard.style
                when: inputPanel.keyboard.style !== null
                property: "keyboardDesignWidth"
                value: 640 * stage.width / inputPanel.targetHeight
            }
        }

        Component {
            id: quizComponent
            QuizPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        Component {
            id: studyComponent
            MyStudyPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        Component {
            id: videosComponent
            VideoLibraryPage {
                kiosk: window.kiosk
                onBack: window.goHome()
            }
        }

        Component {
            id: placeholderComponent
            PlaceholderPage {
                onBack: window.goHome()
            }
        }

        AttractScreen {
            anchors.fill: parent
            z: 2000
            visible: window.attractShown
            kiosk: window.kiosk
            onDismissed: window.attractShown = false
        }

        IdleWarning {
            id: idleWarning
            anchors.fill: parent
            z: 1500
            durationMs: window.idleWarningMs
            onExpired: window.idleExpired()
            onContinued: idle.poke()
        }
    }
}
