"""Gate saturation per unit (Karpathy, Johnson & Fei-Fei 2015, figure 3)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from ..i18n_marks import tr_noop
from ..state.comparison import Comparison
from ..state.plot_data import SaturationStats, gate_saturation
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import pen, tr
from .worker import BackgroundRunner

#: Up to four gates side by side (LSTM i f o g; GRU r z n; RNN h).
MAX_GATES = 4
#: Narrower than this per gate (pixels), the gates go in two rows: a 1366-pixel screen's
#: dock fits three, and a fourth beside them would be cut off.
MIN_PLOT_WIDTH = 150
NAMES = {
    "i": tr_noop("i input"),
    "f": tr_noop("f forget"),
    "o": tr_noop("o output"),
    "g": tr_noop("g candidate"),
    "r": tr_noop("r reset"),
    "z": tr_noop("z update"),
    "n": tr_noop("n candidate"),
    "h": tr_noop("h = tanh(a)"),
}
ORDER = ("f", "i", "o", "g", "r", "z", "n", "h")


def _then(sentence: str, following: str) -> str:
    """Two sentences in a row (a space between them in English, none in Chinese)."""
    return tr("{sentence} {following}").format(sentence=sentence, following=following)


class SaturationPanel(PlotPanel):
    """One dot per unit: the fraction of steps a gate is shut (x) against open (y)."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.plots: list[pg.PlotItem] = []
        self.scatters: list[pg.ScatterPlotItem] = []
        self.diagonals: list[pg.PlotDataItem] = []
        for col in range(MAX_GATES):
            plot = self.graphics.addPlot(row=0, col=col)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setRange(xRange=(-0.04, 1.04), yRange=(-0.04, 1.04), padding=0)
            plot.vb.disableAutoRange()
            # Fractions: three ticks read at any width (narrow panels ran 0.2…0.8 together).
            for side in ("bottom", "left"):
                plot.getAxis(side).setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
            diagonal = pg.PlotDataItem([0, 1], [1, 0])
            scatter = pg.ScatterPlotItem(size=9, hoverable=True, tip=self._tip)
            plot.addItem(diagonal)
            plot.addItem(scatter)
            self.plots.append(plot)
            self.scatters.append(scatter)
            self.diagonals.append(diagonal)
        self.gates: list[str] = []
        self._kind = ""
        # The stats of the results last shown: the other kinds' arrival (a new
        # comparison around the same results) need not count them again.
        self._stats_of: object = None
        self._stats: dict[str, SaturationStats] = {}
        self.columns = MAX_GATES
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(*self.help_texts(self._kind or "lstm"))
        for col, plot in enumerate(self.plots):
            plot.setLabel("bottom", tr("fraction shut"))
            plot.setLabel("left", tr("fraction open") if col % self.columns == 0 else None)
        self._title_plots()
        super().retranslate()

    @staticmethod
    def help_texts(kind: str) -> tuple[str, str]:
        """The caption and the "?" text for model ``kind``: only the parts it has."""
        source = tr(
            "After Karpathy, Johnson & Fei-Fei (2015), 'Visualizing and understanding "
            "recurrent networks', figure 3: for each unit, x is the fraction of steps at "
            "which the gate is left-saturated (σ < 0.1, nearly shut) and y the fraction at "
            "which it is right-saturated (σ > 0.9, nearly open). Points lie below the "
            "diagonal x + y = 1."
        )
        if kind == "lstm":
            return tr(
                "One dot per unit. Top-left: the gate is almost always open (> 0.9); for f, "
                "those are the units that remember. Bottom-right: almost always shut (< 0.1)."
            ), _then(
                source,
                tr(
                    "A forget gate that is right-saturated most of the time passes its cell "
                    "state on almost unchanged: c_t ≈ c_{t−1}, a long memory.\n\n"
                    "For a tanh (g, h) the ends are −0.9 and +0.9."
                ),
            )
        if kind == "gru":
            return tr(
                "One dot per unit. Top-left: the gate is almost always open (> 0.9); for z, "
                "those are the units that remember. Bottom-right: almost always shut (< 0.1)."
            ), _then(
                source,
                tr(
                    "An update gate that is right-saturated most of the time keeps its hidden "
                    "state almost unchanged: h_t ≈ h_{t−1}, a long memory.\n\n"
                    "For a tanh (n, h) the ends are −0.9 and +0.9."
                ),
            )
        return tr(
            "One dot per unit of h = tanh(a): the RNN has no gates. Top-left: almost always "
            "near +1 (> 0.9); bottom-right: almost always near −1 (< −0.9)."
        ), tr(
            "After Karpathy, Johnson & Fei-Fei (2015), 'Visualizing and understanding "
            "recurrent networks', figure 3: for each unit, x is the fraction of steps at "
            "which tanh is saturated low (h < −0.9) and y the fraction at which it is "
            "saturated high (h > 0.9). Points lie below the diagonal x + y = 1. A saturated "
            "unit passes almost no gradient back through tanh."
        )

    def _title_plots(self) -> None:
        """Each shown plot's title: its gate's name."""
        for plot, gate in zip(self.plots, self.gates, strict=False):
            plot.setTitle(tr(NAMES[gate]), color=self.theme.text)

    @staticmethod
    def _tip(x: float, y: float, data: object) -> str:
        return tr("unit {j}: shut {x:.0%} of steps, open {y:.0%}").format(j=data, x=x, y=y)

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        if comparison.current_results is self._stats_of:
            return  # the other kinds arrived: the dots are the shown model's, drawn already
        if comparison.current != self._kind:
            self._kind = comparison.current
            self.set_help(*self.help_texts(self._kind))
        self._stats_of = comparison.current_results
        self._stats = stats = gate_saturation(comparison.current_results)
        brush, dot_pen = self._dot_style()
        self.gates = [g for g in ORDER if g in stats][:MAX_GATES]
        for k, (plot, scatter) in enumerate(zip(self.plots, self.scatters, strict=True)):
            visible = k < len(self.gates)
            plot.setVisible(visible)
            if not visible:
                scatter.setData([], [])
                continue
            s = stats[self.gates[k]]
            # Styled in the same call: styling afterwards would lay out every dot again.
            scatter.setData(
                x=s.left, y=s.right, data=np.arange(1, s.units + 1), brush=brush, pen=dot_pen
            )
        self._arrange()
        self._title_plots()
        f = stats.get("f")
        if f is not None:
            keep, units = int((f.right > 0.5).sum()), f.units
            self._show_status(
                lambda: tr("{n} of {h} units have a forget gate open (> 0.9) on most steps").format(
                    n=keep, h=units
                )
            )
        else:
            kind = comparison.current.upper()
            self._show_status(lambda: kind)

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor  # fractions over the whole sequence: no time axis

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The gates shown in one row, or in two when one would leave them too narrow."""
        shown = max(1, len(self.gates))
        wide = self.graphics.width() >= shown * MIN_PLOT_WIDTH
        columns = shown if wide else (shown + 1) // 2
        if columns == self.columns:
            return
        self.columns = columns
        layout = self.graphics.ci
        for plot in self.plots:
            layout.removeItem(plot)
        for k, plot in enumerate(self.plots):
            layout.addItem(plot, row=k // columns, col=k % columns)
        # An emptied column keeps its old stretch until the grid is laid out again.
        for col in range(MAX_GATES):
            layout.layout.setColumnStretchFactor(col, 1 if col < columns else 0)
        layout.layout.invalidate()
        layout.layout.activate()
        self.retranslate()  # the axis label on each row's first plot

    def _dot_style(self) -> tuple[QColor, QPen]:
        """The dots' fill (the shown model's colour) and outline, in the theme."""
        t = self.theme
        colour = t.model_color(self.comparison.current) if self.comparison else t.c_line
        brush = pg.mkColor(colour)
        brush.setAlpha(200)
        return brush, pg.mkPen(t.background, width=1)

    def _apply_theme(self) -> None:
        brush, dot_pen = self._dot_style()
        for scatter, diagonal in zip(self.scatters, self.diagonals, strict=True):
            scatter.setBrush(brush)
            scatter.setPen(dot_pen)
            diagonal.setPen(pen(self.theme.muted, 1.0, 200, Qt.PenStyle.DashLine))
        self._title_plots()
