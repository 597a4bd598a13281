#pragma once
#include <QByteArray>
#include <QtGlobal>

// The on-screen keyboard is Qt Virtual Keyboard with our own zh_CN layouts and Pinyin input
// method (qml/keyboard, compiled into the Dangqun module). These variables are read when the
// QGuiApplication is created, so this runs before it (app/main.cpp and the QML tests).
namespace KioskKeyboard {

inline constexpr char LayoutPath[] = "qrc:/Dangqun/keyboard";

inline void prepareEnvironment()
{
    qputenv("QT_IM_MODULE", QByteArrayLiteral("qtvirtualkeyboard"));
    if (qEnvironmentVariableIsEmpty("QT_VIRTUALKEYBOARD_LAYOUT_PATH"))
        qputenv("QT_VIRTUALKEYBOARD_LAYOUT_PATH", QByteArray(LayoutPath));
    // Main.qml holds the InputPanel: no separate desktop keyboard window.
    qputenv("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", QByteArrayLiteral("1"));
}

} // namespace KioskKeyboard
