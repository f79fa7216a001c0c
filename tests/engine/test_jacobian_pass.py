"""The LSTM's one-product-a-step Jacobian pass against the exact whole Jacobians."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import GRU, LSTM, RNN
from lstm_viz.engine.cells.lstm_proj import ProjectedLSTM
from lstm_viz.engine.gradients._jacobian_pass import (
    _generic_chunks,
    _lstm_chunks,
    is_plain_lstm,
    jacobian_chunks,
)
from lstm_viz.engine.gradients.diagnostics import (
    cell_path_norms,
    forget_gate_highway,
    spectral_norms,
)


def _whole(chunks) -> np.ndarray:
    parts = list(chunks)
    starts = [start for start, _, _ in parts]
    assert starts == sorted(starts, reverse=True)  # from the last chunk back
    assert parts[0][1] == sum(stop - start for start, stop, _ in parts)
    return np.concatenate([jac for _, _, jac in parts[::-1]])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    h=st.integers(1, 7),
    d=st.integers(1, 3),
    steps=st.integers(1, 30),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    forget=st.floats(-3.0, 6.0),
    scale=st.floats(0.1, 3.0),
    chunk_bytes=st.sampled_from([1, 2000, 10**9]),
    of=st.sampled_from(["h", "c"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_lstm_pass_equals_the_whole_jacobians(
    h, d, steps, batch, forget, scale, chunk_bytes, of, seed
) -> None:
    m = LSTM(d, h, seed=seed, forget_bias=forget, recurrent_scale=scale)
    shape = (steps, d) if batch is None else (steps, batch, d)
    tr = m.forward(np.random.default_rng(seed).standard_normal(shape))
    want = m.state_jacobians(tr, of=of)[of]
    want = want[:, None] if batch is None else want
    got = _whole(_lstm_chunks(m, tr, of, chunk_bytes))
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-13 * np.abs(want).max())


def test_the_lstm_pass_equals_the_generic_pass_at_the_panels_size() -> None:
    m = LSTM(2, 64, seed=3, forget_bias=2.0)
    tr = m.forward(np.random.default_rng(0).standard_normal((200, 2)))
    for of in ("h", "c"):
        got = _whole(_lstm_chunks(m, tr, of, 10**6))
        want = _whole(_generic_chunks(m, tr, of, 10**6))
        # Relative to each step's largest entry: the Jacobians shrink by orders of magnitude.
        scale = np.abs(want).max(axis=(-2, -1), keepdims=True)
        assert np.all(np.abs(got - want) <= 1e-10 * scale)


def test_the_lstm_pass_carries_overflow_as_inf_or_nan() -> None:
    m = LSTM(1, 3, seed=0, recurrent_scale=1e300)
    tr = m.forward(np.full((6, 1), 1e300))
    got = _whole(_lstm_chunks(m, tr, "c", 10**6))
    want = m.state_jacobians(tr, of="c")["c"][:, None]
    assert np.array_equal(np.isfinite(got), np.isfinite(want))


def _projected() -> ProjectedLSTM:
    rng = np.random.default_rng(0)
    shapes = {"weight_ih": (16, 2), "weight_hh": (16, 2), "bias_ih": (16,), "bias_hh": (16,),
              "weight_hr": (2, 4)}  # fmt: skip
    return ProjectedLSTM.from_params({k: rng.standard_normal(s) for k, s in shapes.items()})


@pytest.mark.parametrize(
    ("model", "plain"), [(LSTM(2, 3), True), (GRU(2, 3), False), (RNN(2, 3), False)]
)
def test_only_the_plain_lstm_takes_its_own_pass(model, plain) -> None:
    assert is_plain_lstm(model) is plain
    assert not is_plain_lstm(_projected())


def test_a_state_the_model_lacks_is_refused() -> None:
    m = RNN(1, 2)
    with pytest.raises(ValueError, match="cannot differentiate 'c'"):
        next(jacobian_chunks(m, m.forward(np.zeros((3, 1))), "c"))


def test_a_projected_lstms_cell_paths_come_from_its_own_jacobians() -> None:
    m = _projected()  # H = 4 cell units, P = 2 output units
    tr = m.forward(np.random.default_rng(1).standard_normal((9, 2)))
    whole = m.state_jacobians(tr, of="c")["c"]
    rest = whole - forget_gate_highway(tr)[:, None, :] * np.eye(4)
    total, other = cell_path_norms(m, tr)
    np.testing.assert_allclose(total, spectral_norms(whole), rtol=1e-10)
    np.testing.assert_allclose(other, spectral_norms(rest), rtol=1e-10)
