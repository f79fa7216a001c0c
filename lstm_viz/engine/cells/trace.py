"""What a forward pass and a backward pass return: every number the app shows.

Arrays keep the caller's layout: ``(T, H)`` for an unbatched input, ``(T, B, H)``
for a batched one, like PyTorch's default (not ``batch_first``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _all_finite(*arrays: np.ndarray | None) -> bool:
    return all(a is None or bool(np.isfinite(a).all()) for a in arrays)


@dataclass(frozen=True)
class Trace:
    """Every intermediate value of a forward pass, step by step.

    Attributes
    ----------
    kind
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    x
        The input, ``(T, [B,] D)``.
    h0, c0
        The initial states, ``([B,] H)``; ``c0`` is ``None`` except for the LSTM.
    h
        Hidden states ``h_1 … h_T``.
    c
        Cell states ``c_1 … c_T`` (LSTM only, else ``None``).
    gates
        Name → ``(T, [B,] H)``. LSTM: ``i f g o``; GRU: ``r z n``; RNN: ``a``,
        the pre-activation, so that ``h_t = tanh(a_t)``.
    pre
        Name → ``(T, [B,] H)``: each gate's pre-activation, the argument of its
        σ or tanh, computed once in the forward pass. LSTM ``i f g o`` (so
        ``f_t = σ(pre["f"])`` with ``pre["f"] = W_f [h_{t−1}, x_t] + b_f``);
        GRU ``r z n`` with ``pre["n"] = W_xn x_t + r_t ⊙ (W_hn h_{t−1} + b_hn)
        + b_xn``, and ``hn`` = ``W_hn h_{t−1} + b_hn`` itself; RNN ``a``
        (the same array as ``gates["a"]``). The symbols are those of
        :mod:`lstm_viz.state.equations`.
    batched
        Whether ``x`` had a batch axis.
    finite
        ``False`` when any value overflowed to inf or nan; such results are
        carried, not raised, so the app can flag them.
    """

    kind: str
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray | None
    h: np.ndarray
    c: np.ndarray | None
    gates: dict[str, np.ndarray]
    batched: bool
    pre: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    finite: bool = field(init=False)
    # Values the backward pass needs that are not part of the public picture
    # (LSTM: the activations in the internal block order). Kept in the model's
    # internal (T, B, ·) layout.
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        ok = _all_finite(self.h, self.c, *self.gates.values())
        object.__setattr__(self, "finite", ok)

    @property
    def steps(self) -> int:
        return self.x.shape[0]

    @property
    def h_prev(self) -> np.ndarray:
        """``h_0 … h_{T-1}``: the hidden state each step starts from."""
        return np.concatenate([self.h0[None], self.h[:-1]], axis=0)

    @property
    def c_prev(self) -> np.ndarray | None:
        """``c_0 … c_{T-1}`` for the LSTM."""
        if self.c is None or self.c0 is None:
            return None
        return np.concatenate([self.c0[None], self.c[:-1]], axis=0)


@dataclass(frozen=True)
class Grads:
    """Exact gradients of a loss by backpropagation through time.

    Attributes
    ----------
    h
        Total ``∂L/∂h_t`` for t = 1 … T: the loss's own gradient at step t plus
        everything that flows back from later steps.
    c
        Total ``∂L/∂c_t`` (LSTM only).
    x
        ``∂L/∂x_t``.
    h0, c0
        Gradients with respect to the initial states.
    params
        Same keys as the model's ``params``.
    finite
        ``False`` when any gradient overflowed.
    """

    h: np.ndarray
    c: np.ndarray | None
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray | None
    params: dict[str, np.ndarray]
    finite: bool = field(init=False)

    def __post_init__(self) -> None:
        ok = _all_finite(self.h, self.c, self.x, self.h0, self.c0, *self.params.values())
        object.__setattr__(self, "finite", ok)
