"""Norms of stacks of vectors and matrices that never overflow while the norm is finite.

Vanishing and exploding gradients reach 1e-200 and 1e200: squaring them naively
underflows or overflows. Every function here scales first where that could happen,
and carries inf (overflowed) and nan (undefined) through instead of raising.
"""

from __future__ import annotations

import numpy as np

__all__ = ["frobenius_norms", "gram_spectral_norms", "spectral_norms", "stable_norms"]


def spectral_norms(mats: np.ndarray) -> np.ndarray:
    """Largest singular value of each matrix in a ``(..., H, H)`` stack.

    A matrix holding inf or nan gets ``inf`` if any entry is infinite and no
    entry is nan (it overflowed), else ``nan``.
    """
    flat = mats.reshape(-1, *mats.shape[-2:])
    out = np.empty(flat.shape[0], dtype=np.float64)
    ok = np.isfinite(flat).all(axis=(1, 2))
    with np.errstate(all="ignore"):
        if ok.any():
            out[ok] = np.linalg.svd(flat[ok].astype(np.float64), compute_uv=False)[:, 0]
        bad = ~ok
        if bad.any():
            has_nan = np.isnan(flat[bad]).any(axis=(1, 2))
            out[bad] = np.where(has_nan, np.nan, np.inf)
    return out.reshape(mats.shape[:-2])


def gram_spectral_norms(mats: np.ndarray) -> np.ndarray:
    """:func:`spectral_norms` of square ``(..., H, H)`` matrices, about three times faster.

    σ_max(J)² is the largest eigenvalue of the symmetric J Jᵀ, which ``eigvalsh`` finds
    faster than an SVD; each matrix is first divided by its largest entry, so no square
    overflows or underflows (vanishing gradients reach 1e-200), and the eigenvalue's
    absolute error (eps·σ_max²) keeps the norm accurate to a few eps. Matrices with
    inf or nan get what :func:`spectral_norms` gives them.
    """
    flat = mats.reshape(-1, *mats.shape[-2:])
    out = np.empty(flat.shape[0], dtype=np.float64)
    with np.errstate(all="ignore"):
        scale = np.abs(flat).max(axis=(1, 2))
        ok = np.isfinite(flat).all(axis=(1, 2)) & (scale > 0)
        if ok.any():
            m = flat[ok].astype(np.float64) / scale[ok][:, None, None]
            top = np.linalg.eigvalsh(m @ m.transpose(0, 2, 1))[:, -1]
            out[ok] = np.sqrt(np.maximum(top, 0.0)) * scale[ok]
        rest = ~ok
        if rest.any():
            out[rest] = spectral_norms(flat[rest])
    return out.reshape(mats.shape[:-2])


def stable_norms(a: np.ndarray, axis: int | tuple[int, ...] = -1) -> np.ndarray:
    """2-norms along ``axis`` that do not overflow while the norm itself is finite.

    Squaring entries above ~1e154 overflows float64 although the norm does not;
    dividing by the largest magnitude first keeps every square ≤ 1.
    """
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        scale = np.abs(a).max(axis=axis, keepdims=True)
        safe = np.where((scale > 0) & np.isfinite(scale), scale, 1.0)
        norms = np.sqrt(np.square(a / safe).sum(axis=axis, keepdims=True)) * safe
        # An inf entry makes an inf norm; a nan stays nan.
        norms = np.where(np.isinf(scale), np.inf, norms)
        norms = np.where(np.isnan(a).any(axis=axis, keepdims=True), np.nan, norms)
    return np.squeeze(norms, axis=axis)


# Sums of squares in this range lost nothing to squaring (an underflowed square is
# below 1e-308, negligible against the sum); outside it, the entries are rescaled.
_SQUARES_SAFE = (1e-280, 1e300)


def frobenius_norms(mats: np.ndarray) -> np.ndarray:
    """Frobenius norm of each matrix in a ``(..., H, H)`` stack.

    One pass (a sum of squares) where no square can overflow or underflow; the rest
    through :func:`stable_norms`.
    """
    # Summed over the last two axes in place: a strided stack is not copied.
    with np.errstate(all="ignore"):
        squares = np.atleast_1d(np.einsum("...ij,...ij->...", mats, mats, dtype=np.float64))
        out = np.sqrt(squares)
    ok = (squares >= _SQUARES_SAFE[0]) & (squares <= _SQUARES_SAFE[1])  # False for inf, nan
    if not ok.all():
        flat = mats.reshape(-1, mats.shape[-2] * mats.shape[-1])
        out.reshape(-1)[~ok.reshape(-1)] = stable_norms(flat[~ok.reshape(-1)], axis=-1)
    return out.reshape(mats.shape[:-2])
