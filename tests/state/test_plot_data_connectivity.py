"""The connectivity panel's job: the whole map when it fits, else a window that says so."""

from __future__ import annotations

import numpy as np

from lstm_viz.engine.budget import connectivity_cost
from lstm_viz.engine.gradients.connectivity import connectivity
from lstm_viz.state import budget as state_budget
from lstm_viz.state.plot_data import run_connectivity
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings


def test_a_map_that_fits_is_whole_and_says_nothing_more() -> None:
    results = compute(Settings(model="gru", hidden_size=4, length=40))
    shown = run_connectivity(results, view=(5, 9))  # the view matters only for a window
    assert shown.window is not None and shown.window.whole and shown.window.note is None
    assert shown.first == 0 and shown.steps == 40
    want = connectivity(results.model, results.trace)
    lower = np.tril(np.ones((40, 40), dtype=bool))
    np.testing.assert_allclose(shown.logs[lower], np.log10(want[lower]), rtol=1e-6)


def test_over_the_work_budget_the_steps_in_view_are_mapped_exactly(monkeypatch) -> None:
    results = compute(Settings(model="lstm", hidden_size=4, length=60))
    m = results.model
    # A budget of 20 steps' work: the whole 60 would take nine times as much.
    monkeypatch.setattr(
        state_budget, "CONNECTIVITY_WORK", connectivity_cost("lstm", 4, m.input_size, 20)
    )
    whole = connectivity(m, results.trace)
    first = run_connectivity(results)
    assert (first.first, first.steps) == (0, 20)
    assert first.window is not None and first.window.note is not None
    said = first.window.note.format(**first.window.slots())
    assert said.startswith("the whole map of 60 × 60 steps would take about")
    assert "showing steps 1–20 (at most 20 at a time)" in said
    # Pan to steps 31–45 and ask for them: that block of the whole map, not an estimate.
    moved = run_connectivity(results, view=(30, 45))
    assert (moved.first, moved.steps) == (30, 15)
    block = whole[30:45, 30:45]
    lower = np.tril(np.ones((15, 15), dtype=bool))
    np.testing.assert_allclose(moved.logs[lower], np.log10(block[lower]), rtol=1e-6)
    assert moved.far == block[-1, 0]
    # More steps in view than fit: the 20 around their middle.
    wide = run_connectivity(results, view=(0, 60))
    assert (wide.first, wide.steps) == (20, 20)
