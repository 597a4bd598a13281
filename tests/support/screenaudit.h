#pragma once
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSize>
#include <QStringList>
#include <QtMath>

#include "windowtap.h"

// What a member at a panel of a given size can see and tap (issue 17), checked on the live item
// tree of the window:
// - every visible named control (an item that is a MouseArea or a Controls button, or has a
//   MouseArea child covering it: KioskButton, HomeTile, a keypad key) lies wholly inside the
//   window, is not covered at its centre by another item (WindowTap::whyNotTappable) and is at
//   least 15 mm tall and wide on the panel;
// - no visible text is elided or cut by maximumLineCount (Text.truncated), none lies outside
//   the window, none has Latin letters (numbers are fine; the on-screen keyboard and the hints
//   inside text fields are not member-facing text of ours).
// Controls and texts inside a Flickable and scrolled out of its view are reachable by scrolling
// and are skipped; a control cut by any other clip is not.
namespace ScreenAudit {

struct Panel
{
    QSize size;
    // Assumed physical diagonal. 1080p-class panels: 21.5" (issue 17). The others are the
    // smallest common kiosk panel of that resolution, so the 15 mm check is the strictest one
    // that still describes real hardware: 1280x720, 1280x800 and 1366x768 at 15.6", 3840x2160
    // at 27".
    double diagonalInches;

