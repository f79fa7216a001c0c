"""Gradient norm against distance: how much of a signal at the last step reaches step t."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ..i18n import error_text
from ..state.comparison import Comparison
from ..state.plot_data import XAxis, cursor_x, format_value, x_positions
from ..state.settings import MODEL_KINDS
from ..state.timeline import Cursor
from ._logcurve import EdgeLabels, LogCurve, edges_of
from ._panel import PlotPanel
from ._style import outside_legend, pen, style_legend, tr
from .worker import BackgroundRunner

CURRENT_WIDTH, OTHER_WIDTH, OTHER_ALPHA = 3.2, 1.6, 150


class GradientPanel(PlotPanel):
    """``‖∂L/∂h_t‖`` for a loss on the last step, one curve per model, log y.

    Reads ``comparison[kind].diagnostics.loss_grad`` for every kind; the
    current model's curve is drawn thicker and on top. Kinds still pending (a
    settings change shows the current model first) keep their legend row and get
    their curve when the complete comparison comes; the status line says they are
    computing.
    """

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.axis_mode: XAxis = "distance"
        self.axis_box = QComboBox()
        self.axis_box.addItem("", "distance")
        self.axis_box.addItem("", "step")
        self.axis_box.currentIndexChanged.connect(self._axis_changed)
        self.axis_label = QLabel()
        self.controls.addWidget(self.axis_label)
        self.controls.addWidget(self.axis_box)
        self.controls.addStretch(1)

        self.plot: pg.PlotItem = self.graphics.addPlot()
        self.plot.setLogMode(x=False, y=True)
        self.plot.showGrid(x=False, y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.legend = outside_legend(self.graphics, self.plot)
        self.curves = {k: LogCurve(self.plot, k.upper()) for k in MODEL_KINDS}
        self.edge_labels = EdgeLabels(self.plot)
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.cursor_line.setZValue(40)
        self.hover_line = pg.InfiniteLine(angle=90, movable=False)
        self.hover_text = pg.TextItem(anchor=(0, 0))
        for item in (self.cursor_line, self.hover_line, self.hover_text):
            self.plot.addItem(item, ignoreBounds=True)
        self.hover_line.hide()
        self.hover_text.hide()
        self.hover_text.setZValue(60)
        self.graphics.scene().sigMouseMoved.connect(self._mouse_moved)
        self.step_axis = self.track_steps(self.plot, self.axis_mode)
        self._edges = (-1.0, 1.0)
        self._legend_rows: list[str] = []  # the kinds the legend lists, in its order
        self._hover: tuple[float, float] | None = None
        self.retranslate()
        self.set_theme("light")

    def retranslate(self) -> None:
        self.set_help(
            tr(
                "How much of a signal at the last step reaches each earlier step. "
                "The RNN's curve drops like a stone (vanishing gradient); "
                "the LSTM's falls far more slowly."
            ),
            tr(
                "Backpropagation through time carries ∂L/∂h from the last step T back to every "
                "earlier step t. The loss here is L = Σ h_T / √H, so the gradient at T has "
                "norm 1 and each point reads as 'the fraction of a unit signal that reaches t'.\n\n"
                "A plain RNN multiplies by the recurrent Jacobian (W_hh and the tanh slope) once "
                "per step, so its curve falls roughly geometrically with distance: on a log axis, "
                "a straight line down. The LSTM's cell state is updated additively and only "
                "multiplied by the forget gates, so its gradient survives much longer.\n\n"
                "▲ marks a value that overflowed (inf/NaN), ▼ one that is exactly 0 "
                "(underflow or saturated gates): a log axis cannot show either."
            ),
        )
        self.axis_label.setText(tr("x axis:"))
        blocked = self.axis_box.blockSignals(True)
        self.axis_box.setItemText(0, tr("distance T − t"))
        self.axis_box.setItemText(1, tr("step t"))
        self.axis_box.blockSignals(blocked)
        self.plot.setLabel("left", tr("‖∂L/∂h_t‖"))
        self._label_x_axis()
        self.edge_labels.retranslate()
        if self.comparison is not None:
            self._fill_legend()
        if self._hover is not None and self.hover_text.isVisible():
            self.hover_at(*self._hover)
        super().retranslate()

    # -- API ------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison) -> None:
        """Redraw every model's curve from ``comparison`` (no engine work but loss_grad).

        A pending kind's curve is empty (never the old settings' line) until a
        complete comparison is set; its loss gradient was computed with it.
        """
        self.comparison = comparison
        values = {k: comparison[k].diagnostics.loss_grad for k in comparison}
        self._edges = edges_of(list(values.values()))
        steps = comparison.current_results.steps
        x = x_positions(steps, self.axis_mode)
        for kind, curve in self.curves.items():
            if kind in values:
                curve.set_data(
                    x_positions(values[kind].shape[0], self.axis_mode), values[kind], self._edges
                )
            else:
                curve.clear()
            # A pending kind keeps its (empty) curve, so its legend row keeps its place.
            curve.set_visible(kind in values or kind in comparison.pending)
        self._fill_legend()
        self.edge_labels.update(list(self.curves.values()), self._edges, float(x.min()))
        self._restyle()
        self.plot.enableAutoRange()
        self.set_cursor(self.cursor)
        self._show_status(
            partial(
                self._summary,
                values,
                steps,
                comparison.pending,
                comparison.missing_kinds,
                comparison.others_missing_reason,
                comparison.others_missing_error,
            )
        )

    def set_cursor(self, cursor: Cursor) -> None:
        """Move the vertical line to the playback step."""
        self.cursor = cursor
        if self.comparison is None:
            return
        steps = self.comparison.current_results.steps
        self.cursor_line.setValue(cursor_x(cursor.t, steps, self.axis_mode))
        # Backward playback draws the shown model's curve point by point as the
        # gradient reaches each step (steps t … T so far); forward shows it all.
        current = self.curves[self.comparison.current]
        current.reveal(slice(cursor.t, None) if cursor.backward else slice(None))

    def set_axis(self, mode: XAxis) -> None:
        """``"distance"`` (T − t) or ``"step"`` (t) on the x axis."""
        self.axis_box.setCurrentIndex(self.axis_box.findData(mode))

    # -- internals -----------------------------------------------------------------

    def _axis_changed(self) -> None:
        self.axis_mode = self.axis_box.currentData()
        self.step_axis.set_axis(self.axis_mode)
        self._label_x_axis()
        if self.comparison is not None:
            self.set_comparison(self.comparison)

    def _label_x_axis(self) -> None:
        text = (
            tr("distance T − t from the loss (steps)")
            if self.axis_mode == "distance"
            else tr("step t")
        )
        self.plot.setLabel("bottom", text)

    def _fill_legend(self) -> None:
        """One legend entry per model of :attr:`comparison` (pending ones too), the
        current model first, the others in ``MODEL_KINDS`` order: the rows stay put
        when the pending kinds arrive."""
        comparison = self.comparison
        assert comparison is not None
        shown = comparison.current
        listed = [k for k in MODEL_KINDS if k in comparison.results or k in comparison.pending]
        rows = [(k, self._legend_label(k)) for k in (shown, *(k for k in listed if k != shown))]
        if [kind for kind, _ in rows] == self._legend_rows:
            for kind, label in rows:  # the same rows: only their words change
                self.curves[kind].set_name(label)
            return
        for curve in self.curves.values():
            self.legend.removeItem(curve.curve)
        for kind, label in rows:
            self.legend.addItem(self.curves[kind].curve, label)
        self._legend_rows = [kind for kind, _ in rows]

    def _legend_label(self, kind: str) -> str:
        comparison = self.comparison
        assert comparison is not None
        if kind == comparison.current:
            return tr("{model} (shown)").format(model=kind.upper())
        # A pending kind is labelled as it will be (the status line says it is computing):
        # a longer label could reflow the legend's columns when it arrives.
        if comparison.from_file:
            # With a weight file only the shown model is trained; say the others aren't.
            return tr("{model} (untrained, seed {seed})").format(
                model=kind.upper(), seed=comparison.settings.seed
            )
        return kind.upper()

    def _summary(
        self,
        values: dict[str, np.ndarray],
        steps: int,
        pending: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        reason: str | None = None,
        error: Exception | None = None,
    ) -> str:
        parts = [f"{k.upper()} {tr(format_value(float(v[0])))}" for k, v in values.items()]
        text = tr("Signal left after {n} steps back: {values}").format(
            n=steps - 1, values=" · ".join(parts)
        )
        names = ", ".join(k.upper() for k in (pending or missing))
        if pending:
            text += " · " + tr("{models}: computing…").format(models=names)
        elif missing and reason:
            if isinstance(error, ValueError):  # said in the language of the moment
                reason = error_text(error)
            text += " · " + tr("{models} not shown: {reason}").format(models=names, reason=reason)
        return text

    def _restyle(self) -> None:
        t = self.theme
        current = self.comparison.current if self.comparison else "lstm"
        for kind, curve in self.curves.items():
            main = kind == current
            curve.set_style(
                t.model_color(kind),
                t,
                CURRENT_WIDTH if main else OTHER_WIDTH,
                255 if main else OTHER_ALPHA,
            )
            curve.set_z(20 if main else 10)

    def _apply_theme(self) -> None:
        t = self.theme
        self._restyle()
        self.cursor_line.setPen(pen(t.text, 1.2, 200, Qt.PenStyle.DashLine))
        self.hover_line.setPen(pen(t.muted, 1.0, 160, Qt.PenStyle.DotLine))
        self.hover_text.fill = pg.mkBrush(t.caption_fill)
        self.hover_text.border = pg.mkPen(t.muted)
        self.hover_text.setColor(t.text)
        style_legend(self.legend, t)
        self.edge_labels.set_theme(t)

    def _mouse_moved(self, pos: QPointF) -> None:
        if self.comparison is None or not self.plot.sceneBoundingRect().contains(pos):
            self.hover_line.hide()
            self.hover_text.hide()
            return
        p = self.plot.vb.mapSceneToView(pos)
        self.hover_at(p.x(), p.y())

    def hover_at(self, x: float, y_log: float) -> str:
        """Show the values of every curve at the step nearest ``x``; returns the text."""
        assert self.comparison is not None
        self._hover = (x, y_log)
        steps = self.comparison.current_results.steps
        xs = x_positions(steps, self.axis_mode)
        i = int(np.argmin(np.abs(xs - x)))
        t = i + 1
        lines = [tr("step t = {t}, distance T − t = {d}").format(t=t, d=steps - t)]
        for kind, curve in self.curves.items():
            if curve.y.size > i:
                lines.append(f"{kind.upper()}: {tr(format_value(float(curve.y[i])))}")
        text = "\n".join(lines)
        self.hover_text.setText(text)
        self.hover_text.setPos(float(xs[i]), y_log)
        # Keep the label inside the view: flip to the left half past the middle.
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        ax = 1.05 if xs[i] > (x0 + x1) / 2 else -0.05
        ay = 1.0 if y_log < (y0 + y1) / 2 else 0.0
        self.hover_text.setAnchor((ax, ay))
        self.hover_line.setValue(float(xs[i]))
        self.hover_line.show()
        self.hover_text.show()
        return text
