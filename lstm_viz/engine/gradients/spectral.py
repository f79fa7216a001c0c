"""Largest singular values of a sequence of related matrices, without a decomposition each.

The Jacobians ``J_t = ∂s_T/∂s_t`` of a sequence change a little from one step to the
next (``J_t = J_{t+1} A_{t+1}``), and their top left singular vector (in the space of
s_T) settles to one direction as the distance grows. :class:`TopSingular` runs
Lanczos iterations on ``J Jᵀ`` started from the top vector of the step nearest those
already done, so most steps converge in three matrix–vector products (O(H²) each)
instead of the O(H³) of an eigen- or singular value decomposition. The steps of a
chunk iterate together, as one batch (one batched product per iteration for all of
them), so the cost is the products, not Python's per-call overhead.

Accuracy: σ² is the largest Ritz value θ of the Krylov space, with full
reorthogonalisation. An iteration stops when the residual ``r = ‖J Jᵀ y − θ y‖`` of
its Ritz pair is at most ``TOL·θ`` (some eigenvalue lies within r of θ), or when
``r² ≤ TOL·θ·gap`` with gap the distance to the next Ritz value (the pair's error is
below r²/gap); ``TOL = 1e-13`` leaves σ within ~1e-13 relative. A step that does not
converge in :data:`MAX_ITER` iterations gets the exact value from the Gram matrix's
eigenvalues (:func:`~lstm_viz.engine.gradients.norms.gram_spectral_norms`), so
every value returned is either converged to TOL or exact.
"""

from __future__ import annotations

import numpy as np

from .norms import gram_spectral_norms

__all__ = ["LANCZOS_MIN_SIZE", "SpectralNorms", "TopSingular"]

#: Below this H one batched eigvalsh of the Gram matrices is faster than any iteration
#: (its O(H³) is small; the iterations' cost is Python's per-call overhead).
LANCZOS_MIN_SIZE = 96
#: Relative tolerance on the top eigenvalue of J Jᵀ.
TOL = 1e-13
#: Lanczos iterations before falling back to the exact decomposition.
MAX_ITER = 40


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
        return float(self.many(mat[None])[0])

    def many(self, mats: np.ndarray) -> np.ndarray:
        """σ_max of each matrix of an ``(n, H, N)`` stack, all started from the last top vector.

        The stack's matrices iterate together (one batched product per iteration for
        all of them); the next call starts from the top vector of ``mats[0]``, or of
        the first matrix before it that converged.
        """
        n, h = mats.shape[0], mats.shape[1]
        out = np.zeros(n, dtype=np.float64)
        if n == 0 or mats.shape[2] == 0:
            return out
        # The largest magnitude without an |mats| temporary; max() carries inf and nan.
        scale = np.maximum(mats.max(axis=(1, 2)), -mats.min(axis=(1, 2)))
        bad = ~np.isfinite(scale)
        if bad.any():
            out[bad] = np.where(np.isnan(mats[bad]).any(axis=(1, 2)), np.nan, np.inf)
        live = np.flatnonzero(~bad & (scale > 0))
        if live.size == 0:
            return out
        picked = mats if live.size == n else mats[live]
        m = np.divide(picked, scale[live][:, None, None], dtype=np.float64)  # no square overflows
        norm_u = np.linalg.norm(self._u)
        start = self._u + 1e-3 * norm_u * self._rng.standard_normal((live.size, h))
        sigma, vecs, ok = _lanczos_top(m, start)
        if not ok.all():
            self.fallbacks += int((~ok).sum())
            sigma[~ok] = gram_spectral_norms(m[~ok])
        out[live] = sigma * scale[live]
        if ok.any():
            self._u = vecs[int(np.flatnonzero(ok)[0])]
        return out


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
            return gram_spectral_norms(mats)
        out = np.empty(mats.shape[:2], dtype=np.float64)
        # Nearest the steps already done first: their top vector starts the rest.
        for i, top in enumerate(self._tops):
            out[::-1, i] = top.many(mats[::-1, i])
        return out


