"""A curve on a log axis that shows, instead of dropping, the values a log cannot.

pyqtgraph maps values ≤ 0 and inf/nan to gaps on a log axis. A gradient that
underflowed to exactly 0 and one that overflowed are both facts the app must
show, so :class:`LogCurve` draws them as markers on two rows just below and
just above the data ("0 (saturated)" and "overflow"), and :class:`EdgeLabels`
names those rows. A run of such steps is a bar from its first marker to its last:
a gradient that underflowed for 90,000 steps is one bar, not 90,000 triangles to
draw in every frame.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..state.plot_data import log_edges, split_for_log, true_runs
from ._style import PlotTheme, pen, tr


class LogCurve:
    """One series on a log-y :class:`pyqtgraph.PlotItem`: a line plus edge markers.

    The line holds the engine's array unchanged (``curve.getOriginalDataset()``
    returns it); pyqtgraph leaves its 0/inf/nan entries out of the line and the
    marker items put them on the edge rows.
    """

    def __init__(self, plot: pg.PlotItem, name: str | None = None) -> None:
        self.plot = plot
        self.curve = pg.PlotDataItem(name=name, connect="finite")
        # The markers stand at each run's first and last step; the bars join them.
        self.zero = pg.PlotDataItem(pen=None, symbol="t", symbolSize=9)
        self.overflow = pg.PlotDataItem(pen=None, symbol="t1", symbolSize=10)
        self.zero_bars = pg.PlotDataItem(connect="pairs")
        self.overflow_bars = pg.PlotDataItem(connect="pairs")
        self.items = (self.curve, self.zero_bars, self.overflow_bars, self.zero, self.overflow)
        for item in self.items:
            plot.addItem(item)
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self.edges = (-1.0, 1.0)
        self.shown = slice(None)

    def set_data(self, x: np.ndarray, y: np.ndarray, edges: tuple[float, float]) -> None:
        """Show ``y`` over ``x``; markers go to ``10**edges[0]`` and ``10**edges[1]``."""
        self.x, self.y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        self.edges = edges
        self.shown = slice(None)
        self._draw()

    def reveal(self, shown: slice) -> None:
        """Draw only the points in ``shown`` (the backward pass draws its curve as it goes)."""
        if shown != self.shown:
            self.shown = shown
            self._draw()

    def _draw(self) -> None:
        x, y = self.x[self.shown], self.y[self.shown]
        self.curve.setData(x, y)
        split = split_for_log(y)
        bottom, top = 10.0 ** self.edges[0], 10.0 ** self.edges[1]
        for mask, markers, bars, level in (
            (split.zero, self.zero, self.zero_bars, bottom),
            (split.overflow, self.overflow, self.overflow_bars, top),
        ):
            starts, ends = true_runs(mask)
            ends_at = np.unique(np.concatenate((starts, ends)))
            markers.setData(x[ends_at], np.full(ends_at.size, level))
            long = ends > starts
            pairs = np.column_stack((x[starts[long]], x[ends[long]])).ravel()
            bars.setData(pairs, np.full(pairs.size, level), connect="pairs")

    def clear(self) -> None:
        for item in self.items:
            item.setData([], [])
        self.x = self.y = np.zeros(0)

    def set_style(
        self, color: str, theme: PlotTheme, width: float, alpha: int = 255, dashed: bool = False
    ) -> None:
        style = Qt.PenStyle.DashLine if dashed else None
        self.curve.setPen(pen(color, width, alpha, style))
        c = pg.mkColor(color)
        c.setAlpha(alpha)
        self.zero.setSymbolBrush(c)
        self.zero.setSymbolPen(pg.mkPen(theme.muted))
        self.overflow.setSymbolBrush(c)
        self.overflow.setSymbolPen(pg.mkPen(theme.nonfinite, width=2))
        self.zero_bars.setPen(pen(color, 3, alpha))
        self.overflow_bars.setPen(pen(theme.nonfinite, 3))

    def set_name(self, name: str) -> None:
        """Rename the series, in the plot's legend too (a new language)."""
        self.curve.opts["name"] = name
        legend = self.plot.legend
        label = None if legend is None else legend.getLabel(self.curve)
        if label is not None:
            label.setText(name)
            legend.updateSize()

    def set_visible(self, visible: bool) -> None:
        for item in self.items:
            item.setVisible(visible)

    def set_z(self, z: float) -> None:
        for item in self.items:
            item.setZValue(z)

    @property
    def has_zero(self) -> bool:
        return bool(split_for_log(self.y).zero.any())

    @property
    def has_overflow(self) -> bool:
        return bool(split_for_log(self.y).overflow.any())


class EdgeLabels:
    """The "overflow" and "0 (saturated)" names of the marker rows of a plot."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.top = pg.TextItem(anchor=(0, -0.1))
        self.bottom = pg.TextItem(anchor=(0, 1.1))
        for item in (self.top, self.bottom):
            item.setZValue(50)
            plot.addItem(item, ignoreBounds=True)
            item.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The rows' names in the current language."""
        self.top.setText(tr("▲ overflow (inf/NaN)"))
        self.bottom.setText(tr("▼ 0 (exactly zero: no logarithm)"))

    def update(self, curves: list[LogCurve], edges: tuple[float, float], x0: float) -> None:
        """Show a row's name at ``x0`` only when some visible curve has a marker there."""
        shown = [c for c in curves if c.curve.isVisible()]
        self.top.setVisible(any(c.has_overflow for c in shown))
        self.bottom.setVisible(any(c.has_zero for c in shown))
        # Items other than PlotDataItem live in view coordinates: log10 on a log axis.
        self.top.setPos(x0, edges[1])
        self.bottom.setPos(x0, edges[0])

    def set_theme(self, theme: PlotTheme) -> None:
        self.top.setColor(theme.nonfinite)
        self.bottom.setColor(theme.muted)


def edges_of(series: list[np.ndarray]) -> tuple[float, float]:
    """Marker rows for ``series`` (see :func:`lstm_viz.state.plot_data.log_edges`)."""
    return log_edges(series)
