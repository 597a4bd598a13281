import QtQuick

// A large round status badge: a tick for success, an exclamation mark otherwise. Drawn with
// rectangles rather than a symbol font so it never depends on which glyphs a font has.
Rectangle {
    id: badge
    property bool success: true
    implicitWidth: 220
    implicitHeight: 220
    radius: width / 2
    color: badge.success ? Theme.ok : Theme.warn

    Item {
        visible: badge.success
        anchors.centerIn: parent
        width: parent.width * 0.5
        height: parent.height * 0.5
        Rectangle {
            x: parent.width * 0.05
            y: parent.height * 0.52
            width: parent.width * 0.42
            height: parent.height * 0.14
            radius: height / 2
            color: "white"
            rotation: 45
            transformOrigin: Item.Left
        }
        Rectangle {
            x: parent.width * 0.30
            y: parent.height * 0.80
            width: parent.width * 0.85
            height: parent.height * 0.14
            radius: height / 2
            color: "white"
            rotation: -50
            transformOrigin: Item.Left
        }
    }
    Text {
        visible: !badge.success
        anchors.centerIn: parent
        text: "!"
        color: "white"
        font.family: Theme.fontFamily
        font.pixelSize: parent.height * 0.6
        font.bold: true
    }
}
