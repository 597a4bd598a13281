pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// A signed attendance receipt, large enough for a phone to photograph off the screen (issue 12):
// the QR (drawn in C++ by QrCodeItem) and, beside it, what it states with the name masked. Covers
// the page it is placed on; closing it clears the receipt.
Rectangle {
    id: panel
    objectName: "receiptPanel"
    required property ReceiptController receipts
    signal closed

    readonly property bool portrait: height >= width
    visible: panel.receipts.shown
    color: Theme.background

    // Swallow touches so nothing behind the receipt is pressed by accident.
    MouseArea { anchors.fill: parent }

    // Title on top, 关闭 always at the bottom (issue 17: in portrait it was pushed off screen);
    // the QR takes whatever room is left between them, the lines beside it or below it.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        Text {
            objectName: "receiptTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: panel.receipts.title
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: panel.portrait ? 1 : 2
            columnSpacing: Theme.margin
            rowSpacing: Theme.spacing

            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: panel.portrait ? -1 : panel.width * 0.5
                Layout.minimumHeight: 300
                QrCodeItem {
                    id: code
                    objectName: "receiptCode"
                    anchors.centerIn: parent
                    width: Math.min(parent.width, parent.height)
                    height: width
                    text: panel.receipts.text
                    visible: panel.receipts.text.length > 0
                }
                Text {
                    anchors.centerIn: parent
                    width: parent.width * 0.9
                    visible: !code.visible
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: panel.receipts.busy ? "正在生成回执…" : panel.receipts.error
                    color: panel.receipts.busy ? Theme.textMuted : Theme.warn
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.titleSize
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: panel.portrait ? -1 : panel.width * 0.38
                spacing: Theme.spacing / 2
                Repeater {
                    model: panel.receipts.lines
                    delegate: Text {
                        id: line
                        required property string modelData
                        required property int index
                        Layout.fillWidth: true
                        horizontalAlignment: panel.portrait ? Text.AlignHCenter : Text.AlignLeft
                        wrapMode: Text.WordWrap
                        text: line.modelData
                        color: line.index === 0 ? Theme.red : Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: line.index === 0 ? Theme.titleSize : Theme.bodySize + 4
                        font.bold: line.index === 0
                    }
                }
                Text {
                    Layout.fillWidth: true
                    visible: code.visible
                    horizontalAlignment: panel.portrait ? Text.AlignHCenter : Text.AlignLeft
                    wrapMode: Text.WordWrap
                    text: "请用手机拍下二维码，交给您所在的党组织核验"
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
            }
        }

        KioskButton {
            objectName: "receiptCloseButton"
            Layout.alignment: Qt.AlignHCenter
            text: "关闭"
            onClicked: {
                panel.receipts.clear();
                panel.closed();
            }
        }
    }
}
