"""The Text panel colours the tokens by a unit, moves the cursor on a click, ranks a span."""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from lstm_viz.plots._style import diverging_map, lut
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


# -- attribution --------------------------------------------------------------------


def _head_panel(qtbot, tmp_path, text: str = "abcabcab") -> TextPanel:
    """The panel on a character LSTM over "abc" with a next-character read-out head."""
    from lstm_viz.engine import LSTM, save_weights

    model = LSTM(3, 4, seed=1)
    rng = np.random.default_rng(2)
    head = {"fc.weight": rng.standard_normal((3, 4)) * 3, "fc.bias": np.zeros(3)}
    head["tokens"] = np.array([ord(c) for c in "abc"])
    path = save_weights(tmp_path / "lm.npz", "lstm", model.params, head)
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_comparison(compare(Settings(sequence="text", text=text, weights=str(path))))
    return panel


def _attribute(qtbot, panel: TextPanel, t: int) -> None:
    """Colour by the attribution of the prediction at step ``t``; wait for the numbers."""
    from lstm_viz.plots.text_panel import ATTRIBUTION

    with qtbot.waitSignal(panel.runner.finished, timeout=10000):
        panel.set_cursor(Cursor(t=t))
        panel.quantity.setCurrentIndex(panel.quantity.findData(ATTRIBUTION))
        panel.quantity.activated.emit(panel.quantity.currentIndex())


def _backgrounds(panel: TextPanel) -> list[str | None]:
    """Each token's background colour as written in the panel's HTML, in reading order."""
    html = panel.browser.toHtml()
    links = re.findall(r'<a href="t:(\d+)"[^>]*>.*?</a>', html, flags=re.S)
    spans = re.findall(r"<a href=\"t:\d+\"[^>]*>(.*?)</a>", html, flags=re.S)
    assert len(links) == len(spans)
    out = []
    for span in spans:
        found = re.search(r"background-color:(#[0-9a-f]{6})", span)
        out.append(found.group(1) if found else None)
    return out


def test_attribution_colours_only_the_tokens_the_prediction_has_read(qtbot, tmp_path) -> None:
    panel = _head_panel(qtbot, tmp_path)
    _attribute(qtbot, panel, 4)
    colours = _backgrounds(panel)
    assert all(c is not None for c in colours[:5])  # steps 1 … t' = 5
    assert colours[5:] == [None, None, None]  # later tokens: uncoloured
    assert panel.status.text().startswith("t' = 5: ‖∂ŷ/∂x_t‖ from ")


def test_the_reddest_token_is_the_one_the_prediction_depends_on_most(qtbot, tmp_path) -> None:
    from lstm_viz.state.attribution import token_attribution

    panel = _head_panel(qtbot, tmp_path)
    _attribute(qtbot, panel, 6)
    results = panel.comparison.current_results
    norms = token_attribution(results, 6).norms
    # The positive half of the map runs from white to red: less green, more attribution.
    green = [QColor(c).green() for c in _backgrounds(panel)[:7]]
    assert int(np.argmin(green)) == int(np.argmax(norms))
    assert int(np.argmax(green)) == int(np.argmin(norms))


def test_the_attribution_legend_names_the_real_range(qtbot, tmp_path) -> None:
    from lstm_viz.state.attribution import token_attribution

    panel = _head_panel(qtbot, tmp_path)
    _attribute(qtbot, panel, 6)
    found = token_attribution(panel.comparison.current_results, 6)
    ticks = panel.strip_plot.getAxis("bottom")._tickLevels[0]
    assert ticks[0] == (found.low, f"{10.0**found.low:.2g}")
    assert ticks[-1] == (found.high, f"{10.0**found.high:.2g}")
    assert not panel.unit.isVisibleTo(panel)  # the unit does not matter here


def test_moving_the_cursor_recomputes_the_attribution_in_the_background(qtbot, tmp_path) -> None:
    panel = _head_panel(qtbot, tmp_path)
    _attribute(qtbot, panel, 2)
    assert _backgrounds(panel)[3] is None
    with qtbot.waitSignal(panel.runner.finished, timeout=10000):
        panel.set_cursor(Cursor(t=5))
    assert _backgrounds(panel)[3] is not None and _backgrounds(panel)[6] is None


def test_without_a_read_out_head_there_is_no_attribution_to_choose(qtbot) -> None:
    from lstm_viz.plots.text_panel import ATTRIBUTION

    panel = _panel(qtbot)
    assert panel.quantity.findData(ATTRIBUTION) == -1


# -- the other places ---------------------------------------------------------------


def test_the_other_places_of_a_span_are_listed_and_underlined(qtbot) -> None:
    panel = _panel(qtbot, "xyzab" * 12)  # a period the units settle into
    with qtbot.waitSignal(panel.runner.finished, timeout=10000):
        panel.select_steps(40, 43)  # "xyz" of the ninth period
    text = panel.ranking.text()
    assert "do the same on steps" in text
    starts = [int(s) for s in re.findall(r'href="s:(\d+)"', text)]
    assert starts and all(s % 5 == 0 for s in starts)  # other "xyz"s: steps 5k
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    marks = panel.browser.extraSelections()
    places = sorted(m.cursor.selectionStart() for m in marks if m.format.underlineStyle() == wave)
    assert places == sorted(starts)  # characters are steps here


