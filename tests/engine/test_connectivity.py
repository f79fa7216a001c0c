"""Connectivity ‖∂h_{t'}/∂x_t‖₂: exact against finite differences and reverse mode."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import GRU, LSTM, MODELS, RNN
from lstm_viz.engine.gradients import connectivity as connectivity_module
from lstm_viz.engine.gradients._connectivity_norms import (
    _scaled_spectral_columns,
    _spectral_columns,
)
from lstm_viz.engine.gradients.connectivity import (
    _column_parts,
    connectivity,
    connectivity_map,
    local_jacobians,
)

KINDS = ("rnn", "lstm", "gru")


def _inputs(steps: int, d: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((steps, d))


def _reference(model, trace) -> np.ndarray:
    """The computation before the forward-mode walk: every step's local Jacobians at once,
    ``(N×N)`` products of all tangents, the spectral norms of each row."""
    steps, h = trace.h.shape
    d = model.input_size
    n = 2 * h if model.has_cell else h
    out = np.zeros((steps, steps))
    tangents = np.zeros((n, steps * d))
    norms = _scaled_spectral_columns  # every matrix rescaled, one eigendecomposition each
    a, b = local_jacobians(model, trace)
    with np.errstate(all="ignore"):
        for u in range(steps):
            live = tangents[:, : u * d]
            live[...] = a[u] @ live
            tangents[:, u * d : (u + 1) * d] = b[u]
            out[u, : u + 1] = norms(tangents[:h, : (u + 1) * d].reshape(h, u + 1, d))
    return out


def _finite_difference_jacobians(model, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """``J[t', t] = ∂h_{t'}/∂x_t`` (H×D) by central differences of whole forward passes."""
    steps, d = x.shape
    jac = np.zeros((steps, steps, model.hidden_size, d))
    for t in range(steps):
        for k in range(d):
            up, down = x.copy(), x.copy()
            up[t, k] += eps
            down[t, k] -= eps
            jac[:, t, :, k] = (model.forward(up).h - model.forward(down).h) / (2 * eps)
    return jac


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("d", [1, 3])
def test_matches_finite_differences(kind, d) -> None:
    m = MODELS[kind](d, 4, seed=3, forget_bias=1.0)
    x = _inputs(7, d)
    c = connectivity(m, m.forward(x))
    want = np.linalg.norm(_finite_difference_jacobians(m, x), ord=2, axis=(2, 3))
    np.testing.assert_allclose(c, want, atol=1e-8)
    assert np.all(np.triu(c, 1) == 0)  # an output never depends on a later input
    assert np.all(np.diag(c) > 0)


@pytest.mark.parametrize("kind", KINDS)
def test_matches_reverse_mode_backward_passes(kind) -> None:
    # Row t' by H ordinary backward passes, one per unit of h_{t'}.
    m = MODELS[kind](2, 5, seed=0, forget_bias=2.0, recurrent_scale=1.3)
    x = _inputs(20, 2, seed=4)
    tr = m.forward(x)
    c = connectivity(m, tr)
    for row in (0, 9, 19):
        rows = []
        for k in range(5):
            dh = np.zeros_like(tr.h)
            dh[row, k] = 1.0
            rows.append(m.backward(tr, dh).x)  # (T, D): ∂h_{t'}[k]/∂x_t
        jac = np.stack(rows, axis=1)  # (T, H, D)
        np.testing.assert_allclose(c[row], np.linalg.norm(jac, ord=2, axis=(1, 2)), rtol=1e-10)


@pytest.mark.parametrize("cls", [LSTM, GRU, RNN])
def test_products_of_local_jacobians_are_the_state_jacobians(cls) -> None:
    m = cls(2, 3, seed=5, forget_bias=1.0)
    tr = m.forward(_inputs(9, 2))
    a, b = local_jacobians(m, tr)
    h = 3
    assert a.shape == (9, 2 * h if m.has_cell else h, 2 * h if m.has_cell else h)
    assert b.shape == (9, a.shape[1], 2)
    want = m.state_jacobians(tr)  # ∂h_T/∂h_t (and ∂h_T/∂c_t) with the rest held fixed
    product = np.eye(a.shape[1])
    for t in range(8, 0, -1):  # ∂s_T/∂s_{t} = A_T ⋯ A_{t+1}
        product = product @ a[t]
        np.testing.assert_allclose(product[:h, :h], want["h"][t - 1], atol=1e-13)
        if m.has_cell:
            # The engine's ∂h_T/∂c_t lets c_t move h_t = o_t ⊙ tanh(c_t) too.
            o, tanh_c = tr.gates["o"][t - 1], np.tanh(tr.c[t - 1])
            total = product[:h, h:] + product[:h, :h] * (o * (1 - tanh_c**2))
            np.testing.assert_allclose(total, want["c"][t - 1], atol=1e-13)


def test_local_jacobians_of_a_step_range_equal_those_of_the_whole() -> None:
    m = LSTM(2, 3, seed=1)
    tr = m.forward(_inputs(10, 2))
    a, b = local_jacobians(m, tr)
    a_part, b_part = local_jacobians(m, tr, 4, 7)
    np.testing.assert_array_equal(a_part, a[4:7])
    np.testing.assert_array_equal(b_part, b[4:7])


def test_the_lstm_sees_further_back_than_the_rnn() -> None:
    x = _inputs(60, 1, seed=2)
    rnn, lstm = RNN(1, 16, seed=0, recurrent_scale=0.8), LSTM(1, 16, seed=0, forget_bias=4.0)
    c_rnn, c_lstm = connectivity(rnn, rnn.forward(x)), connectivity(lstm, lstm.forward(x))
    assert c_lstm[-1, 0] > 1e4 * c_rnn[-1, 0]


def test_overflow_is_flagged_not_raised() -> None:
    m = RNN(1, 4, seed=0, recurrent_scale=1e200, init="orthogonal")
    m = m.with_params(bias_ih=np.zeros(4), bias_hh=np.zeros(4))
    c = connectivity(m, m.forward(np.zeros((6, 1))))  # h stays 0, where tanh' = 1
    assert not np.isfinite(c[-1, 0])
    assert np.isfinite(np.diag(c)).all()


def test_rejects_batched_traces_and_other_models() -> None:
    m = GRU(2, 3)
    with pytest.raises(ValueError, match="unbatched"):
        connectivity(m, m.forward(np.zeros((4, 2, 2))))
    with pytest.raises(ValueError, match="LSTM trace given to a GRU"):
        connectivity(m, LSTM(2, 3).forward(np.zeros((4, 2))))


@pytest.mark.parametrize("shape", [(5, 7, 3), (2, 7, 5), (4, 7, 1), (6, 7, 2), (1, 7, 2)])
def test_spectral_norms_of_columns_handle_any_magnitude(shape) -> None:
    rng = np.random.default_rng(0)
    mats = rng.standard_normal(shape)  # (H, N, D)
    mats[:, 1] *= 1e200
    mats[:, 2] *= 1e-200
    mats[:, 3] = 0.0
    mats[0, 4, 0] = np.inf
    mats[0, 5, 0] = np.nan
    got = _spectral_columns(mats)
    for k in (0, 1, 2, 6):
        want = np.linalg.norm(mats[:, k], ord=2)
        if k == 1:
            want = np.linalg.norm(mats[:, k] / 1e200, ord=2) * 1e200
        if k == 2:
            want = np.linalg.norm(mats[:, k] * 1e200, ord=2) / 1e200
        assert got[k] == pytest.approx(want, rel=1e-12)
    assert got[3] == 0.0
    assert np.isinf(got[4])
    assert np.isnan(got[5])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    d=st.integers(1, 3),
    h=st.integers(1, 4),
    steps=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
    scale=st.one_of(st.floats(0.0, 3.0), st.floats(1e3, 1e300)),
    fill=st.one_of(st.floats(-5, 5), st.sampled_from([1e-300, 1e300, -1e308])),
)
def test_never_raises_and_nothing_depends_on_the_future(
    kind, d, h, steps, seed, scale, fill
) -> None:
    m = MODELS[kind](d, h, seed=seed, recurrent_scale=scale)
    x = np.full((steps, d), fill)
    x[::2] *= -0.5
    c = connectivity(m, m.forward(x))
    assert c.shape == (steps, steps)
    assert np.all(np.triu(c, 1) == 0)
    ok = ~np.isnan(c)
    assert np.all(c[ok] >= 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    d=st.integers(1, 3),
    h=st.integers(1, 6),
    steps=st.integers(1, 25),
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(0.1, 2.0),
    forget=st.floats(-3.0, 5.0),
)
def test_the_forward_mode_walk_is_the_reference_computation(
    kind, d, h, steps, seed, scale, forget
) -> None:
    m = MODELS[kind](d, h, seed=seed, recurrent_scale=scale, forget_bias=forget)
    tr = m.forward(np.random.default_rng(seed).standard_normal((steps, d)))
    np.testing.assert_allclose(connectivity(m, tr), _reference(m, tr), rtol=1e-10, atol=0)


@pytest.mark.parametrize("kind", KINDS)
def test_the_walk_is_the_reference_at_the_panels_size(kind) -> None:
    m = MODELS[kind](2, 32, seed=0, forget_bias=1.0)
    tr = m.forward(_inputs(120, 2, seed=3))
    np.testing.assert_allclose(connectivity(m, tr), _reference(m, tr), rtol=1e-10, atol=0)


@pytest.mark.parametrize(("steps", "resolution"), [(30, 7), (31, 30), (64, 16), (9, 9)])
def test_a_binned_map_holds_each_bins_strongest_link(steps, resolution) -> None:
    m = LSTM(2, 4, seed=2, forget_bias=1.0)
    tr = m.forward(_inputs(steps, 2))
    full = connectivity(m, tr)
    got, far = connectivity_map(m, tr, resolution)
    size = min(steps, resolution)
    bins = np.arange(steps) * size // steps
    want = np.zeros((size, size))
    np.maximum.at(want, (bins[:, None], bins[None, :]), full)
    assert got.shape == (size, size)
    np.testing.assert_array_equal(got, want)
    assert far == full[-1, 0]  # the corner's own value, not its bin's
    assert np.all(np.triu(got, 1) == 0)  # a bin of later inputs only is still empty


def test_progress_rises_to_one_as_the_rows_are_made() -> None:
    m = GRU(1, 3, seed=0)
    seen: list[float] = []
    connectivity_map(m, m.forward(_inputs(150, 1)), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert 50 <= len(seen) <= 150  # about every 1 % of the work, not every step


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    h=st.integers(1, 5),
    steps=st.integers(1, 20),
    data=st.data(),
    resolution=st.one_of(st.none(), st.integers(1, 8)),
)
def test_a_window_is_that_block_of_the_whole_map(kind, h, steps, data, resolution) -> None:
    m = MODELS[kind](2, h, seed=steps, forget_bias=1.0)
    tr = m.forward(_inputs(steps, 2, seed=h))
    first = data.draw(st.integers(0, steps - 1))
    last = data.draw(st.integers(first + 1, steps))
    block = connectivity(m, tr)[first:last, first:last]
    got, far = connectivity_map(m, tr, resolution, window=(first, last))
    assert far == block[-1, 0]
    if resolution is None or last - first <= resolution:
        np.testing.assert_array_equal(got, block)  # the same operations, in the same order
    else:
        bins = np.arange(last - first) * resolution // (last - first)
        want = np.zeros((resolution, resolution))
        np.maximum.at(want, (bins[:, None], bins[None, :]), block)
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("window", [(0, 0), (3, 2), (-1, 4), (0, 11)])
def test_a_window_outside_the_steps_is_refused(window) -> None:
    m = RNN(1, 2, seed=0)
    with pytest.raises(ValueError, match="window"):
        connectivity_map(m, m.forward(_inputs(10, 1)), window=window)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    d=st.integers(1, 3),
    h=st.integers(1, 5),
    steps=st.integers(1, 30),
    data=st.data(),
    resolution=st.one_of(st.none(), st.integers(1, 10)),
)
def test_two_threads_make_the_same_map_as_one(kind, d, h, steps, data, resolution) -> None:
    m = MODELS[kind](d, h, seed=steps, forget_bias=1.0)
    tr = m.forward(_inputs(steps, d, seed=h))
    first = data.draw(st.integers(0, steps - 1))
    last = data.draw(st.integers(first + 1, steps))
    one, far_one = connectivity_map(m, tr, resolution, window=(first, last), threads=1)
    seen: list[float] = []
    two, far_two = connectivity_map(
        m, tr, resolution, window=(first, last), threads=2, progress=seen.append
    )
    # Each column's products are the same whichever part holds it: to rounding, or exact.
    np.testing.assert_allclose(two, one, rtol=1e-12, atol=0)
    assert far_two == pytest.approx(far_one, rel=1e-12, abs=0)
    assert seen == sorted(seen) and seen[-1] == 1.0


@pytest.mark.parametrize(("steps", "resolution"), [(200, None), (300, 64), (257, 256)])
def test_the_split_parts_cover_each_step_once_and_balance_the_work(steps, resolution) -> None:
    edges = None
    if resolution is not None:
        bins = np.arange(steps) * resolution // steps
        edges = np.flatnonzero(np.diff(bins, prepend=-1))
    (a0, split), (b0, b1) = _column_parts(steps, edges, 2)
    assert (a0, b1) == (0, steps) and b0 == split
    if edges is not None:
        assert split in edges  # the parts write different bins
    first_part = split * steps - split * (split - 1) / 2  # columns × steps each part makes
    second_part = (steps - split) * (steps - split + 1) / 2
    assert abs(first_part - second_part) / (first_part + second_part) < 0.05


def test_an_error_in_the_second_part_reaches_the_caller(monkeypatch) -> None:
    m = LSTM(1, 3, seed=0)
    tr = m.forward(_inputs(40, 1))

    def broken(mats):
        if threading.current_thread() is not threading.main_thread():
            raise FloatingPointError("from the second part")
        return _spectral_columns(mats)

    monkeypatch.setattr(connectivity_module, "_spectral_columns", broken)
    with pytest.raises(FloatingPointError, match="second part"):
        connectivity_map(m, tr, threads=2)


def test_a_progress_callback_that_raises_stops_every_part(monkeypatch) -> None:
    m = LSTM(1, 3, seed=0)
    tr = m.forward(_inputs(400, 1))
    before = threading.active_count()
    cancelled = threading.Event()

    def held(mats):  # the second part is still at its first step when the job is cancelled
        if threading.current_thread() is not threading.main_thread():
            cancelled.wait(10)
        return _spectral_columns(mats)

    def cancel(fraction: float) -> None:
        if fraction > 0.05:
            cancelled.set()
            raise KeyboardInterrupt

    monkeypatch.setattr(connectivity_module, "_spectral_columns", held)
    with pytest.raises(KeyboardInterrupt):
        connectivity_map(m, tr, threads=2, progress=cancel)
    assert threading.active_count() == before  # the second part has ended, not left running
