"""The numbers behind three facts of the notes, prepared for their panels. No Qt.

- near vs far: how much of ∂L/∂W_hh (and ∂L/∂W_ih) each distance contributes,
  for every model of a :class:`~lstm_viz.state.comparison.Comparison`;
- explodes less often: the fraction of runs, over recurrent scales and seeds,
  whose gradient norm exceeds a threshold;
- memory of the first input: how far c_t and h_t move when the first input is
  taken away.

The panels run these in the background and say what they show in sentences
built from the returned numbers, so a caption can never disagree with its plot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from ..engine.gradients.contributions import DistanceShares, distance_shares
from ..engine.gradients.diagnostics import stable_norms
from ..engine.gradients.explosion import EXPLOSION_SCALES, ExplosionRates, explosion_rates
from .comparison import Comparison
from .results import Results

__all__ = [
    "EXPLOSION_BUDGET",
    "EXPLOSION_INIT",
    "EXPLOSION_SEEDS",
    "EXPLOSION_THRESHOLD",
    "NEAR_STEPS",
    "ExplosionRequest",
    "ExplosionTooLarge",
    "FirstInputMemory",
    "explosion_cost",
    "explosion_request",
    "first_input_memory",
    "run_distance_shares",
    "run_explosion",
    "run_first_input",
]

#: "The last 5 steps": the nearby window the near-vs-far caption reports.
NEAR_STEPS = 5
#: The explosion chart: orthogonal W_hh blocks rescaled to each scale, 20 seeds, threshold 10.
EXPLOSION_INIT = "orthogonal"
EXPLOSION_SEEDS = 20
EXPLOSION_THRESHOLD = 10.0


_Out = TypeVar("_Out")


def _each_model(
    comparison: Comparison,
    work: Callable[[Results], _Out],
    progress: Callable[[float], None] | None,
) -> dict[str, _Out]:
    """``work`` of every model of ``comparison``; ``progress`` gets the fraction done
    after each, counted in gate blocks (an LSTM step costs four RNN steps)."""
    results = comparison.results
    total = sum(r.model.blocks for r in results.values())
    out: dict[str, _Out] = {}
    done = 0
    for kind, r in results.items():
        out[kind] = work(r)
        done += r.model.blocks
        if progress is not None:
            progress(done / total)
    return out


def run_distance_shares(
    comparison: Comparison, progress: Callable[[float], None] | None = None
) -> dict[str, DistanceShares]:
    """Each model's per-distance contributions to its last-step loss's weight gradients
    (``progress`` gets the fraction done after each model)."""
    return _each_model(comparison, lambda r: distance_shares(r.model, r.trace), progress)


@dataclass(frozen=True)
class ExplosionRequest:
    """What an explosion chart depends on (the sequence is passed beside it)."""

    kinds: tuple[str, ...]
    hidden_size: int
    forget_bias: float | None
    threshold: float = EXPLOSION_THRESHOLD
    seeds: int = EXPLOSION_SEEDS
    init: str = EXPLOSION_INIT


def explosion_request(comparison: Comparison, threshold: float = EXPLOSION_THRESHOLD):
    """The chart for ``comparison``'s sequence, H and forget bias."""
    r = comparison.current_results
    return ExplosionRequest(
        kinds=comparison.kinds,
        hidden_size=r.model.hidden_size,
        forget_bias=comparison.settings.forget_bias,
        threshold=threshold,
    )


#: The most multiply-adds the explosion chart may cost (a few seconds of NumPy).
EXPLOSION_BUDGET = 3e9


class ExplosionTooLarge(ValueError):
    """The chart would take too long at these sizes (the panel shows the message)."""


def explosion_cost(steps: int, input_size: int, request: ExplosionRequest) -> float:
    """Multiply-adds of the chart: kinds × seeds × scales × T × 4H × (H + D), forward."""
    runs = len(request.kinds) * request.seeds * EXPLOSION_SCALES.size
    h = request.hidden_size
    return float(runs) * steps * 4 * h * (h + input_size)


def run_explosion(
    x: np.ndarray, request: ExplosionRequest, progress: Callable[[float], None] | None = None
) -> ExplosionRates:
    """:func:`~lstm_viz.engine.gradients.explosion.explosion_rates` for ``request`` on ``x``
    (``progress`` gets the fraction done).

    Raises ExplosionTooLarge, before computing, above :data:`EXPLOSION_BUDGET`.
    """
    steps, d = np.shape(x)
    if explosion_cost(steps, d, request) > EXPLOSION_BUDGET:
        raise ExplosionTooLarge(
            f"the explosion chart runs {len(request.kinds)} models × {request.seeds} seeds × "
            f"{EXPLOSION_SCALES.size} scales; at {steps} steps and hidden size "
            f"{request.hidden_size} that is too slow: use fewer steps or units"
        )
    return explosion_rates(
        x,
        request.hidden_size,
        request.kinds,
        scales=EXPLOSION_SCALES,
        seeds=tuple(range(request.seeds)),
        threshold=request.threshold,
        init=request.init,  # type: ignore[arg-type]
        forget_bias=request.forget_bias,
        progress=progress,
    )


@dataclass(frozen=True)
class FirstInputMemory:
    """How much of the first input a model still carries at each step.

    The same model runs twice: on the sequence, and on it with step 1's input
    set to zero. Index t − 1 is step t.

    Attributes
    ----------
    kind
        The model kind.
    first_input
        ``‖x_1‖``: the size of what was taken away.
    c_diff, h_diff
        ``(T,)``: ``‖c_t − c'_t‖`` (``None`` without a cell state) and
        ``‖h_t − h'_t‖``, with ``'`` the run without the first input.
    c, c_without
        ``(T,)`` ``‖c_t‖`` and ``‖c'_t‖`` (``None`` without a cell state): how
        much of the cell state is there at all, memory or drift.
    """

    kind: str
    first_input: float
    c_diff: np.ndarray | None
    h_diff: np.ndarray
    c: np.ndarray | None
    c_without: np.ndarray | None

    @property
    def steps(self) -> int:
        return int(self.h_diff.size)

    def kept(self, t: int) -> float:
        """The difference at step ``t`` (1-based) as a fraction of step 1's: c for the
        LSTM, h otherwise."""
        d = self.c_diff if self.c_diff is not None else self.h_diff
        return float(d[t - 1] / d[0]) if d[0] > 0 else 0.0


def run_first_input(
    comparison: Comparison, progress: Callable[[float], None] | None = None
) -> dict[str, FirstInputMemory]:
    """:func:`first_input_memory` of every model of ``comparison`` (``progress`` gets the
    fraction done after each model)."""
    return _each_model(comparison, first_input_memory, progress)


def first_input_memory(results: Results) -> FirstInputMemory:
    """Run ``results``' model with and without its first input; the differences per step."""
    x = np.array(results.trace.x, dtype=np.float64, copy=True)
    first = float(stable_norms(x[0]))
    x[0] = 0.0
    without = results.model.forward(x)
    tr = results.trace
    c_diff = c = c_without = None
    if tr.c is not None and without.c is not None:
        c_diff = stable_norms(tr.c - without.c)
        c, c_without = stable_norms(tr.c), stable_norms(without.c)
    return FirstInputMemory(
        kind=results.kind,
        first_input=first,
        c_diff=c_diff,
        h_diff=stable_norms(tr.h - without.h),
        c=c,
        c_without=c_without,
    )
