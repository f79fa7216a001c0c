"""The Text panel's text: the tokens in reading order, each on its colour, with marks.

Steps are in the shown cell's order (a reverse direction's step 0 reads the last
token); the text is always written in reading order, and this widget maps one to the
other (:func:`lstm_viz.state.text_view.written_step`) for clicks, selections and marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..state.text_view import Layout, layout, written_step
from ._text_parts import CURSOR_COLOUR, RGB, mark, tokens_html


class TokenText(QTextBrowser):
    """Coloured tokens; a click, a selection or Up/Down is reported as a signal.

    Signals
    -------
    stepClicked(int)
        A token was clicked: its step (the cell's order, 0-based).
    spanSelected(int, int)
        Text was selected: the steps ``start … stop − 1`` its tokens cover.
    unitStepped(int)
        Up (−1) or Down (+1) was pressed: walk the units.
    """

    stepClicked = Signal(int)
    spanSelected = Signal(int, int)
    unitStepped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textPanelText")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.token_layout: Layout | None = None
        self._steps, self._direction = 0, 0

    def show_message(self, text: str) -> None:
        """A sentence instead of tokens (a sequence without any)."""
        self.token_layout = None
        self.setPlainText(text)

    def show_tokens(
        self,
        tokens: Sequence[str],
        backgrounds: Sequence[RGB | None],
        struck: Sequence[str],
        separator: str,
        ink: str,
        steps: int,
        direction: int,
    ) -> None:
        """Write ``tokens`` (reading order, the first of ``steps``) on ``backgrounds``;
        ``struck[i]``, when not empty, is a what-if's original struck out before token i."""
        self._steps, self._direction = steps, direction
        before = tuple(w + separator if w else "" for w in struck)
        self.token_layout = layout(tuple(tokens), separator, before)
        bar = self.verticalScrollBar()
        kept = bar.value()  # a new colouring keeps the reader's place in the text
        cell_steps = [written_step(p, steps, direction) for p in range(len(tokens))]
        self.setHtml(tokens_html(tokens, backgrounds, cell_steps, struck, separator, ink))
        bar.setValue(kept)

    def written_span(self, start: int, stop: int) -> tuple[int, int]:
        """The written positions of the steps ``start … stop − 1`` (the cell's order), and
        back: the mapping is its own inverse."""
        if self._direction != 1:
            return start, stop
        return self._steps - stop, self._steps - start

    def _chars(self, first: int, last: int) -> QTextCursor | None:
        """A text cursor over the written tokens ``first … last − 1``; ``None`` if not shown."""
        lay = self.token_layout
        if lay is None or first >= len(lay.starts) or last <= first:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(int(lay.starts[first]))
        end = int(lay.stops[min(last, len(lay.stops)) - 1])
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def show_marks(self, t: int, spans: Iterable[tuple[int, int]], wave: str) -> None:
        """Step ``t``'s token underlined bold, the ``spans`` (steps) underlined wavy."""
        marks = []
        for start, stop in spans:
            chars = self._chars(*self.written_span(start, stop))
            if chars is not None:
                marks.append(mark(chars, wave, wavy=True))
        p = self.written_span(t, t + 1)[0]
        cursor = self._chars(p, p + 1)
        if cursor is not None:
            marks.append(mark(cursor, CURSOR_COLOUR))
        self.setExtraSelections(marks)
        if cursor is not None:
            # Keep the cursor's token in sight (without touching the user's selection).
            rect = self.cursorRect(cursor)
            bar = self.verticalScrollBar()
            if not self.viewport().rect().contains(rect.center()):
                bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("t:"):
            self.stepClicked.emit(int(text[2:]))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        c = self.textCursor()
        if c.hasSelection() and self.token_layout is not None:
            first, last = self.token_layout.steps_of(c.selectionStart(), c.selectionEnd())
            self.spanSelected.emit(*self.written_span(first, last))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
        else:
            self.unitStepped.emit(step)
