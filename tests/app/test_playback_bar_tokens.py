"""The playback bar's step label names the step's token when the steps are a text's tokens."""

from __future__ import annotations

from PySide6.QtGui import QAction

from lstm_viz.app.playback_bar import PlaybackBar
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings

NAMES = ("start", "prev_step", "prev_stage", "play", "next_stage", "next_step", "end", "loop")


def _bar(qtbot, session: Session) -> PlaybackBar:
    actions = {name: QAction(name) for name in NAMES}
    bar = PlaybackBar(session, actions)
    bar._actions = actions  # kept alive with the bar
    qtbot.addWidget(bar)
    return bar


def test_the_step_label_names_the_token_and_follows_the_cursor(qtbot) -> None:
    session = Session(Settings(sequence="text", text="it is not good", tokenizer="words"))
    bar = _bar(qtbot, session)
    session.jump_to_step(2)
    assert bar.where.text().startswith("Step 3/4 · “not” · ")
    session.jump_to_step(0)
    assert bar.where.text().startswith("Step 1/4 · “it” · ")
    session.shutdown()


def test_a_numeric_sequence_keeps_the_plain_step_label(qtbot) -> None:
    session = Session(Settings(hidden_size=3, length=5))
    bar = _bar(qtbot, session)
    session.jump_to_step(1)
    assert bar.where.text().startswith("Step 2/5 · ")
    assert "“" not in bar.where.text()
    session.shutdown()
