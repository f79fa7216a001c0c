"""Connectivity (Madsen, Distill 2019): how strongly each output h_t' depends on each input x_t."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QToolButton, QWidget

from ..state.comparison import Comparison
from ..state.plot_data import ConnectivityMap, run_connectivity
from ..state.timeline import Cursor
from ._heatmap import Heatmap
from ._panel import PlotPanel
from ._style import lut, pen, sigmoid_map, tr
from .worker import BackgroundRunner

#: Decades of colour below the strongest connection.
SPAN = 12.0


class ConnectivityPanel(PlotPanel):
    """``log₁₀ ‖∂h_{t'}/∂x_t‖`` for every pair t ≤ t' of the current model (background job)."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setMenuEnabled(False)
        self.plot.setAspectLocked(False)
        self.heatmap = Heatmap(self.plot)
        self.colorbar = pg.ColorBarItem(values=(-SPAN, 0), interactive=False, width=14)
        self.colorbar.setColorMap(sigmoid_map())
        self.graphics.addItem(self.colorbar, row=0, col=1)
        self.cursor_line = pg.InfiniteLine(angle=0, movable=False)
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        self.track_steps(self.plot)
        self.matrix: ConnectivityMap | None = None
        # Shown only while the map covers a window of the steps (the whole is over budget).
        self.in_view_button = QToolButton()
        self.in_view_button.clicked.connect(self.compute_in_view)
        self.in_view_button.setVisible(False)
        self.controls.addWidget(self.in_view_button)
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "Row t' shows how strongly the output h_t' depends on each earlier input x_t. "
                "A bright band only near the diagonal means a short memory."
            ),
            tr(
                "Connectivity (Madsen, 'Visualizing memorization in RNNs', Distill 2019): the "
                "norm of the Jacobian ∂h_t'/∂x_t for every input step t (x axis) and output "
                "step t' ≥ t (y axis). Inputs after t' cannot matter, so that triangle is empty. "
                "The colour is log₁₀ of the norm, {span:.0f} decades below the strongest link "
                "and brighter above; magenta cells overflowed.\n\nAn RNN's row fades within a "
                "few steps of the diagonal; an LSTM whose forget gates stay open keeps reaching "
                "far back. The dashed line is the row of the step being played."
            ).format(span=SPAN),
        )
        self.plot.setLabel("bottom", tr("input step t"))
        self.plot.setLabel("left", tr("output step t'"))
        self.colorbar.getAxis("left").setLabel(tr("log₁₀ ‖∂h_t'/∂x_t‖"))  # the bar's title
        self.in_view_button.setText(tr("Compute the steps in view"))
        super().retranslate()

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.in_view_button.setVisible(False)
        self._compute(None)
        self.set_cursor(self.cursor)

    def steps_in_view(self) -> tuple[int, int]:
        """The input steps the plot shows now, 0-based ``[start, stop)``."""
        (x0, x1), _ = self.plot.viewRange()
        return int(np.floor(x0 - 0.5)), int(np.ceil(x1 - 0.5))

    def compute_in_view(self) -> None:
        """Map the steps in view (the whole map being over budget, a window of it)."""
        if self.comparison is not None:
            self._compute(self.steps_in_view())

    def _compute(self, view: tuple[int, int] | None) -> None:
        assert self.comparison is not None
        self._show_status(lambda: tr("computing ‖∂h_t'/∂x_t‖ for every pair of steps…"))
        results = self.comparison.current_results
        self._submit("connectivity", partial(run_connectivity, results, view=view), reports=True)

    def _job_done(self, name: str, result: object) -> None:
        if name == "connectivity" and isinstance(result, ConnectivityMap):
            self.show_matrix(result)

    def show_matrix(self, shown: ConnectivityMap) -> None:
        """Draw a finished connectivity map (GUI thread); kept in :attr:`matrix`."""
        self.matrix = shown
        steps, size, first = shown.steps, shown.logs.shape[0], shown.first
        blank = np.triu(np.ones((size, size), dtype=bool), k=1)
        logs = np.where(blank, np.nan, shown.logs.astype(np.float64))
        finite = logs[np.isfinite(logs)]
        top = float(finite.max()) if finite.size else 0.0
        levels = (top - SPAN, top)
        # A binned map still spans its steps: each image pixel covers its bin.
        span = (first + 0.5, first + steps + 0.5)
        rect = QRectF(span[0], span[0], steps, steps)
        self.heatmap.set_data(logs, rect, levels, blank=blank, bad=shown.bad)
        self.colorbar.setLevels(levels)
        self.plot.setRange(xRange=span, yRange=span, padding=0)
        window = shown.window
        note = None if window is None else window.note
        self.in_view_button.setVisible(note is not None)
        if note is not None and window is not None:
            slots = window.slots()
            self._show_status(lambda: tr(note).format(**slots))
        else:
            kind = self.comparison.current if self.comparison else ""
            far = shown.far
            self._show_status(
                lambda: tr(
                    "{model}: ‖∂h_T/∂x_1‖ = {v:.2g} (the first input's effect on the last output)"
                ).format(model=kind.upper(), v=far)
            )
        self.set_cursor(self.cursor)

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor
        self.cursor_line.setValue(cursor.t + 1)

    def _apply_theme(self) -> None:
        t = self.theme
        self.heatmap.set_lookup(lut(sigmoid_map()))
        self.heatmap.set_theme(t)
        self.cursor_line.setPen(pen(t.accent, 1.4, 230, Qt.PenStyle.DashLine))
        self.colorbar.axis.setPen(pg.mkPen(t.muted))
        self.colorbar.axis.setTextPen(pg.mkPen(t.text))
