"""The panels of near vs far, explosions and the first input say what their numbers say."""

from __future__ import annotations

import re

import pytest

from lstm_viz.plots import GradientPlots
from lstm_viz.plots.distance import DistancePanel
from lstm_viz.plots.explosion import ExplosionPanel
from lstm_viz.plots.memory import MemoryPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings
from lstm_viz.state.teaching import NEAR_STEPS
from lstm_viz.state.timeline import Cursor
from lstm_viz.state.vocabulary import PANELS


@pytest.fixture(scope="module")
def impulse():
    return compare(Settings(sequence="impulse", length=30, forget_bias=3.0))


def _percent(text: str, pattern: str) -> float:
    return float(re.search(pattern, text).group(1)) / 100


def test_near_vs_far_states_the_rnns_share_of_the_last_steps(qtbot, impulse) -> None:
    panel = DistancePanel()
    qtbot.addWidget(panel)
    panel.set_comparison(impulse)
    qtbot.waitUntil(lambda: panel.shares is not None, timeout=10000)
    text = panel.caption.text()
    rnn = panel.shares["rnn"].near_share(NEAR_STEPS)
    assert _percent(text, r"(\d+)% of the RNN's gradient") == pytest.approx(rnn, abs=0.005)
    assert f"last {NEAR_STEPS} steps" in text
    lstm = panel.shares["lstm"].near_share(NEAR_STEPS)
    assert _percent(text, r"the LSTM's (\d+)%") == pytest.approx(lstm, abs=0.005)
    assert rnn > lstm  # the story the caption tells
    y = panel.curves["rnn"].getData()[1]
    assert y.sum() == pytest.approx(1.0)


def test_the_explosion_chart_says_the_lstm_explodes_less_often(qtbot, impulse) -> None:
    panel = ExplosionPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(impulse)
    qtbot.waitUntil(lambda: panel.rates is not None, timeout=30000)
    r = panel.rates
    text = panel.caption.text()
    for kind in ("rnn", "lstm", "gru"):
        assert f"the {kind.upper()}'s {r.overall(kind):.0%} ({r.count(kind)} of {r.runs})" in text
    assert 0 < r.count("lstm") < r.count("rnn")
    assert "less often than the RNN" in text


def test_the_first_input_caption_follows_the_cursor(qtbot, impulse) -> None:
    panel = MemoryPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(impulse)
    qtbot.waitUntil(lambda: bool(panel.memories), timeout=10000)
    panel.set_cursor(Cursor(t=14))
    text = panel.caption.text()
    m = panel.memories["lstm"]
    assert (
        f"at step 15 the LSTM's cell state still differs by {m.c_diff[14]:.2g}".lower()
        in text.lower()
    )
    assert f"({m.kept(15):.0%} of the difference at step 1)" in text
    assert m.kept(15) > 0.5 > panel.memories["rnn"].kept(15)


def test_the_new_panels_are_tabs_named_in_the_vocabulary(qtbot) -> None:
    plots = GradientPlots()
    qtbot.addWidget(plots)
    assert plots.count() == len(PANELS)
    for name in ("distance", "explosion", "memory"):
        assert plots.indexOf(getattr(plots, name)) == PANELS.index(name)


def test_the_explosion_chart_says_when_it_is_not_drawn(qtbot) -> None:
    panel = ExplosionPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(hidden_size=128, length=400)))
    qtbot.waitUntil(lambda: panel.refused is not None, timeout=10000)
    text = panel.caption.text()
    assert text.startswith("Not drawn at these sizes: the explosion chart runs ")
    assert "at 400 steps and hidden size 128" in text and "fewer steps or units" in text
    assert panel.rates is None and panel.status.text() == ""
    panel.retranslate()  # a change of language keeps the reason
    assert panel.caption.text() == text
    assert not panel.plot.isVisible()  # no empty axes


def test_a_new_comparison_takes_the_old_sentence_away_until_its_numbers_arrive(
    qtbot, impulse
) -> None:
    panel = DistancePanel()
    qtbot.addWidget(panel)
    panel.set_comparison(impulse)
    qtbot.waitUntil(lambda: panel.shares is not None, timeout=10000)
    panel.set_comparison(compare(Settings(length=20)))
    assert panel.shares is None and "%" not in panel.caption.text()
    qtbot.waitUntil(lambda: panel.shares is not None, timeout=10000)
    assert panel.shares["rnn"].steps == 20
