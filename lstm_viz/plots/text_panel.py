"""The Text panel: the text coloured by one unit, as Karpathy et al. and LSTMVis show it.

Each token's background is the chosen unit's value at that step (c, h or a gate;
blue negative, red positive). Clicking a token moves the cursor there; clicking a
unit in the strip (the units at the cursor's step) or Up/Down walks the units;
selecting a span ranks the units whose pattern switches there
(:func:`lstm_viz.state.text_view.rank_units`), a ranked unit is one click away, and
the other places where the top units do the same are listed and underlined
(:func:`lstm_viz.state.text_view.matching_spans`). With a read-out head, "colour by"
also offers the attribution of the prediction at the cursor's step t': every token it
read (the earlier ones; all of them in a bidirectional model) coloured by ‖∂ŷ_t'/∂x_t‖
on a log scale (:mod:`lstm_viz.state.attribution`),
the strip above then its legend.

The text is written in reading order whatever the cell: a reverse direction's step
1 is the last token, and its colours, cursor and clicks are mapped to match.

During a what-if (:mod:`lstm_viz.state.whatif`) the original is shown faint beside
the edit: each replaced token struck through before its replacement, the original
prediction after the new one, and the original units in the strip's lower row.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from ..state.attribution import TokenAttribution, attribution_predictions, token_attribution
from ..state.comparison import Comparison
from ..state.results import Results
from ..state.text_view import (
    MATCH_THRESHOLD,
    Match,
    in_written_order,
    matching_spans,
    quantities,
    rank_units,
    shown_token,
    step_tokens,
    unit_values,
    written_step,
)
from ..state.timeline import Cursor
from ._panel import PlotPanel
from ._style import diverging_map, lut, tr
from ._text_parts import (
    CURSOR_COLOUR,
    FAINT,
    MATCH_UNITS,
    attribution_colours,
    attribution_status,
    diverging_colours,
    help_texts,
    legend_ticks,
    ranking_html,
    said,
)
from ._token_text import TokenText
from .worker import BackgroundRunner

#: More tokens than this are not written out (the panel says so): a QTextDocument of
#: 100,000 coloured spans takes seconds to lay out.
MAX_SHOWN = 6000
_SIGMOID = ("f", "i", "o", "r", "z")
#: "Colour by" this: the attribution of the prediction at the cursor's step.
ATTRIBUTION = "attribution"
#: The other places of a span listed, at most (the best).
MOST_PLACES = 6


class TextPanel(PlotPanel):
    """The tokens of a text sequence coloured by one unit of the current model.

    Signals
    -------
    stepClicked(int)
        A token (or a place the ranked units repeat their pattern) was clicked: its
        step, 0-based, in the shown cell's order.
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
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(CURSOR_COLOUR, width=2))
        self.strip_plot.addItem(self.marker, ignoreBounds=True)
        self.graphics.addItem(self.strip_plot)
        self.graphics.setMaximumHeight(70)
        self.graphics.scene().sigMouseClicked.connect(self._strip_clicked)
        self.browser = TokenText()
        self.browser.stepClicked.connect(self.stepClicked)
        self.browser.spanSelected.connect(self.select_steps)
        self.browser.unitStepped.connect(lambda step: self.unit.setValue(self.unit.value() + step))
        self.ranking = QLabel()
        self.ranking.setWordWrap(True)
        self.ranking.setTextFormat(Qt.TextFormat.RichText)
        self.ranking.linkActivated.connect(self._ranking_link)
        self.prediction = QLabel()
        self.prediction.setObjectName("textPanelPrediction")
        self.prediction.setTextFormat(Qt.TextFormat.RichText)
        self.prediction.setWordWrap(True)  # the original's line wraps, never widens the dock
        outer = self.layout()
        outer.addWidget(self.prediction)
        outer.addWidget(self.browser, 4)
        outer.addWidget(self.ranking)
        self._results: Results | None = None
        self._original: Results | None = None
        self._original_values: np.ndarray | None = None
        self._values: np.ndarray | None = None
        self._selection: tuple[int, int] | None = None
        self._matches: list[Match] | None = None  # None: being looked for
        self._attribution: TokenAttribution | None = None
        self._asked: int | None = None  # the step whose attribution was last asked for
        self._unit_quantity = "c"
        self._separator = ""
        self.quantity.activated.connect(lambda _i: self._redraw())
        self.unit.valueChanged.connect(lambda _v: self._redraw())
        self.retranslate()

    # -- the API the window uses ---------------------------------------------

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        r = comparison[comparison.current]
        self._results = r
        for job in ("attribution", "spans"):  # their numbers belong to the old results
            self.runner.cancel(self._key(job))
        self._attribution, self._asked = None, None
        self._selection, self._matches = None, None  # (before the unit's range may redraw)
        chosen = self.quantity.currentData() or "c"
        self.quantity.clear()
        for name in quantities(r.trace):
            self.quantity.addItem(name, name)
        if attribution_predictions(r) is not None:
            self.quantity.addItem(tr("attribution"), ATTRIBUTION)
            self._name_attribution()
        self.quantity.setCurrentIndex(max(0, self.quantity.findData(chosen)))
        self.unit.setMaximum(r.model.hidden_size - 1)
        words = r.text is not None and r.settings.tokenizer == "words"
        self._separator = " " if words else ""
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

    @property
    def attributing(self) -> bool:
        """Whether the tokens show the attribution of the prediction at the cursor."""
        return self.quantity.currentData() == ATTRIBUTION

    # -- drawing ------------------------------------------------------------------

    def _scaled(self, results: Results | None) -> np.ndarray | None:
        """The chosen unit quantity of every unit, in [-1, 1] for the colours."""
        if results is None:
            return None
        names = quantities(results.trace)
        name = self._unit_quantity if self._unit_quantity in names else names[0]
        values = np.asarray(unit_values(results.trace, name), dtype=np.float64)
        if name in _SIGMOID:
            return 2.0 * values - 1.0
        if name == "c":
            top = np.max(np.abs(values), axis=0)
            return values / np.where(top > 0, top, 1.0)
        return values

    def _step(self) -> int:
        """The cursor's step, within the results."""
        return min(self.cursor.t, self._results.steps - 1) if self._results is not None else 0

    def _redraw(self) -> None:
        if self._results is None:
            return
        chosen = self.quantity.currentData()
        if chosen is not None and chosen != ATTRIBUTION:
            self._unit_quantity = chosen
        values = self._values
        self._values = self._scaled(self._results)
        if self._selection is not None and not _same(values, self._values):
            self.select_steps(*self._selection)  # its ranking and places, for these values
        original = self._original
        if original is not None and (
            original.steps != self._results.steps or original.kind != self._results.kind
        ):
            original = self._original = None
        self._original_values = self._scaled(original)
        for w in (self.unit, self.unit_label, self.marker):
            w.setVisible(not self.attributing)
        self.set_help(*help_texts(self.attributing))
        if self.attributing:
            self._show_legend()
        else:
            self._label_units()
        self._show_text()
        self._show_ranking()
        self._show_cursor()

    def _show_text(self) -> None:
        r = self._results
        assert r is not None and self._values is not None
        labels = r.sequence.step_labels  # in reading order, whatever the cell's
        if not labels:
            self.browser.show_message(
                tr("This sequence has no tokens: choose a text sequence to colour it here.")
            )
            return
        shown, steps, direction = min(len(labels), MAX_SHOWN), r.steps, r.direction
        before = self._original.sequence.step_labels if self._original is not None else ()
        struck = [before[p] if before and before[p] != labels[p] else "" for p in range(shown)]
        table = lut(diverging_map(self.theme))
        found = self._attribution
        ink = self.theme.text
        if self.attributing:
            ink = self.theme.later  # the tokens the prediction has not read
            backgrounds = (
                attribution_colours(found, shown, table, self.theme.nonfinite)
                if found is not None and found.step == self._step()
                else [None] * shown
            )
        else:
            unit = min(self.unit.value(), self._values.shape[1] - 1)
            column = in_written_order(self._values[:, unit], direction)[:shown]
            backgrounds = diverging_colours(column, table)
        self.browser.show_tokens(
            labels[:shown], backgrounds, struck, self._separator, ink, steps, direction
        )
        more = (
            tr(" (the first {shown} of {steps} tokens)").format(shown=shown, steps=steps)
            if shown < steps
            else ""
        )
        self._show_status(self._status_line(more))

    def _status_line(self, more: str) -> Callable[[], str]:
        """What the colours mean, as a function (said again in a new language)."""
        if self.attributing:
            return partial(attribution_status, self._attribution, self._step(), more)
        quantity, unit = self._unit_quantity, self.unit.value()
        return lambda: (
            tr("unit {unit}: {quantity} on every token").format(unit=unit, quantity=quantity) + more
        )

    def _label_units(self) -> None:
        """The strip's axis in unit mode: unit u fills [u, u + 1], the middles labelled."""
        units = self._results.model.hidden_size
        every = next((n for n in (1, 2, 5, 10, 20, 50) if units / n <= 16), 100)
        ticks = [(u + 0.5, str(u)) for u in range(0, units, every)]
        self.strip_plot.getAxis("bottom").setTicks([ticks, []])
        self.strip_plot.enableAutoRange(axis="x")

    def _show_legend(self) -> None:
        """The strip as the attribution's colour scale, its ticks the real norms."""
        self.strip.setLookupTable(lut(diverging_map(self.theme)))
        self.strip.setImage(np.linspace(0.0, 1.0, 128)[:, None], levels=(-1.0, 1.0))
        found = self._attribution
        low, high = (found.low, found.high) if found is not None else (0.0, 1.0)
        width = high - low if high > low else 1.0
        self.strip.setRect(QRectF(low, 0.0, width, 1.0))
        ticks = legend_ticks(low, high) if found is not None else []
        self.strip_plot.getAxis("bottom").setTicks([ticks, []])
        room = 0.1 * width  # for the end labels, centred on the ends
        self.strip_plot.setXRange(low - room, low + width + room, padding=0)

    def _show_cursor(self) -> None:
        if self._values is None or self._results is None:
            return
        t = self._step()
        self._show_prediction(t)
        if self.attributing:
            self._ask_attribution(t)
        else:
            rows = self._values[t][:, None]
            if self._original_values is not None:
                # The original's units in a lower row, pulled towards 0 (white): faint.
                faint = 0.4 * self._original_values[min(t, len(self._original_values) - 1)]
                rows = np.concatenate([faint[:, None], rows], axis=1)
            self.strip.setLookupTable(lut(diverging_map(self.theme)))
            self.strip.setImage(rows, levels=(-1.0, 1.0), autoLevels=False)
            self.strip.setRect(QRectF(0.0, 0.0, rows.shape[0], rows.shape[1]))
            self.marker.setValue(self.unit.value() + 0.5)
        self._show_marks(t)

    def _ask_attribution(self, t: int) -> None:
        """Compute the attribution of the prediction at ``t`` in the background, once."""
        found = self._attribution
        if found is not None and found.step == t:
            if self._asked != t:  # back where it was: what was asked since is not needed
                self.runner.cancel(self._key("attribution"))
                self._asked = t
            return
        if self._asked == t:
            return
        self._asked = t
        self._show_status(self._status_line(""))
        self._submit("attribution", partial(token_attribution, self._results, t))

    def _show_marks(self, t: int) -> None:
        """The cursor's token and the ranked units' other places, marked in the text."""
        spans = [] if self.attributing else [(m.start, m.stop) for m in self._matches or ()]
        self.browser.show_marks(t, spans, self.theme.text)

    def _show_prediction(self, t: int) -> None:
        """The read-out head's top classes at step ``t`` (empty without a head)."""
        try:
            predictions = self._results.predictions if self._results is not None else None
        except ValueError:  # labels that do not fit: the settings dock says so
            predictions = None
        if predictions is None:
            self.prediction.setText("")
            return
        tokens = step_tokens(self._results)  # the cell's order, as t is
        token = shown_token(tokens[t]) if tokens else ""
        r = self._results
        written = written_step(t, r.steps, r.direction)  # predictions keep the text's order
        line = html.escape(
            tr("step {step} · {token}: the model predicts {said}").format(
                step=t + 1, token=token, said=said(predictions, written)
            )
        )
        try:
            before = self._original.predictions if self._original is not None else None
        except ValueError:
            before = None
        if before is not None:
            was = tr("originally {said}").format(said=said(before, written))
            line += f'&nbsp;&nbsp;&nbsp;<span style="color:{FAINT}">{html.escape(was)}</span>'
        self.prediction.setText(line)

    def _show_ranking(self) -> None:
        self.ranking.setText(self._ranking_text())
        self._fit_ranking()

    def _ranking_text(self) -> str:
        if self.attributing and self._results is not None:
            return tr("Colour by c, h or a gate to rank the units on a span.")
        if self._selection is None or self._values is None:
            return tr("Select a span of the text to rank the units that switch there.")
        start, stop = self._selection
        ranked = rank_units(self._values, start, stop)[:5]
        if not ranked:
            return tr("Select part of the text, not all of it.")
        return ranking_html(start, stop, ranked, self._matches, self.theme.link)

    def _fit_ranking(self) -> None:
        """Room for every line of the ranking: a short dock shortens the text above it."""
        width = self.ranking.width() or self.width()
        self.ranking.setMinimumHeight(self.ranking.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_ranking()

    def _job_done(self, name: str, result: object) -> None:
        if name == "attribution" and isinstance(result, TokenAttribution):
            self._attribution = result
            if self.attributing:
                self._show_legend()
                self._show_text()
                self._show_marks(self._step())
        elif name == "spans" and isinstance(result, list):
            self._matches = result
            self._show_ranking()
            self._show_marks(self._step())

    # -- input ----------------------------------------------------------------------

    def _ranking_link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if kind == "u":
            self.unit.setValue(int(number))
        elif kind == "s":
            self.stepClicked.emit(int(number))

    def _strip_clicked(self, event) -> None:
        if self.attributing:
            return  # the strip is the colour scale
        point = self.strip_plot.vb.mapSceneToView(event.scenePos())
        if self._values is not None and 0 <= point.x() < self._values.shape[1]:
            self.unit.setValue(int(point.x()))

    def select_steps(self, start: int, stop: int) -> None:
        """Rank the units on the steps ``start … stop − 1`` (the cell's order) and look for
        the other places where the best of them do the same (what a text selection does)."""
        self._selection = (start, stop)
        self._matches = None
        self._show_ranking()
        if self._values is None:
            return
        top = [u for u, _ in rank_units(self._values, start, stop)[:MATCH_UNITS]]
        if top:
            self._submit(
                "spans",
                partial(
                    matching_spans, self._values, start, stop, top, MATCH_THRESHOLD, MOST_PLACES
                ),
            )

    # -- language and theme -----------------------------------------------------

    def _name_attribution(self) -> None:
        index = self.quantity.findData(ATTRIBUTION)
        if index >= 0:
            self.quantity.setItemText(index, tr("attribution"))
            tip = tr("attribution of the prediction at the cursor's step t': ‖∂ŷ_t'/∂x_t‖")
            self.quantity.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

    def _apply_theme(self) -> None:
        self._redraw()

    def retranslate(self) -> None:
        self.set_help(*help_texts(self.attributing))
        self.quantity_label.setText(tr("colour by"))
        self.unit_label.setText(tr("unit"))
        self._name_attribution()
        self._show_ranking()
        self._redraw()  # the text's own message and the prediction line, said again
        super().retranslate()


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return a is not None and b is not None and a.shape == b.shape and np.array_equal(a, b)
