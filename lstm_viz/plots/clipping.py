"""Gradient clipping across the scale sweep: the raw and the clipped global norm."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QWidget

from ..engine.gradients.sweep import DEFAULT_SCALES
from ..state.comparison import Comparison
from ..state.plot_data import SweepRequest, Sweeps, clip_summary, run_sweeps, sweep_request
from ..state.timeline import Cursor
from ._logcurve import EdgeLabels, LogCurve, edges_of
from ._panel import PlotPanel
from ._style import outside_legend, pen, style_legend, tr
from ._sweep_note import SweepNote
from .worker import BackgroundRunner

KINDS = ("rnn", "lstm")
DEFAULT_THRESHOLD = 5.0


def _sweep_job(x: np.ndarray, request: SweepRequest, report: Callable[[float], None]) -> Sweeps:
    """The panel's background job: the sweep, reporting how far it is."""
    return run_sweeps(x, request, progress=report)


class ClippingPanel(PlotPanel):
    """``‖∇_θ L‖`` before (solid) and after (dashed) clipping at each recurrent scale."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(3)
        self.threshold.setRange(0.001, 1e6)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.threshold.valueChanged.connect(self._rerun)
        self.threshold_label = QLabel()
        self.controls.addWidget(self.threshold_label)
        self.controls.addWidget(self.threshold)
        self.controls.addStretch(1)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setLogMode(x=False, y=True)
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.legend = outside_legend(self.graphics, self.plot)
        self.raw = {k: LogCurve(self.plot, self._raw_name(k)) for k in KINDS}
        self.clipped = {k: LogCurve(self.plot, self._clipped_name(k)) for k in KINDS}
        self.edge_labels = EdgeLabels(self.plot)
        self.threshold_line = pg.InfiniteLine(angle=0, movable=False, label=" ")
        self.current = pg.InfiniteLine(angle=90, movable=False)
        for line in (self.threshold_line, self.current):
            self.plot.addItem(line, ignoreBounds=True)
        self.sweeps: Sweeps | None = None
        self.note = SweepNote(self)
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "Where the raw gradient norm (solid) rises above the threshold, clipping "
                "scales it back down to the threshold (dashed)."
            ),
            tr(
                "Gradient clipping (Pascanu et al. 2013; PyTorch's clip_grad_norm_) rescales "
                "all parameter gradients together when their global norm "
                "‖∇_θ L‖ = (Σ_p ‖∂L/∂p‖²)^½ exceeds a threshold, so one exploding step cannot "
                "throw the weights far away. It keeps the direction and changes only the size; "
                "it does nothing for vanishing gradients.\n\nThe x axis is the same sweep of "
                "recurrent scales as the stability map; the text above gives the fraction of "
                "scales at which clipping fires."
            ),
        )
        self.threshold.setAccessibleName(tr("clipping threshold"))
        self.threshold_label.setText(tr("clip threshold (max ‖∇_θ L‖):"))
        self.plot.setLabel("left", tr("global gradient norm ‖∇_θ L‖"))
        self.plot.setLabel("bottom", tr("recurrent scale s = σ_max of each W_hh block"))
        for kind in KINDS:
            self.raw[kind].set_name(self._raw_name(kind))
            self.clipped[kind].set_name(self._clipped_name(kind))
        self.threshold_line.label.setFormat(tr("threshold"))
        self.edge_labels.retranslate()
        self.note.retranslate()
        super().retranslate()

    @staticmethod
    def _raw_name(kind: str) -> str:
        return tr("{k} raw").format(k=kind.upper())

    @staticmethod
    def _clipped_name(kind: str) -> str:
        return tr("{k} clipped").format(k=kind.upper())

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._rerun()

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor  # the sweep has no time axis

    def set_threshold(self, value: float) -> None:
        self.threshold.setValue(value)

    def _rerun(self) -> None:
        c = self.comparison
        if c is None:
            return
        base = c.current_results
        kinds = tuple(k for k in KINDS if k in c.results)
        request = sweep_request(base, kinds, clip=float(self.threshold.value()))
        self._show_status(lambda: tr("sweeping {n} scales…").format(n=DEFAULT_SCALES.size))
        self._submit("sweep", partial(_sweep_job, base.sequence.values, request), reports=True)

    def _job_done(self, name: str, result: object) -> None:
        if name == "sweep" and isinstance(result, Sweeps):
            self.show_sweeps(result)

    def show_sweeps(self, sweeps: Sweeps) -> None:
        """Draw finished sweeps (GUI thread)."""
        self.sweeps = sweeps
        series = [s.param_grad_norm for s in sweeps.values()]
        series += [s.clipped_norm for s in sweeps.values() if s.clipped_norm is not None]
        thr = next(iter(sweeps.values())).max_norm or 1.0
        edges = edges_of([*series, np.array([thr])])
        for kind in KINDS:
            s = sweeps.get(kind)
            for curve, values in (
                (self.raw[kind], None if s is None else s.param_grad_norm),
                (self.clipped[kind], None if s is None else s.clipped_norm),
            ):
                if s is None or values is None:
                    curve.clear()
                    curve.set_visible(False)
                else:
                    curve.set_data(s.scales, values, edges)
                    curve.set_visible(True)
        self.threshold_line.setValue(np.log10(thr))  # view coordinates are log10 here
        self.edge_labels.update([*self.raw.values(), *self.clipped.values()], edges, 0.5)
        scale = None if self.comparison is None else self.comparison.settings.recurrent_scale
        self.current.setVisible(scale is not None)
        if scale is not None:
            self.current.setValue(scale)
        fires = {kind: clip_summary(s) for kind, s in sweeps.items()}
        self.note.show_window(sweeps.window)
        self._show_status(partial(self._summary, fires))
        self.plot.enableAutoRange()

    @staticmethod
    def _summary(fires: dict[str, tuple[int, int]]) -> str:
        """The status line: at how many scales clipping fired, per model."""
        return " · ".join(
            tr("{k}: fires at {f} of {n} scales ({p:.0%})").format(
                k=kind.upper(), f=fired, n=total, p=fired / total
            )
            for kind, (fired, total) in fires.items()
        )

    def _apply_theme(self) -> None:
        t = self.theme
        self.note.set_palette_from(self.status.palette())
        for kind in KINDS:
            self.raw[kind].set_style(t.model_color(kind), t, 2.6)
            self.clipped[kind].set_style(t.model_color(kind), t, 2.0, 230, dashed=True)
        self.threshold_line.setPen(pen(t.text, 1.2, 200, Qt.PenStyle.DotLine))
        self.threshold_line.label.setColor(t.text)
        self.current.setPen(pen(t.x_line, 2.0))
        style_legend(self.legend, t)
        self.edge_labels.set_theme(t)
