#pragma once
#include <QQuickItem>
#include <QQuickWindow>
#include <QStringList>

// Geometry checks for page tests: every named item (objectName set) that is visible must lie
// inside the window and must not partly overlap another named item that is neither its ancestor
// nor its descendant. An item lying wholly on another (a message over the camera preview) is an
// overlay by design; what a layout that does not fit produces is items pushed partly over
// each other or out of the window. Items inside a clipping ancestor (a scrolled list, a clipped card) count only with
// the part that shows; an item scrolled entirely out of view is not on screen and is skipped.
namespace LayoutCheck {

struct Named
{
    QQuickItem *item;
    QRectF rect; // visible part, in window coordinates
};

inline void collect(QQuickItem *item, const QRectF &clip, QList<Named> *out)
{
    if (!item->isVisible() || item->opacity() <= 0.01)
        return;
    const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    QRectF childClip = clip;
    if (item->clip())
        childClip = clip.intersected(r);
    if (!item->objectName().isEmpty() && r.width() > 0 && r.height() > 0) {
        const QRectF shown = r.intersected(clip);
        if (!shown.isEmpty())
            out->append({item, shown});
    }
    for (QQuickItem *child : item->childItems())
        collect(child, childClip, out);
}

// The nearest named ancestor, unless a scrolling view lies in between (its content may move
// out of the view's rectangle by design).
inline QQuickItem *namedContainer(QQuickItem *item)
{
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (p->inherits("QQuickFlickable"))
            return nullptr;
        if (!p->objectName().isEmpty())
            return p;
    }
    return nullptr;
}

inline bool related(const QQuickItem *a, const QQuickItem *b)
{
    for (const QQuickItem *p = a; p; p = p->parentItem())
        if (p == b)
            return true;
    for (const QQuickItem *p = b; p; p = p->parentItem())
        if (p == a)
            return true;
    return false;
}

// The problems found (empty = the layout fits). `context` prefixes each, e.g. "home portrait".
inline QStringList problems(QQuickWindow *window, const QString &context)
{
    QList<Named> named;
    collect(window->contentItem(), QRectF(-1e6, -1e6, 2e6, 2e6), &named);
    QStringList out;
    const QRectF bounds(0, 0, window->width(), window->height());
    auto describe = [](const Named &n) {
        return QStringLiteral("%1 (%2,%3 %4x%5)")
            .arg(n.item->objectName())
            .arg(n.rect.x())
            .arg(n.rect.y())
            .arg(n.rect.width())
            .arg(n.rect.height());
    };
    for (qsizetype i = 0; i < named.size(); ++i) {
        const Named &a = named.at(i);
        // A one-line text that neither wraps nor elides must fit its width, or it is cut off.
        if (a.item->inherits("QQuickText") && a.item->property("wrapMode").toInt() == 0
            && a.item->property("elide").toInt() == 0
            && a.item->property("contentWidth").toReal() > a.item->width() + 1)
            out << QStringLiteral("%1: text of %2 is wider than its item (%3 > %4)")
                       .arg(context, describe(a))
                       .arg(a.item->property("contentWidth").toReal())
                       .arg(a.item->width());
        if (!bounds.adjusted(-0.5, -0.5, 0.5, 0.5).contains(a.rect))
            out << QStringLiteral("%1: %2 is outside the window").arg(context, describe(a));
        // Text spilling out of its card: a named item must stay inside its named container.
        if (QQuickItem *container = namedContainer(a.item)) {
            const QRectF outer = container->mapRectToScene(QRectF(0, 0, container->width(), container->height()));
            if (!outer.adjusted(-0.5, -0.5, 0.5, 0.5).contains(a.rect))
                out << QStringLiteral("%1: %2 sticks out of %3").arg(context, describe(a), container->objectName());
        }
        for (qsizetype j = i + 1; j < named.size(); ++j) {
            const Named &b = named.at(j);
            if (related(a.item, b.item))
                continue;
            const QRectF overlap = a.rect.intersected(b.rect);
            const bool overlay = a.rect.contains(b.rect) || b.rect.contains(a.rect);
            if (overlap.width() > 0.5 && overlap.height() > 0.5 && !overlay)
                out << QStringLiteral("%1: %2 overlaps %3").arg(context, describe(a), describe(b));
        }
    }
    return out;
}

} // namespace LayoutCheck
