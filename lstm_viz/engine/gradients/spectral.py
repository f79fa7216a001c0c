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

#: Below this H one batched eigvalsh of the Gram matrices is as fast as the iterations
#: (its O(H³) is small; the iterations' cost is Python's per-call overhead). With the
#: chunks the passes hand over now (hundreds of steps at small H, iterated as one
#: batch, no rescaling pass) the iterations win from H = 8: per matrix 0.002 against
#: 0.0025–0.004 ms at H = 8, 0.006 against 0.034 at 32, 0.015 against 0.135 at 64.
LANCZOS_MIN_SIZE = 8
#: Relative tolerance on the top eigenvalue of J Jᵀ.
TOL = 1e-13
#: Lanczos iterations before falling back to the exact decomposition.
MAX_ITER = 40
#: Matrices whose largest magnitude lies in this range iterate as they are: no square
#: of a unit vector's image overflows or underflows (H ≤ 1e4 entries). Outside it each
#: is divided by its largest magnitude first.
_PLAIN = (1e-100, 1e100)


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

    def many(
        self, mats: np.ndarray, peak: np.ndarray | None = None, diag: np.ndarray | None = None
    ) -> np.ndarray:
        """σ_max of each matrix of an ``(n, H, N)`` stack, all started from the last top vector.

        The stack's matrices iterate together (one batched product per iteration for
        all of them); the next call starts from the top vector of ``mats[0]``, or of
        the first matrix before it that converged. ``peak`` is each matrix's largest
        magnitude when the caller knows it (saves a pass over the stack). With ``diag``
        ``(n, H)`` (square matrices) the norms are those of ``mats[k] − diag(diag[k])``,
        without making that difference.
        """
        n, h = mats.shape[0], mats.shape[1]
        out = np.zeros(n, dtype=np.float64)
        if n == 0 or mats.shape[2] == 0:
            return out
        if peak is None:
            peak = _peaks(mats)
        # A bound on the largest magnitude; max() carries inf and nan.
        scale = np.asarray(peak, dtype=np.float64)
        if diag is not None:
            scale = scale + _peaks(diag[:, None, :])
        bad = ~np.isfinite(scale)
        if bad.any():
            nan = np.isnan(mats[bad]).any(axis=(1, 2))
            if diag is not None:
                nan |= np.isnan(diag[bad]).any(axis=1)
            out[bad] = np.where(nan, np.nan, np.inf)
        live = np.flatnonzero(~bad & (scale > 0))
        if live.size == 0:
            return out
        picked = mats if live.size == n else mats[live]
        d = None if diag is None else (diag if live.size == n else diag[live])
        s = scale[live]
        if picked.dtype == np.float64 and bool(np.all((s >= _PLAIN[0]) & (s <= _PLAIN[1]))):
            m, s = picked, np.ones_like(s)  # no square can overflow or underflow here
        else:
            m = np.divide(picked, s[:, None, None], dtype=np.float64)
            d = None if d is None else d / s[:, None]
        norm_u = np.linalg.norm(self._u)
        start = self._u + 1e-3 * norm_u * self._rng.standard_normal((live.size, h))
        sigma, vecs, ok = _lanczos_top(m, start, d)
        if not ok.all():
            self.fallbacks += int((~ok).sum())
            rest = m[~ok].astype(np.float64)
            if d is not None:
                units = np.arange(h)
                rest[:, units, units] -= d[~ok]
            sigma[~ok] = gram_spectral_norms(rest)
        out[live] = sigma * s
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

    def __call__(
        self, mats: np.ndarray, peak: np.ndarray | None = None, diag: np.ndarray | None = None
    ) -> np.ndarray:
        """``(n, B)`` norms of a chunk ``(n, B, H, N)`` that ends where the last one began.

        ``peak`` ``(n, B)``: each matrix's largest magnitude, if known; ``diag``
        ``(n, B, H)``: the norms are those of ``mats − diag(diag)`` (:meth:`TopSingular.many`).
        """
        if self._tops is None:
            if diag is None:
                return gram_spectral_norms(mats)
            rest = mats.astype(np.float64)
            units = np.arange(mats.shape[-1])
            with np.errstate(invalid="ignore"):
                rest[..., units, units] -= diag
            return gram_spectral_norms(rest)
        out = np.empty(mats.shape[:2], dtype=np.float64)
        # Nearest the steps already done first: their top vector starts the rest.
        for i, top in enumerate(self._tops):
            out[::-1, i] = top.many(
                mats[::-1, i],
                None if peak is None else peak[::-1, i],
                None if diag is None else diag[::-1, i],
            )
        return out


def _peaks(mats: np.ndarray) -> np.ndarray:
    """The largest magnitude of each matrix of an ``(n, H, N)`` stack, without an |mats| copy."""
    with np.errstate(invalid="ignore"):
        return np.maximum(mats.max(axis=(1, 2)), -mats.min(axis=(1, 2)))


def _lanczos_top(
    m: np.ndarray, start: np.ndarray, diag: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """σ_max and the left singular vector of each ``m[k]`` (H × N) by Lanczos on ``m mᵀ``.

    With ``diag`` ``(n, H)``, of ``m[k] − diag(diag[k])`` instead. All k iterate
    together. Returns ``(sigma, vectors, converged)``: ``(n,)``,
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
        if diag is None:
            w = np.matmul(m, np.matmul(mt, q[:, :, None]))[:, :, 0]
        else:  # (m − D)(m − D)ᵀ q, D diagonal
            v = np.matmul(mt, q[:, :, None])[:, :, 0] - diag * q
            w = np.matmul(m, v[:, :, None])[:, :, 0] - diag * v
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
            diag = None if diag is None else diag[alive]
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
