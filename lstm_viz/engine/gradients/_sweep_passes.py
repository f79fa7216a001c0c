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

The equations are the engine's (``cells/rnn.py``, ``cells/lstm.py``, PyTorch's gate
order i, f, g, o) for the loss ``L = Σ_k h_T[k] / √H``; the tests compare every
number with the engine's own batched cells.
"""

from __future__ import annotations

import numpy as np

from .diagnostics import stable_norms

__all__ = ["FACTORED_KINDS", "factored_sweep"]

FACTORED_KINDS = ("rnn", "lstm")
#: Steps whose ∂L/∂pre are kept at once, then summed into the parameter gradients.
_WINDOW = 64


def factored_sweep(
    kind: str, x: np.ndarray, params: dict[str, np.ndarray], factor: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
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

    Returns
    -------
    loss_grad, param_norm
        ``(S, T)`` and ``(S,)``.
    """
    w_hh, w_ih = params["weight_hh"], params["weight_ih"]
    gh = w_hh.shape[0]
    h = w_hh.shape[1]
    rows = np.repeat(factor, h, axis=1)  # (S, G·H): φ for every row of W_hh
    xa = x @ w_ih.T + (params["bias_ih"] + params["bias_hh"])  # (T, G·H), shared
    steps, scales = x.shape[0], factor.shape[0]
    w_t = np.ascontiguousarray(w_hh.T)
    hs = np.empty((steps + 1, scales, h))  # hs[0] = h_0 = 0
    hs[0] = 0.0
    pre = np.empty((steps, scales, gh))
    cs = np.empty((steps + 1, scales, h)) if kind == "lstm" else None
    for t in range(steps):
        z = pre[t]
        np.matmul(hs[t], w_t, out=z)
        z *= rows
        z += xa[t]
        if cs is None:
            np.tanh(z, out=hs[t + 1])
        else:
            if t == 0:
                cs[0] = 0.0
            _lstm_step(z, cs[t], cs[t + 1], hs[t + 1], h)
    grad_h = np.empty((steps, scales))
    dh_next = np.zeros((scales, h))
    dc_next = np.zeros((scales, h))
    seed = 1.0 / np.sqrt(h)
    # ∂L/∂W_hh(s) = Σ_t δ_t h_{t−1}ᵀ, ∂L/∂W_ih = Σ_t δ_t x_tᵀ, both biases Σ_t δ_t: summed a
    # window of steps at a time, so ∂L/∂pre (δ) never exists for the whole sequence.
    sum_hh = np.zeros((scales, gh, h))
    sum_ih = np.zeros((scales, gh, x.shape[1]))
    sum_b = np.zeros((scales, gh))
    window = np.empty((min(steps, _WINDOW), scales, gh))
    for stop in range(steps, 0, -_WINDOW):
        start = max(0, stop - _WINDOW)
        for t in range(stop - 1, start - 1, -1):
            g = dh_next
            if t == steps - 1:
                g = g + seed
            grad_h[t] = stable_norms(g, axis=-1)
            d = window[t - start]
            if cs is None:
                np.multiply(g, 1.0 - hs[t + 1] ** 2, out=d)
            else:
                dc_next = _lstm_back(pre[t], cs[t], cs[t + 1], g, dc_next, d, h)
            dh_next = (d * rows) @ w_hh
        deltas = window[: stop - start].transpose(1, 2, 0)  # (S, G·H, steps of the window)
        sum_hh += deltas @ hs[start:stop].transpose(1, 0, 2)
        sum_ih += deltas @ x[start:stop]
        sum_b += window[: stop - start].sum(axis=0)
    norms = [
        stable_norms(sum_hh.reshape(scales, -1), axis=1),
        stable_norms(sum_ih.reshape(scales, -1), axis=1),
        stable_norms(sum_b, axis=1),
    ]
    norms.append(norms[-1])
    return grad_h.T, stable_norms(np.stack(norms), axis=0)


def _lstm_step(z: np.ndarray, c_prev: np.ndarray, c: np.ndarray, h_out: np.ndarray, h: int) -> None:
    """Gates in place of the pre-activations ``z`` (i, f, o: σ; g: tanh); c and h."""
    # σ(a) = ½·tanh(a/2) + ½, as the engine computes it (halving is exact).
    for sig in (z[:, : 2 * h], z[:, 3 * h :]):
        sig *= 0.5
        np.tanh(sig, out=sig)
        sig *= 0.5
        sig += 0.5
    np.tanh(z[:, 2 * h : 3 * h], out=z[:, 2 * h : 3 * h])
    i, f, g, o = z[:, :h], z[:, h : 2 * h], z[:, 2 * h : 3 * h], z[:, 3 * h :]
    np.multiply(f, c_prev, out=c)
    c += i * g
    np.multiply(o, np.tanh(c), out=h_out)


def _lstm_back(
    act: np.ndarray,
    c_prev: np.ndarray,
    c: np.ndarray,
    gh: np.ndarray,
    dc_next: np.ndarray,
    out: np.ndarray,
    h: int,
) -> np.ndarray:
    """``∂L/∂pre`` of one step into ``out`` (from the gates ``act``); ∂L/∂c_{t−1}."""
    i, f, g, o = act[:, :h], act[:, h : 2 * h], act[:, 2 * h : 3 * h], act[:, 3 * h :]
    tc = np.tanh(c)
    gc = gh * o * (1.0 - tc * tc) + dc_next
    out[:, :h] = gc * g * i * (1.0 - i)
    out[:, h : 2 * h] = gc * c_prev * f * (1.0 - f)
    out[:, 2 * h : 3 * h] = gc * i * (1.0 - g * g)
    out[:, 3 * h :] = gh * tc * o * (1.0 - o)
    return gc * f
