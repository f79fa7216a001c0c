"""Selective forgetting (忘记阶段): the LSTM's forget gates before and after training. No Qt.

The notes say the forget stage "forgets what is unimportant and remembers what is
important". An untrained LSTM cannot: with the forget bias at 1 every f sits near
σ(1) ≈ 0.73 at every step, whatever the input. After training the gates depend on
the input. :func:`forgetting` runs the trained model and its untrained twin (same
seed, same initial weights) on the same sequence and measures both; the panel
draws the numbers and :func:`forgetting_caption` says them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..i18n_marks import Sentence, tr_noop
from .results import Results, trained_twin

__all__ = ["Forgetting", "forgetting", "forgetting_caption"]


@dataclass(frozen=True)
class Forgetting:
    """The forget gates of one LSTM before and after training, on one sequence.

    Attributes
    ----------
    before, after
        ``f_t`` of every unit, ``(T, H)``: the model as initialised, and trained.
    unit
        The unit whose trained forget gate varies most over the steps (max − min).
    forgets_at
        The two steps (1-based, in order) where that unit's trained f is lowest.
    marked
        The steps whose input is marked (the adding problem's second channel is 1),
        1-based; empty for other sequences.
    """

    before: np.ndarray
    after: np.ndarray
    unit: int
    forgets_at: tuple[int, ...]
    marked: tuple[int, ...]

    @property
    def steps(self) -> int:
        return int(self.before.shape[0])


def forgetting(results: Results) -> Forgetting | None:
    """Both sides for the LSTM of ``results`` (one unbatched sequence), or ``None``.

    ``None`` unless ``results`` is an LSTM that shipped training touched: trained
    (:attr:`Results.trained`), or untrained with a trained twin. The other side is
    computed here on the same sequence.
    """
    if results.kind != "lstm" or results.trace.h.ndim != 2:
        return None
    x = results.sequence.values
    m = results.trained
    if m is not None:
        before, after = m.untrained().forward(x), results.trace
    else:
        twin = trained_twin(results.settings.replace(trained=True), results.model.input_size)
        if twin is None or results.weights is not None:
            return None
        before, after = results.trace, twin.model().forward(x)
    fb, fa = np.asarray(before.gates["f"]), np.asarray(after.gates["f"])
    unit = int(np.argmax(fa.max(axis=0) - fa.min(axis=0)))
    lowest = np.argsort(fa[:, unit], kind="stable")[:2]
    marked: tuple[int, ...] = ()
    if results.sequence.name == "adding" and x.shape[1] == 2:
        marked = tuple(int(t) + 1 for t in np.flatnonzero(x[:, 1] > 0.5))
    return Forgetting(
        before=fb,
        after=fa,
        unit=unit,
        forgets_at=tuple(sorted(int(t) + 1 for t in lowest)),
        marked=marked,
    )


def forgetting_caption(data: Forgetting) -> Sentence:
    """The fact with this screen's numbers: flat before training, selective after."""
    fb, fa, u = data.before, data.after, data.unit
    steps = " & ".join(str(t) for t in data.forgets_at)
    slots = {
        "mean": f"{fb.mean():.2f}",
        # "all between": rounded outwards, so the bounds hold.
        "lo": f"{math.floor(fb.min() * 100) / 100:.2f}",
        "hi": f"{math.ceil(fb.max() * 100) / 100:.2f}",
        "unit": u + 1,
        "top": f"{fa[:, u].max():.2f}",
        "bottom": f"{fa[:, u].min():.2f}",
        "steps": steps,
    }
    if data.marked and tuple(data.marked) == data.forgets_at:
        return Sentence(
            tr_noop(
                "Before training every forget gate sits near {mean} at every step (all between "
                "{lo} and {hi}), whatever the input. After training the forget stage is "
                "selective: unit {unit}'s f swings from {top} down to {bottom}, lowest at "
                "steps {steps} — exactly the two marked inputs."
            ),
            **slots,
        )
    return Sentence(
        tr_noop(
            "Before training every forget gate sits near {mean} at every step (all between "
            "{lo} and {hi}), whatever the input. After training the forget stage is "
            "selective: unit {unit}'s f swings from {top} down to {bottom}, lowest at "
            "steps {steps}."
        ),
        **slots,
    )
