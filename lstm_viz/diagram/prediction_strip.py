"""The model's prediction over time: one bar per step under the cell.

Per step of the sequence strip's window, the probability of the predicted class as a
bar (a regressor: its value from a zero line, in the theme's diverging colours), the
predicted class written above it where the column is wide enough, the steps not yet
computed hatched, the cursor's step outlined. Hovering a step lists its top classes
(:func:`~lstm_viz.diagram.prediction.readout_tooltip`); clicking it jumps there.

The values come from :func:`~lstm_viz.state.frame.readout_history`; nothing here
computes one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent

from ..i18n import tr
from ..state.frame import ReadoutHistory
from ..state.results import Results
from ..state.text_view import shown_token
from .captions import fmt
from .colormaps import SEQUENTIAL, colormap_for
from .items import Text, font
from .prediction import readout_tooltip
from .theme import Theme, qcolor

__all__ = ["PredictionStrip"]

#: The designed size of the class names over the bars (the text floor may raise it).
LABEL_PX = 11
#: Class names are written only where they leave the bars at least this tall.
MIN_BARS_H = 14.0


class PredictionStrip(QGraphicsItem):
    """The prediction over the sequence strip's window of steps, one bar per step.

    Parameters
    ----------
    parent
        The scene's unscaled root.
    rect
        Where the bars go (x, y, w, h); the heading goes above.
    clicked
        Called with a step (0-based) when one is clicked.
    """

    def __init__(
        self,
        parent: QGraphicsItem,
        rect: tuple[float, float, float, float],
        clicked: Callable[[int], object],
    ) -> None:
        super().__init__(parent)
        self._rect = QRectF(*rect)
        self.theme: Theme | None = None
        self.clicked = clicked
        self.heading = Text(self, 12)
        self._history: ReadoutHistory | None = None
        self._results: Results | None = None
        self._t = 0
        self._floor = 0.0
        self._labels: list[tuple[int, str]] = []
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.heading.setBrush(qcolor(theme.muted))
        self.update()

    def set_text_floor(self, px: float) -> None:
        """The class names are painted, not Text items: they follow the floor here."""
        self._floor = float(px)

    def _label_px(self) -> int:
        return max(LABEL_PX, math.ceil(self._floor - 1e-6))

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def show(self, results: Results, history: ReadoutHistory, t: int) -> None:
        """Draw ``history`` (the window's steps) with step ``t`` outlined."""
        self._results, self._history, self._t = results, history, t
        if history.regressor:
            heading = tr("Prediction: the value at each step (bars to ±{m})").format(
                m=fmt(history.scale)
            )
        else:
            heading = tr("Prediction: the probability of the predicted class at each step")
        self.heading.set(heading)
        if self.heading.boundingRect().width() > self._rect.width():  # a large text floor
            self.heading.set(tr("Prediction"))
        top = self._rect.top() - self.heading.boundingRect().height() - 2
        self.heading.place(self._rect.left(), top)
        self._labels = self._fitting_labels(history)
        self.setToolTip("")
        self.update()

    def _fitting_labels(self, history: ReadoutHistory) -> list[tuple[int, str]]:
        """(column, name) of each computed step whose class name fits its column."""
        if history.regressor or not history.values.size:
            return []
        colw = self._rect.width() / history.values.size
        metrics = QFontMetricsF(font(self._label_px()))
        too_tall = self._rect.height() - (self._label_px() + 2.0) < MIN_BARS_H
        if too_tall or colw < metrics.horizontalAdvance("M") + 2:
            return []
        out = []
        for k, (label, known) in enumerate(zip(history.best, history.computed, strict=True)):
            text = shown_token(label or "", 8)
            if known and metrics.horizontalAdvance(text) <= colw - 2:
                out.append((k, text))
        return out

    def drawn_labels(self) -> list[tuple[int, str]]:
        """The class names written over the bars: (step, name)."""
        h = self._history
        return [] if h is None else [(h.start + k, text) for k, text in self._labels]

    def step_at(self, scene_x: float) -> int | None:
        """The step under a scene x coordinate (None outside the strip)."""
        h = self._history
        if h is None or not h.values.size:
            return None
        r = self._rect
        if not r.left() <= scene_x < r.right():
            return None
        n = h.values.size
        return h.start + min(int((scene_x - r.left()) / r.width() * n), n - 1)

    def drawn_values(self) -> np.ndarray:
        """Per step of the window what the bars show (NaN: not yet computed)."""
        return np.array([] if self._history is None else self._history.values, copy=True)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        step = self.step_at(event.scenePos().x())
        h, results = self._history, self._results
        if step is None or h is None or results is None:
            self.setToolTip("")
            return
        self.setToolTip(readout_tooltip(results, step, bool(h.computed[step - h.start])))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        step = self.step_at(event.scenePos().x())
        if step is not None:
            self.clicked(step)
        event.accept()

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th, h = self.theme, self._history
        if th is None or h is None:
            return
        r = self._rect
        n = max(h.values.size, 1)
        colw = r.width() / n
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(qcolor(th.block_fill))
        p.drawRect(r)
        pending = ~h.computed
        if pending.any():
            x0 = r.left() + int(np.argmax(pending)) * colw
            future = QRectF(x0, r.top(), r.right() - x0, r.height())
            p.fillRect(future, qcolor(th.pending))
            p.fillRect(future, QBrush(qcolor(th.pending_hatch), Qt.BrushStyle.BDiagPattern))
        # With class names the bars take the row's lower part, the names the upper.
        names_h = self._label_px() + 2.0 if self._labels else 0.0
        bars = QRectF(r.left(), r.top() + names_h, r.width(), r.height() - names_h)
        gap = 1.0 if colw >= 4 else 0.0
        p.setPen(Qt.PenStyle.NoPen)
        if h.regressor:
            self._regressor_bars(p, th, h, bars, colw, gap)
        else:
            u = np.clip(h.values, 0.0, 1.0)
            colours = SEQUENTIAL.map(u)
            for k in np.flatnonzero(np.isfinite(u)):
                bh = u[k] * (bars.height() - 1)
                p.setBrush(QColor.fromRgba(int(colours[k])))
                x = bars.left() + k * colw + gap / 2
                p.drawRect(QRectF(x, bars.bottom() - bh, colw - gap, bh))
        if self._labels:
            p.setFont(font(self._label_px()))
            p.setPen(qcolor(th.text))
            for k, text in self._labels:
                cell = QRectF(r.left() + k * colw, r.top(), colw, names_h)
                p.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), text)
        p.setPen(QPen(qcolor(th.block_border), 0.8 * th.line_scale))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        k = self._t - h.start
        if 0 <= k < n:
            p.setPen(QPen(qcolor(th.accent), 2.2))
            p.drawRect(QRectF(r.left() + k * colw - 1, r.top() - 3, colw + 2, r.height() + 6))

    @staticmethod
    def _regressor_bars(
        p: QPainter, th: Theme, h: ReadoutHistory, r: QRectF, colw: float, gap: float
    ) -> None:
        """Bars from a zero line, up for positive values, in the diverging colours."""
        mid = r.center().y()
        u = np.clip(h.values / h.scale, -1.0, 1.0)
        colours = colormap_for(False, th.name).map(u)
        for k in np.flatnonzero(np.isfinite(u)):
            top = mid - u[k] * (r.height() / 2 - 1)
            p.setBrush(QColor.fromRgba(int(colours[k])))
            x = r.left() + k * colw + gap / 2
            p.drawRect(QRectF(x, min(top, mid), colw - gap, abs(mid - top)))
        p.setPen(QPen(qcolor(th.cell_border), 1.0, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid))
