"""The Sequence value object, its error type and the limits every input source respects.

Presets (:mod:`.sequences`), task batches (:mod:`.tasks`) and custom tables
(:mod:`.sequence_text`) all build on this module, so it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ...i18n_marks import Explained, tr_noop

__all__ = ["MAX_FEATURES", "MAX_STEPS", "Sequence", "SequenceError"]

#: Longest sequence accepted anywhere (presets, text, files). The engine stores every
#: activation of every step, so this bounds memory rather than compute.
MAX_STEPS = 100_000
#: Widest input accepted; the diagram and plots stop being readable long before this.
MAX_FEATURES = 64


class SequenceError(Explained, ValueError):
    """An invalid sequence, preset request or custom table.

    Parameters
    ----------
    reason : str
        What is wrong, in plain English.
    line : int, optional
        1-based line number in the user's text, when the problem is on one line.
    source : str, optional
        File name, when the text came from a file.

    Attributes
    ----------
    reason, line, source
        As given, so a GUI can highlight the offending line.
    """

    def __init__(
        self, reason: str, *, line: int | None = None, source: str | None = None, **slots: object
    ):
        reason = self._explain(reason, slots)
        self.reason = reason
        self.line = line
        self.source = source
        where = ", ".join(
            part
            for part in (source, f"line {line}" if line is not None else None)
            if part is not None
        )
        super().__init__(f"{where}: {reason}" if where else reason)


# --------------------------------------------------------------------------------------
# The Sequence value object
# --------------------------------------------------------------------------------------


def _frozen_float_array(values: object, what: str) -> np.ndarray:
    """Return a read-only float64 copy of ``values``; raise SequenceError if impossible."""
    try:
        array = np.array(values, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise SequenceError(
            # numpy's reason can quote a whole pasted text: cut it short.
            tr_noop("{what} must be numeric: {why}"),
            what=what,
            why=str(exc)[:120],
        ) from None
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise SequenceError(
            tr_noop("{what} has {n} non-finite value(s) (NaN or ±inf); give finite numbers"),
            what=what,
            n=bad,
        )
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Sequence:
    """One input sequence, ready to feed to a cell's ``forward``.

    Parameters
    ----------
    name : str
        Short identifier (a preset name, or ``"custom"``/the file name).
    values : array_like, shape (T, D)
        The inputs x_1 … x_T. A 1-D array is taken as a single feature. Stored as a
        read-only float64 copy so cached results can never be changed behind the
        app's back.
    description : str
        One plain-English sentence for the user interface.
    target : array_like or None
        What a task asks for: the adding problem's sum (shape (1,)), the copy task's
        per-step one-hot targets (shape (T, A)). ``None`` for plain signals.
    feature_names : tuple of str
        Column names from a header row, if the user gave one; otherwise empty.
    step_labels : tuple of str
        What each step stands for, one per step: the tokens of a text, or a
        non-numeric column of a table (dates, tokens); otherwise empty.

    Notes
    -----
    Equality and hashing compare contents, so a Sequence can be part of a cache key.
    """

    name: str
    values: np.ndarray
    description: str
    target: np.ndarray | None = None
    feature_names: tuple[str, ...] = field(default=())
    step_labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        values = _frozen_float_array(self.values, "values")
        if values.ndim == 1:
            values = values.reshape(-1, 1)
            values.setflags(write=False)
        if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
            raise SequenceError(
                tr_noop(
                    "values must have shape (T, D) with T ≥ 1 and D ≥ 1; got {shape} — give "
                    "at least one step of at least one feature"
                ),
                shape=values.shape,
            )
        if values.shape[0] > MAX_STEPS or values.shape[1] > MAX_FEATURES:
            raise SequenceError(
                tr_noop(
                    "values has shape {shape}; at most {steps} steps and {features} features "
                    "are supported — shorten or narrow the sequence"
                ),
                shape=values.shape,
                steps=MAX_STEPS,
                features=MAX_FEATURES,
            )
        if self.feature_names and len(self.feature_names) != values.shape[1]:
            raise SequenceError(
                tr_noop("{names} feature names for {features} features; give one name a feature"),
                names=len(self.feature_names),
                features=values.shape[1],
            )
        if self.step_labels and len(self.step_labels) != values.shape[0]:
            raise SequenceError(
                tr_noop("{labels} step labels for {steps} steps; give one label a step"),
                labels=len(self.step_labels),
                steps=values.shape[0],
            )
        # Frozen dataclass: bypass __setattr__ to store the normalised copies.
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "feature_names", tuple(str(n) for n in self.feature_names))
        object.__setattr__(self, "step_labels", tuple(str(n) for n in self.step_labels))
        if self.target is not None:
            object.__setattr__(self, "target", _frozen_float_array(self.target, "target"))

    @property
    def length(self) -> int:
        """Number of time steps T."""
        return int(self.values.shape[0])

    @property
    def input_size(self) -> int:
        """Number of features D."""
        return int(self.values.shape[1])

    def _key(self) -> tuple:
        target = None if self.target is None else (self.target.shape, self.target.tobytes())
        return (
            self.name,
            self.description,
            self.feature_names,
            self.step_labels,
            self.values.shape,
            self.values.tobytes(),
            target,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        # The arrays are read-only, so the hash can be computed once and cached.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(self._key())
            object.__setattr__(self, "_hash", cached)
        return cached


# --------------------------------------------------------------------------------------
# Argument checks shared by presets and batches
# --------------------------------------------------------------------------------------


def check_int(value: object, what: str, low: int, high: int) -> int:
    """Return ``value`` as an int in [low, high] or raise SequenceError."""
    # bool is an int subclass, but `length=True` is always a mistake.
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise SequenceError(
            tr_noop("{what} must be an integer; got {value!r}"), what=what, value=value
        )
    if not low <= value <= high:
        raise SequenceError(
            tr_noop("{what} must be between {low} and {high}; got {value}"),
            what=what,
            low=low,
            high=high,
            value=value,
        )
    return int(value)


def check_rng(rng: object) -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``, else raise SequenceError."""
    if not isinstance(rng, np.random.Generator):
        raise SequenceError(
            f"rng must be a numpy.random.Generator (np.random.default_rng(seed)); "
            f"got {type(rng).__name__}"
        )
    return rng