def _lanczos_top(m: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """σ_max and the left singular vector of each ``m[k]`` (H × N) by Lanczos on ``m mᵀ``.

    All k iterate together. Returns ``(sigma, vectors, converged)``: ``(n,)``,
    ``(n, H)`` and the ``(n,)`` mask of the matrices that met the tolerance (the
    others' entries are meaningless).
    """
    n, h = m.shape[0], m.shape[1]
    steps = min(h, MAX_ITER)
    sigma = np.zeros(n)
    vectors = np.zeros((n, h))
    converged = np.zeros(n, dtype=bool)
    basis = np.empty((n, steps, h))
    alpha = np.empty((n, steps))
    beta = np.empty((n, steps))
    q = start / np.linalg.norm(start, axis=1, keepdims=True)
    mt = m.transpose(0, 2, 1)
    rows = np.arange(n)  # which of the n matrices the working arrays hold
    alive = np.ones(n, dtype=bool)  # which of those still iterate
    for j in range(steps):
        basis[:, j] = q
        w = np.matmul(m, np.matmul(mt, q[:, :, None]))[:, :, 0]
        alpha[:, j] = np.einsum("kh,kh->k", q, w)
        done = basis[:, : j + 1]
        # Full reorthogonalisation, twice ("twice is enough"): the Ritz values stay
        # those of an orthonormal basis, with no ghost copies of converged ones.
        for _ in range(2):
            w -= np.matmul(np.matmul(done, w[:, :, None]).transpose(0, 2, 1), done)[:, 0]
        beta[:, j] = np.linalg.norm(w, axis=1)
        tiny = beta[:, j] <= 1e-300
        # The Ritz values after every iteration from the second: a batched eigh of the
        # small tridiagonal matrices costs less than one more iteration.
        if j == 0 and h > 1 and not tiny.any():
            q = w / beta[:, j, None]
            continue
        now = np.flatnonzero(alive)
        theta, vecs = _tridiagonal_eigh(alpha[now, : j + 1], beta[now, :j])
        top = theta[:, -1]
        resid = beta[now, j] * np.abs(vecs[:, -1, -1])
        gap = top - theta[:, -2] if j > 0 else np.full(top.shape, np.inf)
        with np.errstate(invalid="ignore"):
            met = (resid <= TOL * top) | ((j > 1) & (resid * resid <= TOL * top * gap))
        met |= j + 1 == h
        met &= top > 0.0
        if met.any():
            u = np.matmul(vecs[met, :, -1][:, None, :], done[now[met]])[:, 0]
            vectors[rows[now[met]]] = u / np.linalg.norm(u, axis=1, keepdims=True)
            sigma[rows[now[met]]] = np.sqrt(top[met])
            converged[rows[now[met]]] = True
        # A non-positive top, or an invariant subspace that missed the top: eigvalsh decides.
        alive[now] = ~met & (top > 0.0) & ~tiny[now]
        if not alive.any():
            break
        if 2 * alive.sum() <= alive.size:  # copying the live matrices pays off only then
            rows, m, basis, alpha, beta, w = (a[alive] for a in (rows, m, basis, alpha, beta, w))
            mt = m.transpose(0, 2, 1)
            alive = np.ones(rows.size, dtype=bool)
        # Finished rows go on from their unit start vector (bounded, never read again).
        q = np.where(alive[:, None], w / np.where(alive, beta[:, j], 1.0)[:, None], basis[:, 0])
    return sigma, vectors, converged


def _tridiagonal_eigh(diag: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and eigenvectors of each symmetric tridiagonal matrix.

    ``diag`` is ``(n, k)``, ``off`` ``(n, k − 1)``.
    """
    n, k = diag.shape
    t = np.zeros((n, k, k))
    idx = np.arange(k)
    t[:, idx, idx] = diag
    if k > 1:
        t[:, idx[:-1], idx[1:]] = off
        t[:, idx[1:], idx[:-1]] = off
    return np.linalg.eigh(t)
