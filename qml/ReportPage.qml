pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Dangqun

// 流动党员报到 (issue 4): a member whose membership is elsewhere registers here once, typing
// on the 拼音 keyboard; pre-filled from their code when they scanned one. Submitting checks
// them in and reports the visit to their home organisation.
Item {
    id: page
    objectName: "report"
    required property Kiosk kiosk
    signal back

    readonly property var errors: page.kiosk.report.errors
    readonly property var result: page.kiosk.report.result
    readonly property var prefill: page.kiosk.report.prefill
    readonly property var organisations: page.kiosk.report.organisations
    readonly property var inputMethod: Qt.inputMethod
    readonly property bool showingResult: page.result.outcome !== undefined
    property bool consent: false
    property bool choosingOrganisation: false

    Component.onCompleted: {
        page.kiosk.report.begin(page.kiosk.checkin.takeReportPrefill());
        nameField.text = page.prefill.name ?? "";
        orgField.text = page.prefill.organisation ?? "";
    }

    function submit() {
        page.choosingOrganisation = false;
        page.kiosk.report.submit({
            name: nameField.text,
            phone: phoneField.text,
            organisation: orgField.text,
            certificate: certificateField.text,
            currentPlace: placeField.text,
            consent: page.consent
        });
    }

    // Keep the field being typed in above the keyboard.
    function reveal(item: Item) {
        const y = item.mapToItem(form, 0, 0).y;
        flick.contentY = Math.max(0, Math.min(y - Theme.spacing, flick.contentHeight - flick.height));
    }

    Connections {
        target: page.kiosk.report
        function onFinished(r: var) {
            if (r.reported === true)
                doneTimer.restart();
        }
    }
    Timer {
        id: doneTimer
        interval: page.kiosk.resultScreenMs
        onTriggered: page.back()
    }

    Flickable {
        id: flick
        visible: !page.showingResult
        anchors.fill: parent
        anchors.margins: Theme.margin
        contentHeight: form.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: form
            width: flick.width
            spacing: Theme.spacing

            Text {
                Layout.fillWidth: true
                text: "流动党员报到"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: "组织关系在外地的党员，欢迎参加本中心的开放式组织生活。首次来请填写以下信息，下次扫码即可签到。"
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }

            ReportField {
                id: nameField
                Layout.fillWidth: true
                name: "name"
                label: "姓名"
                placeholder: "点此输入，可用拼音"
                maximumLength: 20
                error: page.errors.name ?? ""
                onEditingChanged: if (nameField.editing) page.reveal(nameField)
            }
            ReportField {
                id: phoneField
                Layout.fillWidth: true
                name: "phone"
                label: "手机号码"
                placeholder: "11 位手机号"
                hints: Qt.ImhDigitsOnly
                maximumLength: 11
                error: page.errors.phone ?? ""
                onEditingChanged: if (phoneField.editing) page.reveal(phoneField)
            }
            ReportField {
                id: orgField
                Layout.fillWidth: true
                name: "organisation"
                label: "组织关系所在党组织"
                placeholder: "输入名称或拼音首字母，如 xfsq"
                error: page.errors.organisation ?? ""
                onEditingChanged: {
                    if (orgField.editing) {
                        page.choosingOrganisation = true;
                        page.kiosk.report.searchOrganisations(orgField.text + orgField.preedit);
                        page.reveal(orgField);
                    }
                }
                onEdited: text => page.kiosk.report.searchOrganisations(text)
            }
            // Matches from the distributed list: tap one to take it.
            Flow {
                objectName: "organisationList"
                Layout.fillWidth: true
                visible: page.choosingOrganisation && page.organisations.length > 0
                spacing: 12
                Repeater {
                    model: page.organisations.slice(0, 6)
                    delegate: Rectangle {
                        id: choice
                        required property string modelData
                        required property int index
                        objectName: "organisationChoice" + choice.index
                        width: Math.min(form.width, choiceLabel.implicitWidth + 48)
                        height: 88
                        radius: Theme.radius
                        color: Theme.goldLight
                        border.color: Theme.gold
                        border.width: 2
                        Text {
                            id: choiceLabel
                            anchors.centerIn: parent
                            width: Math.min(implicitWidth, form.width - 48)
                            elide: Text.ElideRight
                            text: choice.modelData
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                        }
                        MouseArea {
                            anchors.fill: parent
                            onClicked: {
                                page.inputMethod.reset(); // drop the pinyin used for searching
                                orgField.text = choice.modelData;
                                page.choosingOrganisation = false;
                            }
                        }
                    }
                }
            }
            ReportField {
                id: certificateField
                Layout.fillWidth: true
                name: "certificate"
                label: "流动党员活动证编号"
                optional: true
                maximumLength: 40
                error: page.errors.certificate ?? ""
                onEditingChanged: if (certificateField.editing) page.reveal(certificateField)
            }
            ReportField {
                id: placeField
                Layout.fillWidth: true
                name: "currentPlace"
                label: "现工作单位或居住地"
                optional: true
                error: page.errors.currentPlace ?? ""
                onEditingChanged: if (placeField.editing) page.reveal(placeField)
            }

            // Consent: what is kept, and why.
            Rectangle {
                objectName: "consentBox"
                Layout.fillWidth: true
                implicitHeight: consentRow.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: (page.errors.consent ?? "").length > 0 ? Theme.warn : Theme.border
                border.width: 2
                RowLayout {
                    id: consentRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing
                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        implicitWidth: 64
                        implicitHeight: 64
                        radius: 8
                        color: page.consent ? Theme.red : "white"
                        border.color: Theme.red
                        border.width: 3
                        Text {
                            anchors.centerIn: parent
                            visible: page.consent
                            text: "✓"
                            color: "white"
                            font.pixelSize: 44
                            font.bold: true
                        }
                    }
                    Text {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: "我同意：" + page.kiosk.report.consentText
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.smallSize
                        lineHeight: 1.2
                    }
                }
                MouseArea {
                    objectName: "consentArea"
                    anchors.fill: parent
                    onClicked: page.consent = !page.consent
                }
            }
            Text {
                objectName: "consentError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: page.errors.consent ?? ""
                color: Theme.warn
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
            }

            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.spacing
                KioskButton {
                    objectName: "submitButton"
                    text: page.kiosk.report.busy ? "正在提交…" : "提交报到"
                    onClicked: page.submit()
                }
                KioskButton {
                    text: "返回首页"
                    primary: false
                    onClicked: page.back()
                }
            }
            Item { implicitHeight: Theme.margin }
        }
    }

    // --- result -------------------------------------------------------------------------------
    ColumnLayout {
        objectName: "reportResult"
        visible: page.showingResult
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 960)
        spacing: Theme.spacing

        CheckMark {
            Layout.alignment: Qt.AlignHCenter
            success: page.result.reported === true
        }
        Text {
            objectName: "reportResultTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: page.result.title ?? ""
            color: page.result.reported === true ? Theme.ok : Theme.warn
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headlineSize
            font.bold: true
        }
        Text {
            Layout.fillWidth: true
            visible: text.length > 0
            horizontalAlignment: Text.AlignHCenter
            text: page.result.greeting ?? ""
            color: Theme.red
            font.family: Theme.fontFamily
            font.pixelSize: Theme.scaled(88)
            font.bold: true
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.result.reported === true
                  ? "已为您签到（" + page.result.timeText + "），参加情况将报送您的组织关系所在党组织"
                  : (page.result.message ?? "")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize + 6
            lineHeight: 1.3
        }
        KioskButton {
            Layout.alignment: Qt.AlignHCenter
            text: "完成"
            onClicked: page.back()
        }
    }
}
