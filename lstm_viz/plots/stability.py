"""The stability map: log gradient norm over recurrent scale × distance, RNN beside LSTM."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QCheckBox, QToolButton, QWidget

from ..engine.gradients.sweep import DEFAULT_SCALES
from ..state.comparison import Comparison
from ..state.plot_data import (
    SweepRequest,
    Sweeps,
    log10_image,
    run_sweeps,
    sweep_request,
    symmetric_levels,
)
from ..state.settings import INIT_TITLES
from ..state.timeline import Cursor
from ._heatmap import Heatmap
from ._panel import PlotPanel
from ._style import diverging_map, lut, pen, tr
from ._sweep_note import SweepNote
from .worker import BackgroundRunner

KINDS = ("rnn", "lstm")
#: Decades either side of 1 the colour scale spans (beyond: the end colours).
COLOUR_CAP = 12.0


def _sweep_job(
    x: np.ndarray, request: SweepRequest, stop: int | None, report: Callable[[float], None]
) -> Sweeps:
    """The panel's background job: the sweep (the loss at step ``stop``), reporting how far
    it is."""
    return run_sweeps(x, request, progress=report, stop=stop)


class _Map:
    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.heatmap = Heatmap(plot)
        # The label centred on its line: beside it, it ran past a narrow map's edge.
        self.pascanu = pg.InfiniteLine(
            angle=90,
            movable=False,
            label="σ_max = 1",
            labelOpts={"position": 0.95, "anchors": [(0.5, 0.5), (0.5, 0.5)]},
        )
        self.current = pg.InfiniteLine(angle=90, movable=False, label="")
        self.cursor = pg.InfiniteLine(angle=0, movable=False)
        for line in (self.pascanu, self.current, self.cursor):
            plot.addItem(line, ignoreBounds=True)


class StabilityPanel(PlotPanel):
    """``scale_sweep`` over 40 scales 0.5 … 2.0, coloured by ``log₁₀ ‖∂L/∂h_t‖``.

    The sweep runs on the background runner with the app's initialisation (or
    orthogonal W_hh when the toggle is on) and is drawn when it returns.
    """

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.orthogonal = QCheckBox()
        self.orthogonal.toggled.connect(self._rerun)
        self.controls.addWidget(self.orthogonal)
        # Under the window's note, shown while the sweep covers some of the steps.
        self.to_cursor_button = QToolButton()
        self.to_cursor_button.clicked.connect(self.sweep_to_cursor)
        self.controls.addStretch(1)
        self._stop: int | None = None  # the step the loss is at (None: the last)
        self.maps: dict[str, _Map] = {}
        for col, kind in enumerate(KINDS):
            plot = self.graphics.addPlot(row=0, col=col)
            plot.setMenuEnabled(False)
            plot.setTitle(kind.upper())
            if col:  # the rows are the same distances: one y axis, on the first map
                plot.hideAxis("left")
                plot.setYLink(self.maps[KINDS[0]].plot)
            self.maps[kind] = _Map(plot)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), interactive=False, width=14)
        self.graphics.addItem(self.colorbar, row=0, col=len(KINDS))
        self.sweeps: Sweeps | None = None
        self.note = SweepNote(self, self.to_cursor_button)
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "Blue = the gradient vanishes, red = it grows. Left of σ_max = 1 the RNN "
                "always vanishes; right of it, it can explode (clearest with orthogonal W_hh)."
            ),
            tr(
                "Each column is a model whose recurrent weights W_hh were rescaled so that each "
                "H×H block has largest singular value s (same seed, same sequence). Each row is "
                "a distance T − t from the last step. The colour is log₁₀ ‖∂L/∂h_t‖: white = 1 "
                "(the signal arrives intact), blue = it vanished, red = it exploded; magenta "
                "cells overflowed.\n\nPascanu, Mikolov & Bengio (2013): in an RNN with tanh, "
                "σ_max(W_hh) < 1/γ = 1 guarantees vanishing gradients (the dashed line). Above "
                "it growth is possible, not certain: a random uniform W_hh spreads its singular "
                "values, so most directions still shrink. Orthogonal W_hh has all singular "
                "values equal and shows the transition sharply. The solid line is the current "
                "recurrent scale."
            ),
        )
        self.orthogonal.setText(tr("orthogonal W_hh for the sweep"))
        self.to_cursor_button.setText(tr("Sweep to the step being played"))
        self.to_cursor_button.setToolTip(
            tr(
                "The loss at the step being played, its gradient at as many steps before it "
                "as the budget allows (the forward pass runs from step 1, so every row is exact)"
            )
        )
        for m in self.maps.values():
            # Short: two maps share the dock's width (the help says what s is).
            m.plot.setLabel("bottom", tr("scale s"))
        self.maps[KINDS[0]].plot.setLabel("left", tr("distance T − t (steps)"))
        self.colorbar.getAxis("left").setLabel(tr("log₁₀ ‖∂L/∂h_t‖"))  # the bar's title
        self._mark_current()
        self.note.retranslate()
        super().retranslate()

    @property
    def init(self) -> str:
        """The initialisation the sweep uses."""
        if self.orthogonal.isChecked():
            return "orthogonal"
        return "uniform" if self.comparison is None else self.comparison.settings.init

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._stop = None
        self._rerun()

    def sweep_to_cursor(self) -> None:
        """Sweep with the loss at the step being played (the whole being over budget)."""
        if self.comparison is not None:
            self._stop = self.cursor.t + 1
            self._rerun()

    def _rerun(self) -> None:
        c = self.comparison
        if c is None:
            return
        base = c.current_results
        kinds = tuple(k for k in KINDS if k in c.results)
        # The map draws ‖∂L/∂h_t‖ only: no parameter gradients (a third less work).
        request = sweep_request(base, kinds, self.init, parameters=False)
        init = self.init
        self._show_status(
            lambda: tr("sweeping {n} scales (init: {init})…").format(
                n=DEFAULT_SCALES.size, init=tr(INIT_TITLES.get(init, init))
            )
        )
        job = partial(_sweep_job, base.sequence.values, request, self._stop)
        self._submit("sweep", job, reports=True)

    def _job_done(self, name: str, result: object) -> None:
        if name == "sweep" and isinstance(result, Sweeps):
            self.show_sweeps(result)

    def show_sweeps(self, sweeps: Sweeps) -> None:
        """Draw finished sweeps (GUI thread)."""
        self.sweeps = sweeps
        logs = {k: log10_image(s.loss_grad) for k, s in sweeps.items()}
        half = max(symmetric_levels(v[0], cap=COLOUR_CAP) for v in logs.values())
        for kind, m in self.maps.items():
            if kind not in sweeps:
                continue
            s = sweeps[kind]
            img, bad = logs[kind]
            scales = s.scales
            ds = (scales[-1] - scales[0]) / max(scales.size - 1, 1)
            rect = QRectF(scales[0] - ds / 2, -0.5, scales[-1] - scales[0] + ds, s.steps)
            # Rows = distance 0 … T−1 (index T−1−d), columns = scale.
            m.heatmap.set_data(img.T[::-1], rect, (-half, half), bad=bad.T[::-1])
            unit = s.sigma_max[0] / scales[0] if scales[0] > 0 else 1.0
            edge = float(s.threshold / unit)
            m.pascanu.setValue(edge)
            # Pascanu's bound is the plain RNN's: for the gated models σ_max of the
            # whole stacked W_hh is not what decides, so no line there.
            m.pascanu.setVisible(bool(s.pascanu_applies and scales[0] <= edge <= scales[-1]))
            m.plot.setRange(xRange=(rect.left(), rect.right()), yRange=(-0.5, s.steps - 0.5))
        self.colorbar.setLevels((-half, half))
        self._mark_current()
        self.set_cursor(self.cursor)
        from_file = bool(self.comparison is not None and self.comparison.settings.weights)
        window = sweeps.window
        self.note.show_window(window)
        self._show_status(partial(self._summary, from_file, self.init, half))

    @staticmethod
    def _summary(from_file: bool, init: str, half: float) -> str:
        """The status line under a finished sweep."""
        if from_file:
            # A sweep rescales freshly initialised weights; a weight file holds one W_hh.
            text = tr(
                "seed-initialised models ({init}), not the loaded weights; colour clipped "
                "at 10^±{half:.0f}"
            )
        else:
            text = tr("init: {init}; colour clipped at 10^±{half:.0f}")
        return text.format(init=tr(INIT_TITLES.get(init, init)), half=half)

    def _mark_current(self) -> None:
        scale = None if self.comparison is None else self.comparison.settings.recurrent_scale
        for m in self.maps.values():
            m.current.setVisible(scale is not None)
            if scale is not None:
                m.current.setValue(scale)
                m.current.label.setFormat(tr("current s = {s:.2f}").format(s=scale))

    def set_cursor(self, cursor: Cursor) -> None:
        """A faint horizontal line at the playback step's distance from T."""
        self.cursor = cursor
        if self.comparison is None:
            return
        # Rows are distances from the step of the loss (the window's last, when windowed).
        if self.sweeps is None:
            start, stop = 0, self.comparison.current_results.steps
        else:
            start, stop = self.sweeps.window.start, self.sweeps.window.stop
        for m in self.maps.values():
            m.cursor.setValue(stop - 1 - cursor.t)
            m.cursor.setVisible(start <= cursor.t < stop)

    def _apply_theme(self) -> None:
        t = self.theme
        self.note.set_palette_from(self.status.palette())
        cmap = diverging_map(t)
        table = lut(cmap)
        self.colorbar.setColorMap(cmap)
        self.colorbar.axis.setPen(pg.mkPen(t.muted))
        self.colorbar.axis.setTextPen(pg.mkPen(t.text))
        for m in self.maps.values():
            m.heatmap.set_lookup(table)
            m.heatmap.set_theme(t)
            m.plot.setTitle(m.plot.titleLabel.text, color=t.text)
            m.pascanu.setPen(pen(t.text, 1.6, 230, Qt.PenStyle.DashLine))
            m.current.setPen(pen(t.x_line, 2.2))
            m.cursor.setPen(pen(t.muted, 1.0, 160, Qt.PenStyle.DotLine))
            for line, colour in ((m.pascanu, t.text), (m.current, t.x_line)):
                line.label.setColor(colour)
                line.label.fill = pg.mkBrush(t.caption_fill + "c0")
                line.label.setPosition(0.95 if line is m.pascanu else 0.06)
