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

    // Came with a member code (pre-filled from it), or by tapping 流动党员报到 without one.
    readonly property bool fromCode: (page.prefill.memberId ?? "").length > 0
    // The code's issuer is not trusted here: its name and organisation are the member's word.
    readonly property bool unverified: page.prefill.unverified === true

    Component.onCompleted: {
        // Whoever opens the form is the person at the screen now (issue 17): the previous
        // member's session ends before anything of theirs could show above the form.
        if (page.kiosk.session.active)
            page.kiosk.session.handOver();
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
            // The keyboard closes over the result (issue 17).
            page.inputMethod.hide();
            page.forceActiveFocus();
            page.restartCountdown();
        }
    }
    readonly property int resultSeconds: Math.max(8, Math.round(page.kiosk.resultScreenMs / 1000))
    property int secondsLeft: 0
    function restartCountdown() {
        page.secondsLeft = page.resultSeconds;
        doneTimer.restart();
    }
    // A receipt on screen holds the countdown (it has its own, longer, idle timeout).
    Connections {
        target: page.kiosk.receipts
        function onChanged() {
            if (page.kiosk.receipts.shown)
                doneTimer.stop();
            else if (page.showingResult)
                page.restartCountdown();
        }
    }
    Timer {
        id: doneTimer
        interval: 1000
        repeat: true
        onTriggered: {
            page.secondsLeft = Math.max(0, page.secondsLeft - 1);
            if (page.secondsLeft === 0) {
                doneTimer.stop();
                page.back();
            }
        }
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
                objectName: "reportTitle"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: "流动党员报到"
                color: Theme.red
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headlineSize
                font.bold: true
            }
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                // Scanning next time works only for those who have a code this centre knows.
                text: "组织关系在外地的党员，欢迎参加本中心的开放式组织生活。首次来请填写以下信息，"
                      + (page.fromCode && !page.unverified ? "下次扫码即可签到。" : "下次可用手机号签到。")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }

            // A code this centre cannot verify (issue 17): what it states is offered, and said
            // to be unchecked, so neither the member nor the staff take it for verified.
            Rectangle {
                objectName: "unverifiedNotice"
                visible: page.unverified
                Layout.fillWidth: true
                implicitHeight: unverifiedText.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.goldLight
                border.color: Theme.gold
                border.width: 2
                Text {
                    id: unverifiedText
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    wrapMode: Text.Wrap
                    text: "姓名和党组织读自您的党员码，未经本中心核验，请核对后提交"
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                }
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
                    objectName: "reportHomeButton"
                    text: "返回首页"
                    primary: false
                    onClicked: page.back()
                }
            }
            Item { implicitHeight: Theme.margin }
        }
    }

    // --- result: the same full-screen colours as a scan (issue 17) ----------------------------
    CheckinResultScreen {
        objectName: "reportResult"
        visible: page.showingResult
        anchors.fill: parent
        kiosk: page.kiosk
        outcome: page.result.reported === true ? CheckinController.CheckedIn : CheckinController.Failed
        result: page.result.reported === true
                ? Object.assign({}, page.result, {
                      message: "参加情况将报送您的组织关系所在党组织"
                               + (page.fromCode && !page.unverified ? "，下次扫码即可签到" : "，下次可用手机号签到")
                  })
                : page.result
        secondsLeft: page.secondsLeft
        onActivity: if (doneTimer.running) page.restartCountdown()
        onContinueVisit: page.back()
        onOpenReport: page.kiosk.report.begin(page.prefill)
        onManual: page.back()
        onRescan: page.back()
    }
}
