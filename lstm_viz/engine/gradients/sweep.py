"""The stability map: the last-step loss gradient across a sweep of recurrent scales.

For each scale ``s`` the model is the one the app builds,
``MODELS[kind](D, H, seed=seed, init=init, recurrent_scale=s, forget_bias=…)``:
the same seed for every scale, so only the size of W_hh differs (each H×H
block rescaled to largest singular value ``s``). On one input sequence the sweep
records, per scale and step t = 1 … T,

    ‖∂L/∂h_t‖   for   L = Σ_k h_T[k] / √H     (diagnostics.last_step_loss_gradient),

and the global norm of the parameter gradients of the same loss,
``‖∇_θ L‖ = (Σ_p ‖∂L/∂p‖_F²)^½`` over weight_ih, weight_hh, bias_ih and bias_hh,
optionally with what PyTorch's ``clip_grad_norm_`` would do to it.

All scales run at once through the engine's own cells: the scale axis is a
batch axis whose items each have their own W_hh (a ``weight_hh`` of shape
``(S, G·H, H)``), so a step of the forward or backward pass is one batched
matrix product for every scale. The per-scale engine loop is the reference the
tests compare against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..cells import MODELS
from ..cells.init import InitScheme, largest_singular_value
from ._sweep_passes import FACTORED_KINDS, factored_sweep, sweep_plan
from ._threads import one_blas_thread
from .diagnostics import CLIP_EPS, last_step_loss_gradient, stable_norms

#: The issue's sweep: 40 scales from 0.5 to 2.0.
DEFAULT_SCALES = np.linspace(0.5, 2.0, 40)

# The GRU's scales are processed in groups whose (T, S, G·H) arrays stay near 32 MB
# each (the RNN and the LSTM run every scale at once, in segments of steps).
_CHUNK_ELEMENTS = 1 << 22


@dataclass(frozen=True)
class ScaleSweep:
    """The last-step loss gradient of one model kind at each of S recurrent scales.

    Step ``t`` (1 … T) is index ``t − 1 − first``; its distance from the loss is ``T − t``.

    Attributes
    ----------
    kind
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    scales
        ``(S,)`` the recurrent scales: σ_max of each H×H block of W_hh.
    loss_grad
        ``(S, T)``: ``‖∂L/∂h_t‖₂`` (total, through all later steps).
    param_grad_norm
        ``(S,)``: the global 2-norm of the parameter gradients, before clipping; None
        when the sweep was asked for the loss gradients only.
    max_norm
        The clipping threshold, or ``None`` when no clipping was asked for.
    clipped_norm
        ``(S,)``: the global norm after ``clip_grad_norm`` (coefficient
        ``max_norm / (norm + 1e-6)`` when below 1); ``None`` without ``max_norm``.
    fired
        ``(S,)`` bool: whether clipping fired at that scale; ``None`` without ``max_norm``.
    finite
        ``(S, T)`` bool: which entries of ``loss_grad`` are finite (inf/nan are
        carried, never raised, so the plot can mark them).
    sigma_max
        ``(S,)``: σ_max of the whole W_hh (``G·H × H``), as in
        ``diagnostics.PascanuCondition``; equal to the scale for the RNN.
    gamma
        Bound on the nonlinearity's derivative (1 for tanh): Pascanu et al.
        (2013) guarantee vanishing in the plain RNN when ``σ_max < 1/γ``.
    pascanu_applies
        Whether that guarantee applies (the RNN only).
    first
        The 0-based index of the step in ``loss_grad``'s first column (0 unless the
        sweep was asked for the rows of the later steps only).
    """

    kind: str
    scales: np.ndarray
    loss_grad: np.ndarray
    param_grad_norm: np.ndarray | None
    max_norm: float | None
    clipped_norm: np.ndarray | None
    fired: np.ndarray | None
    finite: np.ndarray
    sigma_max: np.ndarray
    gamma: float = 1.0
    pascanu_applies: bool = False
    first: int = 0

    @property
    def steps(self) -> int:
        return self.loss_grad.shape[1]

    @property
    def distance(self) -> np.ndarray:
        """``(T,)``: ``T − t`` for each step t = 1 … T (T − 1 down to 0)."""
        return np.arange(self.steps - 1, -1, -1)

    @property
    def threshold(self) -> float:
        """Pascanu's ``1/γ``: the line to draw on the scale axis."""
        return 1.0 / self.gamma

    @property
    def log10_loss_grad(self) -> np.ndarray:
        """``log₁₀ ‖∂L/∂h_t‖`` (−inf for an exact zero; check :attr:`finite`)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(self.loss_grad)

    @property
    def fire_rate(self) -> float | None:
        """The fraction of scales at which clipping fired."""
        return None if self.fired is None else float(self.fired.mean())


def scale_sweep(
    kind: str,
    x: Any,
    hidden_size: int,
    seed: int,
    scales: Any = DEFAULT_SCALES,
    *,
    init: InitScheme = "uniform",
    forget_bias: float | None = None,
    clip: float | None = None,
    parameters: bool = True,
    progress: Callable[[float], None] | None = None,
    start: int = 0,
) -> ScaleSweep:
    """Sweep the recurrent scale of a ``kind`` model on the sequence ``x``.

    Parameters
    ----------
    kind
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    x
        The input, ``(T, D)`` (one sequence; zero initial state).
    hidden_size, seed, init, forget_bias
        As for the model constructors; the same for every scale.
    scales
        ``(S,)`` finite values ≥ 0.
    clip
        Optional ``max_norm`` for global-norm clipping (PyTorch semantics; needs
        ``parameters``).
    parameters
        Whether to compute the parameter gradients (``param_grad_norm``); without
        them the RNN's and the LSTM's sweep does a third less work.
    progress
        Called with the fraction of the work done (0 … 1) now and then.
    start
        Only the rows ``‖∂L/∂h_t‖`` of steps ``start + 1 … T`` (the RNN and the LSTM,
        without ``parameters``): the first ``start`` steps run forward only, so the
        states and those rows are exact, at about a third of those steps' work.

    Cost: the T steps of the cells' forward and backward pass, each one
    ``(S × H)(H × G·H)`` product (the RNN, the LSTM: ``_sweep_passes``) or batched
    ``(S, 1, ·) @ (S, ·, ·)`` product (the GRU) plus a few elementwise operations on
    ``(S, G·H)`` arrays, i.e. O(T·S·G·H·(H + D)) flops but only O(T) Python steps.
    """
    if kind not in MODELS:
        raise ValueError(f"unknown model kind {kind!r}; use one of {', '.join(MODELS)}")
    s = np.atleast_1d(np.asarray(scales, dtype=np.float64))
    if s.ndim != 1 or s.size == 0 or not np.isfinite(s).all() or (s < 0).any():
        raise ValueError("scales must be a non-empty 1-D array of finite numbers ≥ 0")
    if clip is not None and (not clip > 0 or not np.isfinite(clip)):
        raise ValueError(f"the clipping threshold must be a positive finite number, got {clip}")
    if clip is not None and not parameters:
        raise ValueError("clipping needs the parameter gradients (parameters=True)")
    if start and (parameters or kind not in FACTORED_KINDS):
        raise ValueError("a sweep from a later step is the RNN's or the LSTM's, without parameters")
    xa = np.asarray(x, dtype=np.float64)
    if xa.ndim != 2 or xa.shape[0] < 1:
        raise ValueError(f"the sweep takes one sequence of shape (T, D), got {np.shape(x)}")
    if not 0 <= start < xa.shape[0]:
        raise ValueError(
            f"the first step swept must be within the {xa.shape[0]} steps, got {start}"
        )
    steps, g_h = xa.shape[0], MODELS[kind].blocks * hidden_size
    with np.errstate(all="ignore"), one_blas_thread():
        if kind in FACTORED_KINDS:  # one shared W_hh: a matrix product per step
            raw, factor, unit_sigma = _scale_factors(
                kind, xa.shape[1], hidden_size, seed, init, forget_bias, s
            )
            loss_grad, total = factored_sweep(
                kind, xa, raw, factor, parameters=parameters, progress=progress, start=start
            )
        else:  # the engine's cells, each scale with its own W_hh
            params, unit_sigma = _scaled_params(
                kind, xa.shape[1], hidden_size, seed, init, forget_bias, s
            )
            per = max(1, _CHUNK_ELEMENTS // (steps * g_h))
            parts = []
            for i in range(0, s.size, per):
                parts.append(_engine_sweep(kind, xa, params, i, per))
                if progress is not None:
                    progress(min(i + per, s.size) / s.size)
            loss_grad = np.concatenate([p[0] for p in parts])
            total = np.concatenate([p[1] for p in parts]) if parameters else None
        clipped = fired = None
        if clip is not None and total is not None:
            coef = clip / (total + CLIP_EPS)
            fired = coef < 1.0  # nan (a nan norm) does not fire, as in clip_grad_norm
            clipped = np.where(fired, total * coef, total)
        sigma_max = s * unit_sigma  # an absurd scale's σ overflows to inf, carried
    return ScaleSweep(
        kind=kind,
        scales=s,
        loss_grad=loss_grad,
        param_grad_norm=total,
        max_norm=None if clip is None else float(clip),
        clipped_norm=clipped,
        fired=fired,
        finite=np.isfinite(loss_grad),
        sigma_max=sigma_max,
        gamma=1.0,
        pascanu_applies=kind == "rnn",
        first=start,
    )


# Flops that take as long as the elementwise work on one activation of one step (its
# tanh and a few products: ~8 ns measured, against products at 50 GFLOP/s), and as the
# Python and NumPy overhead of one step of a pass (~15 µs).
_PER_ACTIVATION = 400.0
_PER_STEP = 7.5e5


def sweep_cost(
    kind: str,
    hidden: int,
    input_size: int,
    steps: int,
    scales: int,
    parameters: bool = True,
    start: int = 0,
) -> float:
    """The work of ``scale_sweep`` in flops of one core's matrix products.

    The ``(S × H)(H × G·H)`` products of its passes (the forward pass, the recomputed
    segments, the backward pass, the parameter gradients), ``(H + D)`` wide for the
    input's share; the elementwise work on the ``G·H + 2H`` activations of every scale
    and step of a pass, and a fixed cost per step and pass (the Python loop), each
    counted as the flops that take as long (:data:`_PER_ACTIVATION`, :data:`_PER_STEP`).
    With ``start``, the first ``start`` of the ``steps`` run forward only (one pass).
    """
    g_h = MODELS[kind].blocks * hidden
    if start:
        width = scales * (2.0 * g_h * (hidden + input_size) + (g_h + 2 * hidden) * _PER_ACTIVATION)
        prefix = start * (width + _PER_STEP)
        return prefix + sweep_cost(kind, hidden, input_size, steps - start, scales, parameters)
    if kind in FACTORED_KINDS:
        plan = sweep_plan(kind, steps, scales, hidden)
        passes = plan.passes(parameters)
        loops = -(-scales // plan.group) * steps * (passes - (1.0 if parameters else 0.0))
    else:
        passes = 3.0
        per = max(1, _CHUNK_ELEMENTS // (steps * g_h))
        loops = -(-scales // per) * steps * 2.0
    products = passes * steps * scales * 2.0 * g_h * (hidden + input_size)
    elementwise = (passes - 1.0) * steps * scales * (g_h + 2 * hidden) * _PER_ACTIVATION
    return products + elementwise + loops * _PER_STEP


def _engine_sweep(
    kind: str, x: np.ndarray, params: dict[str, np.ndarray], start: int, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Scales ``[start, start + count)`` through the engine's cells, the scale as a batch."""
    w_hh = params["weight_hh"][start : start + count]
    shared = {k: v[0] for k, v in params.items() if k != "weight_hh"}
    model = MODELS[kind].from_params({**shared, "weight_hh": w_hh})
    steps, d = x.shape
    tr = model.forward(np.broadcast_to(x[:, None], (steps, w_hh.shape[0], d)))
    grads = model.backward(tr, last_step_loss_gradient(tr))
    return stable_norms(grads.h, axis=-1).T, _global_norm(grads.params)


