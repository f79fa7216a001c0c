"""Memory of the first input: how far the states move when step 1's input is taken away."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from ..state.comparison import Comparison
from ..state.plot_data import cursor_x
from ..state.teaching import FirstInputMemory, run_first_input
from ..state.timeline import Cursor
from ._logcurve import EdgeLabels, LogCurve, edges_of
from ._panel import PlotPanel
from ._style import pen, style_legend, tr
from .worker import BackgroundRunner

KINDS = ("rnn", "gru", "lstm")


def memory_sentence(memories: dict[str, FirstInputMemory], t: int) -> str:
    """The caption at step ``t`` (1-based): how much of the first input each state keeps."""
    parts = []
    lstm = memories.get("lstm")
    if lstm is not None and lstm.c_diff is not None:
        parts.append(
            tr(
                "at step {t} the LSTM's cell state still differs by {d:.2g} from the run "
                "without the first input ({p:.0%} of the difference at step 1)"
            ).format(t=t, d=float(lstm.c_diff[t - 1]), p=lstm.kept(t))
        )
    for kind in ("gru", "rnn"):
        m = memories.get(kind)
        if m is not None:
            parts.append(
                tr("the {k}'s hidden state by {d:.2g} ({p:.0%})").format(
                    k=kind.upper(), d=float(m.h_diff[t - 1]), p=m.kept(t)
                )
            )
    if not parts:
        return ""
    text = "; ".join(parts)
    return tr("{first}.").format(first=text[0].upper() + text[1:])


class MemoryPanel(PlotPanel):
    """``‖c_t − c'_t‖`` (LSTM) and ``‖h_t − h'_t‖`` per step, ``'`` without the first input."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setLogMode(x=False, y=True)
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.cell = LogCurve(self.plot, "LSTM ‖Δc_t‖")
        self.hidden = {k: LogCurve(self.plot, f"{k.upper()} ‖Δh_t‖") for k in KINDS}
        self.edge_labels = EdgeLabels(self.plot)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        self.track_steps(self.plot)
        self.memories: dict[str, FirstInputMemory] = {}
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.cell.set_name(tr("LSTM ‖Δc_t‖"))
        for kind, curve in self.hidden.items():
            curve.set_name(tr("{k} ‖Δh_t‖").format(k=kind.upper()))
        self.plot.setLabel("left", tr("difference with and without the first input"))
        self.plot.setLabel("bottom", tr("step t"))
        self.edge_labels.retranslate()
        self._caption()
        super().retranslate()

    def _caption(self) -> None:
        steps = next(iter(self.memories.values())).steps if self.memories else 0
        t = min(self.cursor.t + 1, steps) if steps else 0
        self.set_help(
            memory_sentence(self.memories, t) if t else "",
            tr(
                "Each model runs twice on the same weights: on the sequence, and on it with "
                "the input of step 1 set to zero. The curves are the norms of the differences "
                "of the states at every step, ‖c_t − c'_t‖ and ‖h_t − h'_t‖: what the state "
                "still holds of the first input. A cell state that grows with the biases "
                "(drift) grows in both runs alike and cancels out here; only memory remains."
            ),
        )

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.memories = {}  # the old differences belong to other settings
        self._caption()
        # Two forward passes per model: in the background, as long sequences take a while.
        self._submit("memory", partial(run_first_input, comparison), reports=True)

    def _job_done(self, name: str, result: object) -> None:
        if name == "memory" and isinstance(result, dict):
            self.show_memories(result)

    def show_memories(self, memories: dict[str, FirstInputMemory]) -> None:
        """Draw finished differences (GUI thread)."""
        self.memories = memories
        m = self.memories
        series = [mm.h_diff for mm in m.values()]
        if "lstm" in m and m["lstm"].c_diff is not None:
            series.append(m["lstm"].c_diff)
        edges = edges_of(series)
        steps = next(iter(m.values())).steps
        x = np.arange(1, steps + 1, dtype=np.float64)
        lstm = m.get("lstm")
        if lstm is not None and lstm.c_diff is not None:
            self.cell.set_data(x, lstm.c_diff, edges)
            self.cell.set_visible(True)
        else:
            self.cell.clear()
            self.cell.set_visible(False)
        for kind, curve in self.hidden.items():
            if kind in m:
                curve.set_data(x, m[kind].h_diff, edges)
                curve.set_visible(True)
            else:
                curve.clear()
                curve.set_visible(False)
        self.edge_labels.update([self.cell, *self.hidden.values()], edges, 1.0)
        self._caption()
        self.plot.enableAutoRange()

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor
        steps = next(iter(self.memories.values())).steps if self.memories else 1
        self.cursor_line.setValue(cursor_x(cursor.t, steps, "step"))
        self._caption()

    def _apply_theme(self) -> None:
        t = self.theme
        self.cell.set_style(t.model_color("lstm"), t, 3.0)
        for kind, curve in self.hidden.items():
            curve.set_style(t.model_color(kind), t, 2.0, 230, dashed=kind == "lstm")
        self.cursor_line.setPen(pen(t.x_line, 2.0))
        style_legend(self.legend, t)
        self.edge_labels.set_theme(t)
