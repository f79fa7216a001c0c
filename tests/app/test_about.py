"""The About page teaches the seven facts; the dialogs show what they are given."""

from __future__ import annotations

import re

import pytest

from lstm_viz import __version__
from lstm_viz.app.about import AboutDialog, ShortcutsDialog, about_app_text, about_lstm_html
from lstm_viz.app.mathtext import EQUATIONS


@pytest.fixture(scope="module")
def page() -> str:
    return about_lstm_html()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&amp;", "&")


FACTS = {
    "one cell at every step": ["same cell", "every step", "carries information forward"],
    "cell state, gates, tanh candidate": [
        "cell state",
        "forget",
        "input",
        "output",
        "sigmoid",
        "[ht−1, xt]",
        "own weights",
        "tanh because it is data",
    ],
    "three stages": ["Stage 1, forget", "Stage 2, select and memorise", "Stage 3, output"],
    "strength and weakness": ["multiply", "four times the parameters", "GRU", "three blocks"],
    "vanishing is not zero": ["not zero", "nearby steps", "BPTT", "Jacobian", "derivative of tanh"],
    "cell-state highway": ["elementwise", "product of the forget gates", "sum over all paths"],
    "exploding and clipping": ["still explode", "less often", "clipping"],
}


@pytest.mark.parametrize("fact", list(FACTS))
def test_page_teaches_each_fact(page, fact):
    text = _text(page)
    for term in FACTS[fact]:
        assert term in text, (fact, term)


def test_page_names_the_references_and_points_to_the_app(page):
    text = _text(page)
    for ref in ("Hochreiter & Schmidhuber", "Pascanu", "Cho et al."):
        assert ref in text
    assert text.count("In the app:") == 7
    for view in ("cell diagram", "gradient plots", "Equations panel"):
        assert view in text


def test_page_uses_the_shared_equations(page):
    for kind in ("lstm", "gru", "rnn"):
        for eqs in EQUATIONS[kind].values():
            for eq in eqs:
                assert eq.html in page


def test_the_shared_equations_render_the_equation_table():
    from lstm_viz.app.mathtext import math_html
    from lstm_viz.state.equations import EQUATIONS as TABLE

    for kind, by_stage in EQUATIONS.items():
        rendered = [(e.symbol, e.html) for eqs in by_stage.values() for e in eqs]
        assert rendered == [(e.name, math_html(e.markup)) for e in TABLE[kind]]
    # The GRU's candidate in the one notation: W_xn, b_xn (PyTorch's W_in, b_in).
    n = math_html(next(e.markup for e in TABLE["gru"] if e.name == "n"))
    assert "<i>W</i><sub><i>xn</i></sub>" in n and "<i>b</i><sub><i>xn</i></sub>" in n


def test_about_dialog(qtbot):
    d = AboutDialog()
    qtbot.addWidget(d)
    assert "About the LSTM" in d.browser.toPlainText()
    assert 600 <= d.width() <= 800 and 500 <= d.height() <= 700
    assert not d.browser.openLinks()


def test_shortcuts_dialog_lists_what_it_is_given(qtbot):
    pairs = [("Space", "Play or pause"), ("Right", "Next stage"), ("Ctrl+E", "Export…")]
    d = ShortcutsDialog(pairs)
    qtbot.addWidget(d)
    assert d.pairs() == pairs
    assert d.table.columnCount() == 2


def test_about_app_text():
    text = about_app_text()
    assert __version__ in text
    for lib in ("NumPy", "PySide6", "pyqtgraph"):
        assert lib in text


def test_secondary_text_is_the_palettes_one_grey_in_every_view(qtbot):
    from lstm_viz.app.explain_html import THEMES
    from lstm_viz.app.theme import theme_colours
    from lstm_viz.palette import DARK, LIGHT

    for dark, theme in ((False, LIGHT), (True, DARK)):
        page = about_lstm_html(dark)
        assert f"color:{theme.muted};" in page and f"color:{theme.text};" in page
        assert THEMES[dark].muted == theme_colours(theme.name).muted == theme.muted
