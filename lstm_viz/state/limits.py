"""What each setting may be: the numeric settings' ranges and steps, the others' choices. No Qt.

One table for everyone: :meth:`Settings.validate` checks against it, the
settings panel builds its boxes from it (limits, steps, combo entries, row
labels) and the command line can quote it in its help. A widget therefore
cannot disagree with what the engine accepts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine.cells.rnn import NONLINEARITIES
from ..engine.cells.stack import DIRECTIONS, MAX_LAYERS
from ..engine.data.sequences import MAX_FEATURES, MAX_STEPS, PRESETS
from ..engine.data.tokens import TOKENIZERS
from ..i18n_marks import Marked, Sentence, tr_noop
from .vocabulary import MODEL_KINDS

__all__ = [
    "CHOICES",
    "INIT_SCHEMES",
    "INIT_TITLES",
    "LABELS",
    "MAX_HIDDEN",
    "MAX_SEED",
    "RANGES",
    "SEQUENCES",
    "Range",
]

MAX_HIDDEN = 256  # beyond this the diagram's unit strips stop being readable
MAX_SEED = 2**32 - 1  # what numpy's default_rng takes as one 32-bit word

INIT_SCHEMES = ("uniform", "orthogonal")
#: How the window and the plots name them (marked for translation).
INIT_TITLES = {"uniform": tr_noop("uniform (PyTorch)"), "orthogonal": tr_noop("orthogonal")}

#: A preset's name, or a sequence the user gives: typed values or a file.
SEQUENCES: tuple[str, ...] = (*PRESETS, "custom", "file", "text")

_WHOLE = tr_noop("must be a whole number from {low} to {high}, got {value!r}")
_NUMBER = tr_noop("must be a number from {low:g} to {high:g}, got {value!r}")


@dataclass(frozen=True)
class Range:
    """The closed interval ``[low, high]`` a number must lie in, and the step of its box.

    Attributes
    ----------
    low, high
        The smallest and largest allowed values (both allowed).
    whole
        Only whole numbers (Python or NumPy integers, never ``bool``).
    step
        How far one press of an arrow key moves the value.
    """

    low: float
    high: float
    whole: bool = False
    step: float = 1

    def problem(self, value: Any) -> Sentence | None:
        """Why ``value`` does not fit, as a marked sentence; ``None`` when it does."""
        if isinstance(value, bool):
            ok = False
        elif self.whole:
            ok = isinstance(value, int | np.integer) and self.low <= value <= self.high
        else:
            ok = (
                isinstance(value, int | float | np.integer | np.floating)
                and math.isfinite(value)
                and self.low <= value <= self.high
            )
        if ok:
            return None
        template = _WHOLE if self.whole else _NUMBER
        return Sentence(template, low=self.low, high=self.high, value=value)

    def clamp(self, value: float) -> float:
        """``value`` moved into the range (for stepping, never for typed values)."""
        return min(max(value, self.low), self.high)


#: The numeric fields of :class:`~lstm_viz.state.settings.Settings` and their ranges.
RANGES: dict[str, Range] = {
    "hidden_size": Range(1, MAX_HIDDEN, whole=True),
    "input_size": Range(1, MAX_FEATURES, whole=True),
    "length": Range(1, MAX_STEPS, whole=True),
    "seed": Range(0, MAX_SEED, whole=True),
    "recurrent_scale": Range(0.0, 1e6, step=0.05),
    "forget_bias": Range(-1e6, 1e6, step=0.5),
    "layer": Range(0, MAX_LAYERS - 1, whole=True),
}

#: The fields that take one of a few names, and those names in the order menus list them.
CHOICES: dict[str, tuple[str, ...]] = {
    "model": MODEL_KINDS,
    "sequence": SEQUENCES,
    "init": INIT_SCHEMES,
    "nonlinearity": NONLINEARITIES,
    "direction": DIRECTIONS,
    "tokenizer": TOKENIZERS,
}

#: How the form names each setting (marked for translation). The GRU calls its
#: forget bias the update-gate bias: the form says so when the GRU is shown.
LABELS: dict[str, Marked] = {
    "model": tr_noop("Model"),
    "hidden_size": tr_noop("Hidden size"),
    "sequence": tr_noop("Sequence"),
    "input_size": tr_noop("Input size"),
    "length": tr_noop("Length"),
    "seed": tr_noop("Seed"),
    "init": tr_noop("Init of W_hh"),
    "recurrent_scale": tr_noop("Recurrent scale"),
    "forget_bias": tr_noop("Forget bias"),
    "weights": tr_noop("Weights"),
    "nonlinearity": tr_noop("Nonlinearity"),
    "layer": tr_noop("Layer"),
    "direction": tr_noop("Direction"),
    "text": tr_noop("Text"),
    "tokenizer": tr_noop("Tokens"),
    "vocab_file": tr_noop("Vocabulary"),
    "labels_file": tr_noop("Labels"),
}
