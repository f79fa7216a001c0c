"""Colours, colour maps and text helpers shared by the plot panels.

The colours come from :mod:`lstm_viz.palette`, which the diagram uses too, so
the LSTM's cell-state line in the diagram and its curve here are the same blue.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ..i18n import tr
from ..palette import DARK, LIGHT, RDBU, RDBU_DARK, THEMES, VIRIDIS, Theme, get_theme

pg.setConfigOptions(antialias=True)


# The plots wear the diagram's colours: one palette for both.
PlotTheme = Theme

__all__ = [
    "DARK",
    "LIGHT",
    "RDBU",
    "RDBU_DARK",
    "THEMES",
    "VIRIDIS",
    "PlotTheme",
    "colormap",
    "diverging_map",
    "get_theme",
    "lut",
    "pen",
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


def style_plot(plot: pg.PlotItem, theme: PlotTheme) -> None:
    """Axis lines, tick labels, axis titles and the title in the theme's colours."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
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
    for _sample, label in legend.items:  # setLabelTextColor does not re-render existing labels
        label.setText(label.text, color=theme.text)
    legend.setBrush(pg.mkBrush(theme.caption_fill + "d0"))
    legend.setPen(pg.mkPen(theme.wire_dim))
