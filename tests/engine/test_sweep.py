"""The scale sweep: exact per scale, and it shows vanishing below σ_max < 1."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import MODELS
from lstm_viz.engine.gradients import sweep as sweep_module
from lstm_viz.engine.gradients.diagnostics import (
    clip_grad_norm,
    diagnose,
    last_step_loss_gradient,
    pascanu_condition,
    stable_norms,
)
from lstm_viz.engine.gradients.sweep import DEFAULT_SCALES, ScaleSweep, scale_sweep

KINDS = ("rnn", "lstm", "gru")
SCALES = np.array([0.0, 0.3, 0.9, 1.0, 1.7, 4.0])


def _inputs(steps: int, d: int = 2, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((steps, d))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("init", ["uniform", "orthogonal"])
def test_stacked_parameters_are_bit_identical_to_the_models_the_app_builds(kind, init) -> None:
    params, unit_sigma = sweep_module._scaled_params(kind, 3, 5, 7, init, 1.5, SCALES)
    for j, s in enumerate(SCALES):
        m = MODELS[kind](3, 5, seed=7, init=init, recurrent_scale=float(s), forget_bias=1.5)
        for key, value in m.params.items():
            np.testing.assert_array_equal(params[key][j], value, err_msg=f"{key} at {s}")
        assert s * unit_sigma == pytest.approx(pascanu_condition(m).sigma_max, rel=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_each_scale_agrees_with_diagnose_backward_and_clip_grad_norm(kind) -> None:
    x = _inputs(25, d=3)
    sw = scale_sweep(kind, x, 6, 2, SCALES, forget_bias=1.0, clip=1.0)
    assert sw.loss_grad.shape == (SCALES.size, 25)
    for j, s in enumerate(SCALES):
        m = MODELS[kind](3, 6, seed=2, recurrent_scale=float(s), forget_bias=1.0)
        tr = m.forward(x)
        np.testing.assert_allclose(sw.loss_grad[j], diagnose(m, tr).loss_grad, rtol=1e-12)
        grads = m.backward(tr, last_step_loss_gradient(tr))
        clipped, info = clip_grad_norm(grads.params, 1.0)
        assert sw.param_grad_norm[j] == pytest.approx(info.total_norm, rel=1e-12)
        assert sw.fired[j] == info.clipped
        after = stable_norms(np.concatenate([g.ravel() for g in clipped.values()]), axis=0)
        assert sw.clipped_norm[j] == pytest.approx(after, rel=1e-12)
        assert sw.sigma_max[j] == pytest.approx(pascanu_condition(m).sigma_max, rel=1e-12)
    assert sw.pascanu_applies == (kind == "rnn")


def _last_step_grads(kind: str, x: np.ndarray, hidden: int, scale: float, **kw):
    m = MODELS[kind](x.shape[1], hidden, seed=0, recurrent_scale=scale, **kw)
    tr = m.forward(x)
    return m.backward(tr, last_step_loss_gradient(tr))


def test_fired_count_agrees_with_clip_grad_norm_across_the_default_sweep() -> None:
    x = 0.1 * _inputs(40, d=1)
    sw = scale_sweep("rnn", x, 16, 0, DEFAULT_SCALES, init="orthogonal", clip=3.0)
    want = []
    for s in DEFAULT_SCALES:
        grads = _last_step_grads("rnn", x, 16, float(s), init="orthogonal")
        want.append(clip_grad_norm(grads.params, 3.0)[1].clipped)
    np.testing.assert_array_equal(sw.fired, want)
    assert 0 < sw.fired.sum() < DEFAULT_SCALES.size  # the threshold splits the sweep
    assert sw.fire_rate == pytest.approx(sw.fired.mean())
    np.testing.assert_array_less(sw.clipped_norm, 3.0 + 1e-9)


def test_rnn_gradient_vanishes_below_sigma_one_and_grows_above() -> None:
    # Orthogonal blocks: every singular value of W_hh equals the scale.
    x = 0.1 * _inputs(60, d=1)
    sw = scale_sweep("rnn", x, 32, 0, [0.5, 0.9, 1.5, 2.0], init="orthogonal")
    distance = sw.distance
    for j in (0, 1):  # ‖∂L/∂h_t‖ ≤ ‖seed‖·σ^(T−t), since |tanh'| ≤ 1 (Pascanu et al.)
        assert sw.sigma_max[j] < sw.threshold
        assert np.all(sw.loss_grad[j] <= sw.scales[j] ** distance * (1 + 1e-9))
    assert sw.loss_grad[0, 0] < 1e-15
    for j in (2, 3):
        assert sw.sigma_max[j] > sw.threshold
        assert sw.loss_grad[j, 0] > 10.0  # grown over 59 steps from norm 1
    assert sw.loss_grad[3, 0] > sw.loss_grad[2, 0] > sw.loss_grad[1, 0] > sw.loss_grad[0, 0]


def test_lstm_forget_gates_keep_the_gradient_where_the_rnn_loses_it() -> None:
    x = 0.1 * _inputs(60, d=1)
    rnn = scale_sweep("rnn", x, 32, 0, [0.5])
    lstm = scale_sweep("lstm", x, 32, 0, [0.5], forget_bias=4.0)
    assert lstm.loss_grad[0, 0] > 1e6 * rnn.loss_grad[0, 0]


@pytest.mark.parametrize("kind", KINDS)
def test_chunks_of_scales_and_segments_of_steps_give_the_same_numbers(kind, monkeypatch) -> None:
    from lstm_viz.engine.gradients import _sweep_passes

    x = _inputs(12)
    whole = scale_sweep(kind, x, 4, 1, SCALES, clip=0.5)
    monkeypatch.setattr(sweep_module, "_CHUNK_ELEMENTS", 1)  # one scale per chunk (GRU)
    monkeypatch.setattr(_sweep_passes, "_ACTIVATIONS", 1)  # one step per segment
    monkeypatch.setattr(_sweep_passes, "_MAX_GROUPS", 1)
    chunked = scale_sweep(kind, x, 4, 1, SCALES, clip=0.5)
    # Recomputed segments run the same products; BLAS may round a row differently in
    # a product with fewer rows (the GRU's chunks), never by more than a few eps.
    np.testing.assert_allclose(whole.loss_grad, chunked.loss_grad, rtol=1e-13)
    np.testing.assert_allclose(whole.param_grad_norm, chunked.param_grad_norm, rtol=1e-13)
    np.testing.assert_array_equal(whole.fired, chunked.fired)


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
@pytest.mark.parametrize(
    "hidden, steps, segment, block",
    [(5, 30, None, 64), (40, 60, None, 64), (6, 150, None, 7), (3, 20, 1, 64), (4, 33, 32, 5)],
)
@pytest.mark.parametrize("groups", [False, True])
def test_shared_weight_passes_equal_the_engines_cells_scale_by_scale(
    kind, hidden, steps, segment, block, groups, monkeypatch
) -> None:
    from lstm_viz.engine.gradients import _sweep_passes
    from lstm_viz.engine.gradients._sweep_passes import factored_sweep, sweep_plan

    # However the activations are kept: every scale at once, groups of scales, or all
    # scales in segments of steps (recomputed), with any block of steps backwards.
    kept = 6 * hidden if kind == "lstm" else hidden
    monkeypatch.setattr(_sweep_passes, "_BLOCK", block)
    if groups:  # two scales a group: four groups of the seven
        monkeypatch.setattr(_sweep_passes, "_ACTIVATIONS", 2 * kept * steps)
    elif segment is not None:  # segments rather than groups
        monkeypatch.setattr(_sweep_passes, "_ACTIVATIONS", 7 * kept * segment)
        monkeypatch.setattr(_sweep_passes, "_MAX_GROUPS", 1)
    plan = sweep_plan(kind, steps, 7, hidden)
    assert (plan.group, plan.segment) == (
        (2, steps) if groups else (7, steps if segment is None else segment)
    )
    x = _inputs(steps, d=3)
    scales = np.linspace(0.5, 2.0, 7)
    params, _ = sweep_module._scaled_params(kind, 3, hidden, 5, "uniform", 1.0, scales)
    raw, factor, _ = sweep_module._scale_factors(kind, 3, hidden, 5, "uniform", 1.0, scales)
    with np.errstate(all="ignore"):
        want = sweep_module._engine_sweep(kind, x, params, 0, scales.size)  # the reference
        got = factored_sweep(kind, x, raw, factor)
        loss_only = factored_sweep(kind, x, raw, factor, parameters=False)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-10)
    np.testing.assert_allclose(got[1], want[1], rtol=1e-10)
    np.testing.assert_array_equal(loss_only[0], got[0])
    assert loss_only[1] is None


@pytest.mark.parametrize("kind", KINDS)
def test_absurd_scales_do_not_raise(kind) -> None:
    sw = scale_sweep(kind, _inputs(30), 8, 0, [1e-12, 1.0, 1e6], clip=1.0)
    np.testing.assert_array_equal(sw.finite, np.isfinite(sw.loss_grad))
    assert sw.loss_grad[:, -1] == pytest.approx(1.0)  # the loss's own gradient at T


@pytest.mark.parametrize("kind", KINDS)
def test_non_finite_values_are_flagged_not_raised(kind) -> None:
    x = _inputs(10)
    x[3] = [np.inf, -np.inf]
    sw = scale_sweep(kind, x, 4, 0, [0.5, 2.0], clip=1.0)
    assert not sw.finite.all()
    assert not np.isfinite(sw.param_grad_norm).all()
    assert not sw.fired[np.isnan(sw.param_grad_norm)].any()  # as in clip_grad_norm


def test_properties_for_the_plot() -> None:
    sw = scale_sweep("rnn", _inputs(5), 3, 0, [0.0, 1.0])
    assert isinstance(sw, ScaleSweep)
    np.testing.assert_array_equal(sw.distance, [4, 3, 2, 1, 0])
    assert sw.steps == 5 and sw.threshold == 1.0
    assert sw.fired is None and sw.clipped_norm is None and sw.fire_rate is None
    assert np.isneginf(sw.log10_loss_grad[0, 0])  # W_hh = 0: nothing reaches step 1
    assert sw.log10_loss_grad[1, -1] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"kind": "lstmx"}, "unknown model kind"),
        ({"scales": [-1.0]}, "scales"),
        ({"scales": [np.nan]}, "scales"),
        ({"scales": []}, "scales"),
        ({"x": np.zeros((3, 1, 2))}, "one sequence"),
        ({"clip": 0.0}, "clipping threshold"),
        ({"clip": np.inf}, "clipping threshold"),
    ],
)
def test_bad_arguments_are_rejected_with_a_message(kwargs, match) -> None:
    args = {"kind": "rnn", "x": _inputs(4), "hidden_size": 3, "seed": 0, "scales": [1.0]}
    args.update(kwargs)
    clip = args.pop("clip", None)
    with pytest.raises(ValueError, match=match):
        scale_sweep(**args, clip=clip)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    d=st.integers(1, 3),
    h=st.integers(1, 5),
    steps=st.integers(1, 10),
    seed=st.integers(0, 2**32 - 1),
    scales=st.lists(
        st.one_of(st.floats(0.0, 3.0), st.floats(1e3, 1e308), st.just(1e-300)),
        min_size=1,
        max_size=4,
    ),
    fill=st.one_of(st.floats(-5, 5), st.sampled_from([1e-300, 1e300, -1e308])),
    clip=st.floats(1e-6, 1e6),
)
def test_any_finite_scales_and_inputs_never_raise_and_flag_non_finite(
    kind, d, h, steps, seed, scales, fill, clip
) -> None:
    x = np.full((steps, d), fill)
    x[::2] *= -0.5
    sw = scale_sweep(kind, x, h, seed, scales, clip=clip)
    assert sw.loss_grad.shape == (len(scales), steps)
    np.testing.assert_array_equal(sw.finite, np.isfinite(sw.loss_grad))
    ok = ~np.isnan(sw.loss_grad)
    assert np.all(sw.loss_grad[ok] >= 0)
    finite = np.isfinite(sw.param_grad_norm)
    coef = clip / (sw.param_grad_norm[finite] + 1e-6)  # clip_grad_norm's coefficient
    np.testing.assert_array_equal(sw.fired[finite], coef < 1)
    assert np.all(sw.clipped_norm[finite] <= clip * (1 + 1e-12))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["rnn", "lstm"]),
    h=st.integers(1, 6),
    steps=st.integers(1, 40),
    n_scales=st.integers(1, 6),
    activations=st.integers(1, 2000),
    max_groups=st.integers(1, 5),
    block=st.integers(1, 9),
    seed=st.integers(0, 2**16),
    start=st.integers(0, 39),
)
def test_any_plan_of_groups_segments_and_blocks_gives_the_engines_numbers(
    kind, h, steps, n_scales, activations, max_groups, block, seed, start
) -> None:
    from lstm_viz.engine.gradients import _sweep_passes

    x = _inputs(steps, d=2, seed=seed)
    scales = np.linspace(0.3, 2.5, n_scales)
    params, _ = sweep_module._scaled_params(kind, 2, h, seed, "uniform", 1.0, scales)
    with np.errstate(all="ignore"):
        want = sweep_module._engine_sweep(kind, x, params, 0, scales.size)  # the reference
    saved = (_sweep_passes._ACTIVATIONS, _sweep_passes._MAX_GROUPS, _sweep_passes._BLOCK)
    fractions: list[float] = []
    try:
        _sweep_passes._ACTIVATIONS, _sweep_passes._MAX_GROUPS = activations, max_groups
        _sweep_passes._BLOCK = block
        sw = scale_sweep(kind, x, h, seed, scales, forget_bias=1.0, progress=fractions.append)
        loss_only = scale_sweep(kind, x, h, seed, scales, forget_bias=1.0, parameters=False)
        start = min(start, steps - 1)
        later = scale_sweep(
            kind, x, h, seed, scales, forget_bias=1.0, parameters=False, start=start
        )
    finally:
        _sweep_passes._ACTIVATIONS, _sweep_passes._MAX_GROUPS, _sweep_passes._BLOCK = saved
    np.testing.assert_allclose(sw.loss_grad, want[0], rtol=1e-10)
    np.testing.assert_allclose(sw.param_grad_norm, want[1], rtol=1e-10)
    np.testing.assert_array_equal(loss_only.loss_grad, sw.loss_grad)
    assert loss_only.param_grad_norm is None
    # From a later step: the first steps forward only, the rows after them exact.
    np.testing.assert_allclose(later.loss_grad, want[0][:, start:], rtol=1e-10)
    assert later.first == start and later.steps == steps - start
    # The fractions say how far the work is: rising, ending at 1.
    assert fractions and fractions[-1] == pytest.approx(1.0)
    assert all(b >= a for a, b in itertools.pairwise(fractions))


def test_clipping_without_the_parameter_gradients_is_refused() -> None:
    with pytest.raises(ValueError, match="parameter gradients"):
        scale_sweep("rnn", _inputs(4), 3, 0, [1.0], clip=1.0, parameters=False)


@pytest.mark.parametrize(
    ("kind", "kwargs", "match"),
    [
        ("rnn", {"start": 2}, "without parameters"),  # parameter gradients need every step
        ("gru", {"start": 2, "parameters": False}, "RNN's or the LSTM's"),
        ("lstm", {"start": 4, "parameters": False}, "within the 4 steps"),
        ("lstm", {"start": -1, "parameters": False}, "within the 4 steps"),
    ],
)
def test_a_sweep_from_a_later_step_is_refused_where_it_cannot_be_exact(kind, kwargs, match) -> None:
    with pytest.raises(ValueError, match=match):
        scale_sweep(kind, _inputs(4), 3, 0, [1.0], **kwargs)
