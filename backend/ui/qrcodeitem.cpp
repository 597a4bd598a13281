#include "qrcodeitem.h"
#include "qrimage.h"

#include <QPainter>
#include <QQuickWindow>

QrCodeItem::QrCodeItem(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setOpaquePainting(false);
    setAntialiasing(false);
}

void QrCodeItem::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_code = text.isEmpty() ? QImage() : QrImage::render(text, 1, QrImage::Ecc::M);
    emit textChanged();
    update();
}

void QrCodeItem::paint(QPainter *painter)
{
    if (m_code.isNull())
        return;
    // Whole device pixels per module, centred: fractional scaling would blur module edges.
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    const int side = int(std::min(width(), height()) * dpr);
    const int module = std::max(1, side / m_code.width());
    const qreal drawn = qreal(module * m_code.width()) / dpr;
    const QRectF target((width() - drawn) / 2, (height() - drawn) / 2, drawn, drawn);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter->fillRect(target, Qt::white);
    painter->drawImage(target, m_code);
}
