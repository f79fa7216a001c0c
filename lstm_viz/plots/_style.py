"""Colours, colour maps and text helpers shared by the plot panels.

The colours come from :mod:`lstm_viz.palette`, which the diagram uses too, so
the LSTM's cell-state line in the diagram and its curve here are the same blue.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics

from ..i18n import tr
from ..palette import DARK, LIGHT, RDBU, RDBU_DARK, THEMES, VIRIDIS, Theme, get_theme

pg.setConfigOptions(antialias=True)


# The plots wear the diagram's colours: one palette for both.
PlotTheme = Theme

__all__ = [
    "DARK",
    "LIGHT",
    "PLOT_TEXT_PX",
    "RDBU",
    "RDBU_DARK",
    "THEMES",
    "VIRIDIS",
    "PlotTheme",
    "colormap",
    "decade_labels",
    "diverging_map",
    "get_theme",
    "lut",
    "outside_legend",
    "pen",
    "plot_font",
    "sigmoid_map",
    "style_legend",
    "style_plot",
    "tr",
]  # fmt: skip


def colormap(stops: tuple[str, ...]) -> pg.ColorMap:
    """A pyqtgraph colour map through ``stops`` (evenly spaced, linear)."""
    return pg.ColorMap(np.linspace(0.0, 1.0, len(stops)), list(stops))


def sigmoid_map() -> pg.ColorMap:
    return colormap(VIRIDIS)


def diverging_map(theme: PlotTheme) -> pg.ColorMap:
    return colormap(RDBU_DARK if theme.name == "dark" else RDBU)


def lut(cmap: pg.ColorMap) -> np.ndarray:
    """``(256, 3)`` uint8 RGB table for ``ImageItem.setLookupTable``."""
    return cmap.getLookupTable(0.0, 1.0, 256, alpha=False)


def pen(color: str, width: float = 1.5, alpha: int = 255, style: object = None) -> object:
    """A cosmetic pen (``style`` is a ``Qt.PenStyle``)."""
    c = pg.mkColor(color)
    c.setAlpha(alpha)
    kw = {"color": c, "width": width}
    if style is not None:
        kw["style"] = style
    return pg.mkPen(**kw)


#: Every text a plot draws (ticks, axis titles, legends, labels) is this many pixels tall:
#: above the app's 11-pixel floor on every screen (a plot is drawn at 1:1).
PLOT_TEXT_PX = 12

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def plot_font(bold: bool = False) -> QFont:
    """The plots' text font: :data:`PLOT_TEXT_PX` pixels, whatever the screen's DPI."""
    f = QFont()
    f.setPixelSize(PLOT_TEXT_PX)
    f.setBold(bold)
    return f


def decade_labels(values: list[float], scale: float = 1.0, spacing: float = 1.0) -> list[str]:
    """Tick labels of a log axis (``values`` are log10): decades named, the rest blank.

    pyqtgraph names every minor tick ("0.09 … 0.02") and may print one value
    twice after rounding; here only the powers of ten are named, once each —
    unless no decade is in view, when the ticks there are named with two digits.
    """
    logs = np.asarray(values, dtype=np.float64) + math.log10(scale)
    decade = np.isclose(logs, np.round(logs), atol=1e-6)
    if not decade.any():
        out, seen = [], set()
        for v in logs:
            text = f"{10.0**v:.2g}"
            out.append("" if text in seen else text)
            seen.add(text)
        return out
    labels = []
    for v, is_decade in zip(logs, decade, strict=True):
        if not is_decade:
            labels.append("")
            continue
        k = round(float(v))
        labels.append(f"{10.0**k:g}" if -3 <= k <= 3 else "10" + str(k).translate(_SUPERSCRIPT))
    return labels


class _RowLegend(pg.LegendItem):
    """A legend laid out by its graphics layout, not pinned to a corner, in as many of
    its wanted columns as the width allows.

    pyqtgraph's legend moves itself to (0, 0) whenever its entries change; in a
    layout it must be placed again at once, or a frame rendered before the next
    event loop pass would show it over the plot. Its entries' widths are the
    layout's minimum, so a row of long names ("GRU (untrained, seed 0)") would
    widen the plot past the dock's edge: :meth:`fit` takes fewer columns instead.
    """

    def __init__(self, columns: int, **options) -> None:
        super().__init__(colCount=columns, **options)
        self.wanted_columns = columns
        self.room: float | None = None  # the width to fit, once known
        self._fitting = False

    def updateSize(self) -> None:
        super().updateSize()
        if not self._fitting and self.room is not None:
            self.fit(self.room)
        layout = self.parentLayoutItem()
        if layout is not None:
            layout.invalidate()
            layout.activate()

    def fit(self, room: float) -> None:
        """The most columns (up to the wanted ones) whose rows are at most ``room`` wide."""
        self.room = room
        columns = self.wanted_columns
        while columns > 1 and self.natural_width(columns) > room:
            columns -= 1
        if columns != self.columnCount:
            self._fitting = True
            try:
                self.setColumnCount(columns)
            finally:
                self._fitting = False

    def natural_width(self, columns: int) -> float:
        """How wide the entries want to be in ``columns`` columns (filled row by row)."""
        hint = Qt.SizeHint.PreferredSize
        widths = [
            sample.effectiveSizeHint(hint).width() + label.effectiveSizeHint(hint).width()
            for sample, label in self.items
        ]
        spans = [max(widths[j::columns], default=0.0) for j in range(columns)]
        left, _top, right, _bottom = self.layout.getContentsMargins()
        return sum(spans) + self.layout.horizontalSpacing() * (2 * columns - 1) + left + right


class _LegendRoom(QObject):
    """Tells a row legend its graphics widget's width whenever the widget is resized."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget, legend: _RowLegend) -> None:
        super().__init__(graphics)
        self._legend = legend
        graphics.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            left, _top, right, _bottom = watched.ci.layout.getContentsMargins()
            self._legend.fit(watched.width() - left - right - _LEGEND_SLACK_PX)
        return False


