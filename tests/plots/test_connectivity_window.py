"""A connectivity map over the budget: a window of the steps, said so, and the steps in view."""

from __future__ import annotations

import numpy as np

from lstm_viz.engine.budget import connectivity_cost
from lstm_viz.engine.gradients.connectivity import connectivity
from lstm_viz.plots import ConnectivityPanel
from lstm_viz.state import budget as state_budget
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings


def test_the_panel_maps_a_window_says_so_and_computes_the_steps_in_view(qtbot, monkeypatch) -> None:
    comparison = compare(Settings(model="lstm", hidden_size=4, length=60))
    m = comparison.current_results.model
    monkeypatch.setattr(
        state_budget, "CONNECTIVITY_WORK", connectivity_cost("lstm", 4, m.input_size, 20)
    )
    panel = ConnectivityPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(comparison)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    assert (panel.matrix.first, panel.matrix.steps) == (0, 20)
    assert panel.status.text().startswith("the whole map of 60 × 60 steps would take about")
    assert not panel.in_view_button.isHidden()
    assert panel.plot.viewRange()[0] == [0.5, 20.5]  # the window, in the sequence's steps
    # The user pans to steps 36–50 and asks for them.
    panel.plot.setRange(xRange=(35.5, 50.5), yRange=(35.5, 50.5), padding=0)
    assert panel.steps_in_view() == (35, 50)
    panel.in_view_button.click()
    qtbot.waitUntil(lambda: panel.matrix.first == 35, timeout=10000)
    block = connectivity(m, comparison.current_results.trace)[35:50, 35:50]
    lower = np.tril(np.ones((15, 15), dtype=bool))
    np.testing.assert_allclose(panel.heatmap.values[lower], np.log10(block[lower]), rtol=1e-6)
    assert panel.heatmap.image.boundingRect().width() == 15
    assert "showing steps 36–50" in panel.status.text()


def test_a_map_that_fits_offers_no_window(qtbot) -> None:
    panel = ConnectivityPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(model="gru", hidden_size=4, length=30)))
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    assert panel.in_view_button.isHidden()
    assert panel.status.text().startswith("GRU: ‖∂h_T/∂x_1‖ = ")
