"""Near vs far: how much of a weight gradient each distance contributes.

The recurrent weights are shared by every step, so their gradient is a sum
over steps. For the last-step loss ``L`` (``diagnostics.last_step_loss_gradient``)::

    ∂L/∂W_hh = Σ_t δ_t^rec h_{t-1}ᵀ        ∂L/∂W_ih = Σ_t δ_t^in x_tᵀ

where ``δ_t`` is ∂L/∂(the pre-activations at step t), total through every path
from step t to the loss at T. The term of step t is the *contribution of
distance* ``k = T − t``: what W_hh learns from how step t influenced the loss
k steps later. The terms add up to the full gradient exactly.

Each term is an outer product, so its Frobenius norm is ``‖δ_t‖ · ‖h_{t-1}‖``
and no ``(T, G·H, H)`` stack is ever built. The *share* of distance k is
``‖C_k‖ / Σ_j ‖C_j‖``: the shares add up to 1, and "the last 5 steps give 92%"
means ``Σ_{k<5} ‖C_k‖ / Σ_j ‖C_j‖ = 0.92``. (Norms of a sum do not add, so a
share of ‖Σ C‖ itself is not defined; this one is what the notes mean by the
gradient being dominated by nearby steps.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..cells._base import RecurrentModel, _internal, previous
from ..cells.lstm import _TO_TORCH, _blocks
from ..cells.trace import Trace
from .diagnostics import last_step_loss_gradient, stable_norms

__all__ = ["DistanceShares", "Weight", "distance_shares", "step_terms"]

Weight = Literal["weight_hh", "weight_ih"]


@dataclass(frozen=True)
class DistanceShares:
    """The per-distance contributions to ∂L/∂W_hh and ∂L/∂W_ih of one model.

    Index ``k`` of every array is the distance ``k = T − t`` (0 is the last step).

    Attributes
    ----------
    kind
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    weight_hh, weight_ih
        ``(T,)``: ``‖C_k‖_F``, the Frobenius norm of distance k's term.
    total_hh, total_ih
        ``‖∂L/∂W_hh‖_F`` and ``‖∂L/∂W_ih‖_F`` of the summed gradient.
    """

    kind: str
    weight_hh: np.ndarray
    weight_ih: np.ndarray
    total_hh: float
    total_ih: float

    @property
    def steps(self) -> int:
        return int(self.weight_hh.size)

    def norms(self, weight: Weight = "weight_hh") -> np.ndarray:
        """``(T,)`` the term norms of ``weight`` by distance."""
        if weight not in ("weight_hh", "weight_ih"):
            raise ValueError(f"unknown weight {weight!r}; use 'weight_hh' or 'weight_ih'")
        return self.weight_hh if weight == "weight_hh" else self.weight_ih

    def shares(self, weight: Weight = "weight_hh") -> np.ndarray:
        """``(T,)`` each distance's share ``‖C_k‖ / Σ_j ‖C_j‖`` (all zero if every term is)."""
        n = self.norms(weight)
        total = float(n.sum())
        if not np.isfinite(total) or total == 0.0:
            return np.zeros_like(n) if total == 0.0 else np.full_like(n, np.nan)
        return n / total

    def near_share(self, within: int, weight: Weight = "weight_hh") -> float:
        """The share of the ``within`` nearest distances (``k < within``)."""
        if within < 0:
            raise ValueError(f"within must be ≥ 0, got {within}")
        return float(self.shares(weight)[:within].sum())

    def distance_for(self, share: float, weight: Weight = "weight_hh") -> int:
        """The fewest nearest distances whose shares reach ``share`` (1 … T)."""
        cumulative = np.cumsum(self.shares(weight))
        reached = np.nonzero(cumulative >= share - 1e-12)[0]
        return int(reached[0]) + 1 if reached.size else self.steps


def _pre_gradients(
    model: RecurrentModel, trace: Trace, dh: np.ndarray
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """``δ^in`` and ``δ^rec`` ``(T, G·H)`` in the cell's internal block order, and the trace."""
    if trace.batched:
        raise ValueError("the per-distance contributions take one sequence, not a batch")
    if trace.kind != model.kind:
        raise ValueError(f"a {trace.kind.upper()} trace given to a {model.kind.upper()}")
    t3 = _internal(trace)
    dh3 = np.ascontiguousarray(np.asarray(dh, dtype=model.dtype)[:, None, :])
    if dh3.shape != t3["h"].shape:
        raise ValueError(f"dh must have the shape of trace.h {trace.h.shape}, got {np.shape(dh)}")
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        states = model._backward_states(t3, dh3, None, accumulate=False)
    d_in = states["dpre_x"][:, 0]
    d_rec = states.get("d_rec", states["dpre_x"])[:, 0]
    return d_in, d_rec, t3


def distance_shares(
    model: RecurrentModel, trace: Trace, dh: np.ndarray | None = None
) -> DistanceShares:
    """Every distance's contribution to the weight gradients of a loss.

    Parameters
    ----------
    model, trace
        A model and its forward pass on one sequence ``(T, D)``.
    dh
        The loss's own ``∂L/∂h_t`` ``(T, H)``; the last-step loss by default.

    One backward pass (without the parameter gradients) and one (G·H × T)(T × H)
    product for the totals.
    """
    dh = last_step_loss_gradient(trace) if dh is None else dh
    d_in, d_rec, t3 = _pre_gradients(model, trace, dh)
    h_prev = previous(t3["h"], t3["h0"])[:, 0]
    x = t3["x"][:, 0]
    with np.errstate(over="ignore", invalid="ignore"):
        hh = stable_norms(d_rec) * stable_norms(h_prev)
        ih = stable_norms(d_in) * stable_norms(x)
        # The terms' sum is the gradient itself (Σ_t δ_t h_{t-1}ᵀ = δᵀ·h_prev): one
        # product instead of a second backward pass (half the work at long sequences).
        total_hh = float(stable_norms((d_rec.T @ h_prev).ravel()))
        total_ih = float(stable_norms((d_in.T @ x).ravel()))
    # Step t = 1 … T is index t − 1; distance T − t reverses the order.
    return DistanceShares(
        kind=model.kind,
        weight_hh=hh[::-1].copy(),
        weight_ih=ih[::-1].copy(),
        total_hh=total_hh,
        total_ih=total_ih,
    )


def step_terms(
    model: RecurrentModel, trace: Trace, dh: np.ndarray, weight: Weight = "weight_hh"
) -> np.ndarray:
    """``(T, G·H, ·)``: each step's term of ``∂L/∂weight`` in PyTorch's block order.

    Indexed by step (t − 1), not distance; summed over steps it is
    ``model.backward(trace, dh).params[weight]``. For small models and tests:
    it builds the whole stack.
    """
    d_in, d_rec, t3 = _pre_gradients(model, trace, dh)
    if weight == "weight_hh":
        terms = d_rec[:, :, None] * previous(t3["h"], t3["h0"])[:, 0, None, :]
    elif weight == "weight_ih":
        terms = d_in[:, :, None] * t3["x"][:, 0, None, :]
    else:
        raise ValueError(f"unknown weight {weight!r}; use 'weight_hh' or 'weight_ih'")
    # The LSTM keeps its blocks as o, i, f, g internally (see cells.lstm).
    return _blocks(terms, _TO_TORCH, axis=-2) if model.kind == "lstm" else terms
