"""Gate saturation: how often each unit's gates sit near their limits.

Karpathy, Johnson & Fei-Fei (2015, "Visualizing and understanding recurrent
networks") plot, for every unit, the fraction of steps at which a gate is
*left-saturated* (σ < 0.1, nearly shut) against the fraction at which it is
*right-saturated* (σ > 0.9, nearly open). A forget gate that is right-saturated
most of the time belongs to a unit that remembers: its cell state passes almost
unchanged from step to step (``c_t ≈ c_{t-1}``).

A tanh (the LSTM's candidate g, the GRU's candidate n, the RNN's h = tanh(a))
saturates at both ends, −1 and +1; for it the thresholds are ``−high`` and
``+high`` and saturation means ``|v| > high`` (``low`` is not used).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..cells.trace import Trace

Activation = Literal["sigmoid", "tanh"]

_TANH = frozenset({"g", "n", "h"})


@dataclass(frozen=True)
class SaturationStats:
    """Per-unit saturation of one gate over the steps of one trace.

    Attributes
    ----------
    name
        The gate: LSTM ``i f g o``; GRU ``r z n``; RNN ``h`` (its tanh output).
    activation
        ``"sigmoid"`` (range 0 … 1) or ``"tanh"`` (range −1 … 1).
    low, high
        The thresholds used.
    left
        ``(H,)``: the fraction of steps with ``v < low`` (sigmoid) or
        ``v < −high`` (tanh).
    right
        ``(H,)``: the fraction of steps with ``v > high``.
    steps
        T, the number of steps counted.
    finite
        ``False`` if any value was inf or nan (such steps count as neither).
    """

    name: str
    activation: Activation
    low: float
    high: float
    left: np.ndarray
    right: np.ndarray
    steps: int
    finite: bool

    @property
    def saturated(self) -> np.ndarray:
        """``(H,)``: the fraction of steps saturated at either end."""
        return self.left + self.right

    @property
    def units(self) -> int:
        return self.left.shape[0]


def saturation(trace: Trace, low: float = 0.1, high: float = 0.9) -> dict[str, SaturationStats]:
    """Per-unit saturation fractions of every gate of an unbatched trace.

    For a sigmoid gate v ∈ (0, 1)::

        left_j  = |{t : v_t[j] < low}|  / T
        right_j = |{t : v_t[j] > high}| / T

    For a tanh, ``left_j = |{t : v_t[j] < −high}| / T`` and ``right`` as above.
    The RNN's ``a`` is a pre-activation, so its entry is ``"h"`` = tanh(a).

    Parameters
    ----------
    trace
        An unbatched forward pass.
    low, high
        ``0 ≤ low < high ≤ 1``.
    """
    if trace.batched:
        raise ValueError("saturation takes an unbatched trace (one sequence)")
    if not (0.0 <= low < high <= 1.0):
        raise ValueError(f"the thresholds must satisfy 0 ≤ low < high ≤ 1, got {low} and {high}")
    values = {"h": trace.h} if trace.kind == "rnn" else trace.gates
    out = {}
    with np.errstate(invalid="ignore"):
        for name, v in values.items():
            tanh = name in _TANH
            lower = -high if tanh else low
            out[name] = SaturationStats(
                name=name,
                activation="tanh" if tanh else "sigmoid",
                low=float(low),
                high=float(high),
                left=(v < lower).mean(axis=0),
                right=(v > high).mean(axis=0),
                steps=int(v.shape[0]),
                finite=bool(np.isfinite(v).all()),
            )
    return out
