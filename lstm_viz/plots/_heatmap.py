"""A heat map on a plot: an ImageItem in data coordinates plus an overflow overlay."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from ._style import PlotTheme


class Heatmap:
    """``values[row, col]`` drawn over ``rect`` with a colour map and fixed levels.

    Cells that are inf or nan are painted in the theme's ``nonfinite`` colour by
    a second image on top, so an overflow is never mistaken for a colour of the
    scale. NaN cells the caller means as "no data" (e.g. the upper triangle of
    the connectivity map) are passed in ``blank`` and left transparent.
    """

    def __init__(self, plot: pg.PlotItem) -> None:
        self.image = pg.ImageItem(axisOrder="row-major")
        self.overlay = pg.ImageItem(axisOrder="row-major")
        self.overlay.setZValue(self.image.zValue() + 1)
        plot.addItem(self.image)
        plot.addItem(self.overlay)
        self.values = np.zeros((0, 0))
        self._bad = np.zeros((0, 0), dtype=bool)
        self._nonfinite = "#e600e6"

    def set_data(
        self,
        values: np.ndarray,
        rect: QRectF,
        levels: tuple[float, float],
        blank: np.ndarray | None = None,
        bad: np.ndarray | None = None,
    ) -> None:
        """Show ``values`` (2-D); ``bad`` marks overflow (default: not finite and not blank)."""
        v = np.asarray(values, dtype=np.float64)
        self.values = v
        if blank is None and bad is None and np.isfinite(v).all():
            # The usual map, and at 100,000 steps a costly one to mask: nothing to mask.
            self._bad, shown = np.zeros((0, 0), dtype=bool), v
        else:
            blank = np.zeros(v.shape, dtype=bool) if blank is None else blank
            self._bad = (~np.isfinite(v) & ~blank) if bad is None else (bad & ~blank)
            shown = np.where(np.isfinite(v), v, np.nan)
            # -inf (log of an exact 0) goes to the bottom colour, not transparent.
            shown = np.where(np.isneginf(v), levels[0], shown)
        self.image.setImage(shown, levels=levels, autoLevels=False)
        self.image.setRect(rect)
        self._paint_overlay()
        self.overlay.setRect(rect)

    def set_lookup(self, lut: np.ndarray) -> None:
        self.image.setLookupTable(lut)

    def set_theme(self, theme: PlotTheme) -> None:
        self._nonfinite = theme.nonfinite
        self._paint_overlay()

    def _paint_overlay(self) -> None:
        if not self._bad.any():  # one transparent pixel over the map, not one per cell
            self.overlay.setImage(np.zeros((1, 1, 4), dtype=np.uint8), autoLevels=False)
            return
        rgba = np.zeros((*self._bad.shape, 4), dtype=np.uint8)
        c = pg.mkColor(self._nonfinite)
        rgba[self._bad] = (c.red(), c.green(), c.blue(), 255)
        self.overlay.setImage(rgba, autoLevels=False, levels=(0, 255))
