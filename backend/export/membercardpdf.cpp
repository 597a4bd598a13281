#include "membercardpdf.h"
#include "qrimage.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>

namespace {

// Everything below is laid out in millimetres and converted once, at 300 dpi: fine enough that
// rounding never shows, and what print shops expect.
constexpr int dpi = 300;
constexpr qreal cardWidth = 85.6;
constexpr qreal cardHeight = 54.0;
constexpr qreal cornerRadius = 3.18; // ISO/IEC 7810 ID-1 corner
constexpr qreal gutterX = 8.0;
constexpr qreal gutterY = 6.0;
constexpr qreal pageWidth = 210.0;
constexpr qreal pageHeight = 297.0;
constexpr qreal headerHeight = 9.0;
constexpr qreal qrSide = 38.0;
const QColor partyRed(0xC8, 0x10, 0x2E);

constexpr qreal px(qreal mm) { return mm * dpi / 25.4; }
QRectF pxRect(qreal x, qreal y, qreal w, qreal h) { return {px(x), px(y), px(w), px(h)}; }

QFont cjkFont(qreal mmHeight, bool bold = false)
{
    QFont f(QStringLiteral("Noto Sans CJK SC"));
    f.setPixelSize(qRound(px(mmHeight)));
    f.setBold(bold);
    f.setStyleStrategy(QFont::PreferOutline);
    return f;
}

// The QR code as one vector path: sharp at any printer resolution, and a single fill, so viewers
// draw no hairline seams between modules.
void drawQr(QPainter &p, const QImage &modules, const QRectF &target)
{
    const qreal m = target.width() / modules.width();
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < modules.height(); ++y) {
        const uchar *line = modules.constScanLine(y);
        for (int x = 0; x < modules.width();) {
            if (line[x] >= 128) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < modules.width() && line[x] < 128)
                ++x;
            path.addRect(QRectF(target.x() + start * m, target.y() + y * m, (x - start) * m, m));
        }
    }
    p.fillRect(target, Qt::white);
    p.fillPath(path, Qt::black);
}

// Greedy line breaking: as many characters as fit, but at a space when the line has one (Latin
// names and organisations), and never between the two halves of a surrogate pair (emoji).
QStringList breakLines(const QString &text, const QFontMetricsF &fm, qreal width)
{
    QStringList lines;
    QString rest = text.simplified();
    while (!rest.isEmpty()) {
        qsizetype n = rest.size();
        while (n > 1 && fm.horizontalAdvance(rest.left(n)) > width)
            --n;
        if (n < rest.size()) {
            if (rest.at(n - 1).isHighSurrogate() && n > 1)
                --n;
            const qsizetype space = rest.lastIndexOf(u' ', n);
            if (space > 0)
                n = space;
        }
        lines << rest.left(n);
        rest = rest.mid(n).trimmed();
    }
    return lines;
}

// Text that must stay inside its box: the largest size from `mm` down to `minMm` at which it fits
// whole; failing that, the smallest size with "…" on the last line that fits. Never overflows.
void drawFitted(QPainter &p, const QString &text, const QRectF &box, qreal mm, qreal minMm, bool bold,
                Qt::Alignment align)
{
    QFont font;
    QStringList lines;
    int maxLines = 1;
    for (qreal size = mm;; size = qMax(minMm, size - 0.2)) {
        font = cjkFont(size, bold);
        const QFontMetricsF fm(font);
        maxLines = qMax(1, int(box.height() / fm.lineSpacing()));
        lines = breakLines(text, fm, box.width());
        if (lines.size() <= maxLines || size <= minMm)
            break;
    }
    const QFontMetricsF fm(font);
    if (lines.size() > maxLines) {
        const QString overflow = QStringList(lines.mid(maxLines - 1)).join(u' ');
        lines = lines.mid(0, maxLines - 1);
        lines << fm.elidedText(overflow, Qt::ElideRight, box.width());
    }
    p.setFont(font);
    const qreal total = lines.size() * fm.lineSpacing();
    qreal y = box.top() + ((align & Qt::AlignVCenter) ? (box.height() - total) / 2 : 0);
    for (const QString &line : std::as_const(lines)) {
        p.drawText(QRectF(box.left(), y, box.width(), fm.lineSpacing()),
                   int(align & Qt::AlignHorizontal_Mask) | Qt::AlignVCenter, line);
        y += fm.lineSpacing();
    }
}

void drawCropMarks(QPainter &p, const QRectF &card)
{
    // Short marks in the gutter, just outside each corner: the guillotine lines, never on the card.
    const qreal gap = px(1.0), len = px(3.0);
    p.setPen(QPen(Qt::black, px(0.15)));
    for (const QPointF c : {card.topLeft(), card.topRight(), card.bottomLeft(), card.bottomRight()}) {
        const qreal sx = c.x() == card.left() ? -1 : 1;
        const qreal sy = c.y() == card.top() ? -1 : 1;
        p.drawLine(QPointF(c.x() + sx * gap, c.y()), QPointF(c.x() + sx * (gap + len), c.y()));
        p.drawLine(QPointF(c.x(), c.y() + sy * gap), QPointF(c.x(), c.y() + sy * (gap + len)));
    }
}

} // namespace

