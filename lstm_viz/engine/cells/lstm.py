"""The LSTM cell, forward and backward, with PyTorch's parameters.

Equations, with ``[h_{t-1}, x_t]`` entering every gate through its own weights::

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)      input gate
    f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)      forget gate
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)   candidate (data, hence tanh)
    o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)      output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
    h_t = o_t ⊙ tanh(c_t)

The app writes these (see ``lstm_viz.state.equations``) as
``f_t = σ(W_f [h_{t-1}, x_t] + b_f)`` with ``W_f = [W_hf, W_if]`` and
``b_f = b_if + b_hf``; ``Trace.pre["f"]`` is the argument of that σ.

PyTorch stacks the four blocks in the order i, f, g, o. Internally the blocks
are kept in the order o, i, f, g: the three sigmoids are then one contiguous
slice in the forward pass, and the three blocks that the cell-state gradient
drives (i, f, g) are one contiguous slice in the backward pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import RecurrentModel
from ._products import bias_grad, matmul_for, param_grad, previous, project, recurrent_param_grad

# Internal block k holds PyTorch block _TO_INTERNAL[k]; _TO_TORCH inverts it.
_TO_INTERNAL = [3, 0, 1, 2]
_TO_TORCH = [1, 2, 3, 0]
_O, _I, _F, _G = range(4)


def _blocks(a: np.ndarray, order: list[int], axis: int = 0) -> np.ndarray:
    """Reorder the 4 H-sized blocks along ``axis`` (the rows of a weight, a bias)."""
    axis %= a.ndim
    h4 = a.shape[axis]
    split = a.reshape(*a.shape[:axis], 4, h4 // 4, *a.shape[axis + 1 :])
    return np.take(split, order, axis=axis).reshape(a.shape)


def sigmoid(a: np.ndarray, out: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^{-a}) into ``out``; e^{-a} may overflow to inf, giving exactly 0."""
    np.negative(a, out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


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
        # σ(a) = ½·tanh(a/2) + ½: halving the sigmoid blocks' weights and biases
        # up front lets one tanh cover all four blocks of a step.
        half = np.ones(4 * h, dtype=self.dtype)
        half[: 3 * h] = 0.5
        w_hh = _blocks(p["weight_hh"], _TO_INTERNAL, axis=-2)
        w_hh_t = np.ascontiguousarray(np.swapaxes(w_hh, -1, -2) * half)
        bias = _blocks(p["bias_ih"] + p["bias_hh"], _TO_INTERNAL) * half
        # The input projection of every step in one product.
        act = project(x, _blocks(p["weight_ih"], _TO_INTERNAL).T * half, self.items is not None)
        act += bias
        # ``pre`` keeps each step's (halved) pre-activations; the gates go to ``act``.
        pre = act
        act = np.empty_like(pre)
        act4 = act.reshape(steps, b, 4, h)
        c = np.empty((steps, b, h), dtype=self.dtype)
        tanh_c = np.empty_like(c)
        hs = np.empty_like(c)
        ig = np.empty((b, h), dtype=self.dtype)
        recurrent = np.empty((b, 4 * h), dtype=self.dtype)
        h_prev, c_prev = h0, c0
        matmul = matmul_for(w_hh_t)
        for t in range(steps):
            z = pre[t]
            matmul(h_prev, w_hh_t, out=recurrent)
            z += recurrent
            a = act[t]
            np.tanh(z, out=a)
            sig = a[:, : 3 * h]
            sig *= 0.5
            sig += 0.5
            g4 = act4[t]
            np.multiply(g4[:, _F], c_prev, out=c[t])
            np.multiply(g4[:, _I], g4[:, _G], out=ig)
            c[t] += ig
            np.tanh(c[t], out=tanh_c[t])
            np.multiply(g4[:, _O], tanh_c[t], out=hs[t])
            h_prev, c_prev = hs[t], c[t]
        pre[:, :, : 3 * h] *= 2.0  # exact: undoes the halving
        pre4 = pre.reshape(steps, b, 4, h)
        blocks = {"i": _I, "f": _F, "g": _G, "o": _O}
        return {
            "h": hs,
            "c": c,
            "gates": {k: act4[:, :, j] for k, j in blocks.items()},
            "pre": {k: pre4[:, :, j] for k, j in blocks.items()},
            "cache": {"act": act, "tanh_c": tanh_c},
        }

    def _backward_states(
        self,
        t3: dict[str, np.ndarray],
        dh: np.ndarray,
        dc: np.ndarray | None,
        accumulate: bool = False,
    ) -> dict[str, np.ndarray]:
        h = self.hidden_size
        act, tanh_c, c, c0 = t3["act"], t3["tanh_c"], t3["c"], t3["c0"]
        a4 = act.reshape(*act.shape[:-1], 4, h)
        steps, lead = dh.shape[0], dh.shape[1:-1]
        w_hh = np.ascontiguousarray(_blocks(self.params["weight_hh"], _TO_INTERNAL, axis=-2))
        matmul = matmul_for(w_hh)
        gh = np.empty(dh.shape, dtype=self.dtype)
        gc = np.empty(dh.shape, dtype=self.dtype)
        dh_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        dc_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        # Local derivatives are computed a chunk of steps at a time: whole
        # sequences at once for small batches (few Python-level operations),
        # a few steps at a time for large ones (the chunk stays in cache).
        # With ``accumulate`` the parameter and input gradients are summed per
        # chunk too, so ∂L/∂pre never exists for the whole sequence at once.
        elements = max(_CHUNK_ELEMENTS, _MIN_ROWS * 4 * h) if accumulate else _CHUNK_ELEMENTS
        chunk = max(1, elements // max(1, a4[0].size))
        rows = chunk if accumulate else steps
        dpre = np.empty((rows, *lead, 4 * h), dtype=self.dtype)
        dpre4 = dpre.reshape(rows, *lead, 4, h)
        if accumulate:
            sums = _GradientSums(self, t3)
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            base = 0 if accumulate else start
            k4, h_to_c = _local_derivatives(
                a4[start:stop], tanh_c[start:stop], previous(c, c0, start, stop)
            )
            f = a4[start:stop, ..., _F, :]
            # Views of the chunk, sliced once rather than once per step.
            k_ifg, k_o = k4[..., 1:, :], k4[..., _O, :]
            rows_of_chunk = slice(base, base + stop - start)
            d_ifg, d_o = dpre4[rows_of_chunk, ..., 1:, :], dpre4[rows_of_chunk, ..., _O, :]
            d_chunk = dpre[rows_of_chunk]
            for k in range(stop - start - 1, -1, -1):
                t = start + k
                gh_t, gc_t = gh[t], gc[t]
                np.add(dh[t], dh_next, out=gh_t)
                np.multiply(gh_t, h_to_c[k], out=gc_t)
                gc_t += dc_next
                if dc is not None:
                    gc_t += dc[t]
                # ∂L/∂pre = K ⊙ (∂L/∂c_t for i, f, g; ∂L/∂h_t for o).
                np.multiply(k_ifg[k], gc_t[..., None, :], out=d_ifg[k])
                np.multiply(k_o[k], gh_t, out=d_o[k])
                np.multiply(gc_t, f[k], out=dc_next)
                matmul(d_chunk[k], w_hh, out=dh_next)
            if accumulate:
                sums.add(d_chunk, start, stop)
        states = {"h": gh, "c": gc, "h0": dh_next, "c0": dc_next}
        if accumulate:
            states["sums"] = sums  # type: ignore[assignment]
        else:
            states["dpre_x"] = dpre
        return states

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        if "sums" in states:
            return states["sums"].param_grads()  # type: ignore[attr-defined]
        # Computed in the internal block order, then only the small results are
        # put back in PyTorch's order.
        d, per_item = states["dpre_x"], self.items is not None
        db = _blocks(bias_grad(d, per_item), _TO_TORCH, axis=-1)
        return {
            "weight_ih": _blocks(param_grad(d, t3["x"], per_item), _TO_TORCH, axis=-2),
            "weight_hh": _blocks(
                recurrent_param_grad(d, t3["h"], t3["h0"], per_item), _TO_TORCH, axis=-2
            ),
            "bias_ih": db,
            "bias_hh": db.copy(),
        }

    def _input_grad(self, states: dict[str, np.ndarray]) -> np.ndarray:
        if "sums" in states:
            return states["sums"].dx  # type: ignore[attr-defined]
        return states["dpre_x"] @ _blocks(self.params["weight_ih"], _TO_INTERNAL)


class _GradientSums:
    """Parameter and input gradients summed chunk by chunk during the backward loop."""

    def __init__(self, model: LSTM, t3: dict[str, np.ndarray]) -> None:
        h, dt = model.hidden_size, model.dtype
        self.x, self.h, self.h0 = t3["x"], t3["h"], t3["h0"]
        self.w_ih = _blocks(model.params["weight_ih"], _TO_INTERNAL)
        # A per-item W_hh makes every gradient per item: a leading batch axis.
        self.per_item = model.items is not None
        lead = (self.x.shape[1],) if self.per_item else ()
        self.d_w_ih = np.zeros((*lead, 4 * h, self.x.shape[-1]), dtype=dt)
        self.d_w_hh = np.zeros((*lead, 4 * h, h), dtype=dt)
        self.d_b = np.zeros((*lead, 4 * h), dtype=dt)
        self.dx = np.empty(self.x.shape, dtype=dt)

    def add(self, d: np.ndarray, start: int, stop: int) -> None:
        """Add steps ``start … stop-1`` whose ∂L/∂pre (internal order) is ``d``."""
        self.d_w_ih += param_grad(d, self.x[start:stop], self.per_item)
        self.d_w_hh += param_grad(d, previous(self.h, self.h0, start, stop), self.per_item)
        self.d_b += bias_grad(d, self.per_item)
        np.matmul(d, self.w_ih, out=self.dx[start:stop])

    def param_grads(self) -> dict[str, np.ndarray]:
        db = _blocks(self.d_b, _TO_TORCH, axis=-1)
        return {
            "weight_ih": _blocks(self.d_w_ih, _TO_TORCH, axis=-2),
            "weight_hh": _blocks(self.d_w_hh, _TO_TORCH, axis=-2),
            "bias_ih": db,
            "bias_hh": db.copy(),
        }


# At least this many rows (steps × batch) per chunk when summing parameter
# gradients, so each chunk's matrix products stay efficient.
_MIN_ROWS = 8 * 64
# About 512 KB of float64 local derivatives per chunk of steps.
_CHUNK_ELEMENTS = 1 << 16


def _local_derivatives(
    a4: np.ndarray, tanh_c: np.ndarray, c_prev: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """K (∂pre/∂ of each gate's driver, internal order) and ∂c_t/∂h_t-path factor.

    ``K_o = tanh(c_t)·σ'(o)``, ``K_i = g·σ'(i)``, ``K_f = c_{t-1}·σ'(f)``,
    ``K_g = i·(1 − g²)``; and ``o·(1 − tanh²(c_t))``, which carries ∂L/∂h_t into c_t.
    """
    o, i, f, g = (a4[..., k, :] for k in (_O, _I, _F, _G))
    k4 = np.empty_like(a4)
    np.multiply(tanh_c * o, 1.0 - o, out=k4[..., _O, :])
    np.multiply(g * i, 1.0 - i, out=k4[..., _I, :])
    np.multiply(c_prev * f, 1.0 - f, out=k4[..., _F, :])
    np.multiply(i, 1.0 - g * g, out=k4[..., _G, :])
    return k4, o * (1.0 - tanh_c * tanh_c)
