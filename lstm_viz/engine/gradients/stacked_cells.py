"""The recurrent cells' equations with a scale axis: each batch item has its own W_hh.

Used by :mod:`sweep` to run every scale of the stability map in one pass.
The engine's cells share one W_hh across a batch, so these are the same
equations (see lstm.py, gru.py, rnn.py) written with a leading scale axis S;
the sweep's tests compare them with the per-scale engine run to 1e-12.
Per-step arrays are ``(T, S, ·)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..cells.trace import Trace
from .diagnostics import last_step_loss_gradient


def _seed(kind: str, h: np.ndarray) -> np.ndarray:
    """The last-step loss's own ``∂L/∂h_T`` for every scale, ``(S, H)``.

    The stack is a batched trace whose items differ only in W_hh, so the
    engine's definition of the loss applies to it unchanged.
    """
    stack = Trace(
        kind, x=h[..., :0], h0=np.zeros_like(h[0]), c0=None, h=h, c=None, gates={}, batched=True
    )
    return last_step_loss_gradient(stack)[-1]


def _project(x: np.ndarray, w_ih: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """``W_ih x_t + b`` for every step and scale, ``(T, S, G·H)``."""
    s, g_h, d = w_ih.shape
    out = (x @ w_ih.transpose(2, 0, 1).reshape(d, s * g_h)).reshape(-1, s, g_h)
    out += bias
    return out


def _shifted(h: np.ndarray) -> np.ndarray:
    """``h_0 … h_{T-1}`` with ``h_0 = 0``."""
    return np.concatenate([np.zeros_like(h[:1]), h[:-1]])


def _param_grads(
    d_in: np.ndarray, d_rec: np.ndarray, x: np.ndarray, h_prev: np.ndarray
) -> dict[str, np.ndarray]:
    """``∂L/∂W_ih = Σ_t d_in,t x_tᵀ``, ``∂L/∂W_hh = Σ_t d_rec,t h_{t-1}ᵀ``, and the biases."""
    d_in_s = d_in.transpose(1, 2, 0)  # (S, G·H, T)
    return {
        "weight_ih": d_in_s @ x,
        "weight_hh": d_rec.transpose(1, 2, 0) @ h_prev.transpose(1, 0, 2),
        "bias_ih": d_in.sum(axis=0),
        "bias_hh": d_rec.sum(axis=0),
    }


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def _rnn(p: dict[str, np.ndarray], x: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)``; backward through ``1 − h_t²``."""
    w_hh = p["weight_hh"]
    w_hh_t = np.ascontiguousarray(w_hh.transpose(0, 2, 1))
    pre = _project(x, p["weight_ih"], p["bias_ih"] + p["bias_hh"])
    h = np.empty_like(pre)
    h_prev = np.zeros_like(pre[0])
    for t in range(pre.shape[0]):
        pre[t] += (h_prev[:, None] @ w_hh_t)[:, 0]
        np.tanh(pre[t], out=h[t])
        h_prev = h[t]
    slope = 1.0 - h * h
    gh, da = np.empty_like(h), np.empty_like(h)
    dh_next = _seed("rnn", h)
    for t in range(h.shape[0] - 1, -1, -1):
        gh[t] = dh_next
        np.multiply(gh[t], slope[t], out=da[t])
        dh_next = (da[t][:, None] @ w_hh)[:, 0]
    return gh, _param_grads(da, da, x, _shifted(h))


