"""The LSTM's two kinds of path beside the RNN's only one."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..state.comparison import Comparison
from ..state.plot_data import (
    PathCurves,
    cursor_x,
    format_value,
    paths_caption,
    run_paths,
    x_positions,
)
from ..state.timeline import Cursor
from ._logcurve import EdgeLabels, LogCurve, edges_of
from ._panel import PlotPanel
from ._style import outside_legend, pen, style_legend, tr
from .worker import BackgroundRunner


class PathsPanel(PlotPanel):
    """Highway ``max_j ∏ f``, other paths, total ``‖∂c_T/∂c_t‖`` (LSTM), ``‖∂h_T/∂h_t‖`` (RNN).

    The full Jacobians behind the last three take ~15 ms at T = 200, H = 32 and
    seconds at T = 1000, H = 256, so they are read on the panel's background runner,
    which reports how far it is; the curves are drawn as they come, the nearest
    distances first (the Jacobians are computed from the last step back).
    """

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setLogMode(x=False, y=True)
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.legend = outside_legend(self.graphics, self.plot, columns=2)
        names = self._names()
        self.highway = LogCurve(self.plot, names["highway"])
        self.cell_total = LogCurve(self.plot, names["cell_total"])
        self.cell_other = LogCurve(self.plot, names["cell_other"])
        self.rnn = LogCurve(self.plot, names["rnn"])
        self.edge_labels = EdgeLabels(self.plot)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        self.track_steps(self.plot, "distance")
        self.curves_data: PathCurves | None = None
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "Along the LSTM's cell-state highway the gradient is only multiplied by forget "
                "gates (solid blue): it fades exactly as fast as the product of f, and with "
                "forget gates near 1 (raise the forget bias) it stays up while the RNN's path "
                "(orange) vanishes."
            ),
            tr(
                "Unrolled, the cell state path c_t → c_{t+1} → … → c_T multiplies only by the "
                "forget gates: along it, ∂c_T/∂c_t = f_T ⊙ … ⊙ f_{t+1} (elementwise). The solid "
                "blue curve is its largest unit. The dashed blue curve is the total "
                "‖∂c_T/∂c_t‖ through every path (the gates and h also depend on c). The total is "
                "a sum over paths: one path that does not vanish keeps the sum from vanishing. "
                "The other paths together (through h and the gates) are the total minus the "
                "highway's part, ∂c_T/∂c_t − diag(∏ f), computed exactly; the total is at most "
                "highway + other paths, so a total above the highway is the other paths adding "
                "to it.\n\n"
                "The RNN has only the path through W_hh and tanh, multiplied once per step: "
                "‖∂h_T/∂h_t‖ (orange) falls geometrically."
            ),
        )
        self.plot.setLabel("left", tr("derivative norm"))
        self.plot.setLabel("bottom", tr("distance T − t (steps)"))
        names = self._names()
        for name, curve in self.curves.items():
            curve.set_name(names[name])
        self.edge_labels.retranslate()
        super().retranslate()

    @staticmethod
    def _names() -> dict[str, str]:
        """The legend's names of the three curves."""
        return {
            "highway": tr("highway: max ∏ f"),
            "cell_total": tr("all paths: ‖∂c_T/∂c_t‖"),
            "cell_other": tr("other paths"),
            "rnn": tr("RNN: ‖∂h_T/∂h_t‖"),
        }

    @property
    def curves(self) -> dict[str, LogCurve]:
        return {
            "highway": self.highway,
            "cell_total": self.cell_total,
            "cell_other": self.cell_other,
            "rnn": self.rnn,
        }

    def set_comparison(self, comparison: Comparison) -> None:
        """Start the background job for ``comparison``; the curves follow when it is done."""
        self.comparison = comparison
        lstm = comparison.results.get("lstm")
        rnn = comparison.results.get("rnn")
        self._show_status(lambda: tr("computing the Jacobians…"))
        self._submit("paths", partial(run_paths, lstm, rnn), reports=True)
        self.set_cursor(self.cursor)

    def show_curves(self, data: PathCurves) -> None:
        """Draw the curves (GUI thread): finished ones, or those so far (``complete``
        False: the status says how far back they reach)."""
        self.curves_data = data if data.complete else None
        series = {
            "highway": data.highway,
            "cell_total": data.cell_total,
            "cell_other": data.cell_other,
            "rnn": data.rnn_jacobian,
        }
        present = [v for v in series.values() if v is not None]
        edges = edges_of(present)
        for name, curve in self.curves.items():
            values = series[name]
            if values is None:
                curve.clear()
                curve.set_visible(False)
                continue
            curve.set_data(x_positions(values.shape[0], "distance"), values, edges)
            curve.set_visible(True)
        self.edge_labels.update(list(self.curves.values()), edges, 0.0)
        self.plot.enableAutoRange()
        if not data.complete:
            reach = data.reach
            steps = self.comparison.current_results.steps if self.comparison else reach
            self._show_status(
                lambda: tr("computing the Jacobians… {reach} of {steps} steps back so far").format(
                    reach=reach, steps=steps
                )
            )
            return
        lstm = self.comparison.results.get("lstm") if self.comparison else None
        forget = None if lstm is None else float(np.nanmean(lstm.trace.gates["f"]))
        self._show_status(partial(self._summary, series, forget))

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor
        if self.comparison is not None:
            steps = self.comparison.current_results.steps
            self.cursor_line.setValue(cursor_x(cursor.t, steps, "distance"))

    def _job_done(self, name: str, result: object) -> None:
        if name == "paths" and isinstance(result, PathCurves):
            self.show_curves(result)

    def _job_partial(self, name: str, result: object) -> None:
        if name == "paths" and isinstance(result, PathCurves):
            self.show_curves(result)

    def _summary(self, series: dict[str, np.ndarray | None], forget: float | None) -> str:
        """The status: what is left at step 1 on each path (and the LSTM's mean f), then
        what the total says of the other paths, in as few words as the numbers need."""
        items = {
            "highway": tr("highway {value}"),
            "cell_total": tr("all paths {value}"),
            "cell_other": tr("other paths {value}"),
            "rnn": tr("RNN {value}"),
        }
        values = " · ".join(
            items[k].format(value=tr(format_value(float(v[0]))))
            for k, v in series.items()
            if v is not None
        )
        n = next((v.shape[0] for v in series.values() if v is not None), 1) - 1
        if forget is None:
            line = tr("Step 1, {n} steps back: {values}").format(n=n, values=values)
        else:  # whole sentences for translators, with and without the forget gate
            line = tr("Step 1, {n} steps back: {values} · mean f = {f:.2f}").format(
                n=n, values=values, f=forget
            )
        caption = None if self.curves_data is None else paths_caption(self.curves_data)
        if caption is None:
            return line
        numbers = {k: tr(format_value(getattr(caption, k))) for k in ("total", "highway", "other")}
        if caption.distance == n:  # the step-1 numbers of the line above: not said twice
            said = (
                tr("All paths are above the highway there: the other paths, through h and the "
                   "gates, add to it.")
                if caption.above
                else tr("All paths stay at or below the highway there.")
            )  # fmt: skip
        elif caption.above:
            said = tr(
                "At distance {distance}, all paths ({total}) are above the highway ({highway}): "
                "the other paths, through h and the gates, carry {other} and add to it."
            ).format(distance=caption.distance, **numbers)
        else:
            said = tr(
                "At distance {distance}, all paths ({total}) stay at or below the highway "
                "({highway}); the other paths carry {other}."
            ).format(distance=caption.distance, **numbers)
        return line + "\n" + said

    def _apply_theme(self) -> None:
        t = self.theme
        self.highway.set_style(t.c_line, t, 3.2)
        self.cell_total.set_style(t.c_line, t, 2.0, 220, dashed=True)
        self.cell_other.set_style(t.h_line, t, 2.0, 220, dashed=True)
        self.rnn.set_style(t.accent, t, 2.4)
        self.cursor_line.setPen(pen(t.text, 1.2, 200, Qt.PenStyle.DashLine))
        style_legend(self.legend, t)
        self.edge_labels.set_theme(t)
