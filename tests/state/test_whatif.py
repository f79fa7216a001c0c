"""What-if: an edited token, value or forced gate gives exactly a fresh run with that change."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import GRU, LSTM
from lstm_viz.state.comparison import compare
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings, SettingsError
from lstm_viz.state.text_view import showcase_settings
from lstm_viz.state.whatif import (
    GateClamp,
    TokenEdit,
    ValueEdit,
    WhatIf,
    clamped_forward,
    run_edits,
)

TEXT = "def f(x):\n    return 'a' + x\n"


@pytest.fixture(scope="module")
def showcase() -> Settings:
    return showcase_settings(Settings()).replace(text=TEXT)


def test_a_token_edit_keeps_earlier_steps_and_equals_a_fresh_run_on_the_edited_text(
    showcase: Settings,
) -> None:
    original = compute(showcase)
    t = TEXT.index("'")  # the string literal's opening quote becomes a letter
    edited = run_edits(original, (TokenEdit(t, "q"),))
    fresh = compute(showcase.replace(text=TEXT[:t] + "q" + TEXT[t + 1 :]))
    np.testing.assert_array_equal(edited.trace.h[:t], original.trace.h[:t])
    np.testing.assert_array_equal(edited.trace.c[:t], original.trace.c[:t])
    assert not np.allclose(edited.trace.h[t:], original.trace.h[t:])
    np.testing.assert_array_equal(edited.trace.h, fresh.trace.h)
    np.testing.assert_array_equal(edited.predictions.outputs, fresh.predictions.outputs)
    np.testing.assert_array_equal(edited.diagnostics.grads.x, fresh.diagnostics.grads.x)
    np.testing.assert_array_equal(
        edited.diagnostics.jacobian_spectral, fresh.diagnostics.jacobian_spectral
    )
    assert edited.sequence.step_labels[t] == "q"
    assert edited.text is not None and edited.text.tokens[t] == "q"


def test_a_value_edit_reruns_every_model_kind_on_the_edited_values() -> None:
    original = compare(Settings())
    what = WhatIf(original).then(ValueEdit(4, 0, 2.5))
    for kind, r in what.edited.results.items():
        values = np.array(original[kind].sequence.values)
        values[4, 0] = 2.5
        np.testing.assert_array_equal(r.sequence.values, values)
        fresh = original[kind].stack.forward(values).layers[0][0]
        np.testing.assert_array_equal(r.trace.h, fresh.h)
        np.testing.assert_array_equal(r.trace.h[:4], original[kind].trace.h[:4])


def _forced_lstm(model: LSTM, x: np.ndarray, clamp: GateClamp) -> dict[str, np.ndarray]:
    """An independent LSTM loop in PyTorch's equations, with one gate forced."""
    p = {k: np.asarray(v, dtype=np.float64) for k, v in model.params.items()}
    n = model.hidden_size
    h, c = np.zeros(n), np.zeros(n)
    out = {k: [] for k in ("h", "c", "i", "f", "g", "o")}
    for t, xt in enumerate(x):
        z = p["weight_ih"] @ xt + p["bias_ih"] + p["weight_hh"] @ h + p["bias_hh"]
        gate = {
            "i": 1 / (1 + np.exp(-z[:n])),
            "f": 1 / (1 + np.exp(-z[n : 2 * n])),
            "g": np.tanh(z[2 * n : 3 * n]),
            "o": 1 / (1 + np.exp(-z[3 * n :])),
        }
        if t == clamp.step:
            gate[clamp.gate][clamp.unit] = clamp.value
        c = gate["f"] * c + gate["i"] * gate["g"]
        h = gate["o"] * np.tanh(c)
        for k, v in (("h", h), ("c", c), *gate.items()):
            out[k].append(np.array(v))
    return {k: np.array(v) for k, v in out.items()}


