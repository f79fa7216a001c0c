"""The gradient diagnostics show what the source notes claim, with exact numbers."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import GRU, LSTM, RNN
from lstm_viz.engine.gradients.diagnostics import (
    clip_grad_norm,
    diagnose,
    forget_gate_highway,
    frobenius_norms,
    jacobian_norms,
    last_step_loss_gradient,
    pascanu_condition,
    spectral_norms,
)


def _inputs(steps: int, d: int = 2, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((steps, d))


def test_highway_equals_the_elementwise_product_of_forget_gates() -> None:
    m = LSTM(2, 5, seed=3, forget_bias=1.0)
    tr = m.forward(_inputs(12))
    path = forget_gate_highway(tr)
    f = tr.gates["f"]
    for t in range(12):
        want = np.ones(5)
        for s in range(t + 1, 12):
            want = want * f[s]
        np.testing.assert_allclose(path[t], want, rtol=1e-15, atol=0)


def test_highway_is_the_derivative_of_the_cell_recursion_with_gates_held_fixed() -> None:
    # Along the c-path only, c_s = f_s ⊙ c_{s-1} + i_s ⊙ g_s with f, i, g taken
    # from the trace: differentiating that recursion numerically gives ∏ f.
    m = LSTM(2, 4, seed=1, forget_bias=0.5)
    tr = m.forward(_inputs(10, seed=2))
    f, i, g = tr.gates["f"], tr.gates["i"], tr.gates["g"]
    t, eps = 3, 1e-6

    def c_last(c_t: np.ndarray) -> np.ndarray:
        c = c_t
        for s in range(t + 1, 10):
            c = f[s] * c + i[s] * g[s]
        return c

    numeric = np.array(
        [(c_last(tr.c[t] + eps * e) - c_last(tr.c[t] - eps * e)) / (2 * eps) for e in np.eye(4)]
    ).T
    np.testing.assert_allclose(np.diag(numeric), forget_gate_highway(tr)[t], rtol=1e-8)
    np.testing.assert_allclose(numeric - np.diag(np.diag(numeric)), 0, atol=1e-12)


@pytest.mark.parametrize("cls", [LSTM, GRU, RNN])
def test_state_jacobians_match_finite_differences_of_the_rest_of_the_sequence(cls) -> None:
    m = cls(2, 3, seed=4)
    x = _inputs(8)
    tr = m.forward(x)
    jac = m.state_jacobians(tr)["h"]
    t, eps = 2, 1e-6
    c_t = tr.c[t] if cls is LSTM else None
    cols = []
    for e in np.eye(3):
        up = m.forward(x[t + 1 :], tr.h[t] + eps * e, c_t).h[-1]
        down = m.forward(x[t + 1 :], tr.h[t] - eps * e, c_t).h[-1]
        cols.append((up - down) / (2 * eps))
    np.testing.assert_allclose(jac[t], np.array(cols).T, atol=1e-9)
    np.testing.assert_allclose(jac[-1], np.eye(3), atol=0)


def test_lstm_total_cell_jacobian_matches_finite_differences() -> None:
    m = LSTM(2, 3, seed=4, forget_bias=1.0)
    x = _inputs(8)
    tr = m.forward(x)
    jac = m.state_jacobians(tr, of="c")["c"]
    t, eps = 1, 1e-6
    o_t = tr.gates["o"][t]
    cols = []
    for e in np.eye(3):
        # c_t also reaches h_t = o_t ⊙ tanh(c_t) within its own step: the total
        # derivative moves both.
        c_up, c_down = tr.c[t] + eps * e, tr.c[t] - eps * e
        up = m.forward(x[t + 1 :], o_t * np.tanh(c_up), c_up).c[-1]
        down = m.forward(x[t + 1 :], o_t * np.tanh(c_down), c_down).c[-1]
        cols.append((up - down) / (2 * eps))
    np.testing.assert_allclose(jac[t], np.array(cols).T, atol=1e-9)


def test_loss_gradient_norms_are_the_norms_of_backward_total_gradients() -> None:
    m = GRU(2, 4, seed=0)
    tr = m.forward(_inputs(15))
    d = diagnose(m, tr)
    g = m.backward(tr, last_step_loss_gradient(tr))
    np.testing.assert_allclose(d.loss_grad, np.linalg.norm(g.h, axis=-1), rtol=1e-15)
    assert d.loss_grad[-1] == pytest.approx(1.0)
    np.testing.assert_allclose(d.jacobian_spectral, spectral_norms(m.state_jacobians(tr)["h"]))


def test_rnn_gradient_decays_at_least_geometrically_when_largest_singular_value_below_one() -> None:
    # ‖∂h_T/∂h_t‖ ≤ ∏ ‖diag(1−h²)‖·‖W_hh‖ ≤ σ_max^(T−t): at least geometric decay.
    sigma = 0.8
    m = RNN(2, 16, seed=0, recurrent_scale=sigma)
    assert pascanu_condition(m).vanishing_guaranteed
    d = diagnose(m, m.forward(_inputs(60)))
    distance = 59 - np.arange(60)
    assert np.all(d.jacobian_spectral <= sigma**distance * (1 + 1e-9))
    assert d.jacobian_spectral[0] < 1e-5


def test_rnn_gradient_grows_with_a_large_recurrent_scale() -> None:
    m = RNN(1, 16, seed=0, recurrent_scale=3.0, init="orthogonal")
    m = m.with_params(bias_ih=np.zeros(16), bias_hh=np.zeros(16))
    # Zero input and biases keep h at 0, where tanh' = 1: ∂h_T/∂h_t = W_hh^(T−t).
    tr = m.forward(np.zeros((40, 1)))
    d = diagnose(m, tr)
    distance = 39 - np.arange(40)
    np.testing.assert_allclose(d.jacobian_spectral, 3.0**distance, rtol=1e-9)
    assert not pascanu_condition(m).vanishing_guaranteed


def test_lstm_keeps_long_range_gradient_orders_of_magnitude_above_rnn_at_distance_50() -> None:
    x = _inputs(51, seed=5)
    rnn = RNN(2, 32, seed=0, recurrent_scale=0.9)
    lstm = LSTM(2, 32, seed=0, forget_bias=3.0)
    d_rnn, d_lstm = diagnose(rnn, rnn.forward(x)), diagnose(lstm, lstm.forward(x))
    # index 0 is step 1: distance 50 from step 51.
    assert d_lstm.highway[0] > 1e-3
    assert d_lstm.cell_total[0] > 1e-3
    assert d_rnn.jacobian_spectral[0] < 1e-5
    assert d_lstm.cell_total[0] / d_rnn.jacobian_spectral[0] > 1e3


def test_highway_is_the_largest_entry_of_the_forget_gate_product() -> None:
    m = LSTM(2, 6, seed=1, forget_bias=1.0)
    tr = m.forward(_inputs(9))
    d = diagnose(m, tr)
    np.testing.assert_array_equal(d.highway, forget_gate_highway(tr).max(axis=-1))
    assert d.highway[-1] == 1.0
    assert np.all(np.diff(d.highway) >= 0)  # more forget gates multiply further back


def test_overflow_is_flagged_not_raised() -> None:
    m = RNN(1, 8, seed=0, recurrent_scale=1e200, init="orthogonal")
    m = m.with_params(bias_ih=np.zeros(8), bias_hh=np.zeros(8))
    d = diagnose(m, m.forward(np.zeros((30, 1))))
    assert not d.finite
    assert np.isinf(d.jacobian_spectral).any() or np.isnan(d.jacobian_spectral).any()


def test_spectral_norm_marks_overflowed_matrices() -> None:
    mats = np.stack([np.eye(2) * 3, np.full((2, 2), np.inf), np.full((2, 2), np.nan)])
    out = spectral_norms(mats)
    assert out[0] == pytest.approx(3.0)
    assert np.isinf(out[1])
    assert np.isnan(out[2])


def test_pascanu_condition_reports_sigma_against_one_over_gamma() -> None:
    m = RNN(2, 8, seed=0, recurrent_scale=1.25)
    cond = pascanu_condition(m)
    assert cond.sigma_max == pytest.approx(1.25)
    assert cond.threshold == 1.0
    assert not cond.vanishing_guaranteed
    lstm_cond = pascanu_condition(LSTM(2, 8, seed=0, recurrent_scale=0.5))
    assert not lstm_cond.applies
    assert set(lstm_cond.blocks) == {"i", "f", "g", "o"}
    assert lstm_cond.blocks["f"] == pytest.approx(0.5)


def test_clipping_scales_all_gradients_by_one_global_coefficient() -> None:
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0, 4.0]])}
    clipped, info = clip_grad_norm(grads, max_norm=1.0)
    assert info.total_norm == pytest.approx(5.0)
    assert info.coef == pytest.approx(1.0 / (5.0 + 1e-6))
    assert info.clipped
    np.testing.assert_allclose(clipped["a"], [3.0 * info.coef, 0.0])
    np.testing.assert_allclose(clipped["b"], [[0.0, 4.0 * info.coef]])
    np.testing.assert_array_equal(grads["a"], [3.0, 0.0])  # inputs untouched


def test_clipping_does_nothing_below_the_threshold() -> None:
    grads = {"a": np.array([0.3, 0.4])}
    clipped, info = clip_grad_norm(grads, max_norm=1.0)
    assert not info.clipped and info.coef == 1.0
    np.testing.assert_array_equal(clipped["a"], grads["a"])


def test_clipping_flags_an_infinite_norm() -> None:
    _, info = clip_grad_norm({"a": np.array([np.inf, 1.0])}, max_norm=1.0)
    assert not info.finite and info.clipped


def test_clipping_rejects_a_bad_threshold() -> None:
    with pytest.raises(ValueError, match="max_norm"):
        clip_grad_norm({"a": np.ones(2)}, max_norm=0.0)


def test_norms_of_huge_but_finite_values_do_not_overflow() -> None:
    from lstm_viz.engine.gradients.diagnostics import frobenius_norms, stable_norms

    v = np.array([3e200, 4e200])
    assert stable_norms(v) == pytest.approx(5e200)
    assert frobenius_norms(np.array([[[3e200, 0.0], [0.0, 4e200]]]))[0] == pytest.approx(5e200)
    assert np.isinf(stable_norms(np.array([np.inf, 1.0])))
    assert np.isnan(stable_norms(np.array([np.nan, 1.0])))
    assert stable_norms(np.zeros(3)) == 0.0
    _, info = clip_grad_norm({"a": v}, max_norm=1.0)
    assert info.total_norm == pytest.approx(5e200) and info.finite


def test_cell_gradient_splits_into_highway_and_own_output_exactly() -> None:
    m = LSTM(2, 5, seed=2, forget_bias=1.0)
    tr = m.forward(_inputs(14, seed=3))
    d = diagnose(m, tr)
    highway, through_h = d.cell_paths
    np.testing.assert_allclose(highway + through_h, d.grads.c, rtol=1e-12, atol=1e-18)
    assert np.all(highway[-1] == 0)  # nothing comes after the last step
    np.testing.assert_allclose(highway[:-1], d.grads.c[1:] * tr.gates["f"][1:], rtol=1e-15)
    assert diagnose(RNN(2, 3), RNN(2, 3).forward(_inputs(4))).cell_paths is None


@pytest.mark.parametrize("cls", [LSTM, GRU, RNN])
@pytest.mark.parametrize("batched", [False, True])
@pytest.mark.parametrize("chunk_bytes", [1, 3 * 11 * 7 * 7 * 8, 10**9])
def test_jacobian_norms_by_chunks_equal_the_norms_of_the_whole_jacobians(
    cls, batched, chunk_bytes
) -> None:
    m = cls(3, 7, seed=1)
    x = np.random.default_rng(0).standard_normal((23, 2, 3) if batched else (23, 3))
    tr = m.forward(x)
    for of in ("h", "c") if m.has_cell else ("h",):
        whole = m.state_jacobians(tr, of=of)[of]
        spectral, frobenius = jacobian_norms(m, tr, of=of, chunk_bytes=chunk_bytes)
        np.testing.assert_allclose(spectral, spectral_norms(whole), rtol=1e-12)
        np.testing.assert_allclose(frobenius, frobenius_norms(whole), rtol=1e-12)


def test_gram_spectral_norms_agree_with_the_svd_at_any_scale_and_on_overflow() -> None:
    from lstm_viz.engine.gradients.diagnostics import gram_spectral_norms

    rng = np.random.default_rng(3)
    mats = rng.standard_normal((6, 5, 5)) * np.array([1, 1e-200, 1e200, 1e-5, 0, 1])[:, None, None]
    mats[5, 0, 0] = np.inf
    got, want = gram_spectral_norms(mats), spectral_norms(mats)
    np.testing.assert_allclose(got[:4], want[:4], rtol=1e-13)
    assert got[4] == 0.0 and np.isinf(got[5])
    mats[5, 1, 1] = np.nan
    assert np.isnan(gram_spectral_norms(mats)[5])


@pytest.mark.parametrize("cls", [LSTM, GRU, RNN])
@pytest.mark.parametrize("shape", [(40, 3), (40, 2, 3)])
def test_state_gradients_without_parameter_gradients_are_the_backward_passes(cls, shape) -> None:
    m = cls(3, 6, seed=2)
    tr = m.forward(np.random.default_rng(4).standard_normal(shape))
    full = m.backward(tr, last_step_loss_gradient(tr))
    h, c = diagnose(m, tr).state_grads
    np.testing.assert_array_equal(h, full.h)  # the same recursion, bit for bit
    assert (c is None) == (full.c is None) and (c is None or np.array_equal(c, full.c))
    d = diagnose(m, tr)
    _ = d.grads
    assert d.state_grads[0] is d.grads.h  # once the whole backward exists, it is used
