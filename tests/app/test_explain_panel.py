"""The explanation panel shows the engine's numbers for the stage under the cursor."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lstm_viz.app.explain_panel import ExplanationPanel
from lstm_viz.app.mathtext import EQUATIONS, format_number
from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import STAGES, Cursor


def _plain(s: str) -> str:
    """Rich-text numbers as ``toPlainText`` shows them."""
    return re.sub(r"<[^>]+>", "", s)


@pytest.fixture(scope="module")
def lstm() -> Results:
    return compute(Settings(model="lstm", hidden_size=4, sequence="sine", length=10))


@pytest.fixture
def panel(qtbot) -> ExplanationPanel:
    p = ExplanationPanel()
    qtbot.addWidget(p)
    p.resize(560, 700)
    return p


def test_forget_stage_shows_the_forget_gate_of_step_t(panel, lstm):
    t = 3
    panel.show_cursor(lstm, Cursor(t, 0, 1.0))
    text = panel.toPlainText()
    f = lstm.trace.gates["f"][t]
    assert f"mean {_plain(format_number(f.mean()))}" in text
    assert f"{_plain(format_number(f.min()))} to {_plain(format_number(f.max()))}" in text
    for v in f:  # H = 4 ≤ 8: every unit is shown
        assert _plain(format_number(v)) in text
    assert "t = 4 of 10" in text


def test_remember_and_output_numbers_equal_the_trace(panel, lstm):
    t = 5
    panel.show_cursor(lstm, Cursor(t, 1, 0.3))
    text = panel.toPlainText()
    c_prev, c = lstm.trace.c_prev[t], lstm.trace.c[t]
    before, after = (_plain(format_number(v.mean())) for v in (c_prev, c))
    assert f"{before} → {after}" in text
    for name in ("i", "g"):
        assert f"mean {_plain(format_number(lstm.trace.gates[name][t].mean()))}" in text
    panel.show_cursor(lstm, Cursor(t, 2, 0.3))
    text = panel.toPlainText()
    norm = np.linalg.norm(lstm.trace.h[t])
    assert f"‖ht‖ = {_plain(format_number(norm))}" in text
    assert f"mean {_plain(format_number(lstm.trace.gates['o'][t].mean()))}" in text


def test_only_the_current_stage_has_numbers(panel, lstm):
    t = 2
    panel.show_cursor(lstm, Cursor(t, 0, 1.0))
    text = panel.toPlainText()
    # Later stages are listed but greyed: their values are not shown.
    assert "not yet computed in this step" in text
    o = _plain(format_number(lstm.trace.gates["o"][t].mean()))
    assert f"mean {o}," not in text or o == _plain(format_number(lstm.trace.gates["f"][t].mean()))
    assert text.count("mean ") == 1


def test_the_highlight_follows_the_cursor(panel, lstm):
    for stage, (_key, title) in enumerate(STAGES["lstm"]):
        panel.show_cursor(lstm, Cursor(4, stage, 0.5))
        html = panel.toHtml()
        # The highlighted box is the only element with the tinted background.
        assert html.count('bgcolor="#fdf3dc"') == 1
        box = html.split('bgcolor="#fdf3dc"', 1)[1]
        assert title in box.split("</table>", 1)[0] or title in box
        assert panel.toPlainText().count("now, at step 5") == 1
        assert panel.cache_key[1:3] == (4, stage)


def test_large_hidden_size_shows_summary_only(panel):
    r = compute(Settings(model="lstm", hidden_size=32, length=6))
    panel.show_cursor(r, Cursor(1, 0, 1.0))
    text = panel.toPlainText()
    f = r.trace.gates["f"][1]
    assert f"mean {_plain(format_number(f.mean()))}" in text
    values = [_plain(format_number(v)) for v in f]
    assert sum(text.count(v) for v in set(values)) < len(values)


def test_phase_changes_do_not_rebuild(panel, lstm):
    panel.show_cursor(lstm, Cursor(2, 1, 0.0))
    n, key = panel.rebuilds, panel.cache_key
    for phase in np.linspace(0.0, 1.0, 30):
        panel.show_cursor(lstm, Cursor(2, 1, float(phase)))
    assert panel.rebuilds == n
    assert panel.cache_key == key
    panel.show_cursor(lstm, Cursor(2, 2, 0.0))
    assert panel.rebuilds == n + 1
    panel.show_cursor(lstm, Cursor(3, 2, 0.0))
    assert panel.rebuilds == n + 2


def test_theme_change_rebuilds(panel, lstm):
    panel.show_cursor(lstm, Cursor(0, 0, 1.0))
    n = panel.rebuilds
    panel.set_theme(True)
    assert panel.rebuilds == n + 1
    assert 'bgcolor="#fdf3dc"' not in panel.toHtml()


@pytest.mark.parametrize(
    ("kind", "symbols", "blocks"),
    [("lstm", "figoch", 4), ("gru", "rznh", 3), ("rnn", "ah", 1)],
)
def test_each_model_shows_its_own_equations(panel, kind, symbols, blocks):
    r = compute(Settings(model=kind, hidden_size=4, sequence="sine", length=10))
    panel.show_cursor(r, Cursor(0, 0, 1.0))
    text = panel.toPlainText()
    assert text.startswith(kind.upper())
    defined = [eq.symbol for eqs in EQUATIONS[kind].values() for eq in eqs]
    assert sorted(defined) == sorted(symbols)
    for s in symbols:  # "f_t =" renders as "ft ="
        assert f"{s}t =" in text
    others = {"lstm": "ft", "gru": "zt", "rnn": "at"}
    for other, marker in others.items():
        if other != kind and marker[0] not in symbols:
            assert f"{marker} =" not in text
    assert f"= {r.model.n_params}," in text
    assert f"{blocks} × (4·1 + 4·4 + 2·4)" in text
    for _key, title in STAGES[kind]:
        assert title in text


def test_lstm_parameter_remark(panel, lstm):
    panel.show_cursor(lstm, Cursor(0, 0, 1.0))
    text = panel.toPlainText()
    assert "four times the parameters" in text
    assert "GRU" in text
