"""The fast spectral norms against the exact ones (full SVDs of the whole Jacobians)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_viz.engine import LSTM, RNN
from lstm_viz.engine.gradients.diagnostics import (
    cell_path_norms,
    diagnose,
    forget_gate_highway,
    jacobian_norms,
    spectral_norms,
)
from lstm_viz.engine.gradients.spectral import LANCZOS_MIN_SIZE, TopSingular

RTOL = 1e-10


def _trace(cls, h: int, steps: int, **kw):
    m = cls(2, h, seed=4, **kw)
    return m, m.forward(np.random.default_rng(1).standard_normal((steps, 2)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 24),
    cols=st.integers(1, 24),
    rank=st.integers(1, 24),
    repeated=st.booleans(),
    magnitude=st.sampled_from([1e-200, 1e-5, 1.0, 1e150]),
    seed=st.integers(0, 2**32 - 1),
)
def test_top_singular_value_equals_the_svd_on_any_matrix_sequence(
    rows, cols, rank, repeated, magnitude, seed
) -> None:
    # Low rank, a repeated top singular value and absurd scales: where iterations fail first.
    rng = np.random.default_rng(seed)
    top = TopSingular(rows, seed=seed)
    for _ in range(4):
        u, _ = np.linalg.qr(rng.standard_normal((rows, rows)))
        v, _ = np.linalg.qr(rng.standard_normal((cols, cols)))
        k = min(rank, rows, cols)
        sigma = np.sort(rng.uniform(0.1, 2.0, k))[::-1]
        if repeated and k > 1:
            sigma[1] = sigma[0]
        mat = (u[:, :k] * sigma) @ v[:, :k].T * magnitude
        want = np.linalg.svd(mat, compute_uv=False)[0]
        assert top(mat) == pytest.approx(want, rel=RTOL)


def test_top_singular_value_carries_overflow_and_zero() -> None:
    top = TopSingular(3)
    assert top(np.zeros((3, 3))) == 0.0
    assert top(np.full((3, 3), np.inf)) == np.inf
    mat = np.ones((3, 3))
    mat[0, 0] = np.nan
    assert np.isnan(top(mat))


@pytest.mark.parametrize(
    "cls, kw", [(LSTM, {"forget_bias": 1.0}), (LSTM, {"forget_bias": 3.0}), (RNN, {})]
)
@pytest.mark.parametrize("h", [LANCZOS_MIN_SIZE, 96])
def test_iterated_jacobian_norms_equal_the_svds_of_the_whole_jacobians(cls, kw, h) -> None:
    # From the size where the iterations replace the decompositions.
    m, tr = _trace(cls, h, 16, **kw)
    for of in ("h", "c") if m.has_cell else ("h",):
        whole = m.state_jacobians(tr, of=of)[of]  # the exact reference: all T Jacobians
        spectral, _ = jacobian_norms(
            m, tr, of=of, chunk_bytes=8 * 96 * 96 * 8 * 5
        )  # several chunks
        np.testing.assert_allclose(spectral, spectral_norms(whole), rtol=RTOL)


@pytest.mark.parametrize("h", [6, LANCZOS_MIN_SIZE])
def test_other_paths_are_the_total_jacobian_minus_the_highway_diagonal(h) -> None:
    m, tr = _trace(LSTM, h, 30, forget_bias=2.0)
    whole = m.state_jacobians(tr, of="c")["c"]
    highway = forget_gate_highway(tr)
    rest = whole - highway[:, None, :] * np.eye(h)  # the highway's part is diag(∏ f)
    total, other = cell_path_norms(m, tr)
    np.testing.assert_allclose(total, spectral_norms(whole), rtol=RTOL)
    np.testing.assert_allclose(other, spectral_norms(rest), rtol=RTOL)
    # A sum over paths: the total is never above highway + the rest.
    d = diagnose(m, tr)
    assert np.all(d.cell_total <= d.highway + d.cell_other + 1e-12 * d.cell_total)
    np.testing.assert_array_equal(d.cell_other, other)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 20),
    cols=st.integers(1, 20),
    kinds=st.lists(
        st.sampled_from(["full", "low", "repeated", "zero", "inf", "nan", "tiny", "huge"]),
        min_size=1,
        max_size=12,
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_stack_iterated_together_gives_each_matrix_its_own_svd(rows, cols, kinds, seed) -> None:
    # Matrices that converge at different iterations, or never, or are skipped, side by side.
    rng = np.random.default_rng(seed)
    mats = np.empty((len(kinds), rows, cols))
    for k, kind in enumerate(kinds):
        m = rng.standard_normal((rows, cols))
        if kind == "low":
            m = np.outer(rng.standard_normal(rows), rng.standard_normal(cols))
        elif kind == "repeated":
            u, _ = np.linalg.qr(rng.standard_normal((rows, rows)))
            v, _ = np.linalg.qr(rng.standard_normal((cols, cols)))
            sigma = np.ones(min(rows, cols))
            m = (u[:, : sigma.size] * sigma) @ v[:, : sigma.size].T
        elif kind == "zero":
            m[...] = 0.0
        elif kind == "inf":
            m[0, 0] = np.inf
        elif kind == "nan":
            m[-1, -1] = np.nan
        elif kind == "tiny":
            m *= 1e-250
        elif kind == "huge":
            m *= 1e250
        mats[k] = m
    got = TopSingular(rows, seed=seed).many(mats)
    for k, kind in enumerate(kinds):
        if kind == "inf":
            assert got[k] == np.inf
        elif kind == "nan":
            assert np.isnan(got[k])
        else:
            want = np.linalg.svd(mats[k], compute_uv=False)[0]
            assert got[k] == pytest.approx(want, rel=RTOL, abs=0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 20),
    n=st.integers(1, 6),
    magnitude=st.sampled_from([1e-200, 1e-5, 1.0, 1e150]),
    given_peak=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_diagonal_taken_off_inside_the_iterations_equals_the_svd_of_the_difference(
    rows, n, magnitude, given_peak, seed
) -> None:
    rng = np.random.default_rng(seed)
    mats = rng.standard_normal((n, rows, rows)) * magnitude
    diag = rng.uniform(0.0, 2.0, (n, rows)) * magnitude
    peak = np.abs(mats).max(axis=(1, 2)) if given_peak else None
    got = TopSingular(rows, seed=seed).many(mats, peak, diag)
    want = [
        np.linalg.svd(m - np.diag(d), compute_uv=False)[0] for m, d in zip(mats, diag, strict=True)
    ]
    np.testing.assert_allclose(got, want, rtol=RTOL)


@pytest.mark.parametrize("h", [6, LANCZOS_MIN_SIZE])
def test_norms_by_chunk_fill_the_nearest_steps_first_and_end_as_the_whole(h) -> None:
    m, tr = _trace(LSTM, h, 40, forget_bias=1.0)
    d = diagnose(m, tr)
    seen = []
    for start, (total, other) in d.norm_chunks("c"):
        assert np.isnan(total[:start]).all() and np.isfinite(total[start:]).all()
        seen.append((start, total[start:].copy(), other[start:].copy()))
    assert [s for s, _, _ in seen] == sorted((s for s, _, _ in seen), reverse=True)
    assert seen[-1][0] == 0
    whole = m.state_jacobians(tr, of="c")["c"]
    np.testing.assert_allclose(d.cell_total, spectral_norms(whole), rtol=RTOL)
    for start, total, _ in seen:  # a tail shown early is already final
        np.testing.assert_array_equal(total, d.cell_total[start:])
    assert next(iter(d.norm_chunks("c")))[0] == 0  # computed: one final chunk
    with pytest.raises(ValueError, match="no full-Jacobian norms"):
        next(diagnose(*_trace(RNN, 4, 5)).norm_chunks("c"))
