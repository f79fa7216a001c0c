"""Which parts a frame shows, and their values, at each stage (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.state.frame import PART_STAGES, frame_at, state_history, status, step_values
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import STAGES, Cursor


@pytest.fixture(scope="module")
def lstm():
    return compute(Settings(model="lstm", hidden_size=5, length=12))


def test_status_orders_done_active_pending():
    assert [status(s, 1) for s in (-1, 0, 1, 2)] == ["input", "done", "active", "pending"]


def test_every_stage_key_has_parts(lstm):
    for kind, parts in PART_STAGES.items():
        assert set(parts.values()) - {-1} == set(range(len(STAGES[kind])))


def test_pending_parts_are_nan_and_done_parts_are_exact(lstm):
    f = frame_at(lstm, Cursor(4, 1, 0.5))
    assert np.isnan(f.shown["o"]).all() and np.isnan(f.shown["h"]).all()
    np.testing.assert_array_equal(f.shown["c"], lstm.trace.c[4])
    np.testing.assert_array_equal(f.shown["f_c"], lstm.trace.gates["f"][4] * lstm.trace.c_prev[4])


def test_preactivations_reproduce_the_gates():
    for kind in ("lstm", "gru", "rnn"):
        r = compute(Settings(model=kind, hidden_size=4, length=6))
        sv = step_values(r, 3)
        for name in r.model.gate_names:
            act = np.tanh if name in ("g", "n") else (lambda a: 1 / (1 + np.exp(-a)))
            if name == "a":
                np.testing.assert_allclose(sv.pre[name], r.trace.gates["a"][3])
            else:
                np.testing.assert_allclose(act(sv.pre[name]), r.trace.gates[name][3], atol=1e-12)


def test_pre_activations_are_the_engines_not_recomputed():
    for kind in ("lstm", "gru", "rnn"):
        r = compute(Settings(model=kind, hidden_size=4, length=6))
        sv = step_values(r, 2)
        for name, value in r.trace.pre.items():
            assert np.shares_memory(sv.pre[name], value), (kind, name)
            np.testing.assert_array_equal(sv.pre[name], value[2])


def test_history_stops_at_the_cursor(lstm):
    h = state_history(lstm, "h", Cursor(3, 1, 0.5))  # h of step 3 comes in stage 2
    assert np.isfinite(h[:, :3]).all() and np.isnan(h[:, 3:]).all()
    c = state_history(lstm, "c", Cursor(3, 1, 0.5))
    assert np.isfinite(c[:, :4]).all() and np.isnan(c[:, 4:]).all()
