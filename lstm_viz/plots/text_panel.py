"""The Text panel: the text coloured by one unit, as Karpathy et al. and LSTMVis show it.

Each token's background is the chosen unit's value at that step (c, h or a gate;
blue negative, red positive). Clicking a token moves the cursor there; clicking a
unit in the strip (the units at the cursor's step) or Up/Down walks the units;
selecting a span ranks the units whose pattern switches there
(:func:`lstm_viz.state.text_view.rank_units`), and a ranked unit is one click away.

During a what-if (:mod:`lstm_viz.state.whatif`) the original is shown faint beside
the edit: each replaced token struck through before its replacement, the original
prediction after the new one, and the original units in the strip's lower row.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QTextBrowser, QTextEdit, QWidget

from ..state.comparison import Comparison
from ..state.prediction import Predictions
from ..state.results import Results
from ..state.text_view import Layout, layout, quantities, rank_units, shown_token, unit_values
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import diverging_map, lut, tr
from .worker import BackgroundRunner

#: More tokens than this are not written out (the panel says so): a QTextDocument of
#: 100,000 coloured spans takes seconds to lay out.
MAX_SHOWN = 6000
_SIGMOID = ("f", "i", "o", "r", "z")
#: How the original looks beside a what-if's edit.
_FAINT = "#9a9a9a"


class TextPanel(PlotPanel):
    """The tokens of a text sequence coloured by one unit of the current model.

    Signals
    -------
    stepClicked(int)
        A token was clicked: its step, 0-based.
    """

    stepClicked = Signal(int)

    def __init__(self, runner: BackgroundRunner | None = None, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.quantity = QComboBox()
        self.unit = QSpinBox()
        self.unit.setMinimum(0)
        self.quantity_label, self.unit_label = QLabel(), QLabel()
        for w in (self.quantity_label, self.quantity, self.unit_label, self.unit):
            self.controls.addWidget(w)
        self.strip_plot = pg.PlotItem()
        self.strip_plot.setMenuEnabled(False)
        self.strip_plot.setMouseEnabled(x=False, y=False)
        self.strip_plot.hideAxis("left")
        self.strip_plot.hideButtons()
        self.strip = pg.ImageItem()
        self.strip_plot.addItem(self.strip)
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#f28e2b", width=2))
        self.strip_plot.addItem(self.marker, ignoreBounds=True)
        self.graphics.addItem(self.strip_plot)
        self.graphics.setMaximumHeight(70)
        self.graphics.scene().sigMouseClicked.connect(self._strip_clicked)
        self.browser = QTextBrowser()
        self.browser.setObjectName("textPanelText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.viewport().installEventFilter(self)
        self.browser.installEventFilter(self)
        self.ranking = QLabel()
        self.ranking.setWordWrap(True)
        self.ranking.setTextFormat(Qt.TextFormat.RichText)
        self.ranking.linkActivated.connect(lambda link: self.unit.setValue(int(link[2:])))
        self.prediction = QLabel()
        self.prediction.setObjectName("textPanelPrediction")
        self.prediction.setTextFormat(Qt.TextFormat.RichText)
        self.prediction.setWordWrap(True)  # the original's line wraps, never widens the dock
        outer = self.layout()
        outer.addWidget(self.prediction)
        outer.addWidget(self.browser, 4)
        outer.addWidget(self.ranking)
        self._results = None
        self._original: Results | None = None
        self._original_values: np.ndarray | None = None
        self._layout: Layout | None = None
        self._values: np.ndarray | None = None
        self._selection: tuple[int, int] | None = None
        self._separator = ""
        self.quantity.activated.connect(lambda _i: self._redraw())
        self.unit.valueChanged.connect(lambda _v: self._redraw())
        self.retranslate()

    # -- the API the window uses ---------------------------------------------

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        r = comparison[comparison.current]
        self._results = r
        names = quantities(r.trace)
        chosen = self.quantity.currentData() or "c"
        self.quantity.clear()
        for name in names:
            self.quantity.addItem(name, name)
        self.quantity.setCurrentIndex(max(0, self.quantity.findData(chosen)))
        units = r.model.hidden_size
        self.unit.setMaximum(units - 1)
        # Unit u fills [u, u + 1]: label the middles, a readable number of them.
        every = next((n for n in (1, 2, 5, 10, 20, 50) if units / n <= 16), 100)
        ticks = [(u + 0.5, str(u)) for u in range(0, units, every)]
        self.strip_plot.getAxis("bottom").setTicks([ticks, []])
        labels = r.sequence.step_labels
        words = r.text is not None and r.settings.tokenizer == "words"
        self._separator = " " if words else ""
        self._layout = layout(labels[:MAX_SHOWN], self._separator) if labels else None
        self._selection = None
        self._redraw()

    def add_row(self, widget: QWidget) -> None:
        """A row of controls above the prediction line (the window's what-if bar)."""
        outer = self.layout()
        outer.insertWidget(outer.indexOf(self.prediction), widget)

    def set_original(self, original: Results | None) -> None:
        """Show ``original`` faint beside the current (edited) results; ``None``: no edit."""
        self._original = original
        self._redraw()

    def set_cursor(self, cursor: Cursor) -> None:
        moved = cursor.t != self.cursor.t
        self.cursor = cursor
        # Stages and phases within a step change nothing here; a hidden panel catches
        # up when it is shown (showEvent), so playback costs it nothing meanwhile.
        if moved and self.isVisible():
            self._show_cursor()

    def showEvent(self, event: QShowEvent) -> None:
        self._show_cursor()
        super().showEvent(event)

    # -- drawing ------------------------------------------------------------------

    def _scaled(self, results: Results | None) -> np.ndarray | None:
        """The chosen quantity of every unit, in [-1, 1] for the colours."""
        if results is None:
            return None
        name = self.quantity.currentData() or "h"
        if name not in quantities(results.trace):
            return None
        values = np.asarray(unit_values(results.trace, name), dtype=np.float64)
        if name in _SIGMOID:
            return 2.0 * values - 1.0
        if name == "c":
            top = np.max(np.abs(values), axis=0)
            return values / np.where(top > 0, top, 1.0)
        return values

    def _redraw(self) -> None:
        self._values = self._scaled(self._results)
        original = self._original
        if (
            original is not None
            and self._results is not None
            and (original.steps != self._results.steps or original.kind != self._results.kind)
        ):
            original = self._original = None
        self._original_values = self._scaled(original)
        if self._results is None or self._values is None:
            return
        table = lut(diverging_map(self.theme))
        self.strip.setLookupTable(table)
        self._show_text(table)
        self._show_ranking()
        self._show_cursor()

    def _show_text(self, table: np.ndarray) -> None:
        if self._layout is None or self._values is None:
            self.browser.setPlainText(
                tr("This sequence has no tokens: choose a text sequence to colour it here.")
            )
            return
        unit = min(self.unit.value(), self._values.shape[1] - 1)
        column = self._values[: len(self._layout.starts), unit]
        index = np.clip(np.round((column + 1.0) * 127.5), 0, 255).astype(int)
        parts = []
        labels = self._results.sequence.step_labels
        before = self._original.sequence.step_labels if self._original is not None else ()
        for t, i in enumerate(index):
            r, g, b = (int(v) for v in table[i][:3])
            ink = "#ffffff" if abs(column[t]) > 0.6 else "#000000"
            token = html.escape(labels[t])
            if before and before[t] != labels[t]:
                was = html.escape(before[t])
                parts.append(f'<s style="color:{_FAINT}">{was}</s>')
            parts.append(
                f'<a href="t:{t}" style="background-color:#{r:02x}{g:02x}{b:02x};'
                f'color:{ink};text-decoration:none">{token}</a>'
            )
        body = self._separator.join(parts)
        self.browser.setHtml(
            f'<pre style="white-space:pre-wrap;font-family:monospace">{body}</pre>'
        )
        shown, steps = len(self._layout.starts), self._results.steps
        quantity, unit_name = self.quantity.currentData(), self.unit.value()
        more = (
            tr(" (the first {shown} of {steps} tokens)").format(shown=shown, steps=steps)
            if shown < steps
            else ""
        )
        self._show_status(
            lambda: (
                tr("unit {unit}: {quantity} on every token").format(
                    unit=unit_name, quantity=quantity
                )
                + more
            )
        )

    def _show_cursor(self) -> None:
        if self._values is None or self._results is None:
            return
        t = min(self.cursor.t, self._values.shape[0] - 1)
        self._show_prediction(t)
        rows = self._values[t][:, None]
        if self._original_values is not None:
            # The original's units in a lower row, pulled towards 0 (white): faint.
            faint = 0.4 * self._original_values[min(t, len(self._original_values) - 1)]
            rows = np.concatenate([faint[:, None], rows], axis=1)
        self.strip.setImage(rows, levels=(-1.0, 1.0), autoLevels=False)
        self.marker.setValue(self.unit.value() + 0.5)
        if self._layout is None or t >= len(self._layout.starts):
            self.browser.setExtraSelections([])
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(self._layout.starts[t]))
        cursor.setPosition(int(self._layout.stops[t]), QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(QColor("#f28e2b"))
        fmt.setFontWeight(700)
        mark.format = fmt
        self.browser.setExtraSelections([mark])
        # Keep the cursor's token in sight (without touching the user's selection).
        rect = self.browser.cursorRect(cursor)
        bar = self.browser.verticalScrollBar()
        if not self.browser.viewport().rect().contains(rect.center()):
            bar.setValue(bar.value() + rect.top() - self.browser.viewport().height() // 3)

    def _show_prediction(self, t: int) -> None:
        """The read-out head's top classes at step ``t`` (empty without a head)."""
        try:
            predictions = self._results.predictions if self._results is not None else None
        except ValueError:  # labels that do not fit: the settings dock says so
            predictions = None
        if predictions is None:
            self.prediction.setText("")
            return
        labels = self._results.sequence.step_labels
        token = shown_token(labels[t]) if labels else ""
        line = html.escape(
            tr("step {step} · {token}: the model predicts {said}").format(
                step=t + 1, token=token, said=_said(predictions, t)
            )
        )
        try:
            before = self._original.predictions if self._original is not None else None
        except ValueError:
            before = None
        if before is not None:
            was = tr("originally {said}").format(said=_said(before, t))
            line += f'&nbsp;&nbsp;&nbsp;<span style="color:{_FAINT}">{html.escape(was)}</span>'
        self.prediction.setText(line)

    def _show_ranking(self) -> None:
        if self._selection is None or self._values is None:
            self.ranking.setText(
                tr("Select a span of the text to rank the units that switch there.")
            )
            return
        start, stop = self._selection
        ranked = rank_units(self._values, start, stop)[:6]
        if not ranked:
            self.ranking.setText(tr("Select part of the text, not all of it."))
            return
        units = ", ".join(f'<a href="u:{u}">{u}</a> ({score:+.2f})' for u, score in ranked)
        self.ranking.setText(
            tr("Units that switch on steps {first}–{last}: {units}").format(
                first=start + 1, last=stop, units=units
            )
        )

    # -- input ----------------------------------------------------------------------

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("t:"):
            self.stepClicked.emit(int(text[2:]))

    def _strip_clicked(self, event) -> None:
        point = self.strip_plot.vb.mapSceneToView(event.scenePos())
        if self._values is not None and 0 <= point.x() < self._values.shape[1]:
            self.unit.setValue(int(point.x()))

    def select_steps(self, start: int, stop: int) -> None:
        """Rank the units on the steps ``start … stop − 1`` (what a text selection does)."""
        self._selection = (start, stop)
        self._show_ranking()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and self._layout is not None:
            c = self.browser.textCursor()
            if c.hasSelection():
                self.select_steps(*self._layout.steps_of(c.selectionStart(), c.selectionEnd()))
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step is not None:
                self.unit.setValue(self.unit.value() + step)
                return True
        return super().eventFilter(watched, event)

    # -- language and theme -----------------------------------------------------

    def _apply_theme(self) -> None:
        self._redraw()

    def retranslate(self) -> None:
        self.set_help(
            tr("The text coloured by one unit: red where it is positive, blue where negative."),
            tr(
                "Each token's background is the chosen unit's value at that step (the cell "
                "state c scaled by its largest size on this text). Click a token to move the "
                "cursor there; click a unit in the strip or press Up/Down to walk the units; "
                "select a span to rank the units whose value switches there: (mean inside − "
                "mean just outside) / spread over the text."
            ),
        )
        self.quantity_label.setText(tr("colour by"))
        self.unit_label.setText(tr("unit"))
        self._show_ranking()
        self._redraw()  # the text's own message and the prediction line, said again
        super().retranslate()


def _said(predictions: Predictions, t: int) -> str:
    """The top classes (a regressor: the value) at step ``t``, as the prediction line says."""
    if predictions.regressor:
        return f"{predictions.top(t)[0][1]:.4g}"
    return "   ".join(f"{shown_token(label)} {p:.0%}" for label, p in predictions.top(t, 5))
