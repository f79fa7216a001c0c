"""Largest singular values of a sequence of related matrices, without a decomposition each.

The Jacobians ``J_t = ∂s_T/∂s_t`` of a sequence change a little from one step to the
next (``J_t = J_{t+1} A_{t+1}``), and their top left singular vector (in the space of
s_T) settles to one direction as the distance grows. :class:`TopSingular` runs
Lanczos iterations on ``J Jᵀ`` started from the previous step's top vector, so most
steps converge in a handful of matrix–vector products (O(H²) each) instead of the
O(H³) of an eigen- or singular value decomposition.

Accuracy: σ² is the largest Ritz value θ of the Krylov space, with full
reorthogonalisation. An iteration stops when the residual ``r = ‖J Jᵀ y − θ y‖`` of
its Ritz pair is at most ``TOL·θ`` (some eigenvalue lies within r of θ), or when
``r² ≤ TOL·θ·gap`` with gap the distance to the next Ritz value (the pair's error is
below r²/gap); ``TOL = 1e-13`` leaves σ within ~1e-13 relative. A step that does not
converge in :data:`MAX_ITER` iterations gets the exact value from the Gram matrix's
eigenvalues (:func:`~lstm_viz.engine.gradients.diagnostics.gram_spectral_norms`), so
every value returned is either converged to TOL or exact.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LANCZOS_MIN_SIZE", "SpectralNorms", "TopSingular"]

#: Below this H one batched eigvalsh of the Gram matrices is faster than any iteration
#: (its O(H³) is small; the iterations' cost is Python's per-call overhead).
LANCZOS_MIN_SIZE = 96
#: Relative tolerance on the top eigenvalue of J Jᵀ.
TOL = 1e-13
#: Lanczos iterations before falling back to the exact decomposition.
MAX_ITER = 40
#: After how many iterations the Ritz values are computed (each costs a small eigh,
#: as much as several H = 256 matrix–vector products).
_CHECKS = frozenset({2, 4, 6, 8, 11, 14, 18, 22, 27, 32, 36, 40})


class TopSingular:
    """σ_max of one matrix after another, each iteration warm-started from the last.

    Parameters
    ----------
    size
        The number of rows H of every matrix (the space of the start vector).
    seed
        Seeds the small random part mixed into each start vector, so a start that
        happens to be orthogonal to the new top direction still finds it.
    """

    def __init__(self, size: int, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed)
        self._u = self._rng.standard_normal(size)
        self.fallbacks = 0  # how many matrices needed the exact decomposition

    def __call__(self, mat: np.ndarray) -> float:
        """σ_max of the finite float64 matrix ``mat`` (H × N); inf/nan → inf/nan."""
        scale = float(np.abs(mat).max()) if mat.size else 0.0  # max() carries inf and nan
        if not np.isfinite(scale):
            return float(np.nan if np.isnan(mat).any() else np.inf)
        if scale == 0.0:
            return 0.0
        m = mat.astype(np.float64) / scale  # no square overflows or underflows
        start = self._u + 1e-3 * np.linalg.norm(self._u) * self._rng.standard_normal(m.shape[0])
        found = _lanczos_top(m, start)
        if found is None:
            from .diagnostics import gram_spectral_norms

            self.fallbacks += 1
            return float(gram_spectral_norms(m[None])[0]) * scale
        sigma, self._u = found
        return sigma * scale


class SpectralNorms:
    """σ_max of the Jacobians of a sequence, handed over in chunks from the last step back.

    Parameters
    ----------
    batch, size
        The batch B and the row count H of every ``(n, B, H, N)`` chunk.
    """

    def __init__(self, batch: int, size: int) -> None:
        self._tops = (
            [TopSingular(size, seed=i) for i in range(batch)] if size >= LANCZOS_MIN_SIZE else None
        )

    @property
    def fallbacks(self) -> int:
        """How many matrices so far needed the exact decomposition."""
        return 0 if self._tops is None else sum(t.fallbacks for t in self._tops)

    def __call__(self, mats: np.ndarray) -> np.ndarray:
        """``(n, B)`` norms of a chunk ``(n, B, H, N)`` that ends where the last one began."""
        if self._tops is None:
            from .diagnostics import gram_spectral_norms

            return gram_spectral_norms(mats)
        out = np.empty(mats.shape[:2], dtype=np.float64)
        for k in range(mats.shape[0] - 1, -1, -1):  # backwards: each warm-starts the next
            for i, top in enumerate(self._tops):
                out[k, i] = top(mats[k, i])
        return out


def _lanczos_top(m: np.ndarray, start: np.ndarray) -> tuple[float, np.ndarray] | None:
    """``(σ_max(m), its left singular vector)`` by Lanczos on ``m mᵀ``; None if unconverged."""
    h = m.shape[0]
    steps = min(h, MAX_ITER)
    basis = np.empty((steps, h))
    alpha = np.empty(steps)
    beta = np.empty(steps)
    q = start / np.linalg.norm(start)
    mt = m.T
    for j in range(steps):
        basis[j] = q
        w = m @ (mt @ q)
        alpha[j] = q @ w
        done = basis[: j + 1]
        # Full reorthogonalisation, twice ("twice is enough"): the Ritz values stay
        # those of an orthonormal basis, with no ghost copies of converged ones.
        w -= done.T @ (done @ w)
        w -= done.T @ (done @ w)
        beta[j] = np.linalg.norm(w)
        if j + 1 not in _CHECKS and j + 1 < h and beta[j] > 1e-300:
            q = w / beta[j]
            continue
        theta, vecs = _tridiagonal_eigh(alpha[: j + 1], beta[:j])
        top = theta[-1]
        if top <= 0.0:
            return None
        resid = beta[j] * abs(vecs[-1, -1])
        gap = top - theta[-2] if j > 0 else np.inf
        if resid <= TOL * top or (j > 1 and resid * resid <= TOL * top * gap) or j + 1 == h:
            u = done.T @ vecs[:, -1]
            return float(np.sqrt(top)), u / np.linalg.norm(u)
        if beta[j] <= 1e-300:  # an invariant subspace that missed the top: let eigvalsh decide
            return None
        q = w / beta[j]
    return None


def _tridiagonal_eigh(diag: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and eigenvectors of the symmetric tridiagonal matrix."""
    k = diag.size
    t = np.diag(diag)
    if k > 1:
        idx = np.arange(k - 1)
        t[idx, idx + 1] = off
        t[idx + 1, idx] = off
    return np.linalg.eigh(t)
