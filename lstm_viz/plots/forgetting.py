"""Selective forgetting: the LSTM's forget gates before and after training, step by step."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..i18n import say
from ..state.comparison import Comparison
from ..state.forgetting import Forgetting, forgetting, forgetting_caption
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import pen, tr
from .worker import BackgroundRunner


class ForgettingPanel(PlotPanel):
    """Every unit's ``f_t`` over the steps: untrained (grey) and trained (blue, one unit bold).

    Attributes (read by tests)
    --------------------------
    data
        The :class:`~lstm_viz.state.forgetting.Forgetting` drawn, or ``None``.
    before, after
        One ``PlotDataItem`` per unit; ``highlight`` is the unit that varies most.
    marks
        A vertical line at each marked input of the adding problem.
    """

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setYRange(0.0, 1.0, padding=0.02)
        self.plot.setMouseEnabled(x=True, y=False)
        self.before: list[pg.PlotDataItem] = []
        self.after: list[pg.PlotDataItem] = []
        self.highlight = pg.PlotDataItem()
        self.highlight.setZValue(10)
        self.plot.addItem(self.highlight)
        self.marks: list[pg.InfiniteLine] = []
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        self.data: Forgetting | None = None
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "The forget stage before and after training: every unit's forget "
                "gate f_t over the steps, the untrained model in grey (dashed), the same weights "
                "after training in blue (the unit that varies most in bold)."
            ),
            tr(
                "Both models start from the same seed; the blue one is what lstm-viz's own "
                "trainer made of it on the adding problem. Before training the forget gates "
                "barely move: with the forget bias at 1, f ≈ σ(1) ≈ 0.73 whatever the input. "
                "Training teaches the gates when to forget: they drop at the inputs that "
                "matter and stay near 1 where the cell state must be kept. Dotted lines mark "
                "the adding problem's marked inputs."
            ),
        )
        self.plot.setLabel("left", tr("forget gate f_t"))
        self.plot.setLabel("bottom", tr("step t"))
        super().retranslate()

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        lstm = comparison.results.get("lstm")
        self._show_status(lambda: tr("computing the forget gates…"))
        self._submit("forgetting", partial(forgetting, lstm) if lstm is not None else _none)

    def _job_done(self, name: str, result: object) -> None:
        if name == "forgetting":
            self.show_data(result)  # type: ignore[arg-type]

    def show_data(self, data: Forgetting | None) -> None:
        """Draw ``data`` (GUI thread); ``None`` clears the plot and says why."""
        self.data = data
        for item in (*self.before, *self.after, *self.marks):
            self.plot.removeItem(item)
        self.before, self.after, self.marks = [], [], []
        self.plot.setVisible(data is not None)  # empty axes would look like a result
        if data is None:
            self.highlight.setData([], [])
            self._show_status(
                lambda: tr(
                    "No trained twin of this LSTM ships with lstm-viz: choose the first "
                    "screen's settings (adding problem, H = 8, seed 0) to compare."
                )
            )
            return
        x = np.arange(1, data.steps + 1, dtype=np.float64)
        for unit in range(data.before.shape[1]):
            for values, items in ((data.before, self.before), (data.after, self.after)):
                item = pg.PlotDataItem(x, values[:, unit])
                self.plot.addItem(item)
                items.append(item)
        self.highlight.setData(x, data.after[:, data.unit])
        for t in data.marked:
            line = pg.InfiniteLine(pos=t, angle=90, movable=False)
            self.plot.addItem(line, ignoreBounds=True)
            self.marks.append(line)
        self.plot.setXRange(1, data.steps, padding=0.01)
        self._apply_theme()
        self._show_status(lambda: say(forgetting_caption(data)))
        self.set_cursor(self.cursor)

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor
        self.cursor_line.setValue(cursor.t + 1)

    def _apply_theme(self) -> None:
        t = self.theme
        blue = t.model_color("lstm")
        for item in self.before:
            item.setPen(pen(t.muted, 1.0, 200, Qt.PenStyle.DashLine))
        for item in self.after:
            item.setPen(pen(blue, 1.0, 150))
        self.highlight.setPen(pen(blue, 2.4))
        for line in self.marks:
            line.setPen(pen(t.text, 1.0, 160, Qt.PenStyle.DotLine))
        self.cursor_line.setPen(pen(t.text, 1.0, 120, Qt.PenStyle.DashLine))


def _none() -> None:
    return None
