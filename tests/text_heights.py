"""How tall text is drawn, measured from the items: each font's pixel size times the
scale from the item to the screen or picture. Shared by the window's and the export's
text-floor tests."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontInfo, QTextCharFormat, QTextFormat, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QGraphicsTextItem


def font_px(font: QFont) -> float:
    """A font's height in its own pixels (its pixel size, or the one its point size gives)."""
    return float(font.pixelSize()) if font.pixelSize() > 0 else float(QFontInfo(font).pixelSize())


def linear_scale(t: QTransform) -> float:
    """The linear scale of ``t`` (the square root of its area ratio)."""
    return math.sqrt(abs(t.m11() * t.m22() - t.m12() * t.m21()))


def text_fonts(item: QGraphicsItem) -> list[QFont]:
    """The fonts ``item`` draws its words in (none when it shows no words)."""
    if isinstance(item, QGraphicsSimpleTextItem):
        return [item.font()] if item.text().strip() else []
    if isinstance(item, QGraphicsTextItem):
        fonts = []
        block = item.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.text().strip():
                    fonts.append(_fragment_font(item.font(), fragment.charFormat()))
                it += 1
            block = block.next()
        return fonts
    if isinstance(item, pg.AxisItem) and item.style["showValues"]:
        return [item.style["tickFont"] or item.font()]
    return []


def _fragment_font(default: QFont, fmt: QTextCharFormat) -> QFont:
    """The font a rich-text fragment is drawn in: its own size if it sets one."""
    f = QFont(default)
    if fmt.hasProperty(QTextFormat.Property.FontPixelSize):
        f.setPixelSize(fmt.intProperty(QTextFormat.Property.FontPixelSize))
    elif fmt.hasProperty(QTextFormat.Property.FontPointSize):
        f.setPointSizeF(fmt.doubleProperty(QTextFormat.Property.FontPointSize))
    return f