def test_clicking_another_place_moves_the_cursor_there(qtbot) -> None:
    panel = _panel(qtbot, "xyzab" * 12)
    with qtbot.waitSignal(panel.runner.finished, timeout=10000):
        panel.select_steps(40, 43)
    with qtbot.waitSignal(panel.stepClicked) as clicked:
        panel.ranking.linkActivated.emit("s:25")
    assert clicked.args == [25]


# -- a reverse direction -----------------------------------------------------------


def _reverse_panel(qtbot, tmp_path, text: str = "abcab") -> TextPanel:
    from tests.state.test_stack_results import torch_tensors

    tensors = torch_tensors("lstm", 1, 2, 3, 4, seed=1)
    tensors["tokens"] = np.array([ord(c) for c in "abc"])
    np.savez(tmp_path / "bidir.npz", **tensors)
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    settings = Settings(sequence="text", text=text, weights=str(tmp_path / "bidir.npz"))
    panel.set_comparison(compare(settings.replace(direction="reverse")))
    return panel


def test_a_reverse_cell_colours_the_tokens_in_reading_order(qtbot, tmp_path) -> None:
    panel = _reverse_panel(qtbot, tmp_path)
    assert panel.browser.toPlainText() == "abcab"
    results = panel.comparison.current_results
    c = results.trace.c[:, 0] / np.max(np.abs(results.trace.c[:, 0]))  # unit 0, as shown
    table = lut(diverging_map(panel.theme))

    def colour(v: float) -> str:
        r, g, b = table[int(np.round((v + 1.0) * 127.5))][:3]
        return f"#{int(r):02x}{int(g):02x}{int(b):02x}"

    # Written token p is the reverse cell's step T − 1 − p.
    assert _backgrounds(panel) == [colour(c[4 - p]) for p in range(5)]
    assert _backgrounds(panel) != [colour(c[p]) for p in range(5)]  # (what it was before)


def test_a_reverse_cells_clicks_cursor_and_selection_map_to_its_own_steps(qtbot, tmp_path) -> None:
    panel = _reverse_panel(qtbot, tmp_path)
    assert 'href="t:4"' in panel.browser.toHtml().split("a</a>")[0]  # the first "a": step 4
    panel.set_cursor(Cursor(t=0))  # the reverse cell's first step reads the last token
    mark = panel.browser.extraSelections()[-1]
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (4, 5)
    chars = panel.browser.textCursor()
    chars.setPosition(0)
    chars.setPosition(2, QTextCursor.MoveMode.KeepAnchor)  # "ab": the cell's steps 4 and 3
    panel.browser.setTextCursor(chars)
    with qtbot.waitSignal(panel.browser.spanSelected) as selected:
        qtbot.mouseRelease(panel.browser.viewport(), Qt.MouseButton.LeftButton)
    assert selected.args == [3, 5]
    assert "steps 4–5" in panel.ranking.text()


def test_a_struck_out_original_does_not_shift_the_cursors_mark(qtbot) -> None:
    panel = _panel(qtbot, "abbab")
    original = compare(Settings(sequence="text", text="abcab", hidden_size=4))
    panel.set_original(original.current_results)
    assert panel.browser.toPlainText() == "abcbab"  # the original "c" struck out before "b"
    panel.set_cursor(Cursor(t=3))
    mark = panel.browser.extraSelections()[-1]
    assert (
        panel.browser.toPlainText()[mark.cursor.selectionStart() : mark.cursor.selectionEnd()]
        == "a"
    )
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (4, 5)


def test_new_results_forget_the_old_selection_and_its_places(qtbot) -> None:
    panel = _panel(qtbot, "xyzab" * 12)
    with qtbot.waitSignal(panel.runner.finished, timeout=10000):
        panel.select_steps(40, 43)
    panel.unit.setValue(3)  # beyond the next model's units: its range clamps it
    panel.set_comparison(compare(Settings(sequence="text", text="xyzab" * 12, hidden_size=2)))
    assert not panel.busy  # no search for the old span's places on the new values
    assert "Select a span" in panel.ranking.text()
    assert len(panel.browser.extraSelections()) == 1  # the cursor's token only


def test_a_reverse_cells_prediction_line_is_the_prediction_of_the_token_it_reads(qtbot) -> None:
    from lstm_viz.state.text_view import shown_token
    from tests.state.tutorials import bi_tagger_settings

    settings = bi_tagger_settings(direction="reverse")
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    comparison = compare(settings)
    panel.set_comparison(comparison)
    panel.set_cursor(Cursor(t=0))  # the reverse cell's first step reads "book"
    results = comparison.current_results
    label, _p = results.predictions.top(3, 1)[0]
    line = panel.prediction.text()
    assert "book" in line and shown_token(label) in line.split("predicts", 1)[1].split(",")[0]
