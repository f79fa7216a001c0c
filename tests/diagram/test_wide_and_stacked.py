"""Wide models draw the state layer's chosen units; a stack's strip shows every layer."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.state import results as results_module
from lstm_viz.state.frame import step_values
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor
from lstm_viz.state.units import TOP_K, choose_units
from tests.state.test_stack_results import stand_in, torch_tensors


@pytest.fixture(scope="module")
def wide():
    return compute(Settings(hidden_size=128, length=30, seed=4))


def test_at_h128_the_strips_draw_the_top_k_units_and_summarise_the_rest(scene, wide) -> None:
    scene.show(wide, Cursor(12, 2, 1.0))
    expected = choose_units(wide.trace.h)
    assert expected.shown.size == TOP_K
    values = step_values(wide, 12).values
    for part in ("f", "i", "g", "o", "c", "h", "h_prev", "c_prev"):
        drawn, band = scene.drawn_units(part)
        np.testing.assert_array_equal(drawn, values[part][expected.shown])
        rest = values[part][expected.rest]
        np.testing.assert_allclose(band, [rest.min(), rest.mean(), rest.max()], rtol=1e-15)
    # The sequence strip's h row: the same units, over the steps so far.
    (grid,) = scene.sequence_rows()
    assert grid.shape == (TOP_K, 30)
    np.testing.assert_array_equal(grid[:, :13], wide.trace.h[:13, expected.shown].T)


def test_pinned_units_are_what_the_strips_draw(scene, wide) -> None:
    scene.set_pinned_units((1, 64, 128))
    scene.show(wide, Cursor(3, 2, 1.0))
    expected = choose_units(wide.trace.h, (1, 64, 128))
    assert {0, 63, 127} <= set(expected.shown.tolist())
    drawn, band = scene.drawn_units("h")
    np.testing.assert_array_equal(drawn, wide.trace.h[3, expected.shown])
    assert band is not None
    assert "3 pinned units and the 21 most active others" in scene.tooltip_for("h")


def test_a_model_that_fits_draws_every_unit_and_no_band(scene, results_by_kind) -> None:
    r = results_by_kind["lstm"]
    scene.show(r, Cursor(5, 2, 1.0))
    drawn, band = scene.drawn_units("h")
    np.testing.assert_array_equal(drawn, r.trace.h[5])
    assert band is None


def test_the_tooltip_of_a_wide_strip_still_gives_every_units_value(scene, wide) -> None:
    scene.show(wide, Cursor(12, 2, 1.0))
    text = scene.tooltip_for("h")
    assert "128 values" in text
    assert "other 104 units" in text
    assert text.count("<td align='right'>") == 128


@pytest.fixture
def stacked(monkeypatch):
    tensors = torch_tensors("lstm", layers=2, dirs=2, d=1, h=5)
    wf = stand_in("lstm", tensors)
    monkeypatch.setattr(results_module, "_load_weights_cached", lambda path, prefix=None: wf)
    return compute(Settings(weights="model.pt", sequence="sine", length=12))


def test_a_stacks_strip_shows_every_layers_h_over_time(scene, stacked) -> None:
    scene.show(stacked, Cursor(11, 2, 1.0))
    rows = scene.sequence_rows()
    assert len(rows) == 4  # 2 layers × 2 directions
    layers = stacked.stack_trace.layers
    for grid, (k, d) in zip(rows, [(0, 0), (0, 1), (1, 0), (1, 1)], strict=True):
        # Columns are the input's steps: a reverse cell's trace is read backwards.
        h = layers[k][d].h[::-1] if d else layers[k][d].h
        np.testing.assert_array_equal(grid, h.T)
    assert scene._sequence.chosen_box.isVisible()


def test_choosing_another_layer_redraws_the_strip_without_recomputing(scene, stacked) -> None:
    scene.show(stacked, Cursor(11, 2, 1.0))
    before = scene.sequence_rows()
    chosen = stacked.select(1, "reverse")
    assert chosen.stack_run is stacked.stack_run  # the engine ran once
    scene.show(chosen, Cursor(11, 2, 1.0))
    after = scene.sequence_rows()
    # The chosen cell reads the input backwards: every row's columns flip.
    for a, b in zip(before, after, strict=True):
        np.testing.assert_array_equal(a[:, ::-1], b)
    box = scene._sequence.chosen_box.rect()
    heat = scene._sequence.layer_heat[3].rect()
    assert box.top() < heat.top() and box.bottom() > heat.bottom()
    np.testing.assert_array_equal(scene.drawn_units("h")[0], chosen.trace.h[11])
