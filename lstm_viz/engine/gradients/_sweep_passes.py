"""The sweep's forward and backward passes with one W_hh shared by every scale.

At recurrent scale s each H×H block k of W_hh is the raw block times a number,
``W_hh(s)[k] = φ[s, k] · W[k]`` (``φ = s / σ_max(W[k])``). So a step's recurrent
product for all S scales is one matrix product with the raw weights, its blocks then
multiplied by φ:

    W_hh(s) h_s = φ[s] ⊙_blocks (W h_s)        for all s:  (S × H) · (H × G·H),

instead of S matrix–vector products with S different matrices, which read S·G·H²
numbers from memory at every step (84 MB at H = 256, S = 40: the sweep was
memory-bound at ~100× its flop count). Backward likewise:
``W_hh(s)ᵀ δ_s = Wᵀ (φ[s] ⊙_blocks δ_s)``.

The activations of every step are kept for the backward pass, within a bound
(:data:`_ACTIVATIONS`, 128 MB): for a long sequence the scales run in up to
:data:`_MAX_GROUPS` groups (each reads W_hh once a step: fewer is better, and 10 rows
reach two thirds of the GEMM rate of 40 at H = 256), and beyond that all scales run
together in segments of steps: the forward pass keeps the state only at the start
of each segment and the backward pass recomputes one segment's activations from its
start (the last segment's stay from the first pass). A step is a matrix product and
a few elementwise operations; the rest (the derivatives of the activations, the
norms of ∂L/∂h_t, the parameter gradients) is done for blocks of steps at once.

Internally the LSTM's blocks are in the order o, i, f, g (PyTorch's is i, f, g, o):
the three sigmoid gates are then contiguous for the forward pass and the three
blocks the cell-state gradient drives are contiguous for the backward pass.

The equations are the engine's (``cells/rnn.py``, ``cells/lstm.py``) for the loss
``L = Σ_k h_T[k] / √H``; the tests compare every number with the engine's own
batched cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .diagnostics import stable_norms

__all__ = ["FACTORED_KINDS", "SweepPlan", "factored_sweep", "sweep_plan"]

FACTORED_KINDS = ("rnn", "lstm")
#: Elements of the activations kept for the backward pass at once (the LSTM's gates
#: and h, c; the RNN's h): 128 MB.
_ACTIVATIONS = 1 << 24
#: Groups of scales at most before the scales run together in segments of steps.
_MAX_GROUPS = 4
#: Steps whose derivatives and ∂L/∂pre are kept at once in the backward pass.
_BLOCK = 64
# The LSTM's blocks in the internal order o, i, f, g, as PyTorch's indices i0 f1 g2 o3.
_LSTM_ORDER = (3, 0, 1, 2)


@dataclass(frozen=True)
class SweepPlan:
    """How a sweep of S scales over T steps is run within :data:`_ACTIVATIONS`.

    Attributes
    ----------
    group
        Scales per group (S when they run together).
    segment
        Steps per segment (T when nothing is recomputed).
    steps
        T.
    """

    group: int
    segment: int
    steps: int

    def passes(self, parameters: bool) -> float:
        """Products of ``(S × H)(H × G·H)``'s size per step and scale: the forward pass,
        the recomputed segments (all but the last), the backward product and, with the
        parameter gradients, their product."""
        recomputed = (self.steps - min(self.steps, self.segment)) / self.steps
        return 2.0 + recomputed + (1.0 if parameters else 0.0)


def _kept_per_step(kind: str, h: int) -> int:
    """Elements kept per step and scale: the gates and h, c (LSTM) or h (RNN)."""
    return 6 * h if kind == "lstm" else h


def sweep_plan(kind: str, steps: int, scales: int, h: int) -> SweepPlan:
    """The groups of scales and the segments of steps of a sweep (see the module)."""
    per = _kept_per_step(kind, h) * steps
    fit = max(1, _ACTIVATIONS // per)  # scales whose whole sequence fits
    groups = -(-scales // fit)
    if groups <= _MAX_GROUPS:
        return SweepPlan(group=-(-scales // groups), segment=steps, steps=steps)
    segment = max(1, _ACTIVATIONS // (_kept_per_step(kind, h) * scales))
    return SweepPlan(group=scales, segment=min(segment, steps), steps=steps)


def factored_sweep(
    kind: str,
    x: np.ndarray,
    params: dict[str, np.ndarray],
    factor: np.ndarray,
    *,
    parameters: bool = True,
    progress: Callable[[float], None] | None = None,
    start: int = 0,
) -> tuple[np.ndarray, np.ndarray | None]:
    """``‖∂L/∂h_t‖`` per scale and step, and the global norm of the parameter gradients.

    Parameters
    ----------
    kind
        ``"rnn"`` or ``"lstm"``.
    x
        ``(T, D)`` float64, the same sequence for every scale.
    params
        The raw (unscaled) parameters, PyTorch's keys and layout.
    factor
        ``(S, G)``: the number each of the G blocks of W_hh is multiplied by, per scale.
    parameters
        Whether to compute the parameter gradients' norm (None otherwise: a third of
        the work).
    progress
        Called with the fraction of the work done (0 … 1) after each segment.
    start
        ``‖∂L/∂h_t‖`` of steps ``start + 1 … T`` only: the first ``start`` steps run
        forward only (the states are exact, so are those rows). Needs ``parameters``
        off (the parameter gradients sum over every step).

    Returns
    -------
    loss_grad, param_norm
        ``(S, T − start)`` and ``(S,)`` (or None).
    """
    if start and parameters:
        raise ValueError("a sweep from a later step has no parameter gradients")
    steps, scales = x.shape[0] - start, factor.shape[0]
    h = params["weight_hh"].shape[1]
    plan = sweep_plan(kind, steps, scales, h)
    total = (plan.passes(parameters) * steps + start) * scales
    done = 0.0

    def advance(n: float) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done / total, 1.0))

    h0 = np.zeros((scales, h))
    c0 = np.zeros((scales, h))
    if start:  # the state before step start + 1, every scale at once, forward only
        prefix = max(1, min(start, _ACTIVATIONS // (_kept_per_step(kind, h) * scales)))
        pass_ = _Passes(kind, x[:start], params, factor, prefix)
        for a in range(0, start, prefix):
            b = min(a + prefix, start)
            pass_.forward(a, b, h0, c0)
            h0, c0 = (np.copy(v) for v in pass_.state_after(b - a))
            advance((b - a) * scales)
        del pass_
    parts = [
        _sweep_group(
            kind,
            x[start:],
            params,
            factor[i : i + plan.group],
            plan.segment,
            parameters,
            advance,
            (h0[i : i + plan.group], c0[i : i + plan.group]),
        )
        for i in range(0, scales, plan.group)
    ]
    loss_grad = np.concatenate([p[0] for p in parts])
    norms = [p[1] for p in parts]
    return loss_grad, None if not parameters else np.concatenate(norms)  # type: ignore[arg-type]


def _sweep_group(
    kind: str,
    x: np.ndarray,
    params: dict[str, np.ndarray],
    factor: np.ndarray,
    seg: int,
    parameters: bool,
    advance: Callable[[float], None],
    initial: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray | None]:
    """One group of scales from the state ``initial`` (h, c), ``seg`` steps of
    activations at a time."""
    pass_ = _Passes(kind, x, params, factor, seg)
    steps, scales, h = x.shape[0], factor.shape[0], pass_.h
    starts = list(range(0, steps, seg))
    # Forward: keep only each segment's starting state (the last segment's activations
    # stay in the buffers for the backward pass).
    h_start = np.empty((len(starts), scales, h))
    c_start = np.empty((len(starts), scales, h))
    h_start[0], c_start[0] = initial
    for j, start in enumerate(starts):
        stop = min(start + seg, steps)
        pass_.forward(start, stop, h_start[j], c_start[j])
        if j + 1 < len(starts):
            h_start[j + 1], c_start[j + 1] = pass_.state_after(stop - start)
        advance((stop - start) * scales)
    grad_h = np.empty((scales, steps))
    sums = _ParamSums(scales, pass_.gh, h, x.shape[1]) if parameters else None
    dh = np.zeros((scales, h))
    dc = np.zeros((scales, h))
    for j in range(len(starts) - 1, -1, -1):
        start, stop = starts[j], min(starts[j] + seg, steps)
        if j < len(starts) - 1:
            pass_.forward(start, stop, h_start[j], c_start[j])
            advance((stop - start) * scales)
        for b_stop in range(stop - start, 0, -_BLOCK):
            b_start = max(0, b_stop - _BLOCK)
            dh, dc, norms = pass_.backward(b_start, b_stop, dh, dc, start + b_stop == steps)
            grad_h[:, start + b_start : start + b_stop] = norms.T
            if sums is not None:
                delta = pass_.delta[: b_stop - b_start]
                sums.add(delta, pass_.hs[b_start:b_stop], x[start + b_start : start + b_stop])
        advance((stop - start) * scales * (2.0 if parameters else 1.0))
    return grad_h, None if sums is None else sums.norm()


class _Passes:
    """One kind's forward and backward steps over a segment, into reused buffers."""

    def __init__(
        self,
        kind: str,
        x: np.ndarray,
        params: dict[str, np.ndarray],
        factor: np.ndarray,
        seg: int,
    ) -> None:
        w_hh, w_ih = params["weight_hh"], params["weight_ih"]
        self.lstm = kind == "lstm"
        self.gh, self.h = w_hh.shape
        h = self.h
        bias = params["bias_ih"] + params["bias_hh"]
        rows = np.repeat(factor, h, axis=1)  # (S, G·H): φ for every row of W_hh
        if self.lstm:  # internal block order o, i, f, g
            order = np.concatenate([np.arange(k * h, (k + 1) * h) for k in _LSTM_ORDER])
            w_hh, w_ih, bias, rows = w_hh[order], w_ih[order], bias[order], rows[:, order]
        self.w_hh = np.ascontiguousarray(w_hh)
        self.w_t = np.ascontiguousarray(w_hh.T)
        self.rows = rows
        self.x, self.w_ih_t, self.bias = x, np.ascontiguousarray(w_ih.T), bias
        scales = factor.shape[0]
        if self.lstm:
            # σ(a) = ½·tanh(a/2) + ½, as the engine computes it; the halving of the
            # sigmoid gates' pre-activations is folded into their rows (exact: a power of 2).
            self.half = np.ones(self.gh)
            self.half[: 3 * h] = 0.5
            self.rows_in = rows * self.half
            self.act = np.empty((seg, scales, self.gh))  # the gates o, i, f, g
            self.cs = np.empty((seg + 1, scales, h))  # cs[k] = c before step start + k
        else:
            self.half, self.rows_in, self.cs = None, rows, None
            self.act = np.empty((1, scales, self.gh))  # one step's pre-activations
        self.hs = np.empty((seg + 1, scales, h))  # hs[k] = h before step start + k
        block = min(seg, _BLOCK)
        self.delta = np.empty((block, scales, self.gh))  # ∂L/∂pre of a block of steps
        self.gbuf = np.empty((block, scales, h))  # ∂L/∂h_t of a block of steps

    def state_after(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """h and c after the segment's ``n`` steps just run."""
        c = self.cs[n] if self.cs is not None else self.hs[n]
        return self.hs[n], c

    def forward(self, start: int, stop: int, h0: np.ndarray, c0: np.ndarray) -> None:
        """Steps ``[start, stop)`` from the state (h0, c0): activations into the buffers."""
        h = self.h
        xa = self.x[start:stop] @ self.w_ih_t + self.bias  # (n, G·H)
        if self.half is not None:
            xa *= self.half
        self.hs[0] = h0
        if self.cs is not None:
            self.cs[0] = c0
        for k in range(stop - start):
            z = self.act[k] if self.cs is not None else self.act[0]
            np.matmul(self.hs[k], self.w_t, out=z)
            z *= self.rows_in
            z += xa[k]
            if self.cs is None:
                np.tanh(z, out=self.hs[k + 1])
                continue
            np.tanh(z, out=z)
            sig = z[:, : 3 * h]
            sig *= 0.5
            sig += 0.5
            o, i, f, g = z[:, :h], z[:, h : 2 * h], z[:, 2 * h : 3 * h], z[:, 3 * h :]
            c = self.cs[k + 1]
            np.multiply(f, self.cs[k], out=c)
            c += i * g
            np.multiply(o, np.tanh(c), out=self.hs[k + 1])

    def backward(
        self, a: int, b: int, dh: np.ndarray, dc: np.ndarray, seed_last: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Back through steps ``[a, b)`` of the segment run forward: ∂L/∂h and ∂L/∂c
        before them, and the ``(b − a, S)`` norms of their ∂L/∂h_t; their ∂L/∂pre
        into :attr:`delta` (the LSTM's in the internal block order: the norms of the
        parameter gradients do not depend on the order of their rows)."""
        n, h = b - a, self.h
        seed = 1.0 / np.sqrt(h)
        gbuf, delta = self.gbuf[:n], self.delta[:n]
        if self.cs is None:
            coef = 1.0 - self.hs[a + 1 : b + 1] ** 2  # tanh'
            for k in range(n - 1, -1, -1):
                gk = gbuf[k]
                np.copyto(gk, dh)
                if seed_last and k == n - 1:
                    gk += seed
                np.multiply(gk, coef[k], out=delta[k])
                dh = (delta[k] * self.rows) @ self.w_hh
            return dh, dc, stable_norms(gbuf, axis=-1)
        act = self.act[a:b]
        o, i, f, g = act[..., :h], act[..., h : 2 * h], act[..., 2 * h : 3 * h], act[..., 3 * h :]
        tc = np.tanh(self.cs[a + 1 : b + 1])
        # What each block's ∂L/∂pre is of ∂L/∂h_t (block o) or of ∂L/∂c_t (i, f, g).
        coef = np.empty((n, act.shape[1], 4, h))
        np.multiply(tc, o * (1.0 - o), out=coef[:, :, 0])
        np.multiply(g, i * (1.0 - i), out=coef[:, :, 1])
        np.multiply(self.cs[a:b], f * (1.0 - f), out=coef[:, :, 2])
        np.multiply(i, 1.0 - g * g, out=coef[:, :, 3])
        through = o * (1.0 - tc * tc)  # ∂c_t's share of ∂L/∂h_t
        for k in range(n - 1, -1, -1):
            gk = gbuf[k]
            np.copyto(gk, dh)
            if seed_last and k == n - 1:
                gk += seed
            gc = gk * through[k]
            gc += dc
            d = delta[k].reshape(-1, 4, h)
            np.multiply(gk, coef[k, :, 0], out=d[:, 0])
            np.multiply(gc[:, None, :], coef[k, :, 1:], out=d[:, 1:])
            dc = gc * f[k]
            dh = (delta[k] * self.rows) @ self.w_hh
        return dh, dc, stable_norms(gbuf, axis=-1)


class _ParamSums:
    """``∂L/∂W_hh(s) = Σ_t δ_t h_{t−1}ᵀ``, ``∂L/∂W_ih = Σ_t δ_t x_tᵀ``, both biases
    ``Σ_t δ_t``, summed a segment at a time (δ never exists for the whole sequence)."""

    def __init__(self, scales: int, gh: int, h: int, d: int) -> None:
        self.hh = np.zeros((scales, gh, h))
        self.ih = np.zeros((scales, gh, d))
        self.b = np.zeros((scales, gh))

    def add(self, delta: np.ndarray, h_prev: np.ndarray, x: np.ndarray) -> None:
        # Scale by scale: each product's sum stays in cache (one batched product over
        # all scales re-read the whole (S, G·H, H) sum from memory, twice as slow).
        out = np.empty(self.hh.shape[1:])
        for s in range(self.hh.shape[0]):
            d = delta[:, s].T  # (G·H, steps of the block)
            np.matmul(d, h_prev[:, s], out=out)
            self.hh[s] += out
            self.ih[s] += d @ x
        self.b += delta.sum(axis=0)

    def norm(self) -> np.ndarray:
        s = self.hh.shape[0]
        norms = [
            stable_norms(self.hh.reshape(s, -1), axis=1),
            stable_norms(self.ih.reshape(s, -1), axis=1),
            stable_norms(self.b, axis=1),
        ]
        norms.append(norms[-1])  # bias_ih and bias_hh have the same gradient
        return stable_norms(np.stack(norms), axis=0)
