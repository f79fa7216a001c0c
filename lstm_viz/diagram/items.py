"""The graphics items the diagram is made of: unit strips, blocks, nodes, wires, pulses.

Every item is created once per layout and updated per frame through cheap
setters (values, status, phase); none creates child items after construction.
Items that carry values remember their part name in ``data(PART)`` so the
scene can answer hovers and tests can read back what is shown.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from ..i18n import font_families
from .colormaps import Colormap, colormap_for
from .theme import Theme, qcolor

PART = 0  # QGraphicsItem.data key holding the part name
FONT_FAMILY = "DejaVu Sans"

_font_cache: dict[tuple[int, bool, bool], QFont] = {}


def font(px: int, bold: bool = False, italic: bool = False) -> QFont:
    """DejaVu Sans (then the CJK font, for Chinese) at a pixel size (pixel sizes keep
    renders independent of screen DPI)."""
    key = (px, bold, italic)
    if key not in _font_cache:
        f = QFont()
        f.setFamilies(font_families(FONT_FAMILY))
        f.setPixelSize(px)
        f.setBold(bold)
        f.setItalic(italic)
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        _font_cache[key] = f
    return _font_cache[key]


class Text(QGraphicsSimpleTextItem):
    """A text item anchored at a point: ``align`` is ``"l"``, ``"c"`` or ``"r"``.

    Its size is ``px`` scene units, or more when the scene's text floor asks for
    more (see :meth:`set_floor`): a small view keeps every text readable.
    """

    def __init__(
        self, parent: QGraphicsItem | None, px: int, *, bold: bool = False, italic: bool = False
    ) -> None:
        super().__init__(parent)
        self._style = (px, bold, italic)
        self._floor = 0.0
        self.setFont(font(px, bold, italic))
        self._anchor = QPointF()
        self._align = "l"
        self._text = ""

    @property
    def base_px(self) -> int:
        """The designed size, in scene units, before any floor."""
        return self._style[0]

    def set_style(self, px: int, bold: bool = False, italic: bool = False) -> None:
        """The designed size and weight (the floor still applies)."""
        self._style = (px, bold, italic)
        self._apply()

    def set_floor(self, px: float) -> None:
        """Draw at least ``px`` units tall in the item's own coordinates (0: no floor)."""
        if px != self._floor:
            self._floor = px
            self._apply()

    def _apply(self) -> None:
        px, bold, italic = self._style
        size = max(px, math.ceil(self._floor - 1e-6))
        if self.font().pixelSize() != size or self.font().bold() != bold:
            self.setFont(font(size, bold, italic))
            self._realign()

    def place(self, x: float, y: float, align: str = "l") -> Text:
        """Anchor at ``(x, y)``: y is the top of the text; x its left, centre or right."""
        self._anchor = QPointF(x, y)
        self._align = align
        self._realign()
        return self

    def set(self, text: str, color: str | None = None) -> None:
        if color is not None:
            self.setBrush(qcolor(color))
        if text != self._text:
            self._text = text
            self.setText(text)
            self._realign()

    def _realign(self) -> None:
        w = self.boundingRect().width()
        dx = {"l": 0.0, "c": -w / 2, "r": -w}[self._align]
        self.setPos(self._anchor.x() + dx, self._anchor.y())


