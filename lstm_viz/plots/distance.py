"""Near vs far: the share of ∂L/∂W_hh (or ∂L/∂W_ih) that each distance contributes."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ..engine.gradients.contributions import DistanceShares, Weight
from ..state.comparison import Comparison
from ..state.teaching import NEAR_STEPS, run_distance_shares
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import pen, style_legend, tr
from .worker import BackgroundRunner

KINDS = ("rnn", "gru", "lstm")
WEIGHTS: tuple[Weight, ...] = ("weight_hh", "weight_ih")


def near_far_sentence(shares: dict[str, DistanceShares], weight: Weight = "weight_hh") -> str:
    """The caption: what share of each model's gradient comes from the last steps."""
    parts = [
        tr("the {k}'s {p:.0%}").format(
            k=kind.upper(), p=shares[kind].near_share(NEAR_STEPS, weight)
        )
        for kind in KINDS
        if kind in shares and kind != "rnn"
    ]
    symbol = "W_hh" if weight == "weight_hh" else "W_ih"
    if "rnn" not in shares:
        return tr("Share of ‖∂L/∂{w}‖ from the last {n} steps: {rest}.").format(
            w=symbol, n=NEAR_STEPS, rest=", ".join(parts)
        )
    rnn = shares["rnn"]
    head = tr("{p:.0%} of the RNN's gradient ‖∂L/∂{w}‖ comes from the last {n} steps").format(
        p=rnn.near_share(NEAR_STEPS, weight), w=symbol, n=NEAR_STEPS
    )
    if not parts:
        return tr("{head}.").format(head=head)
    return tr("{head}; {rest}.").format(head=head, rest=", ".join(parts))


class DistancePanel(PlotPanel):
    """One curve per model: the share ``‖C_k‖ / Σ_j ‖C_j‖`` of each distance k."""

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.weight = QComboBox()
        for w in WEIGHTS:
            self.weight.addItem("", w)
        self.weight.activated.connect(lambda _i: self._draw())
        self.controls.addWidget(self.weight)
        self.controls.addStretch(1)
        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.showGrid(y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.curves = {k: self.plot.plot(name=k.upper()) for k in KINDS}
        self.near = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.near, ignoreBounds=True)
        self.track_steps(self.plot, "distance")
        self.shares: dict[str, DistanceShares] | None = None
        self.retranslate()
        self.set_theme("light")

    @property
    def chosen(self) -> Weight:
        return self.weight.currentData()

    def retranslate(self) -> None:
        self.weight.setItemText(0, tr("recurrent weights W_hh"))
        self.weight.setItemText(1, tr("input weights W_ih"))
        self.weight.setAccessibleName(tr("which weight gradient"))
        self.plot.setLabel("left", tr("share of the gradient"))
        self.plot.setLabel("bottom", tr("distance k = T − t (steps back from the loss)"))
        self._caption()
        super().retranslate()

    def _caption(self) -> None:
        caption = (
            tr("Computing how much of the gradient each distance contributes…")
            if self.shares is None
            else near_far_sentence(self.shares, self.chosen)
        )
        self.set_help(
            caption,
            tr(
                "The weights are shared by every step, so ∂L/∂W_hh = Σ_t δ_t h_{{t−1}}ᵀ is a sum "
                "with one term per step t; for the loss at the last step T, step t's term is "
                "the contribution of distance k = T − t. The curve is each term's norm divided "
                "by the sum of all the terms' norms (the shares add up to 1; the terms add up "
                "to the gradient exactly). Vanishing does not make the gradient zero: it makes "
                "the nearby terms dominate, so the model hardly learns from long-range "
                "dependencies. The dotted line marks the last {n} steps."
            ).format(n=NEAR_STEPS),
        )

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        # Until the new numbers arrive, the old ones (other settings) are not shown.
        self.shares = None
        for curve in self.curves.values():
            curve.setData([], [])
        self._caption()
        self._show_status(lambda: tr("computing the contributions…"))
        self._submit("shares", partial(run_distance_shares, comparison), reports=True)

    def set_cursor(self, cursor: Cursor) -> None:
        self.cursor = cursor  # whole-sequence sums: no time axis

    def _job_done(self, name: str, result: object) -> None:
        if name == "shares" and isinstance(result, dict):
            self.show_shares(result)

    def show_shares(self, shares: dict[str, DistanceShares]) -> None:
        """Draw finished contributions (GUI thread)."""
        self.shares = shares
        self._draw()

    def _draw(self) -> None:
        if self.shares is None:
            return
        for kind, curve in self.curves.items():
            s = self.shares.get(kind)
            curve.setVisible(s is not None)
            if s is None:
                curve.setData([], [])
                continue
            curve.setData(np.arange(s.steps, dtype=np.float64), s.shares(self.chosen))
        self.near.setValue(NEAR_STEPS - 0.5)
        self._caption()
        totals = dict(self.shares)
        weight = self.chosen
        self._show_status(
            lambda: " · ".join(
                tr("{k}: ‖∂L/∂W‖ = {v:.3g}").format(
                    k=k.upper(), v=s.total_hh if weight == "weight_hh" else s.total_ih
                )
                for k, s in totals.items()
            )
        )
        self.plot.enableAutoRange()

    def _apply_theme(self) -> None:
        t = self.theme
        for kind, curve in self.curves.items():
            curve.setPen(pen(t.model_color(kind), 2.4))
        self.near.setPen(pen(t.text, 1.2, 200, Qt.PenStyle.DotLine))
        style_legend(self.legend, t)