#: Room kept free beside a row legend (the layout's spacing and the legend's frame).
_LEGEND_SLACK_PX = 12


def outside_legend(
    graphics: pg.GraphicsLayoutWidget, plot: pg.PlotItem, columns: int = 3
) -> pg.LegendItem:
    """A legend for ``plot`` in a row of its own under it: it never covers the data.

    Curves added to ``plot`` with a name are listed in it, as with ``addLegend``, in
    ``columns`` columns — fewer when the widget is too narrow for them (a row wider
    than the dock would widen the plot past its edge).
    """
    legend = _RowLegend(columns, labelTextSize=f"{PLOT_TEXT_PX}px", horSpacing=18)
    graphics.ci.nextRow()
    graphics.ci.addItem(legend)
    graphics.ci.layout.setRowStretchFactor(graphics.ci.layout.rowCount() - 1, 0)
    plot.legend = legend
    legend.room_watcher = _LegendRoom(graphics, legend)
    return legend


def style_plot(plot: pg.PlotItem, theme: PlotTheme) -> None:
    """Axis lines, tick labels, axis titles and the title in the theme's colours,
    every text at :data:`PLOT_TEXT_PX`, and log axes labelled by decade."""
    font = plot_font()
    for item in plot.items:
        # Value labels in the plot: hover read-outs, edge-row names, a line's label.
        text = item if isinstance(item, pg.TextItem) else getattr(item, "label", None)
        if isinstance(text, pg.TextItem):
            text.setFont(font)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        # A fixed room for the labels, wide enough for "0.0001": an axis that grew
        # on its first paint would move the plot between two renders of one frame.
        metrics = QFontMetrics(font)
        axis.setStyle(
            tickFont=font,
            autoExpandTextSpace=False,
            tickTextWidth=metrics.horizontalAdvance("0.0001") + 6,
            tickTextHeight=metrics.height() + 2,
        )
        axis.label.setFont(font)
        if axis.labelText or axis.labelUnits:  # measured again in the new font
            axis.setLabel(axis.labelText, axis.labelUnits, axis.labelUnitPrefix)
        axis.logTickStrings = decade_labels
        axis.setPen(pg.mkPen(theme.muted))
        # enableAutoSIPrefix(False) freezes whatever scale the current range implies
        # (pyqtgraph 0.14), so reset the scale to 1 explicitly.
        axis.enableAutoSIPrefix(False)
        axis.autoSIPrefixScale, axis.labelUnitPrefix = 1.0, ""
        axis.setTextPen(pg.mkPen(theme.text))  # also recolours the axis title
    if plot.titleLabel.text:
        plot.titleLabel.setText(plot.titleLabel.text, color=theme.text)


def style_legend(legend: pg.LegendItem, theme: PlotTheme) -> None:
    """Legend text, box and border in the theme's colours."""
    legend.setLabelTextColor(theme.text)
    legend.setLabelTextSize(f"{PLOT_TEXT_PX}px")
    for _sample, label in legend.items:  # setLabelTextColor does not re-render existing labels
        label.setText(label.text, color=theme.text, size=f"{PLOT_TEXT_PX}px")
    legend.setBrush(pg.mkBrush(theme.caption_fill + "d0"))
    legend.setPen(pg.mkPen(theme.wire_dim))
