"""Transport icons drawn with QPainter, so they are crisp at any scale and follow the theme.

The standard style icons have no "one stage" versus "one step" pair; these do:
a bar and one triangle for a stage (like a video player's frame step), two
triangles for a whole step, two triangles and a bar for the ends.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

SIZE = 64  # drawn large, scaled down by Qt

# Each shape: a list of triangles (x offset, pointing right?) and bars (x offset).
_SHAPES: dict[str, tuple[list[tuple[float, bool]], list[float]]] = {
    "play": ([(20, True)], []),
    "pause": ([], [20, 36]),
    "next_stage": ([(18, True)], [42]),
    "prev_stage": ([(22, False)], [14]),
    "next_step": ([(10, True), (32, True)], []),
    "prev_step": ([(10, False), (32, False)], []),
    "end": ([(6, True), (26, True)], [48]),
    "start": ([(16, False), (36, False)], [8]),
}


def transport_icon(name: str, colour: QColor | str) -> QIcon:
    """The icon ``name`` (see ``_SHAPES``) in ``colour``."""
    triangles, bars = _SHAPES[name]
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    top, bottom, width = 14.0, 50.0, 22.0
    middle = (top + bottom) / 2
    for x, right in triangles:
        back, tip = (x, x + width) if right else (x + width, x)
        points = [QPointF(back, top), QPointF(tip, middle), QPointF(back, bottom)]
        painter.drawPolygon(QPolygonF(points))
    for x in bars:
        painter.drawRoundedRect(QRectF(x, top, 8.0, bottom - top), 1.5, 1.5)
    painter.end()
    return QIcon(pixmap)
