import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One field of the 报到 form: a label, a large text field (typed on the on-screen keyboard)
// and the message that says what is wrong with it.
ColumnLayout {
    id: field
    required property string name          // form key; the text field is "<name>Field"
    required property string label
    property string placeholder: ""
    property string error: ""
    property bool optional: false
    property int hints: Qt.ImhNone
    property int maximumLength: 60
    property alias text: input.text
    // The pinyin still being composed (underlined): lists can search by it before a commit.
    readonly property string preedit: input.preeditText
    readonly property bool editing: input.activeFocus
    signal edited(string text)

    spacing: 8

    Text {
        text: field.label + (field.optional ? "（选填）" : "")
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    TextField {
        id: input
        objectName: field.name + "Field"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        placeholderText: field.placeholder
        inputMethodHints: field.hints
        maximumLength: field.maximumLength
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize + 6
        leftPadding: 20
        color: Theme.text
        placeholderTextColor: Theme.textMuted
        background: Rectangle {
            radius: Theme.radius
            color: "white"
            border.width: input.activeFocus ? 4 : 2
            border.color: field.error.length > 0 ? Theme.warn : (input.activeFocus ? Theme.gold : Theme.border)
        }
        onTextEdited: field.edited(input.text)
        onPreeditTextChanged: field.edited(input.text + input.preeditText)
    }
    Text {
        objectName: field.name + "Error"
        Layout.fillWidth: true
        visible: field.error.length > 0
        text: field.error
        wrapMode: Text.WordWrap
        color: Theme.warn
        font.family: Theme.fontFamily
        font.pixelSize: Theme.smallSize
    }

    function focusInput() {
        input.forceActiveFocus();
    }
}
