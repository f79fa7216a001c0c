"""Gradient diagnostics: the numbers behind "vanishing" and "exploding".

Everything here is computed from a model's exact forward trace and its exact
backward equations; nothing is estimated. Results that overflow are carried as
inf/nan and flagged (``finite``), never raised.

Time indices follow the app: step ``t`` runs from 1 to T, and arrays are
indexed ``t - 1``. "Distance" is ``T - t``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from ..budget import JACOBIAN_CHUNK_BYTES
from ..cells._base import RecurrentModel
from ..cells.init import largest_singular_value
from ..cells.trace import Grads, Trace
from ._jacobian_pass import jacobian_chunks
from .spectral import SpectralNorms

# PyTorch's clip_grad_norm_ adds this to the norm before dividing.
CLIP_EPS = 1e-6


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
    flat = mats.reshape(-1, mats.shape[-2] * mats.shape[-1])
    with np.errstate(all="ignore"):
        squares = np.einsum("nk,nk->n", flat, flat, dtype=np.float64)
        out = np.sqrt(squares)
    ok = (squares >= _SQUARES_SAFE[0]) & (squares <= _SQUARES_SAFE[1])  # False for inf, nan
    if not ok.all():
        out[~ok] = stable_norms(flat[~ok], axis=-1)
    return out.reshape(mats.shape[:-2])


def last_step_loss_gradient(trace: Trace) -> np.ndarray:
    """``∂L/∂h_t`` for the loss ``L = Σ_k h_T[k] / √H``: zero before T.

    A loss on the last step only, whose own gradient at T has norm 1, so the
    per-step norms read directly as "how much of a unit signal at T reaches t".
    """
    dh = np.zeros_like(trace.h)
    dh[-1] = 1.0 / np.sqrt(trace.h.shape[-1])
    return dh


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


class Diagnostics:
    """The gradient picture of one model on one input, per step t = 1 … T.

    Each quantity is computed the first time it is read and then kept, so a
    view that needs only ``loss_grad`` never pays for full Jacobians.
    Arrays have shape ``(T,)`` (or ``(T, B)`` for a batched trace).

    Attributes
    ----------
    loss_grad
        ``‖∂L/∂h_t‖`` for the last-step loss of :func:`last_step_loss_gradient`.
    loss_grad_c
        ``‖∂L/∂c_t‖`` for the same loss (LSTM only).
    jacobian_spectral, jacobian_frobenius
        ``‖∂h_T/∂h_t‖`` in the spectral and Frobenius norms.
    highway
        LSTM only: the largest entry of ``∂c_T/∂c_t`` along the cell-state path
        alone, ``∏_{s=t+1}^{T} f_s`` (elementwise; 1 at t = T).
    highway_units
        LSTM only: that product per unit, ``(T, [B,] H)``.
    cell_total
        LSTM only: ``‖∂c_T/∂c_t‖₂`` through all paths (a total derivative: moving
        c_t also moves h_t = o_t ⊙ tanh(c_t)).
    cell_other
        LSTM only: ``‖∂c_T/∂c_t − diag(∏ f)‖₂``, every path but the highway
        (:func:`cell_path_norms`).
    pascanu
        The model's :class:`PascanuCondition`.
    finite
        ``False`` if anything above overflowed (computes everything).
    """

    def __init__(self, model: RecurrentModel, trace: Trace) -> None:
        self.model = model
        self.trace = trace
        self.kind = model.kind

    @cached_property
    def grads(self) -> Grads:
        """Every gradient of the last-step loss (what the backward playback shows)."""
        with np.errstate(all="ignore"):
            return self.model.backward(self.trace, last_step_loss_gradient(self.trace))

    @cached_property
    def loss_grad(self) -> np.ndarray:
        return stable_norms(self.grads.h)

    @cached_property
    def loss_grad_c(self) -> np.ndarray | None:
        return None if self.grads.c is None else stable_norms(self.grads.c)

    @cached_property
    def cell_paths(self) -> tuple[np.ndarray, np.ndarray] | None:
        """LSTM only: ``∂L/∂c_t`` split by the path it arrived along, ``(T, [B,] H)`` each.

        ``c_t`` feeds the loss along two routes: the highway into ``c_{t+1}``
        (``∂L/∂c_{t+1} ⊙ f_{t+1}``, zero at t = T) and its own step's output
        ``h_t = o_t ⊙ tanh(c_t)`` (``∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t))``). The two
        add up to ``grads.c`` exactly (the loss has no term on c itself).
        """
        if self.kind != "lstm" or self.trace.c is None:
            return None
        g, tr = self.grads, self.trace
        f, o = tr.gates["f"], tr.gates["o"]
        with np.errstate(all="ignore"):
            highway = np.zeros_like(g.c)
            highway[:-1] = g.c[1:] * f[1:]
            through_h = g.h * o * (1.0 - np.tanh(tr.c) ** 2)
        return highway, through_h

    @cached_property
    def _jacobian_h_norms(self) -> tuple[np.ndarray, np.ndarray]:
        return jacobian_norms(self.model, self.trace, of="h")

    @cached_property
    def jacobian_spectral(self) -> np.ndarray:
        return self._jacobian_h_norms[0]

    @cached_property
    def jacobian_frobenius(self) -> np.ndarray:
        return self._jacobian_h_norms[1]

    @cached_property
    def highway_units(self) -> np.ndarray | None:
        return forget_gate_highway(self.trace) if self.kind == "lstm" else None

    @cached_property
    def highway(self) -> np.ndarray | None:
        units = self.highway_units
        return None if units is None else np.abs(units).max(axis=-1)

    @cached_property
    def _cell_path_norms(self) -> tuple[np.ndarray, np.ndarray] | None:
        return cell_path_norms(self.model, self.trace) if self.kind == "lstm" else None

    @cached_property
    def cell_total(self) -> np.ndarray | None:
        norms = self._cell_path_norms
        return None if norms is None else norms[0]

    @cached_property
    def cell_other(self) -> np.ndarray | None:
        norms = self._cell_path_norms
        return None if norms is None else norms[1]

    @cached_property
    def pascanu(self) -> PascanuCondition:
        return pascanu_condition(self.model)

    @property
    def finite(self) -> bool:
        values = (
            self.loss_grad, self.loss_grad_c, self.jacobian_spectral, self.jacobian_frobenius,
            self.highway, self.cell_total, self.cell_other,
        )  # fmt: skip
        return self.trace.finite and all(v is None or bool(np.isfinite(v).all()) for v in values)


def jacobian_norms(
    model: RecurrentModel, trace: Trace, of: str = "h", chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> tuple[np.ndarray, np.ndarray]:
    """Spectral and Frobenius norms of ``∂s_T/∂s_t`` for every t (s = ``of``: h or c).

    The same numbers as the norms of ``model.state_jacobians(trace, of)[of]``, but the
    ``(T, [B,] H, H)`` Jacobians never exist at once: the backward equations run over
    the sequence a chunk of steps at a time, from the end, each chunk seeded with the
    gradients that reached its last step from the chunk after it (what the backward
    loop would carry there), so the peak memory is one chunk (``chunk_bytes``, at
    least one step) instead of T·H² numbers. The spectral norms come from
    :class:`~lstm_viz.engine.gradients.spectral.SpectralNorms` (warm-started Lanczos
    iterations at H ≥ 96, within 1e-13 relative of the SVD's).

    Returns
    -------
    spectral, frobenius
        ``(T,)`` or ``(T, B)``; overflowed entries are inf or nan, never raised.
    """
    steps, b = trace.h.shape[0], (trace.h.shape[1] if trace.batched else 1)
    spectral = np.empty((steps, b), dtype=np.float64)
    frobenius = np.empty((steps, b), dtype=np.float64)
    norms = SpectralNorms(b, model.hidden_size)
    for start, stop, jac in jacobian_chunks(model, trace, of, chunk_bytes):
        spectral[start:stop] = norms(jac)
        frobenius[start:stop] = frobenius_norms(jac)
    if not trace.batched:
        return spectral[:, 0], frobenius[:, 0]
    return spectral, frobenius


def cell_path_norms(
    model: RecurrentModel, trace: Trace, chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> tuple[np.ndarray, np.ndarray]:
    """LSTM: ``‖∂c_T/∂c_t‖₂`` through all paths, and through all but the highway.

    The highway's part of ``∂c_T/∂c_t`` is the diagonal matrix ``diag(f_T ⊙ … ⊙
    f_{t+1})`` (:func:`forget_gate_highway`); the other paths together are the rest,
    ``∂c_T/∂c_t − diag(∏ f)``, exactly (the derivative is a sum over paths). By the
    triangle inequality ``total ≤ highway + other`` at every step, so a total above
    the highway is never larger than the other paths' norm.

    Returns
    -------
    total, other
        ``(T,)`` or ``(T, B)`` spectral norms; overflowed entries are inf or nan.
    """
    if trace.kind != "lstm":
        raise ValueError("the cell-state paths exist only in the LSTM")
    highway = forget_gate_highway(trace).reshape(trace.steps, -1, model.hidden_size)
    steps, b = highway.shape[:2]
    total = np.empty((steps, b), dtype=np.float64)
    other = np.empty((steps, b), dtype=np.float64)
    total_norms, other_norms = (SpectralNorms(b, model.hidden_size) for _ in range(2))
    units = np.arange(model.hidden_size)
    for start, stop, jac in jacobian_chunks(model, trace, "c", chunk_bytes):
        total[start:stop] = total_norms(jac)
        rest = jac.astype(np.float64)
        with np.errstate(invalid="ignore"):
            rest[..., units, units] -= highway[start:stop]
        other[start:stop] = other_norms(rest)
    if not trace.batched:
        return total[:, 0], other[:, 0]
    return total, other


def forget_gate_highway(trace: Trace) -> np.ndarray:
    """``∂c_T/∂c_t`` along the path c_t → c_{t+1} → … → c_T only.

    On that path each step multiplies by ``f_{s}`` elementwise, so the
    derivative is the product of the forget gates after t:
    ``f_T ⊙ f_{T-1} ⊙ … ⊙ f_{t+1}`` (and 1 at t = T). Shape ``(T, [B,] H)``.
    """
    if trace.kind != "lstm":
        raise ValueError("the cell-state highway exists only in the LSTM")
    f = trace.gates["f"]
    out = np.ones_like(f)
    # Reverse cumulative product of f_{t+1} … f_T.
    with np.errstate(under="ignore"):
        out[:-1] = np.cumprod(f[:0:-1], axis=0)[::-1]
    return out


def diagnose(model: RecurrentModel, trace: Trace) -> Diagnostics:
    """The gradient diagnostics of ``model`` on ``trace`` (each computed when first read)."""
    return Diagnostics(model, trace)


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