def _scaled_params(
    kind: str,
    input_size: int,
    hidden_size: int,
    seed: int,
    init: InitScheme,
    forget_bias: float | None,
    scales: np.ndarray,
) -> tuple[dict[str, np.ndarray], float]:
    """The parameters of ``MODELS[kind](…, recurrent_scale=s)`` for every s, stacked.

    Identical, bit for bit, to building each model (tested): the seed draws the
    same raw weights for every scale, and ``init.set_recurrent_scale`` multiplies
    each H×H block of the raw W_hh by ``s / σ_max(block)``. Drawing once and
    taking the block norms once saves S·G singular value decompositions.

    Returns
    -------
    params
        PyTorch's keys, each with a leading scale axis ``(S, …)`` (only
        ``weight_hh`` differs between scales; the others are broadcast views).
    unit_sigma
        σ_max of the whole W_hh at scale 1; at scale s it is ``s·unit_sigma``.
    """
    raw, factor, unit_sigma = _scale_factors(
        kind, input_size, hidden_size, seed, init, forget_bias, scales
    )
    w = raw["weight_hh"].astype(np.float64)
    blocks = w.reshape(MODELS[kind].blocks, hidden_size, hidden_size)
    with np.errstate(over="ignore", invalid="ignore"):
        w_hh = (blocks[None] * factor[:, :, None, None]).reshape(scales.size, *w.shape)
    stacked = {k: np.broadcast_to(v, (scales.size, *v.shape)) for k, v in raw.items()}
    stacked["weight_hh"] = w_hh
    return stacked, unit_sigma


