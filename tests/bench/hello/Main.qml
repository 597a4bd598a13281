import QtQuick

// The anchor for cold start (design.md §8): the smallest Qt Quick window a Qt user writes,
// showing one Chinese text in the kiosk's font.
Window {
    width: 1080
    height: 1920
    visible: true
    title: "hello"

    Text {
        anchors.centerIn: parent
        text: "党群服务中心"
        font.family: "Noto Sans CJK SC"
        font.pixelSize: 48
    }
}
