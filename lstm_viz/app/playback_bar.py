"""Playback controls: play/pause, stepping, the timeline slider, speed and loop.

The bar mirrors the session (playing, cursor, speed, loop) and asks it for
every change; its widgets never hold the truth.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from ..i18n import tr
from ..state.text_view import shown_token, step_tokens
from ..state.timeline import SPEEDS, STAGE_SECONDS, Cursor, stages_of
from .session import Session

#: A token in the step label is cut to this many characters (the label keeps one width).
_TOKEN_CHARS = 10

# The slider counts hundredths of a timeline position: smooth enough to scrub
# through a stage's pulses.
SLIDER_RESOLUTION = 100


class PlaybackBar(QWidget):
    """A row of transport controls bound to a :class:`Session` and its actions."""

    def __init__(
        self, session: Session, actions: dict[str, QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("playbackBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("start", "prev_step", "prev_stage", "play", "next_stage", "next_step", "end"):
            button = QToolButton()
            button.setDefaultAction(actions[name])
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
            self.buttons[name] = button

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(140)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.slider, 1)

        self.where = QLabel()
        layout.addWidget(self.where)

        self.speed = QComboBox()
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.speed)

        self.loop = QToolButton()
        self.loop.setDefaultAction(actions["loop"])
        self.loop.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.loop)

        # Presenting: stop at the end of every stage; Play (Space) goes on to the next.
        self.hold = QToolButton()
        self.hold.setCheckable(True)
        self.hold.setChecked(session.hold)
        self.hold.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hold.toggled.connect(session.set_hold)
        layout.addWidget(self.hold)
        self._icon_size = self.buttons["play"].iconSize()
        self.retranslate()

        self.slider.valueChanged.connect(self._scrubbed)
        self.speed.activated.connect(lambda _i: session.set_speed(self.speed.currentData()))
        session.cursorChanged.connect(self.show_cursor)
        session.resultsChanged.connect(lambda _r: self._reset_range())
        session.speedChanged.connect(self._show_speed)
        session.holdChanged.connect(self._show_hold)
        self._reset_range()
        self._show_speed(session.speed)

    def retranslate(self) -> None:
        """Say the bar's words in the current language (also on every language change)."""
        self.slider.setToolTip(tr("Drag to scrub through the sequence"))
        self.speed.setToolTip(
            tr("Playback speed: at 1× each stage holds {s:g} s").format(s=STAGE_SECONDS)
        )
        self.hold.setText(tr("Hold"))
        self.hold.setToolTip(tr("Stop at the end of each stage; Play goes on to the next"))
        for i in range(self.speed.count()):
            self.speed.setItemText(i, tr("{speed:g}×").format(speed=self.speed.itemData(i)))
        self._fit_where()
        self.show_cursor(self.session.cursor)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_where()
        super().changeEvent(event)

    def _fit_where(self) -> None:
        # A fixed width for the longest text, so the slider never jumps as it changes.
        if step_tokens(self.session.results):
            longest = tr("Step {t}/{n} · “{token}” · {stage}").format(
                t=88888, n=88888, token="n" * _TOKEN_CHARS, stage=tr("Select and memorise")
            )
        else:
            longest = tr("Step {t}/{n} · {stage}").format(
                t=88888, n=88888, stage=tr("Select and memorise")
            )
        self.where.setFixedWidth(self.fontMetrics().horizontalAdvance(longest) + 8)

    def set_compact(self, on: bool) -> None:
        """Presentation mode: only play, step and scrub, with larger buttons."""
        for name in ("start", "end"):
            self.buttons[name].setVisible(not on)
        self.speed.setVisible(not on)
        self.loop.setVisible(not on)
        size = QSize(40, 40) if on else self._icon_size
        for button in self.buttons.values():
            button.setIconSize(size)

    def _reset_range(self) -> None:
        self._fit_where()
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, int(self.session.timeline.end * SLIDER_RESOLUTION))
            self.slider.setPageStep(self.session.timeline.stages * SLIDER_RESOLUTION)
        self.show_cursor(self.session.cursor)

    def _scrubbed(self, value: int) -> None:
        self.session.seek(value / SLIDER_RESOLUTION)

    def _show_speed(self, speed: float) -> None:
        """Select ``speed``: the usual choices, and this one among them when a scenario
        or the preferences chose another (the box never shows a speed that does not run)."""
        choices = sorted({*SPEEDS, float(speed)})
        with QSignalBlocker(self.speed):
            if [self.speed.itemData(i) for i in range(self.speed.count())] != choices:
                self.speed.clear()
                for s in choices:
                    self.speed.addItem(tr("{speed:g}×").format(speed=s), s)
            self.speed.setCurrentIndex(self.speed.findData(float(speed)))

    def _show_hold(self, on: bool) -> None:
        with QSignalBlocker(self.hold):
            self.hold.setChecked(on)

    def show_cursor(self, cursor: Cursor) -> None:
        tl = self.session.timeline
        with QSignalBlocker(self.slider):
            self.slider.setValue(round(tl.position(cursor) * SLIDER_RESOLUTION))
        stages = stages_of(self.session.results.kind, cursor.backward)
        title = tr(stages[min(cursor.stage, len(stages) - 1)][1])
        tokens = step_tokens(self.session.results)
        if tokens and cursor.t < len(tokens):
            token = shown_token(tokens[cursor.t], _TOKEN_CHARS)
            said = tr("Step {t}/{n} · “{token}” · {stage}").format(
                t=cursor.t + 1, n=tl.steps, token=token, stage=title
            )
        else:
            said = tr("Step {t}/{n} · {stage}").format(t=cursor.t + 1, n=tl.steps, stage=title)
        self.where.setText(said)
