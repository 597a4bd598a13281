#pragma once
#include <QQuickItem>
#include <QQuickWindow>

// Finds a visible item by objectName through the visual tree. QObject::findChild is not enough:
// pages that a StackView creates from a Component are visual children without a QObject parent.
inline QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

inline QQuickItem *findItem(QQuickWindow *window, const QString &name)
{
    return findItem(window->contentItem(), name);
}
