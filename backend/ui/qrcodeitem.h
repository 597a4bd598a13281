#pragma once
#include <QImage>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

// Draws a text as a QR code, rendered in C++ (QrImage, ECC M) and scaled by whole pixels per
// module with no smoothing, so every module stays a sharp square a phone camera can read off the
// screen. For the attendance receipt (issue 12).
class QrCodeItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    // Modules per side including the 4-module quiet zone; 0 when there is no code.
    Q_PROPERTY(int modules READ modules NOTIFY textChanged)

public:
    explicit QrCodeItem(QQuickItem *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    int modules() const { return m_code.width(); }

    void paint(QPainter *painter) override;

signals:
    void textChanged();

private:
    QString m_text;
    QImage m_code; // one pixel a module, quiet zone included
};
