pragma ComponentBehavior: Bound

import QtQuick

// The symbol of a check-in result on its full-screen colour (issue 17): a white disc with a
// tick (签到成功), an exclamation mark (今天已签到), a cross (refused) or a question mark (not
// verifiable here) in the screen's colour, so the outcome differs by shape as well as colour.
// Drawn with rectangles and plain glyphs, so it never depends on a symbol font.
Item {
    id: badge
    enum Symbol { Tick, Exclamation, Cross, Question }
    property int symbol: ResultBadge.Tick
    property color tint: Theme.ok

    Rectangle {
        id: disc
        anchors.centerIn: parent
        width: Math.min(badge.width, badge.height)
        height: width
        radius: width / 2
        color: "white"

        Item {
            visible: badge.symbol === ResultBadge.Tick
            anchors.centerIn: parent
            width: parent.width * 0.5
            height: parent.height * 0.5
            Rectangle {
                x: parent.width * 0.05
                y: parent.height * 0.52
                width: parent.width * 0.42
                height: parent.height * 0.16
                radius: height / 2
                color: badge.tint
                rotation: 45
                transformOrigin: Item.Left
            }
            Rectangle {
                x: parent.width * 0.30
                y: parent.height * 0.80
                width: parent.width * 0.85
                height: parent.height * 0.16
                radius: height / 2
                color: badge.tint
                rotation: -50
                transformOrigin: Item.Left
            }
        }
        Repeater {
            model: badge.symbol === ResultBadge.Cross ? [45, -45] : []
            delegate: Rectangle {
                id: stroke
                required property int modelData
                anchors.centerIn: parent
                width: disc.width * 0.55
                height: disc.height * 0.12
                radius: height / 2
                color: badge.tint
                rotation: stroke.modelData
            }
        }
        Text {
            visible: badge.symbol === ResultBadge.Exclamation || badge.symbol === ResultBadge.Question
            anchors.centerIn: parent
            text: badge.symbol === ResultBadge.Question ? "?" : "!"
            color: badge.tint
            font.family: Theme.fontFamily
            font.pixelSize: Math.max(1, disc.height * 0.62)
            font.bold: true
        }
    }
}
