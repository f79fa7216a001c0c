"""The frame every plot panel shares: caption, "?" help, optional controls, the plot area."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..state.comparison import Comparison
from ..state.plot_data import XAxis
from ..state.text_view import step_tokens
from ..state.timeline import Cursor
from ._progress import ProgressLine
from ._step_axis import StepAxis
from ._style import LIGHT, PlotTheme, get_theme, style_plot
from .worker import BackgroundRunner

# Background jobs start after settings have rested this long.
JOB_DELAY_MS = 120


class PlotPanel(QWidget):
    """Base class: a caption line with a "?" button above a pyqtgraph layout.

    Subclasses build their plot items once in ``__init__`` and implement
    :meth:`set_comparison`, :meth:`set_cursor` and :meth:`_apply_theme`; they
    never call the engine directly (slow work goes through a
    :class:`~lstm_viz.plots.worker.BackgroundRunner`).

    Every text lives in :meth:`retranslate`, which a subclass calls at the end
    of its ``__init__`` and Qt calls again on ``LanguageChange``: the panel then
    speaks the new language in place, from the data it already shows.

    A plot whose x axis is the step (or the distance T − t) is registered with
    :meth:`track_steps`: the sequence's tokens then follow :attr:`comparison`
    onto that axis (on hover, and as tick labels when they fit).
    """

    def __init__(
        self, runner: BackgroundRunner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.theme: PlotTheme = LIGHT
        self._step_axes: list[StepAxis] = []
        self.comparison: Comparison | None = None
        self.cursor = Cursor()
        self.runner = runner if runner is not None else BackgroundRunner(self)
        self._owns_runner = runner is None
        self._key_prefix = f"{type(self).__name__}@{id(self):x}:"
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.progressed.connect(self._on_progress)
        self.runner.partial.connect(self._on_partial)
        self.progress = ProgressLine()  # filled while a long job of this panel reports

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self._status_text: Callable[[], str] | None = None
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.clicked.connect(self._show_help)
        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.caption, 1)
        header.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        # Controls and the live status share one row: the plot keeps the height.
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 0)
        row.addLayout(self.controls)
        row.addWidget(self.status, 1)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(4, 4, 10, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.graphics, 1)
        self.status.setContentsMargins(8, 0, 0, 0)
        self.setAutoFillBackground(True)

    # -- the API the window uses ---------------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        """The results shown (a subclass's :meth:`set_comparison` sets it)."""
        return self._comparison

    @comparison.setter
    def comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        tokens = () if comparison is None else step_tokens(comparison.current_results)
        for axis in self._step_axes:
            axis.set_tokens(tokens)

    def set_comparison(self, comparison: Comparison) -> None:
        raise NotImplementedError

    def set_cursor(self, cursor: Cursor) -> None:
        raise NotImplementedError

    def set_theme(self, name: str) -> None:
        """Recolour for ``"light"`` or ``"dark"``."""
        self.theme = get_theme(name)
        t = self.theme
        pal = self.palette()
        for role, colour in (
            (QPalette.ColorRole.Window, t.background),
            (QPalette.ColorRole.WindowText, t.text),
            (QPalette.ColorRole.Text, t.text),
            (QPalette.ColorRole.Base, t.caption_fill),
            (QPalette.ColorRole.Button, t.caption_fill),
            (QPalette.ColorRole.ButtonText, t.text),
        ):
            pal.setColor(role, QColor(colour))
        self.setPalette(pal)
        pal_muted = self.status.palette()
        pal_muted.setColor(QPalette.ColorRole.WindowText, QColor(t.muted))
        self.status.setPalette(pal_muted)
        self.graphics.setBackground(t.background)
        self.progress.set_colour(t.accent)
        for item in self.graphics.ci.items:
            if isinstance(item, pg.PlotItem):
                style_plot(item, t)
        for axis in self._step_axes:
            axis.set_theme(t)
        self._apply_theme()

    def retranslate(self) -> None:
        """Show every text in the current language.

        Subclasses set their caption and help (:meth:`set_help`) and relabel
        their controls and plots, then call this, which re-renders the status
        line from the data it was made from. Nothing is recomputed and no
        setting changes.
        """
        if self._status_text is not None:
            self.status.setText(self._status_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def busy(self) -> bool:
        """Whether a background job of this panel is still running."""
        return any(k.startswith(self._key_prefix) for k in self.runner.pending)

    def put_first(self) -> None:
        """This panel is the one on screen: its background jobs run before the others'."""
        self.runner.put_first((self._key_prefix,))

    # -- for subclasses ---------------------------------------------------------

    def _apply_theme(self) -> None:
        """Recolour the panel's own items (pens, brushes, colour maps)."""

    def track_steps(self, plot: pg.PlotItem, axis: XAxis = "step") -> StepAxis:
        """Show the tokens on ``plot``'s x axis, the step t or (``"distance"``) T − t."""
        steps = StepAxis(plot, self.graphics.scene(), axis)
        steps.set_theme(self.theme)
        self._step_axes.append(steps)
        return steps

    def set_help(self, caption: str, help_text: str) -> None:
        """The caption above the plot and the text behind the "?" button."""
        self.caption.setText(caption)
        self._help_text = help_text
        self.help_button.setWhatsThis(help_text)
        self.help_button.setAccessibleName(caption)
        self._fit_caption()

    #: A panel shorter than this (a laptop's dock column) gives its caption's room to
    #: the plot. Judged on the panel's own height, which every page of the stack gets
    #: even while hidden, so a panel switched to is already laid out right.
    COMPACT_BELOW_PX = 520

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_caption()

    def _fit_caption(self) -> None:
        """In a short panel the caption steps aside for the plot: its words move behind
        the "?" button, above the help, so nothing is lost."""
        help_text = getattr(self, "_help_text", "")
        fits = self.height() == 0 or self.height() >= self.COMPACT_BELOW_PX
        self.caption.setVisible(fits)
        caption = self.caption.text()
        self.help_button.setToolTip(help_text if fits else f"{caption}\n\n{help_text}")

    def _show_status(self, text: Callable[[], str]) -> None:
        """Show ``text()`` in the status line; kept to render it again in a new language."""
        self._status_text = text
        self.status.setText(text())

    def _key(self, name: str) -> str:
        return self._key_prefix + name

    def _submit(self, name: str, fn: Callable[..., object], reports: bool = False) -> int:
        # Slow jobs wait for settings to rest (a slider being dragged) before starting;
        # a newer job's line starts again from nothing.
        self.progress.set_fraction(None)
        return self.runner.submit(self._key(name), fn, delay_ms=JOB_DELAY_MS, reports=reports)

    def _on_progress(self, key: str, fraction: float) -> None:
        if key.startswith(self._key_prefix):
            self.progress.set_fraction(fraction)

    def _on_partial(self, key: str, result: object) -> None:
        if key.startswith(self._key_prefix):
            self._job_partial(key[len(self._key_prefix) :], result)

    def _on_finished(self, key: str, result: object) -> None:
        if key.startswith(self._key_prefix):
            self.progress.set_fraction(None)
            self._job_done(key[len(self._key_prefix) :], result)

    def _on_failed(self, key: str, message: str) -> None:
        if key.startswith(self._key_prefix):
            self.progress.set_fraction(None)
            line = message.strip().splitlines()[-1]
            self._show_status(lambda: line)

    def _job_done(self, name: str, result: object) -> None:
        """A background job ``name`` finished with ``result`` (GUI thread)."""

    def _job_partial(self, name: str, result: object) -> None:
        """A background job ``name`` published ``result``, what it has so far (GUI thread;
        only jobs that report, only the newest, never after :meth:`_job_done`)."""

    def _show_help(self) -> None:
        QToolTip.showText(
            self.help_button.mapToGlobal(self.help_button.rect().bottomLeft()),
            self.help_button.toolTip(),
            self.help_button,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._owns_runner:
            self.runner.shutdown()
        super().closeEvent(event)