def _scale_factors(
    kind: str,
    input_size: int,
    hidden_size: int,
    seed: int,
    init: InitScheme,
    forget_bias: float | None,
    scales: np.ndarray,
) -> tuple[dict[str, np.ndarray], np.ndarray, float]:
    """The raw parameters, the ``(S, G)`` factor of each W_hh block per scale, unit σ.

    ``MODELS[kind](…, recurrent_scale=s)``'s W_hh block k is the raw block times
    ``factor[s, k] = s / σ_max(raw block k)`` (1 for a zero block, which stays zero).
    """
    cls = MODELS[kind]
    raw = cls(input_size, hidden_size, seed=seed, init=init, forget_bias=forget_bias)
    w = raw.params["weight_hh"].astype(np.float64)
    blocks = w.reshape(cls.blocks, hidden_size, hidden_size)
    sigma = np.array([largest_singular_value(b) for b in blocks])
    safe = np.where(sigma > 0, sigma, 1.0)
    with np.errstate(over="ignore"):  # an absurd scale over a tiny σ is carried as inf, flagged
        factor = np.where(sigma > 0, scales[:, None] / safe, 1.0)  # a zero block stays zero
    unit = (blocks / safe[:, None, None]).reshape(w.shape)
    return dict(raw.params), factor, largest_singular_value(unit)


def _global_norm(grads: dict[str, np.ndarray]) -> np.ndarray:
    """``(Σ_p ‖g_p‖²)^½`` per scale, each norm taken like ``clip_grad_norm``'s."""
    per = [stable_norms(g.reshape(g.shape[0], -1), axis=1) for g in grads.values()]
    return stable_norms(np.stack(per), axis=0)
