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
    readonly property color ok: "#1E7B34"
    readonly property color warn: "#B35C00"

    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int bodySize: 30
    readonly property int smallSize: 28
    readonly property int titleSize: 44
    readonly property int headlineSize: 64
    readonly property int touchTarget: 96
    readonly property int spacing: 24
    readonly property int margin: 40
    readonly property int radius: 18
}
