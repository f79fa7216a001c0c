"""The Forgetting panel draws the forget gates before and after training and says what
they show with the numbers drawn."""

from __future__ import annotations

import numpy as np

from lstm_viz.plots.forgetting import ForgettingPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.forgetting import forgetting, forgetting_caption
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings


def test_the_panel_draws_both_sides_and_states_them(qtbot) -> None:
    panel = ForgettingPanel()
    qtbot.addWidget(panel)
    first = compare(Settings())
    panel.set_comparison(first)
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    data = panel.data
    assert len(panel.before) == len(panel.after) == 8
    x, y = panel.before[2].getData()
    assert np.array_equal(x, np.arange(1, 81)) and np.array_equal(y, data.before[:, 2])
    assert np.array_equal(panel.after[5].getData()[1], data.after[:, 5])
    assert np.array_equal(panel.highlight.getData()[1], data.after[:, data.unit])
    assert [line.value() for line in panel.marks] == [34, 71]
    assert panel.status.text() == str(forgetting_caption(data))
    assert "exactly the two marked inputs" in panel.status.text()


def test_without_a_trained_twin_the_panel_says_why(qtbot, small) -> None:
    panel = ForgettingPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(small)  # H = 4: nothing shipped
    qtbot.waitUntil(lambda: "No trained twin" in panel.status.text(), timeout=10_000)
    assert panel.data is None and panel.before == [] and panel.after == []
    assert not panel.plot.isVisible()  # no empty axes
    panel.set_comparison(compare(Settings()))
    qtbot.waitUntil(lambda: panel.data is not None, timeout=10_000)
    assert panel.plot.isVisible()


def test_both_sides_are_the_same_whichever_is_shown() -> None:
    after = forgetting(compute(Settings()))
    before = forgetting(compute(Settings(trained=False)))
    assert np.array_equal(after.before, before.before)
    assert np.array_equal(after.after, before.after)
    assert forgetting(compute(Settings(model="gru"))) is None
