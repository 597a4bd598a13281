pragma Singleton
import QtQuick

// Colours, type and sizes for the whole kiosk: party red and gold on white, large type for
// older members (body >= 28 px at 1080 px width), touch targets >= 88 px.
QtObject {
    readonly property color red: "#C8102E"
    readonly property color redDark: "#A00C24"
    readonly property color gold: "#E0B04A"
    readonly property color goldLight: "#FFF6DF"
    readonly property color background: "#FFFFFF"
    readonly property color surface: "#FBF6EE"
    readonly property color border: "#E8DCC8"
    readonly property color text: "#1F1F1F"
    readonly property color textMuted: "#555555"
    readonly property color textOnRed: "#FFFFFF"
    // Party red on gold is only 2.9:1; seal glyphs on gold use this deep red (5.5:1).
    readonly property color textOnGold: "#7A0A1C"
    readonly property color ok: "#1E7B34"
    readonly property color warn: "#9A4F00"
    // Full-screen result colours, readable from 3 m (issue 17): green ok, amber "already today",
    // red refused (Theme.red), and a calm blue for "not verifiable here, but here is what to do".
    readonly property color amber: "#B45309"
    readonly property color info: "#1F4E79"

    // Every text colour on every background it is drawn on (foreground, background). tst_theme
    // computes the WCAG contrast of each and requires 4.5:1 (AA); a new combination goes here.
    readonly property var textPairs: [
        ["text", "background"], ["text", "surface"], ["text", "goldLight"], ["text", "gold"],
        ["textMuted", "background"], ["textMuted", "surface"], ["textMuted", "goldLight"],
        ["textOnRed", "red"], ["textOnRed", "redDark"], ["textOnRed", "ok"], ["textOnRed", "warn"],
        ["textOnRed", "amber"], ["textOnRed", "info"],
        ["goldLight", "red"], ["goldLight", "redDark"],
        ["red", "background"], ["red", "surface"], ["red", "goldLight"],
        ["textOnGold", "gold"],
        ["ok", "background"], ["ok", "surface"], ["ok", "goldLight"],
        ["warn", "background"], ["warn", "surface"], ["warn", "goldLight"]
    ]

    // 大字模式 (Kiosk.largeType): Main.qml binds this to 1.4 for the rest of a member's visit.
    // Every text size of the kiosk is a multiple of it (sizes below, or scaled() for the rest).
    property real textScale: 1.0
    // How many window pixels one design pixel is (Main.qml: the window's size over the 1080x1920
    // design). Sizes here are design pixels; the stage in Main.qml scales them all at once, so
    // this is only for code that must know real pixels (a QR module, a screenshot).
    property real uiScale: 1.0
    function scaled(px: real): int {
        return Math.round(px * textScale);
    }

    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int bodySize: scaled(30)
    readonly property int smallSize: scaled(28)
    readonly property int titleSize: scaled(44)
    readonly property int headlineSize: scaled(64)
    readonly property int touchTarget: 96
    readonly property int spacing: 24
    readonly property int margin: 40
    readonly property int radius: 18
}
