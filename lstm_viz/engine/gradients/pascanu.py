"""Pascanu, Mikolov & Bengio (2013): the bound on σ_max(W_hh) below which gradients vanish."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..cells._base import RecurrentModel
from .norms import gram_spectral_norms

__all__ = ["PascanuCondition", "largest_singular_value", "pascanu_condition"]


def largest_singular_value(w: np.ndarray) -> float:
    """σ_max of a matrix (nan if it holds inf or nan), from its smaller Gram matrix.

    The largest eigenvalue of ``WᵀW`` (or ``WWᵀ``, whichever is smaller: H × H for a
    G·H × H W_hh) by :func:`~lstm_viz.engine.gradients.norms.gram_spectral_norms`,
    accurate to a few eps relative like the SVD, and ~20× faster at H = 256 than the
    SVD of the whole 4H × H matrix.
    """
    w = np.asarray(w, dtype=np.float64)
    with np.errstate(all="ignore"):
        if not np.isfinite(w).all():
            return float("nan")
    side = w.T if w.shape[0] > w.shape[1] else w
    return float(gram_spectral_norms(side[None])[0])


@dataclass(frozen=True)
class PascanuCondition:
    """Pascanu, Mikolov & Bengio (2013): if σ_max(W_hh) < 1/γ, gradients vanish.

    γ bounds the derivative of the nonlinearity (1 for tanh and for relu, 1/4 for
    the sigmoid). The condition is sufficient for vanishing in a plain RNN; for the
    gated models the per-block values are reported for comparison only.
    ``nonlinearity`` is the plain RNN's (``"tanh"`` or ``"relu"``), so what is said
    about the bound names the model it was computed for.
    """

    sigma_max: float
    gamma: float
    blocks: dict[str, float]
    applies: bool
    nonlinearity: str = "tanh"

    @property
    def threshold(self) -> float:
        return 1.0 / self.gamma

    @property
    def vanishing_guaranteed(self) -> bool:
        return self.applies and self.sigma_max < self.threshold

    def as_dict(self) -> dict[str, Any]:
        return {
            "sigma_max": self.sigma_max,
            "gamma": self.gamma,
            "threshold": self.threshold,
            "blocks": self.blocks,
            "applies": self.applies,
            "vanishing_guaranteed": self.vanishing_guaranteed,
            "nonlinearity": self.nonlinearity,
        }


def pascanu_condition(model: RecurrentModel) -> PascanuCondition:
    """σ_max of W_hh (and of each gate's block) against 1/γ; γ = 1 for tanh and relu,
    whose derivatives are at most 1."""
    w = model.params["weight_hh"]
    h = model.hidden_size
    blocks = {
        name: largest_singular_value(w[k * h : (k + 1) * h])
        for k, name in enumerate(_block_names(model))
    }
    return PascanuCondition(
        sigma_max=largest_singular_value(w),
        gamma=1.0,
        blocks=blocks,
        applies=model.kind == "rnn",
        nonlinearity=getattr(model, "nonlinearity", "tanh"),
    )


def _block_names(model: RecurrentModel) -> tuple[str, ...]:
    return model.gate_names if model.kind != "rnn" else ("h",)
