"""File → Examples opens the showcase on a held-out standard-library file."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu

from lstm_viz.app.examples import add_examples_menu
from lstm_viz.app.session import Session
from lstm_viz.engine.data.showcase import held_out
from lstm_viz.state.settings import Settings
from lstm_viz.state.text_view import SHOWCASE_CHARS, SHOWCASE_FILE


def test_the_showcase_opens_its_model_on_a_held_out_file(qtbot) -> None:
    from pathlib import Path

    session = Session(Settings(hidden_size=3, length=5))
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = QMenu(window)
    opened = []
    menu = add_examples_menu(window, file_menu, session, lambda: opened.append(True))
    (action,) = menu.actions()
    with qtbot.waitSignal(session.resultsChanged, timeout=60000):
        action.trigger()
    results = session.results
    assert held_out(Path(SHOWCASE_FILE))
    assert Path(results.settings.weights).name == "showcase_char_lstm.npz"
    assert results.steps == SHOWCASE_CHARS and results.text.known.all()
    assert results.text.how == "embedding 'embedding.weight'"
    assert results.predictions.labels[:2] == ("\n", " ")  # it predicts its own alphabet
    assert opened == [True]
    session.shutdown()
