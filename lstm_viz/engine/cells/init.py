"""Parameter initialisation: PyTorch's default, plus the knobs the explainer turns.

PyTorch draws every weight and bias of nn.RNN, nn.LSTM and nn.GRU from
U(-1/√H, 1/√H); starting from the same distribution keeps the numbers familiar.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

InitScheme = Literal["uniform", "orthogonal"]

PARAM_KEYS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    # QR of a Gaussian matrix, with the signs of R's diagonal folded into Q so
    # that the result is uniformly distributed over the orthogonal group.
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def largest_singular_value(w: np.ndarray) -> float:
    """σ_max of a matrix (its spectral norm)."""
    with np.errstate(all="ignore"):
        if not np.isfinite(w).all():
            return float("nan")
        return float(np.linalg.norm(w, ord=2))


def init_params(
    blocks: int,
    input_size: int,
    hidden_size: int,
    *,
    seed: int = 0,
    scheme: InitScheme = "uniform",
    recurrent_scale: float | None = None,
    keep_gate: int | None = None,
    keep_bias: float | None = None,
    dtype: np.dtype | type = np.float64,
) -> dict[str, np.ndarray]:
    """Draw ``weight_ih (G·H, D)``, ``weight_hh (G·H, H)``, ``bias_ih``, ``bias_hh``.

    Parameters
    ----------
    blocks
        G: 4 for the LSTM, 3 for the GRU, 1 for the RNN.
    scheme
        ``"uniform"``: PyTorch's U(-1/√H, 1/√H) everywhere. ``"orthogonal"``:
        each H×H block of ``weight_hh`` is a random orthogonal matrix (all its
        singular values are 1), the rest as in ``"uniform"``.
    recurrent_scale
        If given, each H×H block of ``weight_hh`` is rescaled so that its
        largest singular value equals this number: the knob that moves a tanh
        RNN between vanishing (< 1) and exploding (> 1) gradients.
    keep_gate, keep_bias
        Block index of the gate whose bias to set (the LSTM's forget gate, the
        GRU's update gate) and the value. PyTorch adds ``bias_ih`` and
        ``bias_hh``, so the *effective* bias is their sum: we put the value in
        ``bias_ih`` and zero in ``bias_hh`` so the sum is exactly ``keep_bias``.
    """
    if input_size < 1 or hidden_size < 1:
        raise ValueError(
            f"input_size and hidden_size must be at least 1, got {input_size} and {hidden_size}"
        )
    if scheme not in ("uniform", "orthogonal"):
        raise ValueError(f"unknown init scheme {scheme!r}; use 'uniform' or 'orthogonal'")
    rng = np.random.default_rng(seed)
    h = hidden_size
    k = 1.0 / np.sqrt(h)
    w_ih = rng.uniform(-k, k, (blocks * h, input_size))
    w_hh = rng.uniform(-k, k, (blocks * h, h))
    b_ih = rng.uniform(-k, k, blocks * h)
    b_hh = rng.uniform(-k, k, blocks * h)
    if scheme == "orthogonal":
        w_hh = np.concatenate([_orthogonal(rng, h) for _ in range(blocks)], axis=0)
    if recurrent_scale is not None:
        if not np.isfinite(recurrent_scale) or recurrent_scale < 0:
            raise ValueError(f"recurrent_scale must be a finite number ≥ 0, got {recurrent_scale}")
        w_hh = set_recurrent_scale(w_hh, blocks, recurrent_scale)
    if keep_gate is not None and keep_bias is not None:
        if not np.isfinite(keep_bias):
            raise ValueError(f"the gate bias must be finite, got {keep_bias}")
        b_ih[keep_gate * h : (keep_gate + 1) * h] = keep_bias
        b_hh[keep_gate * h : (keep_gate + 1) * h] = 0.0
    with np.errstate(over="ignore"):  # an absurd scale in float32 is carried as inf
        return {
            "weight_ih": w_ih.astype(dtype),
            "weight_hh": w_hh.astype(dtype),
            "bias_ih": b_ih.astype(dtype),
            "bias_hh": b_hh.astype(dtype),
        }


def set_recurrent_scale(w_hh: np.ndarray, blocks: int, scale: float) -> np.ndarray:
    """Rescale each H×H block of ``w_hh`` to largest singular value ``scale``."""
    h = w_hh.shape[1]
    out = np.array(w_hh, dtype=np.float64, copy=True)
    for b in range(blocks):
        block = out[b * h : (b + 1) * h]
        s = largest_singular_value(block)
        if s > 0:
            block *= scale / s
    return out.astype(w_hh.dtype)
