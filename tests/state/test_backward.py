"""The backward-pass frame shows the engine's gradients of the last-step loss."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.state.backward import backward_frame
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


def test_backward_frame_holds_the_total_gradients_at_the_step() -> None:
    r = compute(Settings(hidden_size=5, length=12))
    g = r.diagnostics.grads
    bf = backward_frame(r, Cursor(7, 0, 0.5, backward=True))
    np.testing.assert_array_equal(bf.grads["h"], g.h[7])
    np.testing.assert_array_equal(bf.grads["c"], g.c[7])
    np.testing.assert_array_equal(bf.grads["h_prev"], g.h[6])
    np.testing.assert_array_equal(bf.grads["c_prev"], g.c[6])
    assert bf.norms["h"] == pytest.approx(np.linalg.norm(g.h[7]))
    assert np.abs(bf.scaled("c")).max() <= 1.0


def test_highway_share_is_the_forget_gate_path_of_the_cell_gradient() -> None:
    r = compute(Settings(hidden_size=4, length=10, forget_bias=2.0))
    g, f = r.diagnostics.grads, r.trace.gates["f"]
    bf = backward_frame(r, Cursor(5, 0, 1.0, backward=True))
    highway = np.linalg.norm(g.c[5] * f[5])  # what c_4 receives along the highway
    assert bf.highway == pytest.approx(highway)
    assert 0.0 < bf.highway_share < 1.0
    first = backward_frame(r, Cursor(0, 0, 1.0, backward=True))
    assert first.highway_share == 1.0  # c_0 reaches the loss only along the highway
    np.testing.assert_array_equal(first.grads["c_prev"], g.c0)


def test_models_without_a_cell_have_no_highway_share() -> None:
    for kind in ("gru", "rnn"):
        bf = backward_frame(compute(Settings(model=kind, length=6)), Cursor(3, 0, 1.0, True))
        assert bf.highway_share is None and "c" not in bf.grads
