"""The connectivity map's norms: ‖M‖₂ of many H×D matrices at once, at any magnitude."""

from __future__ import annotations

import numpy as np

from .diagnostics import stable_norms

# Gram entries in this range lost nothing to squaring (an underflowed square is
# below 1e-308, negligible against the sum); outside it, each matrix is rescaled.
_GRAM_SAFE = (1e-280, 1e300)


def _spectral_columns(mats: np.ndarray) -> np.ndarray:
    """Largest singular value of each ``mats[:, k, :]`` (H×D) in an ``(H, N, D)`` stack.

    From the largest eigenvalue of the D×D Gram matrix (in closed form for D = 2).
    A matrix whose Gram matrix leaves the range where squares are exact is first
    divided by its largest entry (the norms of a vanishing gradient reach 1e-200 and
    are still drawn). A matrix with an inf (and no nan) gets inf; one with a nan, nan.
    """
    d = mats.shape[-1]
    if d == 1:
        return stable_norms(mats[..., 0], axis=0)
    if d > mats.shape[0]:
        return _scaled_spectral_columns(mats)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):  # caught just below
        gram = _grams(mats)
        trace = np.trace(gram, axis1=1, axis2=2)
    ok = (trace >= _GRAM_SAFE[0]) & (trace <= _GRAM_SAFE[1])  # False for inf and nan
    out = np.empty(mats.shape[1])
    g = gram[ok]
    if d == 2:
        a, b, c = g[:, 0, 0], g[:, 0, 1], g[:, 1, 1]
        top = 0.5 * (a + c) + np.hypot(0.5 * (a - c), b)
    else:
        top = np.linalg.eigvalsh(g)[:, -1]
    out[ok] = np.sqrt(np.maximum(top, 0.0))
    if not ok.all():
        out[~ok] = _scaled_spectral_columns(mats[:, ~ok])
    return out


def _grams(mats: np.ndarray) -> np.ndarray:
    """``G[k] = mats[:, k]ᵀ mats[:, k]`` for an ``(H, N, D)`` stack, ``(N, D, D)``."""
    d = mats.shape[-1]
    if d > 4:
        return np.einsum("hka,hkb->kab", mats, mats)
    # Few inputs: D(D+1)/2 products summed down the long H axis beat einsum's loop.
    gram = np.empty((mats.shape[1], d, d))
    for a in range(d):
        for b in range(a, d):
            gram[:, a, b] = gram[:, b, a] = np.sum(mats[..., a] * mats[..., b], axis=0)
    return gram


def _scaled_spectral_columns(mats: np.ndarray) -> np.ndarray:
    """:func:`_spectral_columns` with every matrix divided by its largest entry first."""
    scale = np.abs(mats).max(axis=0).max(axis=-1)  # the long axis first: much faster
    ok = np.isfinite(scale) & (scale > 0)
    out = np.where(ok, 0.0, scale)  # 0 for a zero matrix; max() carries inf and nan
    if ok.any():
        m = mats[:, ok] / scale[ok][None, :, None]
        rows, cols = m.transpose(1, 0, 2), m.transpose(1, 2, 0)  # (N, H, D), (N, D, H)
        gram = cols @ rows if m.shape[-1] <= m.shape[0] else rows @ cols
        out[ok] = np.sqrt(np.maximum(np.linalg.eigvalsh(gram)[:, -1], 0.0)) * scale[ok]
    return out
