"""The explanation panel: the current model's equations, stage by stage, with numbers.

The stage the cursor is in is highlighted and its equations carry the engine's
numbers for step t; later stages of the step are greyed (not yet computed).
The page itself is built by :mod:`lstm_viz.app.explain_html`; this widget
decides when to rebuild it (model, step, stage, theme, width) and how often.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..state.results import Results
from ..state.timeline import STAGES, Cursor
from .explain_html import MAX_UNITS_SHOWN, THEMES, page_html

__all__ = ["BESIDE_MIN_WIDTH", "MAX_UNITS_SHOWN", "ExplanationPanel"]

#: Viewport width (px) from which the numbers go beside the equations, not under them.
BESIDE_MIN_WIDTH = {"lstm": 640, "gru": 900, "rnn": 600}


class ExplanationPanel(QTextBrowser):
    """Read-only rich-text view of the model's equations at the playback cursor.

    Call :meth:`show` with the results and the cursor whenever either changes;
    the HTML is rebuilt only when the model, the step or the stage changes,
    never for the phase alone.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExplanationPanel")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._dark = False
        self._results: Results | None = None
        self._cursor: Cursor | None = None
        self._key: tuple[Any, ...] | None = None
        self._key_results: Results | None = None
        #: How many times the HTML has been rebuilt (tests and profiling read it).
        self.rebuilds = 0
        self._min_interval_ms = 0
        self._since = QElapsedTimer()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._catch_up)
        self._beside = False
        self.document().setDocumentMargin(12)
        self.set_theme(False)

    # -- public API -----------------------------------------------------------

    def show_cursor(self, results: Results, cursor: Cursor) -> None:
        """Show ``results`` at ``cursor`` (rebuilds only if model, step or stage changed).

        Note: this deliberately shadows ``QWidget.show``; the panel is made
        visible by its parent (a dock or a layout), not by this call.
        """
        stages = STAGES[results.kind]
        t = min(max(cursor.t, 0), results.steps - 1)
        stage = min(max(cursor.stage, 0), len(stages) - 1)
        self._results, self._cursor = results, cursor
        if self.window() is not self and not self.isVisible():
            return  # a hidden dock tab: rebuild when it is shown (showEvent)
        self._beside = self.viewport().width() >= BESIDE_MIN_WIDTH[results.kind]
        # The results are compared by identity and held by the panel (an id() of a
        # freed object can be reused by the next one).
        key = (results.kind, t, stage, self._dark, self._beside)
        if key == self._key and results is self._key_results:
            return
        if self._min_interval_ms and self._since.isValid():
            wait = self._min_interval_ms - self._since.elapsed()
            if wait > 0:
                # Fast playback: rebuild at most every few frames, with the latest cursor.
                if not self._pending.isActive():
                    self._pending.start(int(wait))
                return
        self._since.restart()
        self._key, self._key_results = key, results
        scroll = self.verticalScrollBar().value()
        self.setHtml(page_html(results, t, stage, self._dark, self._beside))
        self.verticalScrollBar().setValue(scroll)
        self.rebuilds += 1

    def set_theme(self, dark: bool) -> None:
        """Switch between the light and the dark colours (rebuilds if needed)."""
        self._dark = bool(dark)
        c = THEMES[self._dark]
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(c.base))
        pal.setColor(QPalette.ColorRole.Text, QColor(c.text))
        self.setPalette(pal)
        # An application style sheet overrides widget palettes; a style sheet of
        # our own wins over it.
        self.setStyleSheet(
            f"QTextBrowser {{ background: {c.base}; color: {c.text}; border: none; }}"
        )
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def set_min_interval(self, ms: int) -> None:
        """Rebuild at most once per ``ms`` milliseconds (the window sets this for playback).

        Laying out the rich text takes several milliseconds; during fast
        playback the stages change faster than anyone reads equations.
        """
        self._min_interval_ms = max(0, int(ms))

    def _catch_up(self) -> None:
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def retranslate(self) -> None:
        """Rebuild the page in the current language (the page is all the panel's text)."""
        self._key = self._key_results = None  # the cached page speaks the old language
        self._since.invalidate()  # not throttled: a language switch is not playback
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._since.invalidate()  # shown now: no throttling for this rebuild
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-lay out (numbers beside or under the equations) when the width calls for it."""
        super().resizeEvent(event)
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    @property
    def cache_key(self) -> tuple[Any, ...] | None:
        """``(kind, t, stage, dark, beside)`` of the HTML on display."""
        return self._key
