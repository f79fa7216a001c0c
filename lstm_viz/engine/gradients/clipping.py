"""Global-norm gradient clipping, as PyTorch's ``clip_grad_norm_`` does it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .norms import stable_norms

__all__ = ["CLIP_EPS", "ClipResult", "clip_grad_norm"]

# PyTorch's clip_grad_norm_ adds this to the norm before dividing.
CLIP_EPS = 1e-6


@dataclass(frozen=True)
class ClipResult:
    """What global-norm clipping did.

    Attributes
    ----------
    total_norm
        The 2-norm of all gradients taken together, before clipping.
    coef
        The factor every gradient was multiplied by (1.0 when not clipped).
    clipped
        Whether clipping fired (``coef < 1``).
    finite
        ``False`` when the norm was inf or nan.
    """

    total_norm: float
    coef: float
    clipped: bool
    finite: bool


def clip_grad_norm(
    grads: dict[str, np.ndarray], max_norm: float
) -> tuple[dict[str, np.ndarray], ClipResult]:
    """Scale all gradients together so their global 2-norm is at most ``max_norm``.

    Same semantics as PyTorch's ``clip_grad_norm_``: one norm over every
    gradient, coefficient ``max_norm / (norm + 1e-6)``, applied only when it is
    below 1. Returns new arrays; the inputs are not modified.
    """
    if not max_norm > 0 or not np.isfinite(max_norm):
        raise ValueError(f"max_norm must be a positive finite number, got {max_norm}")
    with np.errstate(all="ignore"):
        norms = np.array([stable_norms(g.ravel(), axis=0) for g in grads.values()])
        total = float(stable_norms(norms, axis=0)) if norms.size else 0.0
        coef = min(1.0, max_norm / (total + CLIP_EPS)) if not np.isnan(total) else float("nan")
        clipped = {k: g * g.dtype.type(coef) if coef < 1.0 else g.copy() for k, g in grads.items()}
    return clipped, ClipResult(
        total_norm=total,
        coef=coef if np.isfinite(coef) else float("nan"),
        clipped=bool(coef < 1.0),
        finite=bool(np.isfinite(total)),
    )
