#pragma once
#include <QPointF>
#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QTest>
#include <QtQuickTest/quicktest.h>

#include "itemfinder.h"

// Taps a control the way a finger does: a press and release on the window at the control's
// centre, never a call into a controller. Refused (an error text, nothing sent) when the control
// is not visible, not enabled, not wholly inside the window, or covered at its centre by an item
// that is neither the control nor one of its children: a member could not tap it either.
namespace WindowTap {

// The deepest visible item under `scenePos`, topmost first (the order the scene graph paints).
inline QQuickItem *topmostAt(QQuickItem *root, const QPointF &scenePos)
{
    const auto children = root->childItems();
    for (auto it = children.crbegin(); it != children.crend(); ++it) {
        QQuickItem *child = *it;
        if (!child->isVisible() || child->opacity() <= 0.01)
            continue;
        const QPointF local = child->mapFromScene(scenePos);
        const bool inside = child->contains(local);
        if (!inside && child->clip())
            continue;
        // Children may lie outside their parent's rectangle unless it clips.
        if (QQuickItem *deeper = topmostAt(child, scenePos))
            return deeper;
        if (inside)
            return child;
    }
    return nullptr;
}

inline bool isSelfOrDescendant(const QQuickItem *item, const QQuickItem *of)
{
    for (const QQuickItem *p = item; p; p = p->parentItem())
        if (p == of)
            return true;
    return false;
}

// Empty when the control can be tapped; else why not, naming the control.
inline QString whyNotTappable(QQuickWindow *window, QQuickItem *control)
{
    if (!control)
        return QStringLiteral("no such control");
    const QString name = control->objectName();
    for (QQuickItem *p = control; p; p = p->parentItem())
        if (!p->isVisible() || p->opacity() <= 0.01)
            return QStringLiteral("%1 is not visible").arg(name);
    if (!control->isEnabled())
        return QStringLiteral("%1 is disabled").arg(name);
    const QRectF r = control->mapRectToScene(QRectF(0, 0, control->width(), control->height()));
    const QRectF bounds(0, 0, window->width(), window->height());
    if (!bounds.adjusted(-0.5, -0.5, 0.5, 0.5).contains(r))
        return QStringLiteral("%1 (%2,%3 %4x%5) is not wholly inside the %6x%7 window")
            .arg(name)
            .arg(r.x())
            .arg(r.y())
            .arg(r.width())
            .arg(r.height())
            .arg(window->width())
            .arg(window->height());
    QQuickItem *top = topmostAt(window->contentItem(), r.center());
    if (top && !isSelfOrDescendant(top, control)) {
        // Name the cover by its nearest named ancestor too: most covering items have no name.
        QString within;
        for (QQuickItem *p = top->parentItem(); p && within.isEmpty(); p = p->parentItem())
            within = p->objectName();
        return QStringLiteral("%1 is covered at its centre by %2 (%3) in %4")
            .arg(name, top->objectName(), QString::fromLatin1(top->metaObject()->className()), within);
    }
    return {};
}

// Taps `control` at its centre; returns the reason when it cannot be tapped (nothing sent).
inline QString tap(QQuickWindow *window, QQuickItem *control)
{
    // A finger taps what is drawn: the layout after the last change, not the one before it.
    // Waiting runs the event loop, which may destroy the control (a page replaced): held by a
    // QPointer, never used after that.
    const QPointer<QQuickItem> guard(control);
    if (!QQuickTest::qWaitForPolish(window))
        return QStringLiteral("the window's layout did not settle");
    if (!guard)
        return QStringLiteral("the control went away while the layout settled");
    const QString why = whyNotTappable(window, control);
    if (!why.isEmpty())
        return why;
    const QPointF centre = control->mapToScene(QPointF(control->width() / 2, control->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
    return {};
}

inline QString tap(QQuickWindow *window, const QString &objectName)
{
    // Looked up after the layout settled: the item of that name then is the one on screen.
    if (!QQuickTest::qWaitForPolish(window))
        return QStringLiteral("the window's layout did not settle");
    QQuickItem *control = findItem(window, objectName);
    if (!control)
        return QStringLiteral("%1: no visible item of that name").arg(objectName);
    return tap(window, control);
}

inline QString tap(QQuickWindow *window, const char *objectName)
{
    return tap(window, QString::fromLatin1(objectName));
}

} // namespace WindowTap

// In a test: QVERIFY_TAP(window, "confirmButton") fails with the reason when the tap is refused.
#define QVERIFY_TAP(window, control)                                                             \
    do {                                                                                         \
        const QString why_ = WindowTap::tap((window), (control));                                \
        QVERIFY2(why_.isEmpty(), qPrintable(why_));                                              \
    } while (false)
