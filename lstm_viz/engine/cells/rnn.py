"""The plain (Elman) RNN, tanh or ReLU, forward and backward, with PyTorch's parameters.

One block::

    a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
    h_t = tanh(a_t)            (ReluRNN: h_t = max(a_t, 0), nn.RNN(nonlinearity="relu"))

The app (``lstm_viz.state.equations``) writes ``a_t = W_hh h_{t-1} + W_xh x_t + b``
with ``W_xh = W_ih`` and ``b = b_ih + b_hh``; ``Trace.pre["a"]`` is ``gates["a"]``.

Backpropagation multiplies ``∂h_t/∂h_{t-1} = diag(1 − h_t²) · W_hh`` once per
step (ReLU: ``diag(1[a_t > 0]) · W_hh``, PyTorch's derivative 0 at a_t = 0): the
product that makes long-range gradients vanish or explode.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from ._base import RecurrentModel
from ._products import matmul_for, project

#: The nonlinearities ``nn.RNN`` takes, as it spells them.
NONLINEARITIES = ("tanh", "relu")


class RNN(RecurrentModel):
    """Elman RNN with tanh (PyTorch's ``nn.RNN`` default)."""

    kind = "rnn"
    blocks = 1
    gate_names = ("a",)
    nonlinearity: ClassVar[str] = "tanh"

    def _forward(self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None) -> dict[str, Any]:
        steps = x.shape[0]
        p = self.params
        w_hh_t = np.ascontiguousarray(np.swapaxes(p["weight_hh"], -1, -2))
        pre = project(x, p["weight_ih"].T, self.items is not None)
        pre += p["bias_ih"] + p["bias_hh"]
        hs = np.empty_like(pre)
        recurrent = np.empty_like(pre[0])
        h_prev = h0
        matmul = matmul_for(w_hh_t)
        for t in range(steps):
            matmul(h_prev, w_hh_t, out=recurrent)
            pre[t] += recurrent
            self._activate(pre[t], hs[t])
            h_prev = hs[t]
        # The gate *is* the pre-activation: one array, both names.
        return {"h": hs, "gates": {"a": pre}, "pre": {"a": pre}}

    def _backward_states(
        self,
        t3: dict[str, np.ndarray],
        dh: np.ndarray,
        dc: np.ndarray | None,
        accumulate: bool = False,
    ) -> dict[str, np.ndarray]:
        slope = self._slope(t3["h"])
        w_hh = self.params["weight_hh"]
        matmul = matmul_for(w_hh)
        gh = np.empty(dh.shape, dtype=self.dtype)
        da = np.empty(dh.shape, dtype=self.dtype)
        dh_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        for t in range(dh.shape[0] - 1, -1, -1):
            np.add(dh[t], dh_next, out=gh[t])
            np.multiply(gh[t], slope[t], out=da[t])
            matmul(da[t], w_hh, out=dh_next)
        return {"h": gh, "h0": dh_next, "dpre_x": da}

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        return self._grads(states["dpre_x"], states["dpre_x"], t3)

    @staticmethod
    def _activate(a: np.ndarray, out: np.ndarray) -> None:
        np.tanh(a, out=out)

    @staticmethod
    def _slope(h: np.ndarray) -> np.ndarray:
        """``∂h_t/∂a_t`` from ``h_t`` itself: ``1 − h_t²``."""
        return 1.0 - h * h


class ReluRNN(RNN):
    """Elman RNN with ReLU, ``nn.RNN(nonlinearity="relu")``; same kind and parameters."""

    nonlinearity = "relu"

    @staticmethod
    def _activate(a: np.ndarray, out: np.ndarray) -> None:
        np.maximum(a, 0.0, out=out)

    @staticmethod
    def _slope(h: np.ndarray) -> np.ndarray:
        # h_t > 0 exactly where a_t > 0; at a_t = 0 PyTorch's derivative is 0, as here.
        return (h > 0).astype(h.dtype)


def rnn_class(nonlinearity: str) -> type[RNN]:
    """The RNN class for ``"tanh"`` or ``"relu"`` (raises ``ValueError`` for others)."""
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(
            f"nonlinearity must be one of {', '.join(NONLINEARITIES)}, got {nonlinearity!r}"
        )
    return ReluRNN if nonlinearity == "relu" else RNN
