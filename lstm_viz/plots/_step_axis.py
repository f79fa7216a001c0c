"""Tokens on a plot's step axis: the step under the mouse, and as tick labels when they fit.

A plot whose x axis is the step t (1 … T) or the distance T − t gets a
:class:`StepAxis` (:meth:`lstm_viz.plots._panel.PlotPanel.track_steps`). When the
sequence has tokens (:func:`lstm_viz.state.text_view.step_tokens`, in the shown cell's
order), the mouse over the plot shows "step 12 · 'not'" in a label on the x axis at
that step, and when the token of every step in view fits its share of the axis, the
tick labels are the tokens themselves (zoom in on a long text to see them).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetrics

from ..state.plot_data import XAxis, x_positions
from ..state.text_view import shown_token, step_at
from ._style import PlotTheme, plot_font, tr

__all__ = ["StepAxis"]

#: Pixels between two token tick labels, so that neighbours never touch.
TICK_GAP_PX = 6
#: Tokens as tick labels are cut to this many characters.
TICK_CHARS = 8


class StepAxis:
    """The tokens of a step axis for ``plot``, following the mouse over ``scene``.

    Attributes
    ----------
    text
        What the hover label says now ("" when hidden).
    ticks
        The token tick labels set on the axis, ``None`` when the axis shows numbers.
    """

    def __init__(self, plot: pg.PlotItem, scene: pg.GraphicsScene, axis: XAxis = "step"):
        self.plot, self.axis = plot, axis
        self.tokens: tuple[str, ...] = ()
        self.text = ""
        self.ticks: list[tuple[float, str]] | None = None
        self.label = pg.TextItem(anchor=(0.5, 1.0))
        self.label.setZValue(70)
        self.label.hide()
        plot.addItem(self.label, ignoreBounds=True)
        plot.vb.sigXRangeChanged.connect(lambda *_: self.fit_ticks())
        plot.vb.sigResized.connect(lambda *_: self.fit_ticks())
        scene.sigMouseMoved.connect(self.hover)

    def set_tokens(self, tokens: tuple[str, ...]) -> None:
        """The token of each step (the cell's order); empty: numbers only, no label."""
        self.tokens = tuple(tokens)
        if not self.tokens:
            self.label.hide()
            self.text = ""
        self.fit_ticks()

    def set_axis(self, axis: XAxis) -> None:
        """``"step"`` (x = t) or ``"distance"`` (x = T − t)."""
        self.axis = axis
        self.fit_ticks()

    def set_theme(self, theme: PlotTheme) -> None:
        self.label.fill = pg.mkBrush(theme.caption_fill)
        self.label.border = pg.mkPen(theme.muted)
        self.label.setColor(theme.text)

    def text_at(self, x: float) -> str:
        """The label for view position ``x``: "step 12 · 'not'" ("" off the steps)."""
        t = step_at(x, len(self.tokens), self.axis) if self.tokens else None
        if t is None:
            return ""
        return tr("step {step} · '{token}'").format(step=t + 1, token=shown_token(self.tokens[t]))

    def hover(self, pos: QPointF) -> str:
        """Show the label for scene position ``pos`` (hidden off the plot); its text."""
        plot = self.plot  # (a plot taken out of its layout has left the scene)
        inside = plot.scene() is not None and plot.isVisible()
        inside = inside and plot.sceneBoundingRect().contains(pos)
        vb = self.plot.vb
        self.text = self.text_at(vb.mapSceneToView(pos).x()) if inside else ""
        if not self.text:
            self.label.hide()
            return ""
        steps = len(self.tokens)
        t = step_at(vb.mapSceneToView(pos).x(), steps, self.axis)
        assert t is not None
        x = float(x_positions(steps, self.axis)[t])
        # On the x axis's edge of the view, whichever way up the plot is drawn.
        bottom = vb.sceneBoundingRect().bottom() - 1
        y = vb.mapSceneToView(QPointF(pos.x(), bottom)).y()
        (x0, x1), _ = vb.viewRange()
        where = (x - x0) / (x1 - x0) if x1 > x0 else 0.5
        self.label.setAnchor((0.0 if where < 0.15 else 1.0 if where > 0.85 else 0.5, 1.0))
        self.label.setText(self.text)
        self.label.setPos(x, y)
        self.label.show()
        return self.text

    def fit_ticks(self) -> None:
        """Tokens as the tick labels when every one in view fits, else the numbers."""
        ticks = self._token_ticks()
        if ticks == self.ticks:
            return
        self.ticks = ticks
        self.plot.getAxis("bottom").setTicks(None if ticks is None else [ticks])

    def _token_ticks(self) -> list[tuple[float, str]] | None:
        steps = len(self.tokens)
        width = self.plot.vb.width()
        if not steps or width <= 0:
            return None
        (x0, x1), _ = self.plot.vb.viewRange()
        if x1 <= x0:
            return None
        xs = x_positions(steps, self.axis)
        inside = np.flatnonzero((xs >= x0) & (xs <= x1))
        per_step = width / (x1 - x0)
        font = self.plot.getAxis("bottom").style.get("tickFont")
        metrics = QFontMetrics(font if isinstance(font, QFont) else plot_font())
        if not inside.size or per_step < metrics.averageCharWidth() + TICK_GAP_PX:
            return None  # (the common case: measured before any token is)
        labels = [shown_token(self.tokens[t], TICK_CHARS) for t in inside]
        if max(metrics.horizontalAdvance(s) for s in labels) + TICK_GAP_PX > per_step:
            return None
        return [(float(xs[t]), s) for t, s in zip(inside, labels, strict=True)]
