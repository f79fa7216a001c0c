"""The GRU cell (Cho et al. 2014), forward and backward, with PyTorch's parameters.

Three blocks instead of the LSTM's four, in PyTorch's order r, z, n::

    r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)            reset gate
    z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)            update gate
    n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))  candidate
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}

z_t plays the LSTM forget gate's part: z → 1 keeps the old state. The app
(``lstm_viz.state.equations``) writes W_in and b_in as W_xn and b_xn;
``Trace.pre`` holds the arguments of σ and tanh, and ``pre["hn"]`` is
``W_hn h_{t-1} + b_hn``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import RecurrentModel
from ._products import matmul_for, previous, project
from .lstm import sigmoid


class GRU(RecurrentModel):
    """Gated recurrent unit, PyTorch's variant (the reset gate applied after W_hn).

    ``forget_bias`` sets the update gate's effective bias ``b_iz + b_hz``.
    """

    kind = "gru"
    blocks = 3
    gate_names = ("r", "z", "n")
    keep_gate = 1

    def _forward(self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None) -> dict[str, Any]:
        steps, b, _ = x.shape
        h = self.hidden_size
        p = self.params
        w_hh_t = np.ascontiguousarray(np.swapaxes(p["weight_hh"], -1, -2))
        b_hn = p["bias_hh"][2 * h :]
        # r and z take both biases with the input projection; n's recurrent bias
        # sits inside the reset gate's product, so it is added per step.
        bias = p["bias_ih"].copy()
        bias[: 2 * h] += p["bias_hh"][: 2 * h]
        act = project(x, p["weight_ih"].T, self.items is not None)
        act += bias
        # ``pre`` keeps the pre-activations of r, z and n (and W_hn h_{t-1} + b_hn);
        # the gates go to ``act``.
        pre = np.empty((steps, b, 4 * h), dtype=self.dtype)
        pre[:, :, : 3 * h] = act
        hn = pre[:, :, 3 * h :]
        hs = np.empty((steps, b, h), dtype=self.dtype)
        recurrent = np.empty((b, 3 * h), dtype=self.dtype)
        h_prev = h0
        matmul = matmul_for(w_hh_t)
        for t in range(steps):
            z, a = pre[t], act[t]
            matmul(h_prev, w_hh_t, out=recurrent)
            z[:, : 2 * h] += recurrent[:, : 2 * h]
            sigmoid(z[:, : 2 * h], out=a[:, : 2 * h])
            np.add(recurrent[:, 2 * h :], b_hn, out=hn[t])
            n = z[:, 2 * h : 3 * h]
            n += a[:, :h] * hn[t]
            np.tanh(n, out=a[:, 2 * h :])
            n = a[:, 2 * h :]
            np.subtract(h_prev, n, out=hs[t])
            hs[t] *= a[:, h : 2 * h]
            hs[t] += n
            h_prev = hs[t]
        gates = {"r": act[:, :, :h], "z": act[:, :, h : 2 * h], "n": act[:, :, 2 * h :]}
        names = ("r", "z", "n", "hn")
        pres = {k: pre[:, :, j * h : (j + 1) * h] for j, k in enumerate(names)}
        return {"h": hs, "gates": gates, "pre": pres}

    def _backward_states(
        self,
        t3: dict[str, np.ndarray],
        dh: np.ndarray,
        dc: np.ndarray | None,
        accumulate: bool = False,
    ) -> dict[str, np.ndarray]:
        h = self.hidden_size
        r, z, n = t3["gate_r"], t3["gate_z"], t3["gate_n"]
        hn, h_prev = t3["pre_hn"], previous(t3["h"], t3["h0"])
        k_n = (1.0 - z) * (1.0 - n * n)
        k_z = (h_prev - n) * z * (1.0 - z)
        k_r = hn * r * (1.0 - r)

        w_hh = self.params["weight_hh"]
        matmul = matmul_for(w_hh)
        gh = np.empty(dh.shape, dtype=self.dtype)
        d_n = np.empty(dh.shape, dtype=self.dtype)
        # ∂L/∂(W_hh h_{t-1} + b_hh) per block: r and z as their pre-activations,
        # n as the product's right factor (r_t ⊙ d_n).
        d_rec = np.empty((*dh.shape[:-1], 3 * h), dtype=self.dtype)
        dh_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        through_z = np.empty_like(dh_next)
        for t in range(dh.shape[0] - 1, -1, -1):
            np.add(dh[t], dh_next, out=gh[t])
            np.multiply(gh[t], k_n[t], out=d_n[t])
            dr = d_rec[t]
            np.multiply(d_n[t], k_r[t], out=dr[..., :h])
            np.multiply(gh[t], k_z[t], out=dr[..., h : 2 * h])
            np.multiply(d_n[t], r[t], out=dr[..., 2 * h :])
            matmul(dr, w_hh, out=dh_next)
            np.multiply(gh[t], z[t], out=through_z)
            dh_next += through_z
        d_in = d_rec.copy()
        d_in[..., 2 * h :] = d_n
        return {"h": gh, "h0": dh_next, "dpre_x": d_in, "d_rec": d_rec}

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        return self._grads(states["dpre_x"], states["d_rec"], t3)
