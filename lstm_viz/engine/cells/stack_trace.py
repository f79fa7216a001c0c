"""What a whole stack's forward and backward passes return (see :mod:`.stack`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .trace import Grads, Trace


def in_time_order(a: np.ndarray, direction: int) -> np.ndarray:
    """A per-step array of one direction in the order t = 1 … T (a view)."""
    return a[::-1] if direction else a


@dataclass(frozen=True, eq=False)
class StackTrace:
    """Every value of a stack's forward pass.

    Attributes
    ----------
    output
        ``(T, [B,] dirs·H_out)`` (``(B, T, ·)`` when ``batch_first``): the top layer's
        hidden states, both directions, in time order — the module's first output.
    h_n, c_n
        ``(layers·dirs, [B,] H_out)`` and ``(layers·dirs, [B,] H)``: each cell's last
        state, as PyTorch returns them; ``c_n`` is ``None`` except for the LSTM.
    layers
        ``layers[k][d]``: the :class:`Trace` of layer k, direction d, in the order the
        cell read its input (see :func:`in_time_order`).
    batch_first
        Whether ``output`` (and the input) have the batch axis first.
    """

    output: np.ndarray
    h_n: np.ndarray
    c_n: np.ndarray | None
    layers: tuple[tuple[Trace, ...], ...]
    batch_first: bool = False

    @property
    def steps(self) -> int:
        return self.layers[0][0].steps

    @property
    def finite(self) -> bool:
        return all(t.finite for row in self.layers for t in row)


@dataclass(frozen=True, eq=False)
class StackGrads:
    """Exact gradients through a whole stack.

    Attributes
    ----------
    x
        ``∂L/∂input``, in the input's layout.
    h0, c0
        ``∂L/∂h_0`` and ``∂L/∂c_0``, shaped like ``h_n`` and ``c_n``.
    params
        PyTorch's names (``weight_ih_l0``, ``weight_hh_l1_reverse``, …).
    layers
        ``layers[k][d]``: the cell's :class:`Grads`, in its own step order.
    """

    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray | None
    params: dict[str, np.ndarray]
    layers: tuple[tuple[Grads, ...], ...]

    @property
    def finite(self) -> bool:
        return all(g.finite for row in self.layers for g in row)
