"""The one-product-a-step Jacobian passes (LSTM, RNN) against the exact whole Jacobians."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import GRU, LSTM, RNN
from lstm_viz.engine.cells.lstm_proj import ProjectedLSTM
from lstm_viz.engine.cells.rnn import ReluRNN
from lstm_viz.engine.gradients._jacobian_pass import (
    BAND,
    FLOOR,
    _generic_chunks,
    _lstm_chunks,
    _rnn_chunks,
    is_plain_lstm,
    is_plain_rnn,
    jacobian_chunks,
    scaled_jacobian_chunks,
)
from lstm_viz.engine.gradients.diagnostics import (
    cell_path_norms,
    forget_gate_highway,
    spectral_norms,
)


def _whole(chunks) -> np.ndarray:
    """The Jacobians of a pass's scaled chunks, unscaled, in step order (checked as read:
    each chunk's arrays are reused by the next)."""
    parts = []
    for chunk in chunks:
        mats = np.ldexp(chunk.mats, chunk.exponent[..., None, None])
        assert np.all(chunk.exponent <= 0)  # never above the true size
        with np.errstate(invalid="ignore"):
            top = np.maximum(chunk.mats.max(axis=(-2, -1)), -chunk.mats.min(axis=(-2, -1)))
        np.testing.assert_array_equal(chunk.peak, top)
        parts.append((chunk.start, chunk.stop, mats))
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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    h=st.integers(1, 7),
    steps=st.integers(1, 40),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    scale=st.floats(0.05, 3.0),
    relu=st.booleans(),
    chunk_bytes=st.sampled_from([1, 2000, 10**9]),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_rnn_pass_equals_the_whole_jacobians(
    h, steps, batch, scale, relu, chunk_bytes, seed
) -> None:
    m = (ReluRNN if relu else RNN)(2, h, seed=seed, recurrent_scale=scale)
    shape = (steps, 2) if batch is None else (steps, batch, 2)
    tr = m.forward(np.random.default_rng(seed).standard_normal(shape))
    want = m.state_jacobians(tr, of="h")["h"]
    want = want[:, None] if batch is None else want
    got = _whole(_rnn_chunks(m, tr, chunk_bytes))
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-13 * np.abs(want).max())


@pytest.mark.parametrize("cls", [LSTM, RNN, GRU])
def test_a_vanishing_jacobian_is_kept_near_one_by_exact_powers_of_two(cls) -> None:
    # Weak recurrent weights: ∂s_T/∂s_t falls by orders of magnitude per step, to where
    # the plain recursion would go subnormal; the scaled matrices stay normal and their
    # exponents carry the rest, bit for bit the unscaled products while those are normal.
    kw = {"forget_bias": -6.0} if cls is LSTM else {}
    m = cls(2, 6, seed=2, recurrent_scale=0.05, **kw)
    tr = m.forward(np.random.default_rng(0).standard_normal((600, 2)))
    chunks = [
        (c.start, c.mats.copy(), c.exponent.copy(), c.peak.copy())
        for c in scaled_jacobian_chunks(m, tr, "h", chunk_bytes=6 * 6 * 8 * 40)
    ]
    exponents = np.concatenate([e for _, _, e, _ in chunks[::-1]])
    assert FLOOR <= exponents.min() < -2 * BAND  # rescaled, more than once
    want = m.state_jacobians(tr, of="h")["h"][:, None]
    got = np.concatenate([np.ldexp(g, e[..., None, None]) for _, g, e, _ in chunks[::-1]])
    normal = np.abs(want).max(axis=(-2, -1)) > 1e-280
    np.testing.assert_allclose(got[normal], want[normal], rtol=1e-10, atol=0)


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


@pytest.mark.parametrize(
    ("model", "plain"),
    [(RNN(2, 3), True), (ReluRNN(2, 3), True), (GRU(2, 3), False), (LSTM(2, 3), False)],
)
def test_only_the_plain_rnn_takes_its_own_pass(model, plain) -> None:
    assert is_plain_rnn(model) is plain


def test_the_public_chunks_are_the_unscaled_jacobians_in_fresh_arrays() -> None:
    m = RNN(2, 5, seed=1)
    tr = m.forward(np.random.default_rng(3).standard_normal((30, 2)))
    parts = list(jacobian_chunks(m, tr, "h", chunk_bytes=5 * 5 * 8 * 4))
    assert len({id(j) for _, _, j in parts}) == len(parts)
    got = np.concatenate([j for _, _, j in parts[::-1]])[:, 0]
    np.testing.assert_allclose(got, m.state_jacobians(tr, of="h")["h"], rtol=1e-12)


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
