"""SGD (with momentum) and Adam match hand-computed updates (torch.optim: test_parity.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_viz.engine.gradients.diagnostics import clip_grad_norm
from lstm_viz.engine.training.optim import SGD, Adam, make_optimizer


def _run(opt, params, grads_seq):
    state = opt.init(params)
    for grads in grads_seq:
        params, state = opt.step(params, grads, state)
    return params, state


def test_sgd_without_momentum_is_p_minus_lr_g() -> None:
    p = {"w": np.array([1.0, -2.0])}
    g = {"w": np.array([0.5, 4.0])}
    new, state = _run(SGD(lr=0.1), p, [g])
    np.testing.assert_array_equal(new["w"], [1.0 - 0.05, -2.0 - 0.4])
    assert state.step == 1 and state.buffers == {}
    np.testing.assert_array_equal(p["w"], [1.0, -2.0])  # inputs untouched


def test_sgd_momentum_by_hand() -> None:
    # b1 = g1; b2 = μ b1 + g2; b3 = μ b2 + g3; θ -= lr·b each step.
    mu, lr = 0.9, 0.1
    gs = [2.0, -1.0, 0.5]
    theta, b = 1.0, None
    for g in gs:
        b = g if b is None else mu * b + g
        theta -= lr * b
    new, state = _run(
        SGD(lr=lr, momentum=mu), {"w": np.array([1.0])}, [{"w": np.array([g])} for g in gs]
    )
    assert new["w"][0] == pytest.approx(theta, rel=1e-15)
    assert state.buffers["momentum_buffer"]["w"][0] == pytest.approx(b, rel=1e-15)


def test_adam_two_steps_by_hand() -> None:
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    gs = [0.3, -0.7]
    theta, m, v = 0.5, 0.0, 0.0
    for t, g in enumerate(gs, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta -= lr * m_hat / (math.sqrt(v_hat) + eps)
    new, state = _run(Adam(lr=lr), {"w": np.array([0.5])}, [{"w": np.array([g])} for g in gs])
    assert new["w"][0] == pytest.approx(theta, rel=1e-13)
    assert state.step == 2
    # The first Adam step moves every coordinate by about lr, whatever the gradient's size.
    first, _ = _run(Adam(lr=lr), {"w": np.zeros(3)}, [{"w": np.array([1e-3, 1.0, 1e6])}])
    np.testing.assert_allclose(first["w"], -lr, rtol=1e-4)


def test_steps_return_read_only_arrays_and_leave_the_state_alone() -> None:
    p = {"w": np.ones(2)}
    g = {"w": np.ones(2)}
    for opt in (SGD(lr=0.1, momentum=0.5), Adam()):
        s0 = opt.init(p)
        new, s1 = opt.step(p, g, s0)
        assert not new["w"].flags.writeable
        assert s0.step == 0 and s1.step == 1
        _, s2 = opt.step(new, g, s1)
        assert s1.step == 1 and s2.step == 2


def test_clip_grad_norm_by_hand() -> None:
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([4.0])}
    clipped, res = clip_grad_norm(grads, 1.0)
    coef = 1.0 / (5.0 + 1e-6)
    assert res.total_norm == pytest.approx(5.0) and res.clipped and res.coef == pytest.approx(coef)
    np.testing.assert_allclose(clipped["a"], [3 * coef, 0.0])
    _, res = clip_grad_norm(grads, 10.0)
    assert not res.clipped and res.coef == 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "sgd", "lr": 0.0}, "lr"),
        ({"name": "sgd", "lr": float("nan")}, "lr"),
        ({"name": "sgd", "lr": 0.1, "momentum": 1.0}, "momentum"),
        ({"name": "adam", "lr": 0.1, "momentum": 0.9}, "SGD only"),
        ({"name": "rmsprop", "lr": 0.1}, "unknown optimizer"),
    ],
)
def test_bad_settings_are_refused(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        make_optimizer(**kwargs)
