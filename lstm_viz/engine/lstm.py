"""The LSTM cell, forward and backward, with PyTorch's parameters.

Equations, with ``[h_{t-1}, x_t]`` entering every gate through its own weights::

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)      input gate
    f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)      forget gate
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)   candidate (data, hence tanh)
    o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)      output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
    h_t = o_t ⊙ tanh(c_t)

PyTorch stacks the four blocks in the order i, f, g, o. Internally the blocks
are kept in the order o, i, f, g: the three sigmoids are then one contiguous
slice in the forward pass, and the three blocks that the cell-state gradient
drives (i, f, g) are one contiguous slice in the backward pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import RecurrentModel, param_grad

# Internal block k holds PyTorch block _TO_INTERNAL[k]; _TO_TORCH inverts it.
_TO_INTERNAL = [3, 0, 1, 2]
_TO_TORCH = [1, 2, 3, 0]
_O, _I, _F, _G = range(4)


def _blocks(a: np.ndarray, order: list[int]) -> np.ndarray:
    """Reorder the 4 H-sized blocks along the first axis (weights) or last (biases)."""
    h4 = a.shape[0]
    return a.reshape(4, h4 // 4, *a.shape[1:])[order].reshape(a.shape)


def sigmoid_(a: np.ndarray) -> None:
    """σ(a) = 1 / (1 + e^{-a}) in place; e^{-a} may overflow to inf, giving exactly 0."""
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)


class LSTM(RecurrentModel):
    """Long short-term memory (Hochreiter & Schmidhuber 1997), PyTorch's variant.

    ``forget_bias`` sets the forget gate's effective bias ``b_if + b_hf``.
    """

    kind = "lstm"
    blocks = 4
    gate_names = ("i", "f", "g", "o")
    has_cell = True
    keep_gate = 1

    def _forward(self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None) -> dict[str, Any]:
        assert c0 is not None
        steps, b, _ = x.shape
        h = self.hidden_size
        p = self.params
        w_hh_t = np.ascontiguousarray(_blocks(p["weight_hh"], _TO_INTERNAL).T)
        bias = _blocks(p["bias_ih"] + p["bias_hh"], _TO_INTERNAL)
        # The input projection of every step in one product.
        act = x @ _blocks(p["weight_ih"], _TO_INTERNAL).T
        act += bias
        act4 = act.reshape(steps, b, 4, h)
        c = np.empty((steps, b, h), dtype=self.dtype)
        tanh_c = np.empty_like(c)
        hs = np.empty_like(c)
        ig = np.empty((b, h), dtype=self.dtype)
        recurrent = np.empty((b, 4 * h), dtype=self.dtype)
        h_prev, c_prev = h0, c0
        for t in range(steps):
            z = act[t]
            np.matmul(h_prev, w_hh_t, out=recurrent)
            z += recurrent
            sigmoid_(z[:, : 3 * h])
            g4 = act4[t]
            np.tanh(g4[:, _G], out=g4[:, _G])
            np.multiply(g4[:, _F], c_prev, out=c[t])
            np.multiply(g4[:, _I], g4[:, _G], out=ig)
            c[t] += ig
            np.tanh(c[t], out=tanh_c[t])
            np.multiply(g4[:, _O], tanh_c[t], out=hs[t])
            h_prev, c_prev = hs[t], c[t]
        gates = {"i": act4[:, :, _I], "f": act4[:, :, _F], "g": act4[:, :, _G], "o": act4[:, :, _O]}
        return {"h": hs, "c": c, "gates": gates, "cache": {"act": act, "tanh_c": tanh_c}}

    def _backward_states(
        self, t3: dict[str, np.ndarray], dh: np.ndarray, dc: np.ndarray | None
    ) -> dict[str, np.ndarray]:
        h = self.hidden_size
        act, tanh_c, c_prev = t3["act"], t3["tanh_c"], t3["c_prev"]
        a4 = act.reshape(*act.shape[:-1], 4, h)
        o, i, f, g = (a4[..., k, :] for k in (_O, _I, _F, _G))
        # Local derivatives of every step at once, so the loop over time only
        # chains them: ∂L/∂pre = K ⊙ (∂L/∂c_t for i, f, g; ∂L/∂h_t for o).
        k4 = np.empty_like(a4)
        k4[..., _O, :] = tanh_c * o * (1.0 - o)
        k4[..., _I, :] = g * i * (1.0 - i)
        k4[..., _F, :] = c_prev * f * (1.0 - f)
        k4[..., _G, :] = i * (1.0 - g * g)
        h_to_c = o * (1.0 - tanh_c * tanh_c)

        w_hh = np.ascontiguousarray(_blocks(self.params["weight_hh"], _TO_INTERNAL))
        gh = np.empty(dh.shape, dtype=self.dtype)
        gc = np.empty(dh.shape, dtype=self.dtype)
        dpre = np.empty((*dh.shape[:-1], 4 * h), dtype=self.dtype)
        dpre4 = dpre.reshape(*dh.shape[:-1], 4, h)
        dh_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        dc_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        for t in range(dh.shape[0] - 1, -1, -1):
            np.add(dh[t], dh_next, out=gh[t])
            np.multiply(gh[t], h_to_c[t], out=gc[t])
            gc[t] += dc_next
            if dc is not None:
                gc[t] += dc[t]
            np.multiply(k4[t][..., 1:, :], gc[t][..., None, :], out=dpre4[t][..., 1:, :])
            np.multiply(k4[t][..., _O, :], gh[t], out=dpre4[t][..., _O, :])
            np.multiply(gc[t], f[t], out=dc_next)
            np.matmul(dpre[t], w_hh, out=dh_next)
        dpre_torch = _blocks_last(dpre, _TO_TORCH)
        return {"h": gh, "c": gc, "h0": dh_next, "c0": dc_next, "dpre_x": dpre_torch}

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        d = states["dpre_x"]
        db = d.sum(axis=(0, 1))
        return {
            "weight_ih": param_grad(d, t3["x"]),
            "weight_hh": param_grad(d, t3["h_prev"]),
            "bias_ih": db,
            "bias_hh": db.copy(),
        }


def _blocks_last(a: np.ndarray, order: list[int]) -> np.ndarray:
    """Reorder the 4 H-sized blocks along the last axis."""
    h4 = a.shape[-1]
    return a.reshape(*a.shape[:-1], 4, h4 // 4)[..., order, :].reshape(a.shape)