    double mmPerPixel() const
    {
        return diagonalInches * 25.4 / qSqrt(double(size.width()) * size.width() + double(size.height()) * size.height());
    }
    QString name() const { return QStringLiteral("%1x%2").arg(size.width()).arg(size.height()); }
};

inline double diagonalFor(QSize size)
{
    const int longSide = qMax(size.width(), size.height());
    if (longSide >= 3840)
        return 27.0;
    if (longSide >= 1920)
        return 21.5;
    return 15.6;
}

inline bool isControl(QQuickItem *item)
{
    if (item->objectName().isEmpty())
        return false;
    if (item->inherits("QQuickMouseArea") || item->inherits("QQuickAbstractButton"))
        return item->isEnabled();
    for (QQuickItem *child : item->childItems()) {
        if (child->inherits("QQuickMouseArea") && child->isVisible() && child->isEnabled()
            && child->width() >= item->width() * 0.9 && child->height() >= item->height() * 0.9)
            return true;
    }
    return false;
}

// Not member-facing text of ours: the on-screen keyboard, the insides of a text field.
inline bool isForeign(QQuickItem *item)
{
    return item->objectName() == QLatin1String("inputPanel") || item->inherits("QQuickTextInput")
        || item->inherits("QQuickTextField") || item->inherits("QQuickTextArea");
}

// A control under a layer that covers the whole window (the receipt, the idle warning, the
// attract screen) is hidden by design, not covered by a layout that does not fit.
inline bool behindOverlay(QQuickWindow *window, QQuickItem *control)
{
    const QRectF r = control->mapRectToScene(QRectF(0, 0, control->width(), control->height()));
    QQuickItem *top = WindowTap::topmostAt(window->contentItem(), r.center());
    if (!top || WindowTap::isSelfOrDescendant(top, control))
        return false;
    const QRectF whole(0, 0, window->width(), window->height());
    for (QQuickItem *layer = top; layer; layer = layer->parentItem()) {
        if (WindowTap::isSelfOrDescendant(control, layer))
            return false; // a common ancestor: the page itself, not a layer over it
        const QRectF covers = layer->mapRectToScene(QRectF(0, 0, layer->width(), layer->height()));
        if (covers.adjusted(-1, -1, 1, 1).contains(whole))
            return true;
    }
    return false;
}

struct Walk
{
    QQuickWindow *window;
    Panel panel;
    QString context;
    QStringList *out;
    // The page area (the StackView) once the walk is inside a page: a page's texts and controls
    // stay inside it, not drawn over the header, the member's banner or the footer.
    QRectF pageArea = QRectF();
};

inline void visitScrolled(const Walk &w, QQuickItem *item, const QRectF &view);

inline void visit(const Walk &w, QQuickItem *item, bool scrolledOut)
{
    if (!item->isVisible() || item->opacity() <= 0.01 || isForeign(item))
        return;
    const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    const QString name = item->objectName().isEmpty() ? QString::fromLatin1(item->metaObject()->className())
                                                      : item->objectName();
    if (!scrolledOut && item->inherits("QQuickText") && !behindOverlay(w.window, item)) {
        const QString text = item->property("text").toString();
        const QString shown = text.left(24);
        if (item->property("truncated").toBool())
            *w.out << QStringLiteral("%1: text \"%2\" is cut off (elided)").arg(w.context, shown);
        // The painted text, not the item: a wide unwrapped line spills out of a narrow item.
        const QRectF painted = item->mapRectToScene(
            QRectF(0, 0, qMax(item->width(), item->property("contentWidth").toReal()),
                   qMax<qreal>(1, qMin(item->height(), item->property("contentHeight").toReal()))));
        if (!text.isEmpty() && !QRectF(0, 0, w.window->width(), w.window->height()).adjusted(-1, -1, 1, 1).contains(painted))
            *w.out << QStringLiteral("%1: text \"%2\" (%3,%4 %5x%6) is not wholly inside the window")
                          .arg(w.context, shown)
                          .arg(painted.x())
                          .arg(painted.y())
                          .arg(painted.width())
                          .arg(painted.height());
        if (!text.isEmpty() && !w.pageArea.isNull() && !w.pageArea.adjusted(-1, -1, 1, 1).contains(painted))
            *w.out << QStringLiteral("%1: text \"%2\" (%3,%4 %5x%6) is drawn outside its page (%7,%8 %9x%10)")
                          .arg(w.context, shown)
                          .arg(painted.x())
                          .arg(painted.y())
                          .arg(painted.width())
                          .arg(painted.height())
                          .arg(w.pageArea.x())
                          .arg(w.pageArea.y())
                          .arg(w.pageArea.width())
                          .arg(w.pageArea.height());
        static const QRegularExpression latin(QStringLiteral("[A-Za-z]"));
        if (text.contains(latin))
            *w.out << QStringLiteral("%1: text \"%2\" has Latin letters").arg(w.context, shown);
    }
    if (!scrolledOut && isControl(item) && !behindOverlay(w.window, item)) {
        const QString why = WindowTap::whyNotTappable(w.window, item);
        if (!why.isEmpty())
            *w.out << QStringLiteral("%1: %2").arg(w.context, why);
        const double mmW = r.width() * w.panel.mmPerPixel();
        const double mmH = r.height() * w.panel.mmPerPixel();
        if (!w.pageArea.isNull() && !w.pageArea.adjusted(-1, -1, 1, 1).contains(r))
            *w.out << QStringLiteral("%1: %2 (%3,%4 %5x%6) is outside its page").arg(w.context, name)
                          .arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        if (mmW < 15.0 || mmH < 15.0)
            *w.out << QStringLiteral("%1: %2 is %3 x %4 mm (%5x%6 px), smaller than 15 mm")
                          .arg(w.context, name)
                          .arg(mmW, 0, 'f', 1)
                          .arg(mmH, 0, 'f', 1)
                          .arg(r.width())
                          .arg(r.height());
    }
    if (item->inherits("QQuickFlickable")) {
        // Children wholly outside the view are scrolled away; those partly inside count.
        for (QQuickItem *child : item->childItems()) { // the contentItem
            for (QQuickItem *content : child->childItems())
                visitScrolled(w, content, r);
        }
        return;
    }
    if (item->inherits("QQuickStackView")) {
        Walk inPage = w;
        inPage.pageArea = r;
        for (QQuickItem *child : item->childItems())
            visit(inPage, child, scrolledOut);
        return;
    }
    for (QQuickItem *child : item->childItems())
        visit(w, child, scrolledOut);
}

// Inside a Flickable whose view is `view` (scene coordinates): an item outside the view is
// reachable by scrolling; its own tree is visited as "scrolled out".
inline void visitScrolled(const Walk &w, QQuickItem *item, const QRectF &view)
{
    if (!item->isVisible())
        return;
    const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    if (view.adjusted(-1, -1, 1, 1).contains(r)) {
        visit(w, item, false);
        return;
    }
    // Partly in view: its parts are judged one by one.
    if (r.intersects(view)) {
        for (QQuickItem *child : item->childItems())
            visitScrolled(w, child, view);
        return;
    }
}

inline QStringList problems(QQuickWindow *window, const Panel &panel, const QString &context)
{
    QStringList out;
    visit({window, panel, context, &out}, window->contentItem(), false);
    out.removeDuplicates();
    return out;
}

} // namespace ScreenAudit