class StripItem(QGraphicsItem):
    """A row (or ``rows × cols`` grid) of unit cells coloured by value, from one image.

    NaN cells under ``pending`` are drawn neutral and hatched (not yet computed);
    non-finite values are drawn in the theme's flag colour, cross-hatched.
    """

    def __init__(self, parent: QGraphicsItem | None, rect: QRectF, cmap: Colormap) -> None:
        super().__init__(parent)
        self._rect = QRectF(rect)
        self.cmap = cmap
        self.theme: Theme | None = None
        self.values = np.zeros(0)
        self._pending = np.zeros(0, bool)
        self._image: QImage | None = None
        self._shape: tuple[int, ...] = (0, 0)
        self._bad_idx: np.ndarray | None = None
        self._bad: list[QRectF] = []
        self._lines: list[QLineF] = []
        self.separators = True

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)
        self._layout_cells()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def set_values(self, values: np.ndarray, pending: np.ndarray | bool = False) -> None:
        """Show ``values`` (1-D: a row; 2-D: rows × cols); ``pending`` marks unknown cells."""
        if self.theme is not None:
            self.cmap = colormap_for(self.cmap.low == 0.0, self.theme.name)
        v = np.asarray(values, dtype=np.float64)
        v2 = v[None, :] if v.ndim == 1 else v
        pend = np.broadcast_to(np.asarray(pending, bool), v2.shape)
        shape_changed = v2.shape != self._shape
        self._shape = v2.shape
        self.values = np.where(pend, np.nan, v2)
        self._pending = pend
        fin = np.isfinite(v2)
        argb = self.cmap.map(v2)
        if self.theme is not None:
            argb[pend] = qcolor(self.theme.pending).rgba()
            argb[~fin & ~pend] = qcolor(self.theme.nonfinite).rgba()
        buf = np.ascontiguousarray(argb, dtype=np.uint32)
        rows, cols = buf.shape
        self._image = QImage(buf.data, cols, rows, cols * 4, QImage.Format.Format_ARGB32).copy()
        bad = ~fin & ~pend
        had_bad = self._bad_idx is not None
        self._bad_idx = np.argwhere(bad) if bad.any() else None
        if shape_changed or had_bad or self._bad_idx is not None:
            self._layout_cells()
        self.update()

    def _layout_cells(self) -> None:
        rows, cols = self._shape
        r = self._rect
        cw = r.width() / max(cols, 1)
        ch = r.height() / max(rows, 1)
        self._lines = []
        if self.separators and cols > 1 and cw >= 3.0:
            self._lines += [
                QLineF(r.left() + k * cw, r.top(), r.left() + k * cw, r.bottom())
                for k in range(1, cols)
            ]
        if self.separators and rows > 1 and ch >= 3.0:
            self._lines += [
                QLineF(r.left(), r.top() + k * ch, r.right(), r.top() + k * ch)
                for k in range(1, rows)
            ]
        idx = self._bad_idx
        self._bad = (
            []
            if idx is None
            else [QRectF(r.left() + j * cw, r.top() + i * ch, cw, ch) for i, j in idx]
        )

    def all_pending(self) -> bool:
        return bool(self._pending.size) and bool(self._pending.all())

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None or self._image is None:
            return
        r = self._rect
        if self.all_pending():
            p.fillRect(r, qcolor(th.pending))
            p.fillRect(r, QBrush(qcolor(th.pending_hatch), Qt.BrushStyle.BDiagPattern))
        else:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            p.drawImage(r, self._image)
            if self._pending.any():
                # Hatch the not-yet-computed cells too (the future of a heat map).
                hatch = QBrush(qcolor(th.pending_hatch), Qt.BrushStyle.BDiagPattern)
                cols = self._pending.shape[1]
                first = int(np.argmax(self._pending.all(axis=0))) if cols else 0
                if self._pending[:, first:].all():
                    x0 = r.left() + first * r.width() / cols
                    p.fillRect(QRectF(x0, r.top(), r.right() - x0, r.height()), hatch)
            if self._bad:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(qcolor("#000000", 200), Qt.BrushStyle.DiagCrossPattern))
                p.drawRects(self._bad)
        if self._lines:
            p.setPen(QPen(qcolor(th.block_fill, 200), 0.8))
            p.drawLines(self._lines)
        p.setPen(QPen(qcolor(th.block_border), 0.8 * th.line_scale))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)


class ShapeItem(QGraphicsItem):
    """A block (rounded rectangle) or node (circle / pill) styled by its stage status."""

    def __init__(self, parent: QGraphicsItem | None, rect: QRectF, shape: str) -> None:
        super().__init__(parent)
        self._rect = QRectF(rect)
        self.shape_kind = shape  # "block", "circle", "pill", "cell"
        self.status = "done"
        self.theme: Theme | None = None

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.update()

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None:
            return
        r = self._rect
        active = self.status == "active"
        pending = self.status == "pending"
        if self.shape_kind == "cell":
            fill, border, width = th.cell_fill, th.cell_border, 1.5
        else:
            fill = th.accent_soft if active else (th.background if pending else th.block_fill)
            border = th.accent if active else (th.wire_dim if pending else th.block_border)
            width = 2.6 if active else 1.4
        p.setPen(QPen(qcolor(border), width * th.line_scale))
        p.setBrush(qcolor(fill))
        if self.shape_kind == "circle":
            p.drawEllipse(r)
        elif self.shape_kind == "pill":
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        else:
            radius = 18.0 if self.shape_kind == "cell" else 9.0
            p.drawRoundedRect(r, radius, radius)


