"""Live training curves: loss and gradient norm per model, on log axes.

Fed with the engine's per-iteration history (``Trainer.history``); draws, never
computes. Iteration i (1-based) is history entry i − 1. The loss plot has the
trivial predictor's loss as a dashed, labelled line; the gradient-norm plot has
the clipping threshold and a small mark at every iteration where clipping
fired, on the raw (pre-clipping) norm. Titles, axis labels and line labels follow
the language at run time (:meth:`TrainingPlots.retranslate`); the reference
line's label comes from the owner (:meth:`TrainingPlots.set_reference`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..i18n import tr
from ._logcurve import EdgeLabels, LogCurve, edges_of
from ._style import LIGHT, PlotTheme, get_theme, pen, style_plot

__all__ = ["KINDS", "RUNS", "UNCLIPPED", "TrainingPlots", "run_kind", "run_name"]

KINDS = ("rnn", "lstm", "gru")
_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
#: A run trained without clipping beside its clipped twin is named ``kind + UNCLIPPED``.
UNCLIPPED = "/unclipped"
#: Every run the dock can show: each model, and each model again without clipping.
RUNS = (*KINDS, *(k + UNCLIPPED for k in KINDS))


def run_kind(run: str) -> str:
    """``"lstm/unclipped"`` → ``"lstm"``: the model a run trains."""
    return run.removesuffix(UNCLIPPED)


def run_name(run: str) -> str:
    """How the dock names a run: ``"LSTM"``, or ``"LSTM, no clipping"`` (translated)."""
    name = _NAMES[run_kind(run)]
    return tr("{model}, no clipping").format(model=name) if run.endswith(UNCLIPPED) else name


class TrainingPlots(QWidget):
    """Two stacked log-y plots sharing the iteration axis: loss, and ‖∇_θ L‖.

    Attributes (read by tests)
    --------------------------
    loss, grad : dict[kind, LogCurve]
        The curves; ``.curve.getOriginalDataset()`` is the engine's data.
    clip_marks : dict[kind, PlotDataItem]
        One symbol per iteration where clipping fired.
    trivial_line, clip_line : InfiniteLine
        The trivial predictor's loss and the clipping threshold.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: PlotTheme = LIGHT
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 8, 2)
        self.graphics.ci.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

        self.loss_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.grad_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=0)
        for plot in (self.loss_plot, self.grad_plot):
            plot.setLogMode(x=False, y=True)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setMenuEnabled(False)
            plot.getAxis("left").setWidth(54)
        self.grad_plot.setXLink(self.loss_plot)

        self.loss = {k: LogCurve(self.loss_plot, run_name(k)) for k in RUNS}
        self.grad = {k: LogCurve(self.grad_plot) for k in RUNS}
        for curve in (*self.loss.values(), *self.grad.values()):
            # ~1 point per pixel, each the mean of the iterations under it: a noisy
            # per-iteration loss reads as its trend, and a redraw stays cheap.
            curve.curve.opts["autoDownsampleFactor"] = 1.0
            curve.curve.setDownsampling(auto=True, method="mean")
            curve.curve.setClipToView(True)
        self.clip_marks = {k: pg.PlotDataItem(pen=None, symbol="o", symbolSize=4) for k in RUNS}
        for k in RUNS:
            self.grad_plot.addItem(self.clip_marks[k])
            self.clip_marks[k].setZValue(5)
        self.loss_edges = EdgeLabels(self.loss_plot)
        self.grad_edges = EdgeLabels(self.grad_plot)

        label_opts = {"position": 0.98, "anchors": [(1, 1), (1, 1)]}
        self.trivial_line = pg.InfiniteLine(angle=0, movable=False, label="", labelOpts=label_opts)
        self.clip_line = pg.InfiniteLine(angle=0, movable=False, label="", labelOpts=label_opts)
        for line in (self.trivial_line, self.clip_line):
            line.setZValue(20)
            line.label.setZValue(30)
        self.loss_plot.addItem(self.trivial_line, ignoreBounds=False)
        self.grad_plot.addItem(self.clip_line, ignoreBounds=False)
        self.trivial_line.hide()
        self.clip_line.hide()
        self.trivial_value: float | None = None
        self.clip_value: float | None = None
        self.set_models(())
        self._show_empty()
        self.set_theme("light")
        self.retranslate()

    # -- language ---------------------------------------------------------------

    def retranslate(self) -> None:
        """Titles, axis labels and line labels in the current language (data untouched)."""
        self.loss_plot.setLabel("left", tr("training loss"))
        self.grad_plot.setLabel("left", tr("gradient norm ‖∇_θ L‖"))
        self.grad_plot.setLabel("bottom", tr("iteration"))
        self.grad_plot.setTitle(
            tr("Gradient norm before clipping (log scale)"), size="10pt", color=self.theme.text
        )
        self._title()
        self._clip_label()
        for k, curve in self.loss.items():
            curve.set_name(run_name(k))
        for labels in (self.loss_edges, self.grad_edges):
            labels.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the API the dock uses ------------------------------------------------

    def set_models(self, kinds: tuple[str, ...] | list[str]) -> None:
        """Show the curves of the runs ``kinds`` only (and their legend entries)."""
        self.kinds = tuple(k for k in RUNS if k in kinds)
        for k in RUNS:
            on = k in self.kinds
            self.loss[k].set_visible(on)
            self.grad[k].set_visible(on)
            self.clip_marks[k].setVisible(on)
        self._title()

    def _title(self) -> None:
        """The loss plot's title names the models in their colours: the legend, which
        inside the plot would cover a curve wherever it sat."""
        names = " · ".join(
            f"<span style='color:{self.theme.model_color(run_kind(k))}'><b>{run_name(k)}</b></span>"
            for k in self.kinds
        )
        title = tr("Loss per iteration (log scale)")
        self.loss_plot.setTitle(f"{title}&nbsp;&nbsp;{names}", size="10pt", color=self.theme.text)

    def set_reference(self, trivial: float | None, label: str = "") -> None:
        """The trivial predictor's loss as a dashed line labelled ``label`` (None: hide)."""
        self.trivial_value = trivial
        self.trivial_line.setVisible(trivial is not None and trivial > 0)
        if trivial is not None and trivial > 0:
            self.trivial_line.setValue(np.log10(trivial))  # view coordinates: log10
            self.trivial_line.label.setFormat(label)

    def set_clip(self, threshold: float | None) -> None:
        """The clipping threshold line (None or 0: clipping off, no line)."""
        self.clip_value = threshold if threshold else None
        self.clip_line.setVisible(self.clip_value is not None)
        if self.clip_value is not None:
            self.clip_line.setValue(np.log10(self.clip_value))
        self._clip_label()

    def _clip_label(self) -> None:
        if self.clip_value is not None:
            self.clip_line.label.setFormat(tr("clip threshold {v:g}").format(v=self.clip_value))

    def set_iterations(self, iters: int) -> None:
        """Fix the iteration axis at 0 … ``iters``: the curves grow left to right."""
        self.iters = iters
        self.loss_plot.enableAutoRange(x=False)
        self.loss_plot.setXRange(0, iters, padding=0.02)

    def set_history(self, kind: str, history: dict[str, np.ndarray]) -> None:
        """Draw ``kind``'s whole history (``loss``, ``grad_norm``, ``clipped``)."""
        loss = np.asarray(history["loss"], dtype=np.float64)
        norm = np.asarray(history["grad_norm"], dtype=np.float64)
        x = np.arange(1, loss.size + 1, dtype=np.float64)
        self.loss[kind].set_data(x, loss, self._edges(self.loss, kind, loss, self.trivial_value))
        self.grad[kind].set_data(x, norm, self._edges(self.grad, kind, norm, self.clip_value))
        if self._empty and loss.size:
            self._empty = False
            for plot in (self.loss_plot, self.grad_plot):
                plot.enableAutoRange(y=True)
        fired = np.asarray(history["clipped"], dtype=bool)
        self.clip_marks[kind].setData(x[fired], norm[fired])
        self.loss_edges.update(list(self.loss.values()), self.loss[kind].edges, 1.0)
        self.grad_edges.update(list(self.grad.values()), self.grad[kind].edges, 1.0)

    def clear(self) -> None:
        for k in RUNS:
            self.loss[k].clear()
            self.grad[k].clear()
            self.clip_marks[k].setData([], [])
        self.loss_edges.update([], (-1.0, 1.0), 1.0)
        self.grad_edges.update([], (-1.0, 1.0), 1.0)
        self._show_empty()

    def _show_empty(self) -> None:
        """Decades around the reference lines until data arrives (autorange around one
        line alone crowds the minor ticks)."""
        self._empty = True
        self.loss_plot.setYRange(-4, 1, padding=0)
        self.grad_plot.setYRange(-3, 1, padding=0)

    def set_theme(self, name: str) -> None:
        """Recolour for ``"light"`` or ``"dark"``."""
        t = self.theme = get_theme(name)
        self.graphics.setBackground(t.background)
        for plot in (self.loss_plot, self.grad_plot):
            style_plot(plot, t)
        for k in RUNS:
            color = t.model_color(run_kind(k))
            dashed = k.endswith(UNCLIPPED)  # the unclipped twin: same colour, dashed
            # 1-px antialiased lines: Qt's fast path (wider ones cost ~10× per redraw,
            # and the redraw holds the GIL the training thread needs).
            self.loss[k].set_style(color, t, 1.0, dashed=dashed)
            self.grad[k].set_style(color, t, 1.0, alpha=200, dashed=dashed)
            self.clip_marks[k].setSymbolBrush(pg.mkBrush(color))
            self.clip_marks[k].setSymbolPen(pg.mkPen(t.background, width=0.5))
        self.trivial_line.setPen(pen(t.text, 1.2, 220, Qt.PenStyle.DashLine))
        fill = pg.mkBrush(t.background + "c8")
        self.trivial_line.label.setColor(t.text)
        self.trivial_line.label.fill = fill
        self.clip_line.setPen(pen(t.text, 1.2, 220, Qt.PenStyle.DotLine))
        self.clip_line.label.setColor(t.text)
        self.clip_line.label.fill = fill
        self._title()
        for labels in (self.loss_edges, self.grad_edges):
            labels.set_theme(t)

    # -- helpers ----------------------------------------------------------------

    def _edges(
        self, curves: dict[str, LogCurve], kind: str, values: np.ndarray, line: float | None
    ) -> tuple[float, float]:
        """Shared marker rows for every shown curve of a plot (and its reference line)."""
        series = [curves[k].y for k in self.kinds if k != kind] + [values]
        if line:
            series.append(np.array([line]))
        return edges_of(series)
