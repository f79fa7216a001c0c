"""When a training run first beats the trivial loss: the number the Train dock states.

One batch's loss is noisy — an RNN that learned nothing dips below the trivial
loss now and then by chance — so a run *beats* the trivial loss at the first
iteration where the mean of the last :data:`WINDOW` losses is below
:data:`FRACTION` of it: a model that does that has learned something the input
tells, not drawn a lucky batch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..cells import MODELS

__all__ = [
    "FRACTION",
    "WINDOW",
    "RunOutcome",
    "first_beats_trivial",
    "parameter_count",
    "run_outcome",
]

#: Iterations the loss is averaged over.
WINDOW = 50
#: The averaged loss must fall below this fraction of the trivial loss.
FRACTION = 0.5


def first_beats_trivial(
    losses: Sequence[float] | np.ndarray, trivial: float, window: int = WINDOW
) -> int | None:
    """The first iteration (1-based) at which the run beats ``trivial``, or ``None``.

    That is the first ``i ≥ window`` with ``mean(losses[i - window : i]) <
    FRACTION · trivial``; a window that holds a non-finite loss never beats it.
    """
    loss = np.asarray(losses, dtype=np.float64)
    if loss.size < window:
        return None
    beaten = np.where(np.isfinite(loss), loss, np.inf)
    with np.errstate(invalid="ignore"):
        sums = np.convolve(beaten, np.ones(window), mode="valid")
    below = np.flatnonzero(sums / window < FRACTION * trivial)
    return int(below[0]) + window if below.size else None


def parameter_count(kind: str, input_size: int, hidden_size: int) -> int:
    """The recurrent layer's parameters: G·H·(D + H) weights and 2·G·H biases, as in PyTorch.

    G is the number of blocks: 1 for the RNN, 3 for the GRU (r, z, n), 4 for the LSTM
    (i, f, g, o) — :attr:`RecurrentModel.n_params` of the model the trainer builds.
    """
    g = MODELS[kind].blocks
    return g * hidden_size * (input_size + hidden_size) + 2 * g * hidden_size


@dataclass(frozen=True)
class RunOutcome:
    """How one training run ended, from its per-iteration history.

    Attributes
    ----------
    iterations
        Iterations run.
    final_loss
        The mean of the last :data:`WINDOW` finite losses (nan if there were none).
    peak_norm
        The largest gradient norm before clipping (inf when one overflowed).
    first_nonfinite
        The first iteration (1-based) whose loss or gradient was not finite, or ``None``.
    beats_trivial
        :func:`first_beats_trivial` of the losses.
    learned
        ``final_loss < FRACTION · trivial``.
    """

    iterations: int
    final_loss: float
    peak_norm: float
    first_nonfinite: int | None
    beats_trivial: int | None
    learned: bool


def run_outcome(history: Mapping[str, np.ndarray], trivial: float) -> RunOutcome:
    """The :class:`RunOutcome` of a history (``Trainer.history``: loss, grad_norm, finite)."""
    loss = np.asarray(history["loss"], dtype=np.float64)
    norm = np.asarray(history["grad_norm"], dtype=np.float64)
    finite = np.asarray(history["finite"], dtype=bool)
    tail = loss[np.isfinite(loss)][-WINDOW:]
    final = float(tail.mean()) if tail.size else math.nan
    bad = np.flatnonzero(~finite)
    with np.errstate(invalid="ignore"):
        peak = float(np.max(np.where(np.isnan(norm), np.inf, norm))) if norm.size else math.nan
    return RunOutcome(
        iterations=int(loss.size),
        final_loss=final,
        peak_norm=peak,
        first_nonfinite=int(bad[0]) + 1 if bad.size else None,
        beats_trivial=first_beats_trivial(loss, trivial),
        learned=bool(final < FRACTION * trivial),
    )