# Active wires above finished ones, finished above pending ones.
_WIRE_Z = {"active": 2.0, "done": 1.0, "input": 1.0, "pending": 0.0}


class WireItem(QGraphicsItem):
    """A polyline with an arrowhead, coloured by role and stage status.

    ``window`` is the part of its stage's phase (0 → 1) during which a pulse
    travels along it, so activations flow from wire to wire within a stage.
    """

    def __init__(
        self,
        parent: QGraphicsItem | None,
        points: list[tuple[float, float]],
        role: str = "wire",
        arrow: bool = True,
    ) -> None:
        super().__init__(parent)
        self.points = np.array(points, dtype=float)
        seg = np.hypot(*np.diff(self.points, axis=0).T)
        self._cum = np.concatenate([[0.0], np.cumsum(seg)])
        self.role = role
        self.arrow = arrow
        self.status = "done"
        # The stacking a status gives (see set_status), from the start: a frame
        # must not depend on which frames were drawn before it.
        self.setZValue(_WIRE_Z["done"])
        self.theme: Theme | None = None
        self._path = QPainterPath(QPointF(*self.points[0]))
        for x, y in self.points[1:]:
            self._path.lineTo(x, y)
        self._heads = (self._arrowhead(False), self._arrowhead(True))
        self._head = self._heads[0]
        self._head_shown = arrow
        self.backward = False
        self._bounds = self._path.boundingRect().adjusted(-8, -8, 8, 8)

    def set_backward(self, backward: bool, head: bool = True) -> None:
        """Point the arrowhead against the wire (the gradient's way: from t to t−1)
        or along it; ``head`` False draws none (a wire the gradient does not take)."""
        shown = self.arrow and head
        if (backward, shown) != (self.backward, self._head_shown):
            self.backward, self._head_shown = backward, shown
            self._head = self._heads[int(backward)]
            self.update()

    def _arrowhead(self, at_start: bool) -> QPolygonF:
        """The head at the wire's end (or, ``at_start``, at its start pointing back)."""
        if at_start:
            (x0, y0), (x1, y1) = self.points[1], self.points[0]
        else:
            (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        d = np.array([x1 - x0, y1 - y0]) / max(np.hypot(x1 - x0, y1 - y0), 1e-9)
        n = np.array([-d[1], d[0]])
        tip = np.array([x1, y1])
        base = tip - 10.0 * d
        pts = [tip, base + 5.0 * n, base - 5.0 * n]
        return QPolygonF([QPointF(*q) for q in pts])

    def boundingRect(self) -> QRectF:
        return self._bounds

    def point_at(self, u: float) -> tuple[float, float]:
        """The point a fraction ``u`` (0 → 1) of the way along the wire."""
        s = float(np.clip(u, 0.0, 1.0)) * self._cum[-1]
        return (
            float(np.interp(s, self._cum, self.points[:, 0])),
            float(np.interp(s, self._cum, self.points[:, 1])),
        )

    def set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.setZValue(_WIRE_Z[status])
            self.update()

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None:
            return
        role_color = getattr(th, self.role, th.wire)
        if self.status == "active":
            color, width = th.accent, 3.2
        elif self.status == "pending":
            color, width = th.wire_dim, 2.0
        else:
            color, width = role_color, 2.4 if self.role in ("c_line", "h_line") else 2.0
        pen = QPen(qcolor(color), width * th.line_scale)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.status == "pending":
            pen.setDashPattern([3.0, 2.5])
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._path)
        if self._head_shown:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(qcolor(color))
            p.drawPolygon(self._head)


class PulseItem(QGraphicsItem):
    """A glowing dot that travels along a wire of the active stage."""

    RADIUS = 6.0

    def __init__(self, parent: QGraphicsItem | None) -> None:
        super().__init__(parent)
        self.theme: Theme | None = None
        self.setZValue(5.0)

    def boundingRect(self) -> QRectF:
        r = self.RADIUS * 2.0
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None:
            return
        r = self.RADIUS
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(qcolor(th.pulse, 70))
        p.drawEllipse(QPointF(0, 0), 2 * r, 2 * r)
        p.setBrush(qcolor(th.pulse))
        p.setPen(QPen(qcolor(th.background), 1.5))
        p.drawEllipse(QPointF(0, 0), r, r)
