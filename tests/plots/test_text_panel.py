"""The Text panel colours the tokens by a unit, moves the cursor on a click, ranks a span."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from lstm_viz.plots.text_panel import TextPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


def _panel(qtbot, text: str = "abcab abc") -> TextPanel:
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_comparison(compare(Settings(sequence="text", text=text, hidden_size=4)))
    return panel


def test_every_token_is_shown_and_coloured(qtbot) -> None:
    panel = _panel(qtbot)
    assert panel.browser.toPlainText() == "abcab abc"
    assert panel.browser.toHtml().count("background-color:") >= 9
    assert panel.unit.maximum() == 3


def test_clicking_a_token_asks_for_its_step(qtbot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitSignal(panel.stepClicked) as clicked:
        panel.browser.anchorClicked.emit(QUrl("t:4"))
    assert clicked.args == [4]


def test_the_cursors_token_is_marked(qtbot) -> None:
    panel = _panel(qtbot)
    panel.set_cursor(Cursor(t=2))
    (mark,) = panel.browser.extraSelections()
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (2, 3)


def test_a_span_names_its_best_units_with_their_scores(qtbot) -> None:
    panel = _panel(qtbot)
    panel.select_steps(2, 4)
    assert "Units that switch on steps 3–4" in panel.ranking.text()
    assert panel.ranking.text().count('href="u:') == 4


def test_a_numeric_sequence_says_there_is_no_text(qtbot) -> None:
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(hidden_size=3, length=5)))
    assert "no tokens" in panel.browser.toPlainText()


def test_the_models_prediction_at_the_cursor_is_shown(qtbot, tmp_path) -> None:
    import numpy as np

    from lstm_viz.engine import LSTM, save_weights

    model = LSTM(3, 4, seed=1)
    head = {"fc.weight": np.eye(3, 4) * 5, "fc.bias": np.zeros(3)}
    head["tokens"] = np.array([ord(c) for c in "abc"])
    path = save_weights(tmp_path / "lm.npz", "lstm", model.params, head)
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    comparison = compare(Settings(sequence="text", text="abcab", weights=str(path)))
    panel.set_comparison(comparison)
    panel.set_cursor(Cursor(t=1))
    best = comparison[comparison.current].predictions.top(1, 1)[0]
    assert panel.prediction.text().startswith("step 2 · b: the model predicts " + best[0])


def test_a_hidden_panel_catches_up_with_the_cursor_when_shown(qtbot) -> None:
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(sequence="text", text="abcd", hidden_size=2)))
    panel.set_cursor(Cursor(t=3))
    assert panel.browser.extraSelections()[0].cursor.selectionStart() == 0  # not yet moved
    with qtbot.waitExposed(panel):
        panel.show()
    (mark,) = panel.browser.extraSelections()
    assert mark.cursor.selectionStart() == 3
