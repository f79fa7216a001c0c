"""Explodes less often: the fraction of runs whose gradient norm exceeds a threshold."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QWidget

from ..engine.gradients.explosion import ExplosionRates
from ..state.comparison import Comparison
from ..state.teaching import EXPLOSION_THRESHOLD, explosion_request, run_explosion
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import pen, style_legend, tr
from .worker import BackgroundRunner

KINDS = ("rnn", "lstm", "gru")


def explosion_sentence(rates: ExplosionRates) -> str:
    """The caption: each model's share of exploding runs, compared with the RNN's."""
    parts = [
        tr("the {k}'s {p:.0%} ({n} of {total})").format(
            k=kind.upper(), p=rates.overall(kind), n=rates.count(kind), total=rates.runs
        )
        for kind in KINDS
        if kind in rates.norms
    ]
    lead = tr(
        "Over {s} recurrent scales × {seeds} seeds, the gradient norm exceeds {thr:g} in {rest}."
    ).format(
        s=rates.scales.size, seeds=rates.seeds.size, thr=rates.threshold, rest=", ".join(parts)
    )
    if "rnn" not in rates.norms or "lstm" not in rates.norms:
        return lead
    rnn, lstm = rates.count("rnn"), rates.count("lstm")
    if lstm == 0 and rnn > 0:
        verdict = tr("The LSTM never explodes here; the RNN does.")
    elif 0 < lstm < rnn:
        verdict = tr("The LSTM can still explode, but less often than the RNN.")
    elif lstm == rnn == 0:
        verdict = tr("Neither explodes at this threshold: lower it.")
    else:
        verdict = tr("Here the LSTM explodes at least as often as the RNN.")
    return tr("{sentence} {following}").format(sentence=lead, following=verdict)


class ExplosionPanel(PlotPanel):
    """One curve per model: the fraction of seeds that explode at each recurrent scale."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(2)
        self.threshold.setRange(0.01, 1e6)
        self.threshold.setValue(EXPLOSION_THRESHOLD)
        self.threshold.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.threshold.valueChanged.connect(lambda _v: self._rerun())
        self.threshold_label = QLabel()
        self.controls.addWidget(self.threshold_label)
        self.controls.addWidget(self.threshold)
        self.controls.addStretch(1)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.plot.setYRange(-0.02, 1.02, padding=0)
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.curves = {k: self.plot.plot(name=k.upper(), symbol="o", symbolSize=6) for k in KINDS}
        self.rates: ExplosionRates | None = None
        #: Why the sweep was refused (too slow at these sizes), else None.
        self.refused: str | None = None
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.threshold_label.setText(tr("explodes when ‖∇_θ L‖ >"))
        self.threshold.setAccessibleName(tr("explosion threshold"))
        self.plot.setLabel("left", tr("fraction of seeds that explode"))
        self.plot.setLabel("bottom", tr("recurrent scale s = σ_max of each W_hh block"))
        self._caption()
        super().retranslate()

    def _caption(self) -> None:
        if self.refused is not None:
            caption = tr("Not drawn at these sizes: {why}.").format(why=self.refused.rstrip("."))
        elif self.rates is None:
            caption = tr("Sweeping recurrent scales and seeds…")
        else:
            caption = explosion_sentence(self.rates)
        self.set_help(
            caption,
            tr(
                "Every point is a fraction of 20 models (seeds 0–19) with orthogonal recurrent "
                "blocks rescaled to the scale s, run on this screen's sequence with its hidden "
                "size and forget bias. A run explodes when the global norm of its parameter "
                "gradients ‖∇_θ L‖ (of the loss at the last step) exceeds the threshold. The "
                "LSTM's other paths pass more saturating activations (derivatives below 1) "
                "than the RNN's, so it explodes less often; gradient clipping is the "
                "practical fix when it does."
            ),
        )

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._rerun()

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor  # a sweep: no time axis

    def set_threshold(self, value: float) -> None:
        self.threshold.setValue(value)

    def _rerun(self) -> None:
        c = self.comparison
        if c is None:
            return
        request = explosion_request(c, float(self.threshold.value()))
        x = c.current_results.sequence.values
        # Until the new numbers arrive, the old ones (other settings) are not shown.
        self._clear()
        self._show_status(lambda: tr("sweeping scales and seeds…"))
        self._submit("explosion", partial(run_explosion, x, request), reports=True)

    def _clear(self) -> None:
        self.rates = self.refused = None
        for curve in self.curves.values():
            curve.setData([], [])
        self._caption()

    def _on_failed(self, key: str, message: str) -> None:
        super()._on_failed(key, message)  # the status line says why
        if key.startswith(self._key_prefix):
            self._clear()
            # The reason in the caption's width, not squeezed beside the threshold.
            self.refused = self.status.text()
            self._show_status(lambda: "")
            self._caption()
            self.plot.setVisible(False)  # empty axes would look like a result

    def _job_done(self, name: str, result: object) -> None:
        if name == "explosion" and isinstance(result, ExplosionRates):
            self.show_rates(result)

    def show_rates(self, rates: ExplosionRates) -> None:
        """Draw a finished sweep (GUI thread)."""
        self.rates = rates
        self.plot.setVisible(True)
        for kind, curve in self.curves.items():
            visible = kind in rates.norms
            curve.setVisible(visible)
            curve.setData(rates.scales, rates.rate(kind)) if visible else curve.setData([], [])
        self._caption()
        first = {k: rates.first_scale(k) for k in rates.kinds}
        self._show_status(
            lambda: " · ".join(
                tr("{k}: half the seeds explode (s ≥ {s:.2f})").format(k=k.upper(), s=s)
                if s is not None
                else tr("{k}: never half the seeds").format(k=k.upper())
                for k, s in first.items()
            )
        )
        self.plot.setXRange(float(np.min(rates.scales)), float(np.max(rates.scales)))

    def _apply_theme(self) -> None:
        t = self.theme
        for kind, curve in self.curves.items():
            c = t.model_color(kind)
            curve.setPen(pen(c, 2.4))
            curve.setSymbolBrush(pg.mkColor(c))
            curve.setSymbolPen(pg.mkPen(t.background))
        style_legend(self.legend, t)