@pytest.mark.parametrize(("gate", "value"), [("f", 0.0), ("i", 1.0), ("g", -1.0), ("o", 0.0)])
def test_a_clamp_equals_an_lstm_run_with_that_gate_forced(gate: str, value: float) -> None:
    model = LSTM(input_size=2, hidden_size=3, seed=1, dtype=np.float64)
    x = np.random.default_rng(0).normal(size=(7, 2))
    clamp = GateClamp(3, gate, 1, value)
    trace = clamped_forward(model, x, [clamp])
    ref = _forced_lstm(model, x, clamp)
    assert trace.gates[gate][3, 1] == value
    np.testing.assert_allclose(trace.h, ref["h"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(trace.c, ref["c"], rtol=1e-12, atol=1e-14)
    for name in "ifgo":
        np.testing.assert_allclose(trace.gates[name], ref[name], rtol=1e-12, atol=1e-14)
    # The engine's backward pass on the forced run is the gradient of the forced run.
    weights = np.random.default_rng(1).normal(size=3)
    dh = np.zeros_like(trace.h)
    dh[-1] = weights
    dx = model.backward(trace, dh).x
    eps, numeric = 1e-6, np.zeros_like(x)
    for index in np.ndindex(*x.shape):
        up, down = x.copy(), x.copy()
        up[index] += eps
        down[index] -= eps
        loss_up = _forced_lstm(model, up, clamp)["h"][-1] @ weights
        loss_down = _forced_lstm(model, down, clamp)["h"][-1] @ weights
        numeric[index] = (loss_up - loss_down) / (2 * eps)
    np.testing.assert_allclose(dx, numeric, rtol=1e-6, atol=1e-9)


def test_a_clamped_gru_update_gate_keeps_that_unit_state_exactly() -> None:
    model = GRU(input_size=2, hidden_size=4, seed=2, dtype=np.float64)
    x = np.random.default_rng(3).normal(size=(6, 2))
    trace = clamped_forward(model, x, [GateClamp(2, "z", 3, 1.0)])
    free = model.forward(x)
    np.testing.assert_array_equal(trace.h[:2], free.h[:2])
    assert trace.gates["z"][2, 3] == 1.0
    assert trace.h[2, 3] == trace.h[1, 3]  # h_t = (1 − z) n + z h_{t−1} with z = 1
    np.testing.assert_array_equal(trace.pre["z"][2], free.pre["z"][2])


def test_without_clamps_the_stepwise_forward_is_the_cell_forward() -> None:
    model = LSTM(input_size=2, hidden_size=3, seed=4, dtype=np.float64)
    x = np.random.default_rng(5).normal(size=(9, 2))
    whole = model.forward(x)
    joined = clamped_forward(model, x, [])
    np.testing.assert_array_equal(joined.h, whole.h)
    dh = np.ones_like(whole.h)
    np.testing.assert_array_equal(model.backward(joined, dh).x, model.backward(whole, dh).x)


def test_a_clamp_changes_only_the_current_model_and_later_steps() -> None:
    original = compare(Settings())
    what = WhatIf(original).then(GateClamp(5, "f", 0, 0.0))
    lstm, gru = what.edited["lstm"], what.edited["gru"]
    assert gru is original["gru"]
    np.testing.assert_array_equal(lstm.trace.h[:5], original["lstm"].trace.h[:5])
    assert lstm.trace.gates["f"][5, 0] == 0.0
    assert not np.array_equal(lstm.trace.c[5:], original["lstm"].trace.c[5:])
    assert np.isfinite(lstm.diagnostics.jacobian_spectral).all()


def test_undo_restores_the_original_results() -> None:
    original = compare(Settings())
    one = WhatIf(original).then(ValueEdit(2, 0, -1.0))
    two = one.then(GateClamp(6, "o", 1, 1.0))
    back = two.undo()
    np.testing.assert_array_equal(back.edited["lstm"].trace.h, one.edited["lstm"].trace.h)
    assert back.undo().edited is original
    assert back.undo().edits == ()


def test_edits_that_cannot_apply_say_what_and_where() -> None:
    original = compute(Settings())
    with pytest.raises(SettingsError, match="only a text sequence"):
        run_edits(original, (TokenEdit(0, "a"),))
    with pytest.raises(SettingsError, match="forced to 0 or 1 only"):
        run_edits(original, (GateClamp(0, "f", 0, 0.5),))
    with pytest.raises(SettingsError, match="step 999 is outside"):
        run_edits(original, (ValueEdit(998, 0, 1.0),))


def test_a_token_edit_must_be_one_token(showcase: Settings) -> None:
    with pytest.raises(SettingsError, match="not one token"):
        run_edits(compute(showcase), (TokenEdit(0, "ab"),))
