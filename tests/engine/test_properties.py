"""Over random sizes, seeds, scales (absurd ones too) and inputs, nothing raises."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import MODELS
from lstm_viz.engine.gradients.diagnostics import diagnose

scales = st.one_of(
    st.floats(0.0, 3.0),
    st.floats(1e3, 1e300),
    st.sampled_from([0.0, 1e-300, 1e308]),
)
inputs = st.one_of(
    st.floats(-5, 5),
    st.sampled_from([0.0, 1e-300, 1e300, -1e300, 1e308]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(MODELS)),
    d=st.integers(1, 4),
    h=st.integers(1, 6),
    steps=st.integers(1, 12),
    batch=st.one_of(st.none(), st.integers(1, 3)),
    seed=st.integers(0, 2**32 - 1),
    scale=scales,
    forget_bias=st.floats(-1e6, 1e6),
    fill=inputs,
    dtype=st.sampled_from([np.float64, np.float32]),
)
def test_forward_backward_and_diagnostics_never_raise_and_flag_non_finite(
    kind, d, h, steps, batch, seed, scale, forget_bias, fill, dtype
) -> None:
    model = MODELS[kind](
        d, h, seed=seed, recurrent_scale=scale, forget_bias=forget_bias, dtype=dtype
    )
    shape = (steps, d) if batch is None else (steps, batch, d)
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore"):
        x = rng.standard_normal(shape) * fill
    tr = model.forward(x)
    assert tr.h.shape == (*shape[:-1], h)
    assert tr.finite == bool(
        np.isfinite(tr.h).all() and all(np.isfinite(g).all() for g in tr.gates.values())
    )
    with np.errstate(over="ignore"):
        dh = np.ones_like(tr.h) * fill
    g = model.backward(tr, dh)
    assert g.x.shape == x.shape
    finite_now = all(np.isfinite(v).all() for v in (g.h, g.x, g.h0, *g.params.values()))
    if g.c is not None:
        finite_now = finite_now and bool(np.isfinite(g.c).all() and np.isfinite(g.c0).all())
    assert g.finite == finite_now
    if batch is None:
        diag = diagnose(model, tr)
        assert diag.loss_grad.shape == (steps,)
        values = [
            diag.loss_grad,
            diag.loss_grad_c,
            diag.jacobian_spectral,
            diag.jacobian_frobenius,
            diag.highway,
            diag.cell_total,
        ]
        everything_finite = all(v is None or np.isfinite(v).all() for v in values)
        assert diag.finite == (tr.finite and everything_finite)