def _lstm(p: dict[str, np.ndarray], x: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """PyTorch's LSTM (blocks i, f, g, o), see lstm.py for the equations.

    Backward: ``∂L/∂c_t = ∂L/∂h_t ⊙ o_t(1 − tanh²c_t) + ∂L/∂c_{t+1} ⊙ f_{t+1}``;
    pre-activation gradients ``∂L/∂c_t ⊙ (g·σ'(i), c_{t-1}·σ'(f), i·(1 − g²))`` and
    ``∂L/∂h_t ⊙ tanh(c_t)·σ'(o)``; ``∂L/∂h_{t-1} = W_hhᵀ ∂L/∂pre_t``.
    """
    h_size = p["weight_hh"].shape[-1]
    w_hh = p["weight_hh"]
    # σ(a) = ½·tanh(a/2) + ½: halving the sigmoid blocks' pre-activations up front
    # lets one tanh cover all four blocks of a step (as in lstm.py).
    half = np.full(4 * h_size, 0.5)
    half[2 * h_size : 3 * h_size] = 1.0
    shift = 1.0 - half
    w_hh_t = np.ascontiguousarray(w_hh.transpose(0, 2, 1) * half)
    act = _project(x, p["weight_ih"] * half[:, None], (p["bias_ih"] + p["bias_hh"]) * half)
    steps, s, _ = act.shape
    a4 = act.reshape(steps, s, 4, h_size)
    c, tc, h = (np.empty((steps, s, h_size)) for _ in range(3))
    h_prev, c_prev = np.zeros((s, h_size)), np.zeros((s, h_size))
    rec = np.empty((s, 1, 4 * h_size))
    for t in range(steps):
        z = act[t]
        np.matmul(h_prev[:, None], w_hh_t, out=rec)
        z += rec[:, 0]
        np.tanh(z, out=z)
        z *= half
        z += shift
        z4 = a4[t]
        np.multiply(z4[:, 1], c_prev, out=c[t])
        c[t] += z4[:, 0] * z4[:, 2]
        np.tanh(c[t], out=tc[t])
        np.multiply(z4[:, 3], tc[t], out=h[t])
        h_prev, c_prev = h[t], c[t]
    i, f, g, o = (a4[:, :, k] for k in range(4))
    k4 = np.empty_like(a4)
    k4[:, :, 0] = g * i * (1.0 - i)
    k4[:, :, 1] = _shifted(c) * f * (1.0 - f)
    k4[:, :, 2] = i * (1.0 - g * g)
    k4[:, :, 3] = tc * o * (1.0 - o)
    h_to_c = o * (1.0 - tc * tc)
    gh = np.empty_like(h)
    dpre = np.empty_like(act)
    d4 = dpre.reshape(a4.shape)
    dh_next, dc_next = _seed("lstm", h), np.zeros((s, h_size))
    for t in range(steps - 1, -1, -1):
        gh[t] = dh_next
        gc = gh[t] * h_to_c[t]
        gc += dc_next
        np.multiply(k4[t, :, :3], gc[:, None], out=d4[t, :, :3])
        np.multiply(k4[t, :, 3], gh[t], out=d4[t, :, 3])
        dc_next = gc * f[t]
        dh_next = (dpre[t][:, None] @ w_hh)[:, 0]
    return gh, _param_grads(dpre, dpre, x, _shifted(h))


def _gru(p: dict[str, np.ndarray], x: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """PyTorch's GRU (blocks r, z, n), see gru.py for the equations.

    Backward: with ``∂L/∂h_t`` total, ``d_n = ∂L/∂h_t ⊙ (1 − z)(1 − n²)``;
    ``∂L/∂h_{t-1} = W_hhᵀ (d_n·r·(1−r)·hn, ∂L/∂h_t·(h_{t-1} − n)·z(1−z), d_n·r)
    + ∂L/∂h_t ⊙ z``, where ``hn = W_hn h_{t-1} + b_hn``.
    """
    h_size = p["weight_hh"].shape[-1]
    w_hh = p["weight_hh"]
    w_hh_t = np.ascontiguousarray(w_hh.transpose(0, 2, 1))
    bias = p["bias_ih"].copy()
    bias[:, : 2 * h_size] += p["bias_hh"][:, : 2 * h_size]
    b_hn = p["bias_hh"][:, 2 * h_size :]
    act = _project(x, p["weight_ih"], bias)
    steps, s, _ = act.shape
    hn, h = np.empty((steps, s, h_size)), np.empty((steps, s, h_size))
    h_prev = np.zeros((s, h_size))
    for t in range(steps):
        a = act[t]
        rec = (h_prev[:, None] @ w_hh_t)[:, 0]
        a[:, : 2 * h_size] = _sigmoid(a[:, : 2 * h_size] + rec[:, : 2 * h_size])
        np.add(rec[:, 2 * h_size :], b_hn, out=hn[t])
        n = a[:, 2 * h_size :]
        n += a[:, :h_size] * hn[t]
        np.tanh(n, out=n)
        h[t] = n + a[:, h_size : 2 * h_size] * (h_prev - n)
        h_prev = h[t]
    r, z, n = (act[:, :, k * h_size : (k + 1) * h_size] for k in range(3))
    h_prev_all = _shifted(h)
    k_n = (1.0 - z) * (1.0 - n * n)
    k_z = (h_prev_all - n) * z * (1.0 - z)
    k_r = hn * r * (1.0 - r)
    gh = np.empty_like(h)
    d_n = np.empty_like(h)
    d_rec = np.empty_like(act)
    dh_next = _seed("gru", h)
    for t in range(steps - 1, -1, -1):
        gh[t] = dh_next
        np.multiply(gh[t], k_n[t], out=d_n[t])
        np.multiply(d_n[t], k_r[t], out=d_rec[t, :, :h_size])
        np.multiply(gh[t], k_z[t], out=d_rec[t, :, h_size : 2 * h_size])
        np.multiply(d_n[t], r[t], out=d_rec[t, :, 2 * h_size :])
        dh_next = (d_rec[t][:, None] @ w_hh)[:, 0] + gh[t] * z[t]
    d_in = d_rec.copy()
    d_in[:, :, 2 * h_size :] = d_n
    return gh, _param_grads(d_in, d_rec, x, h_prev_all)


STACKED: dict[str, Callable[..., tuple[np.ndarray, dict[str, np.ndarray]]]] = {
    "rnn": _rnn,
    "lstm": _lstm,
    "gru": _gru,
}
