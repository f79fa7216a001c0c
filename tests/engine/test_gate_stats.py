"""Gate saturation fractions, counted by hand on tiny traces."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import GRU, LSTM, RNN
from lstm_viz.engine.cells.trace import Trace
from lstm_viz.engine.gradients.gate_stats import saturation


def _lstm_trace(gates: dict[str, list[list[float]]]) -> Trace:
    g = {k: np.array(v) for k, v in gates.items()}
    steps, h = g["f"].shape
    return Trace(
        kind="lstm",
        x=np.zeros((steps, 1)),
        h0=np.zeros(h),
        c0=np.zeros(h),
        h=np.zeros((steps, h)),
        c=np.zeros((steps, h)),
        gates=g,
        batched=False,
    )


def test_fractions_counted_by_hand() -> None:
    # 4 steps, 2 units.
    tr = _lstm_trace(
        {
            "i": [[0.05, 0.5], [0.5, 0.5], [0.95, 0.5], [0.1, 0.9]],  # 0.1 and 0.9: not saturated
            "f": [[0.99, 0.01], [0.95, 0.02], [0.91, 0.5], [0.5, 0.03]],
            "g": [[-0.95, 0.0], [0.5, 0.95], [0.95, -0.5], [0.99, 0.1]],
            "o": [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]],
        }
    )
    s = saturation(tr)
    assert list(s) == ["i", "f", "g", "o"]
    np.testing.assert_array_equal(s["i"].left, [1 / 4, 0])
    np.testing.assert_array_equal(s["i"].right, [1 / 4, 0])
    np.testing.assert_array_equal(s["f"].left, [0, 3 / 4])  # unit 1 forgets
    np.testing.assert_array_equal(s["f"].right, [3 / 4, 0])  # unit 0 remembers
    np.testing.assert_array_equal(s["o"].saturated, [0, 0])
    # The tanh candidate saturates at −1 and +1: |g| > 0.9.
    assert s["g"].activation == "tanh" and s["f"].activation == "sigmoid"
    np.testing.assert_array_equal(s["g"].left, [1 / 4, 0])
    np.testing.assert_array_equal(s["g"].right, [2 / 4, 1 / 4])
    np.testing.assert_array_equal(s["g"].saturated, [3 / 4, 1 / 4])
    assert s["f"].steps == 4 and s["f"].units == 2 and s["f"].finite


def test_thresholds_are_parameters() -> None:
    tr = _lstm_trace({k: [[0.2], [0.7], [0.85]] for k in "ifgo"})
    s = saturation(tr, low=0.25, high=0.8)
    np.testing.assert_array_equal(s["f"].left, [1 / 3])
    np.testing.assert_array_equal(s["f"].right, [1 / 3])
    assert (s["f"].low, s["f"].high) == (0.25, 0.8)


def test_non_finite_values_count_as_neither_and_are_flagged() -> None:
    tr = _lstm_trace({k: [[np.nan], [0.95]] for k in "ifgo"})
    s = saturation(tr)
    np.testing.assert_array_equal(s["f"].right, [1 / 2])
    np.testing.assert_array_equal(s["f"].left, [0])
    assert not s["f"].finite


def test_each_model_reports_its_own_gates() -> None:
    x = np.random.default_rng(0).standard_normal((30, 2))
    gru = saturation(GRU(2, 3).forward(x))
    assert {k: v.activation for k, v in gru.items()} == {
        "r": "sigmoid",
        "z": "sigmoid",
        "n": "tanh",
    }
    rnn_trace = RNN(2, 3, recurrent_scale=3.0).forward(x)
    rnn = saturation(rnn_trace)
    assert list(rnn) == ["h"] and rnn["h"].activation == "tanh"
    np.testing.assert_array_equal(rnn["h"].saturated, (np.abs(rnn_trace.h) > 0.9).mean(axis=0))


def test_the_forget_bias_moves_forget_gates_to_either_end() -> None:
    x = np.random.default_rng(0).standard_normal((50, 2))
    remember = saturation(LSTM(2, 8, forget_bias=6.0).forward(x))["f"]
    forget = saturation(LSTM(2, 8, forget_bias=-6.0).forward(x))["f"]
    assert remember.right.min() > 0.9 and remember.left.max() == 0
    assert forget.left.min() > 0.9 and forget.right.max() == 0


def test_bad_arguments_are_rejected() -> None:
    m = LSTM(1, 2)
    with pytest.raises(ValueError, match="unbatched"):
        saturation(m.forward(np.zeros((3, 2, 1))))
    with pytest.raises(ValueError, match="thresholds"):
        saturation(m.forward(np.zeros((3, 1))), low=0.9, high=0.1)