MemberCardPdf::MemberCardPdf(QString issuerLine) : m_issuerLine(std::move(issuerLine)) { }

QString MemberCardPdf::kindLabel(MemberCode::Kind kind)
{
    return kind == MemberCode::Kind::Flowing ? QStringLiteral("流动党员") : QStringLiteral("在册党员");
}

bool MemberCardPdf::write(const QString &path, const QList<Card> &cards, QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (cards.isEmpty())
        return fail(QStringLiteral("没有要打印的卡片"));
    QList<QImage> codes;
    codes.reserve(cards.size());
    for (const Card &card : cards) {
        codes << QrImage::render(card.codeText, 1, QrImage::Ecc::M);
        if (codes.last().isNull())
            return fail(QStringLiteral("党员 %1 的码太长，无法生成二维码").arg(card.memberId));
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("无法写入 %1：%2").arg(path, file.errorString()));
    QPdfWriter writer(&file);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setResolution(dpi);
    writer.setTitle(QStringLiteral("党员码卡片"));
    writer.setCreator(QStringLiteral("dangqun-admin"));

    QPainter p;
    if (!p.begin(&writer))
        return fail(QStringLiteral("无法生成 PDF：%1").arg(path));
    p.setRenderHint(QPainter::Antialiasing);

    const qreal marginX = (pageWidth - Columns * cardWidth - (Columns - 1) * gutterX) / 2;
    const qreal marginY = (pageHeight - Rows * cardHeight - (Rows - 1) * gutterY) / 2;
    const int perPage = Columns * Rows;
    const int pages = int((cards.size() + perPage - 1) / perPage);
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const int slot = int(i % perPage);
        if (slot == 0 && i > 0)
            writer.newPage();
        if (slot == 0) {
            p.setPen(Qt::darkGray);
            p.setFont(cjkFont(2.6));
            p.drawText(pxRect(0, pageHeight - 18, pageWidth, 6), Qt::AlignCenter,
                       QStringLiteral("%1 · 第 %2/%3 页 · 沿灰色边线或角标裁切")
                               .arg(m_issuerLine)
                               .arg(i / perPage + 1)
                               .arg(pages));
        }
        const Card &card = cards.at(i);
        const qreal x = marginX + (slot % Columns) * (cardWidth + gutterX);
        const qreal y = marginY + (slot / Columns) * (cardHeight + gutterY);
        const QRectF outline = pxRect(x, y, cardWidth, cardHeight);
        drawCropMarks(p, outline);

        // Header band, clipped to the card's rounded corners.
        QPainterPath shape;
        shape.addRoundedRect(outline, px(cornerRadius), px(cornerRadius));
        p.save();
        p.setClipPath(shape);
        p.fillRect(pxRect(x, y, cardWidth, headerHeight), partyRed);
        p.restore();
        p.setPen(QPen(QColor(0xB0, 0xB0, 0xB0), px(0.2)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(shape);

        p.setPen(Qt::white);
        drawFitted(p, m_issuerLine, pxRect(x + 4, y + 1.5, cardWidth - 8, headerHeight - 3), 3.4, 2.4, true,
                   Qt::AlignVCenter | Qt::AlignLeft);

        const qreal textX = x + 4, textW = cardWidth - qrSide - 4 - 3 - 2;
        p.setPen(Qt::black);
        drawFitted(p, card.name, pxRect(textX, y + headerHeight + 3, textW, 8), 6.0, 3.0, true,
                   Qt::AlignLeft | Qt::AlignVCenter);

        // The kind as a red outlined tag: a 流动党员's card must be told apart at a glance.
        const QFont tagFont = cjkFont(3.0, true);
        const QString tag = kindLabel(card.kind);
        const QRectF tagRect(px(textX), px(y + headerHeight + 12.5),
                             QFontMetricsF(tagFont).horizontalAdvance(tag) + px(3), px(5));
        p.setPen(QPen(partyRed, px(0.3)));
        p.setBrush(card.kind == MemberCode::Kind::Flowing ? partyRed : QColor(Qt::white));
        p.drawRoundedRect(tagRect, px(1), px(1));
        p.setPen(card.kind == MemberCode::Kind::Flowing ? QColor(Qt::white) : partyRed);
        p.setFont(tagFont);
        p.drawText(tagRect, Qt::AlignCenter, tag);

        p.setPen(QColor(0x33, 0x33, 0x33));
        drawFitted(p, card.organisation, pxRect(textX, y + headerHeight + 19.5, textW, 13), 3.0, 2.2, false,
                   Qt::AlignLeft | Qt::AlignTop);
        p.setPen(Qt::darkGray);
        drawFitted(p, QStringLiteral("编号 %1").arg(card.memberId), pxRect(textX, y + cardHeight - 6, textW, 4),
                   2.4, 1.8, false, Qt::AlignLeft | Qt::AlignVCenter);

        drawQr(p, codes.at(i), pxRect(x + cardWidth - 3 - qrSide, y + headerHeight + (cardHeight - headerHeight - qrSide) / 2,
                                      qrSide, qrSide));
    }
    if (!p.end())
        return fail(QStringLiteral("生成 PDF 失败：%1").arg(path));
    if (!file.commit())
        return fail(QStringLiteral("无法写入 %1：%2").arg(path, file.errorString()));
    return true;
}
