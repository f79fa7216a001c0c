"""Gates and states over time: one heat map (units × steps) per gate, c and h."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QWidget

from ..state.comparison import Comparison
from ..state.plot_data import state_levels
from ..state.timeline import Cursor
from ._heatmap import Heatmap
from ._panel import PlotPanel
from ._style import diverging_map, lut, pen, sigmoid_map, tr
from .worker import BackgroundRunner

#: Rows per model kind: (key, label, activation).
ROWS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "lstm": (
        ("f", "f", "sigmoid"),
        ("i", "i", "sigmoid"),
        ("o", "o", "sigmoid"),
        ("g", "g", "tanh"),
        ("c", "c", "state"),
        ("h", "h", "tanh"),
    ),
    "gru": (
        ("r", "r", "sigmoid"),
        ("z", "z", "sigmoid"),
        ("n", "n", "tanh"),
        ("h", "h", "tanh"),
    ),
    "rnn": (("h", "h", "tanh"),),
}


class _Row:
    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.heatmap = Heatmap(plot)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        plot.addItem(self.cursor_line, ignoreBounds=True)
        self.key = ""
        self.activation = "sigmoid"


class GatesPanel(PlotPanel):
    """Heat maps of the current model's gates and states, with the playback cursor."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.graphics.ci.layout.setVerticalSpacing(2)
        self.rows: list[_Row] = []
        for _ in range(max(len(r) for r in ROWS.values())):
            plot = pg.PlotItem()
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=True, y=False)
            plot.invertY(True)
            plot.getAxis("left").setWidth(44)
            plot.hideButtons()
            if self.rows:
                plot.setXLink(self.rows[0].plot)
            self.rows.append(_Row(plot))
            self.track_steps(plot)
        self._kind = ""
        self.graphics.scene().sigMouseMoved.connect(self._mouse_moved)
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(*self.help_texts(self._kind or "lstm"))
        self._label_step_axis()
        super().retranslate()

    @staticmethod
    def help_texts(kind: str) -> tuple[str, str]:
        """The caption and the "?" text for model ``kind``: only the parts it has."""
        end = tr("Magenta cells overflowed.\n\nThe dashed line is the step the diagram is playing.")
        if kind == "lstm":
            return tr(
                "Every gate of every unit at every step. Bright forget gates (f ≈ 1) keep the "
                "cell state; dark ones (f ≈ 0) wipe it."
            ), tr(
                "Each row of a map is one unit, each column one step t. σ gates (f, i, o) run "
                "from 0 = shut (dark) to 1 = open (bright). The candidate g and h are tanh "
                "outputs from −1 (blue) to +1 (red). The cell state c is unbounded: its scale "
                "runs from −max|c| to +max|c| (at least ±1). {end}"
            ).format(end=end)
        if kind == "gru":
            return tr(
                "Every gate of every unit at every step. Bright update gates (z ≈ 1) keep the "
                "previous hidden state; dark ones (z ≈ 0) take the candidate instead."
            ), tr(
                "Each row of a map is one unit, each column one step t. σ gates (r, z) run "
                "from 0 = shut (dark) to 1 = open (bright). The candidate n and h are tanh "
                "outputs from −1 (blue) to +1 (red). {end}"
            ).format(end=end)
        return tr(
            "The hidden state of every unit at every step. The RNN has no gates: h = tanh(a) "
            "is all there is to see."
        ), tr(
            "Each row of the map is one unit, each column one step t. h is a tanh output "
            "from −1 (blue) to +1 (red). {end}"
        ).format(end=end)

    def set_comparison(self, comparison: Comparison) -> None:
        """Show the current model's trace (set once per results change)."""
        self.comparison = comparison
        res = comparison.current_results
        kind = res.kind
        if kind != self._kind:
            self._layout(kind)
        steps = res.steps
        h = res.model.hidden_size
        values = {"h": res.trace.h, "c": res.trace.c, **res.trace.gates}
        rect = QRectF(0.5, -0.5, steps, h)
        for row, (key, _label, act) in zip(self.rows, ROWS[kind], strict=False):
            v = np.asarray(values[key]).T  # (H, T)
            half = state_levels(v) if act == "state" else 1.0
            levels = (0.0, 1.0) if act == "sigmoid" else (-half, half)
            row.heatmap.set_data(v, rect, levels)
            row.plot.getAxis("left").setTicks(
                [[(0, "1"), (h - 1, str(h))]] if h > 1 else [[(0, "1")]]
            )
        for row in self.rows[: len(ROWS[kind])]:
            row.plot.setLimits(xMin=0.5, xMax=steps + 0.5)
            row.plot.setRange(xRange=(0.5, steps + 0.5), yRange=(-0.5, h - 0.5), padding=0)
        self.set_cursor(self.cursor)
        c_half = None if res.trace.c is None else state_levels(res.trace.c)
        self._show_status(partial(self._legend_text, kind, h, c_half))

    @staticmethod
    def _legend_text(kind: str, h: int, c_half: float | None) -> str:
        """The status line: what the rows and colours of the maps mean."""
        if c_half is None:
            return tr(
                "{model}, units 1–{h} (rows) × steps. "
                "σ gates 0 dark → 1 bright; tanh −1 blue → +1 red"
            ).format(model=kind.upper(), h=h)
        return tr(
            "{model}, units 1–{h} (rows) × steps. "
            "σ gates 0 dark → 1 bright; tanh −1 blue → +1 red; c −{m:.2g} blue → +{m:.2g} red"
        ).format(model=kind.upper(), h=h, m=c_half)

    def set_cursor(self, cursor: Cursor) -> None:
        """Move every row's line to step ``cursor.t + 1``."""
        self.cursor = cursor
        for row in self.rows:
            row.cursor_line.setValue(cursor.t + 1)

    def _layout(self, kind: str) -> None:
        self.graphics.ci.clear()
        spec = ROWS[kind]
        for k, (row, (key, label, act)) in enumerate(zip(self.rows, spec, strict=False)):
            row.key, row.activation = key, act
            row.plot.setLabel("left", f"<b>{label}</b>")
            row.plot.showAxis("bottom", k == len(spec) - 1)
            self.graphics.ci.addItem(row.plot, row=k, col=0)
        self._kind = kind
        self.set_help(*self.help_texts(kind))
        self._label_step_axis()
        self._apply_theme()

    def _label_step_axis(self) -> None:
        """The step axis's title under the lowest map (the only one that shows that axis)."""
        if self._kind:
            self.rows[len(ROWS[self._kind]) - 1].plot.setLabel("bottom", tr("step t"))

    def _apply_theme(self) -> None:
        t = self.theme
        seq, div = lut(sigmoid_map()), lut(diverging_map(t))
        for row in self.rows:
            row.heatmap.set_lookup(seq if row.activation == "sigmoid" else div)
            row.heatmap.set_theme(t)
            row.cursor_line.setPen(pen(t.text, 1.4, 220, Qt.PenStyle.DashLine))
            row.plot.getViewBox().setBackgroundColor(t.background)

    def _mouse_moved(self, pos: QPointF) -> None:
        if self.comparison is None:
            return
        for row in self.rows[: len(ROWS.get(self._kind, ()))]:
            if row.plot.sceneBoundingRect().contains(pos):
                p = row.plot.vb.mapSceneToView(pos)
                self._show_status(partial(self.describe, row.key, p.x(), p.y()))
                return

    def describe(self, key: str, x: float, y: float) -> str:
        """The hover text for gate ``key`` at view position (step x, unit y)."""
        row = next(r for r in self.rows if r.key == key)
        v = row.heatmap.values
        units, steps = v.shape
        t = int(np.clip(round(x), 1, steps))
        j = int(np.clip(round(y), 0, units - 1))
        text = tr("{key}, unit {j}, step t = {t}: {v:.4g}")
        return text.format(key=key, j=j + 1, t=t, v=v[j, t - 1])
