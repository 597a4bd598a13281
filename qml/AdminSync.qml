import QtQuick
import QtQuick.Layouts
import Dangqun

// 同步 and 内容问题: the share as SyncMonitor reports it, and "sync now".
ColumnLayout {
    id: syncView
    required property AdminController admin
    required property SyncMonitor sync
    property bool contentOnly: false
    spacing: Theme.spacing

    component Line: Text {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }

    Line {
        visible: !syncView.contentOnly
        objectName: "syncState"
        text: "共享文件夹：" + (syncView.sync.online ? "已连接" : "未连接") + (syncView.sync.running ? "（正在同步）" : "")
    }
    Line {
        visible: !syncView.contentOnly
        text: "待上传记录：" + syncView.sync.queueLength + " 条"
    }
    Line {
        visible: !syncView.contentOnly
        text: "上次成功同步：" + syncView.sync.lastSuccessText
    }
    Line {
        visible: !syncView.contentOnly
        text: "最近错误：" + (syncView.sync.lastError.length > 0 ? syncView.sync.lastError : "无")
        color: syncView.sync.lastError.length > 0 ? Theme.warn : Theme.text
    }
    Line {
        text: "正在使用的下发内容：" + syncView.sync.contentVersionText
    }
    // Problems the kiosk's own loaders found in the content in service (set by the page).
    property list<string> videoProblems
    property list<string> bankProblems
    property list<string> rosterProblems
    readonly property int loaderProblemCount: videoProblems.length + bankProblems.length + rosterProblems.length

    Line {
        objectName: syncView.contentOnly ? "contentProblems" : "syncContentState"
        text: syncView.sync.contentError.length > 0 ? "被拒收的下发内容：" + syncView.sync.contentError
                                                    : syncView.loaderProblemCount > 0
                                                      ? "正在使用的内容中有 " + syncView.loaderProblemCount + " 处问题："
                                                      : "下发内容（花名册、活动、题库、视频）没有发现问题"
        color: syncView.sync.contentError.length > 0 || syncView.loaderProblemCount > 0 ? Theme.warn : Theme.ok
    }
    Repeater {
        model: syncView.contentOnly ? syncView.videoProblems : []
        delegate: Line {
            required property string modelData
            text: "视频：" + modelData
            color: Theme.warn
        }
    }
    Repeater {
        model: syncView.contentOnly ? syncView.bankProblems : []
        delegate: Line {
            required property string modelData
            text: "题库：" + modelData
            color: Theme.warn
        }
    }
    Repeater {
        model: syncView.contentOnly ? syncView.rosterProblems : []
        delegate: Line {
            objectName: "rosterProblem"
            required property string modelData
            text: "名单：" + modelData
            color: Theme.warn
        }
    }
    KioskButton {
        visible: !syncView.contentOnly
        objectName: "syncNow"
        text: "立即同步"
        onClicked: syncView.admin.syncNow()
    }
}
