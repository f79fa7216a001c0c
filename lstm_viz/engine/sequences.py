"""Input sequences for the app: built-in presets, training-task batches, user data.

Three sources of input, all producing float64 arrays with PyTorch's time-major layout:

* **Presets** (:func:`make_sequence`) — small deterministic signals chosen because each
  one makes a particular behaviour of a recurrent cell visible (an impulse to remember,
  a pulse to hold, noise with nothing to remember, the adding and copy tasks).
* **Task batches** (:func:`adding_batch`, :func:`copy_batch`,
  :func:`sine_prediction_batch`) — vectorised generators for training, shaped
  ``(T, B, D)`` like ``nn.LSTM``'s default input.
* **Custom sequences** (:func:`parse_sequence_text`, :func:`load_sequence_csv`) — a table
  typed or pasted by the user, one row per time step and one column per feature.

Every random draw goes through an explicit ``np.random.Generator`` so that a preset,
a seed and a length always give the same numbers (the app caches results by settings,
and exported figures must be reproducible).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

__all__ = [
    "COPY_ALPHABET",
    "COPY_SYMBOLS",
    "MAX_FEATURES",
    "MAX_STEPS",
    "PRESETS",
    "SINE_PERIOD",
    "PresetInputSize",
    "Sequence",
    "SequenceError",
    "adding_batch",
    "copy_batch",
    "input_size_for",
    "load_sequence_csv",
    "make_sequence",
    "parse_sequence_text",
    "sine_prediction_batch",
]

#: Longest sequence accepted anywhere (presets, text, files). The engine stores every
#: activation of every step, so this bounds memory rather than compute.
MAX_STEPS = 100_000
#: Widest input accepted; the diagram and plots stop being readable long before this.
MAX_FEATURES = 64
#: Steps per period of the ``sine`` preset.
SINE_PERIOD = 20
#: Number of distinct data symbols in the copy task (one-hot channels 0 … A-1).
COPY_ALPHABET = 4
#: Most symbols the ``copy`` preset asks the model to reproduce.
COPY_SYMBOLS = 3

# A text file larger than this cannot hold MAX_STEPS × MAX_FEATURES sensible numbers;
# refusing it early avoids reading a huge file into memory by mistake.
_MAX_FILE_BYTES = 256 * 1024 * 1024


class SequenceError(ValueError):
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

    def __init__(self, reason: str, *, line: int | None = None, source: str | None = None):
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
        raise SequenceError(f"{what} must be numeric: {exc}") from None
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise SequenceError(f"{what} has {bad} non-finite value(s) (NaN or ±inf)")
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

    Notes
    -----
    Equality and hashing compare contents, so a Sequence can be part of a cache key.
    """

    name: str
    values: np.ndarray
    description: str
    target: np.ndarray | None = None
    feature_names: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        values = _frozen_float_array(self.values, "values")
        if values.ndim == 1:
            values = values.reshape(-1, 1)
            values.setflags(write=False)
        if values.ndim != 2 or values.shape[0] < 1 or values.shape[1] < 1:
            raise SequenceError(
                f"values must have shape (T, D) with T ≥ 1 and D ≥ 1; got {values.shape}"
            )
        if values.shape[0] > MAX_STEPS or values.shape[1] > MAX_FEATURES:
            raise SequenceError(
                f"values has shape {values.shape}; at most {MAX_STEPS} steps and "
                f"{MAX_FEATURES} features are supported"
            )
        if self.feature_names and len(self.feature_names) != values.shape[1]:
            raise SequenceError(
                f"{len(self.feature_names)} feature names for {values.shape[1]} features"
            )
        # Frozen dataclass: bypass __setattr__ to store the normalised copies.
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "feature_names", tuple(str(n) for n in self.feature_names))
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


def _check_int(value: object, what: str, low: int, high: int) -> int:
    """Return ``value`` as an int in [low, high] or raise SequenceError."""
    # bool is an int subclass, but `length=True` is always a mistake.
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise SequenceError(f"{what} must be an integer; got {value!r}")
    if not low <= value <= high:
        raise SequenceError(f"{what} must be between {low} and {high}; got {value}")
    return int(value)


def _check_rng(rng: object) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise SequenceError(
            f"rng must be a numpy.random.Generator (np.random.default_rng(seed)); "
            f"got {type(rng).__name__}"
        )
    return rng


# --------------------------------------------------------------------------------------
# Task batches (vectorised over the batch: no Python loop over B)
# --------------------------------------------------------------------------------------


def adding_batch(
    rng: np.random.Generator, batch: int, length: int
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a batch of the adding problem (Hochreiter & Schmidhuber, 1997).

    Channel 0 holds numbers drawn uniformly from [0, 1); channel 1 is 1.0 at exactly
    two positions — one in the first half ``[0, T//2)``, one in the second half
    ``[T//2, T)`` (the variant used by Le et al. 2015 and later work) — and 0
    elsewhere. The target is the sum of the two marked numbers, so the model must
    carry the first one across at least part of the sequence.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    batch : int
        Number of sequences B (≥ 1).
    length : int
        Steps per sequence T (2 … MAX_STEPS; each half needs a position).

    Returns
    -------
    x : ndarray, shape (T, B, 2)
    y : ndarray, shape (B, 1)
    """
    rng = _check_rng(rng)
    batch = _check_int(batch, "batch", 1, 1_000_000)
    length = _check_int(length, "adding length", 2, MAX_STEPS)
    half = length // 2
    columns = np.arange(batch)
    x = np.zeros((length, batch, 2))
    x[:, :, 0] = rng.uniform(0.0, 1.0, size=(length, batch))
    first = rng.integers(0, half, size=batch)
    second = rng.integers(half, length, size=batch)
    x[first, columns, 1] = 1.0
    x[second, columns, 1] = 1.0
    y = (x[first, columns, 0] + x[second, columns, 0]).reshape(batch, 1)
    return x, y


def copy_batch(
    rng: np.random.Generator,
    batch: int,
    length: int,
    n_symbols: int = COPY_SYMBOLS,
    alphabet: int = COPY_ALPHABET,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a batch of the copy (memory) task.

    Layout of one sequence of length T with S = ``n_symbols`` and A = ``alphabet``
    (channels 0 … A-1 are the symbols, channel A is the delimiter; a step with all
    channels 0 is a blank)::

        step:    0 … S-1        S … T-S-2     T-S-1       T-S … T-1
        input:   S symbols      blanks        delimiter   blanks
        target:  blank          blank         blank       the S symbols, in order

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    batch : int
        Number of sequences B (≥ 1).
    length : int
        Steps per sequence T; at least ``2 * n_symbols + 1``.
    n_symbols : int
        How many symbols to remember (≥ 1).
    alphabet : int
        Number of distinct symbols A (2 … MAX_FEATURES - 1).

    Returns
    -------
    x : ndarray, shape (T, B, A + 1)
        One-hot inputs.
    y : ndarray, shape (T, B, A)
        One-hot targets; all-zero rows mean "output nothing", so
        ``y.any(axis=-1)`` is the mask of steps that count in the loss.
    """
    rng = _check_rng(rng)
    batch = _check_int(batch, "batch", 1, 1_000_000)
    n_symbols = _check_int(n_symbols, "n_symbols", 1, MAX_STEPS)
    alphabet = _check_int(alphabet, "alphabet", 2, MAX_FEATURES - 1)
    length = _check_int(length, "copy length", 2 * n_symbols + 1, MAX_STEPS)
    symbols = rng.integers(0, alphabet, size=(n_symbols, batch))
    steps = np.arange(n_symbols)[:, None]
    columns = np.arange(batch)[None, :]
    x = np.zeros((length, batch, alphabet + 1))
    x[steps, columns, symbols] = 1.0
    x[length - n_symbols - 1, :, alphabet] = 1.0
    y = np.zeros((length, batch, alphabet))
    y[length - n_symbols + steps, columns, symbols] = 1.0
    return x, y


def sine_prediction_batch(
    rng: np.random.Generator,
    batch: int,
    length: int,
    min_period: float = 8.0,
    max_period: float = 40.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a batch of next-value prediction on sines.

    Each sequence is ``sin(2π t / P + φ)`` with its own period P uniform in
    [``min_period``, ``max_period``] and phase φ uniform in [0, 2π). The target at step
    t is the input at step t + 1.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    batch : int
        Number of sequences B (≥ 1).
    length : int
        Steps per sequence T (1 … MAX_STEPS).
    min_period, max_period : float
        Range of periods in steps; ``2 ≤ min_period ≤ max_period`` (a period under two
        steps aliases).

    Returns
    -------
    x : ndarray, shape (T, B, 1)
    y : ndarray, shape (T, B, 1)
        ``y[t] == next value after x[t]``.
    """
    rng = _check_rng(rng)
    batch = _check_int(batch, "batch", 1, 1_000_000)
    length = _check_int(length, "length", 1, MAX_STEPS)
    if not (math.isfinite(min_period) and math.isfinite(max_period)):
        raise SequenceError("min_period and max_period must be finite")
    if not 2.0 <= min_period <= max_period:
        raise SequenceError(
            f"need 2 ≤ min_period ≤ max_period; got min_period={min_period}, "
            f"max_period={max_period}"
        )
    period = rng.uniform(min_period, max_period, size=batch)
    phase = rng.uniform(0.0, 2.0 * np.pi, size=batch)
    # One extra step so the last input has a next value to predict.
    t = np.arange(length + 1)[:, None]
    wave = np.sin(2.0 * np.pi * t / period[None, :] + phase[None, :])[:, :, None]
    return wave[:-1], wave[1:]


# --------------------------------------------------------------------------------------
# Presets
# --------------------------------------------------------------------------------------

# A builder gets (length, input_size, rng) and returns (values (T, D), target or None).
_Builder = Callable[[int, int, np.random.Generator], tuple[np.ndarray, np.ndarray | None]]


class PresetInputSize(NamedTuple):
    """The input size of a preset: its natural D, and whether any D is allowed."""

    default: int
    flexible: bool


@dataclass(frozen=True)
class _Preset:
    description: str
    input_size: PresetInputSize
    min_length: int
    build: _Builder


def _sine(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    # Channels are shifted by π·d/D so that two channels give sine and cosine.
    t = np.arange(length)[:, None]
    phase = np.pi * np.arange(size)[None, :] / size
    return np.sin(2.0 * np.pi * t / SINE_PERIOD + phase), None


def _square(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    values = np.zeros((length, size))
    start = length // 3
    # At least one step of pulse, even for very short sequences.
    stop = max(start + 1, (2 * length) // 3)
    values[start:stop] = 1.0
    return values, None


def _impulse(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    values = np.zeros((length, size))
    values[0] = 1.0
    return values, None


def _noise(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    return rng.standard_normal((length, size)), None


# Small steps keep a default 40-step walk within about ±2, where tanh and σ are not yet
# saturated, so the cell's response stays readable.
_WALK_STEP = 0.25


def _random_walk(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, None]:
    steps = _WALK_STEP * rng.standard_normal((length, size))
    steps[0] = 0.0  # start at the origin
    return np.cumsum(steps, axis=0), None


def _adding(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x, y = adding_batch(rng, 1, length)
    return x[:, 0, :], y[0]


def _copy(length: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    # Fewer symbols for very short sequences, so every length ≥ 3 works.
    n_symbols = min(COPY_SYMBOLS, (length - 1) // 2)
    x, y = copy_batch(rng, 1, length, n_symbols=n_symbols)
    return x[:, 0, :], y[:, 0, :]


_PRESETS: dict[str, _Preset] = {
    "sine": _Preset(
        f"A smooth sine wave with one period every {SINE_PERIOD} steps "
        "(several channels are phase-shifted copies).",
        PresetInputSize(1, True),
        1,
        _sine,
    ),
    "square": _Preset(
        "Silence, then a constant pulse of 1.0 through the middle third, then silence again.",
        PresetInputSize(1, True),
        1,
        _square,
    ),
    "impulse": _Preset(
        "A single 1.0 at the first step followed by silence, so the model must remember "
        "the first input.",
        PresetInputSize(1, True),
        1,
        _impulse,
    ),
    "noise": _Preset(
        "Independent standard-normal values at every step, with nothing worth remembering.",
        PresetInputSize(1, True),
        1,
        _noise,
    ),
    "random_walk": _Preset(
        "A random walk of small normal steps, so each value builds on all the earlier ones.",
        PresetInputSize(1, True),
        1,
        _random_walk,
    ),
    "adding": _Preset(
        "The adding problem: random numbers in [0, 1] with two of them marked, one in each "
        "half, and the answer is the sum of the two marked numbers.",
        PresetInputSize(2, False),
        2,
        _adding,
    ),
    "copy": _Preset(
        "The copy task: a few random symbols at the start, a long blank gap, then a "
        "delimiter asking the model to reproduce the symbols in order.",
        PresetInputSize(COPY_ALPHABET + 1, False),
        3,
        _copy,
    ),
}

#: Preset name → one-sentence description, in display order (for a combo box).
PRESETS: Mapping[str, str] = MappingProxyType(
    {name: preset.description for name, preset in _PRESETS.items()}
)


def _preset(name: str) -> _Preset:
    try:
        return _PRESETS[name]
    except (KeyError, TypeError):
        valid = ", ".join(_PRESETS)
        raise SequenceError(f"unknown sequence preset {name!r}; valid names: {valid}") from None


def input_size_for(name: str) -> PresetInputSize:
    """Return the natural input size of a preset and whether it accepts any size.

    Parameters
    ----------
    name : str
        A key of :data:`PRESETS`.

    Returns
    -------
    PresetInputSize
        ``(default, flexible)``: e.g. ``(1, True)`` for ``sine``, ``(2, False)`` for
        ``adding``.

    Raises
    ------
    SequenceError
        If ``name`` is not a preset (the message lists the valid names).
    """
    return _preset(name).input_size


def make_sequence(
    name: str, length: int = 40, seed: int = 0, input_size: int | None = None
) -> Sequence:
    """Build a preset sequence.

    Parameters
    ----------
    name : str
        A key of :data:`PRESETS`.
    length : int
        Number of steps T, 1 … MAX_STEPS (``adding`` needs ≥ 2, ``copy`` ≥ 3).
    seed : int
        Seed for ``np.random.default_rng``; the same (name, length, seed, input_size)
        always gives the same sequence. ``sine``, ``square`` and ``impulse`` do not
        use it.
    input_size : int, optional
        Number of features D. Defaults to the preset's natural size; presets that are
        not flexible (see :func:`input_size_for`) accept only that size.

    Returns
    -------
    Sequence

    Raises
    ------
    SequenceError
        (a ``ValueError``) for an unknown name, an out-of-range length or seed, or an
        input size the preset does not support.
    """
    preset = _preset(name)
    length = _check_int(length, f"length of {name!r}", preset.min_length, MAX_STEPS)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SequenceError(f"seed must be a non-negative integer; got {seed!r}")
    default, flexible = preset.input_size
    if input_size is None:
        input_size = default
    elif flexible:
        input_size = _check_int(input_size, "input_size", 1, MAX_FEATURES)
    elif input_size != default:
        raise SequenceError(
            f"the {name!r} preset has exactly {default} input features; got input_size="
            f"{input_size!r}"
        )
    values, target = preset.build(length, input_size, np.random.default_rng(seed))
    return Sequence(name=name, values=values, description=preset.description, target=target)


# --------------------------------------------------------------------------------------
# Custom sequences from text
# --------------------------------------------------------------------------------------

# Fields are split on a comma or semicolon (with optional spaces around it) or on a run
# of whitespace. We do not use the csv module: it needs one delimiter chosen up front
# (sniffing is unreliable on short numeric tables), and it would silently merge
# "1,,2"-style gaps that we want to report. Quoting is only needed for header names, and
# stripping one pair of quotes per field covers the usual spreadsheet exports.
_FIELD_SPLIT = re.compile(r"\s*[,;]\s*|\s+")
# Lines end at \r\n, \r or \n — the same breaks a text editor counts, so our line
# numbers match what the user sees (str.splitlines also splits on \v, \f, U+2028 …).
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
# A plain decimal number. Stricter than float(), which also takes "1_000" and "nan".
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = frozenset(
    sign + word for sign in ("", "+", "-") for word in ("nan", "inf", "infinity")
)


def _split_fields(line: str) -> list[str]:
    fields = _FIELD_SPLIT.split(line.strip())
    return [_unquote(f) for f in fields]


def _unquote(field_text: str) -> str:
    if len(field_text) >= 2 and field_text[0] == field_text[-1] and field_text[0] in "\"'":
        return field_text[1:-1].strip()
    return field_text


def _is_number_like(token: str) -> bool:
    """True for decimals and for nan/inf spellings (which are numbers, just not finite)."""
    return bool(_NUMBER.fullmatch(token)) or token.lower() in _NON_FINITE


def _parse_row(fields: list[str], line_no: int, first: bool) -> list[float]:
    """Convert one line's fields to floats; ``first`` is True on the first data line."""
    # On the first line a stray word may be a half-numeric header; elsewhere the usual
    # cause is a second header or a typo.
    hint = (
        "a header row must contain only column names"
        if first
        else "column names are only allowed on the first line"
    )
    row = []
    for column, token in enumerate(fields, start=1):
        if token == "":
            raise SequenceError(
                f"empty value in column {column} (two separators in a row, or a "
                "separator at the end of the line)",
                line=line_no,
            )
        if token.lower() in _NON_FINITE:
            raise SequenceError(
                f"non-finite value {token!r} in column {column}; only finite numbers are allowed",
                line=line_no,
            )
        if not _NUMBER.fullmatch(token):
            raise SequenceError(
                f"non-numeric value {token!r} in column {column} ({hint})",
                line=line_no,
            )
        value = float(token)
        if not math.isfinite(value):  # e.g. 1e999 overflows to inf
            raise SequenceError(
                f"non-finite value {token!r} in column {column} (too large for a float)",
                line=line_no,
            )
        row.append(value)
    return row


def parse_sequence_text(text: str, name: str = "custom") -> Sequence:
    """Parse a table of numbers into a Sequence.

    Format: one row per time step, one column per feature, fields separated by commas,
    semicolons or whitespace. Blank lines are skipped, and ``#`` starts a comment that
    runs to the end of the line. The first non-comment line may be a header of column
    names (all non-numeric); anywhere else a non-numeric value is an error.

    Parameters
    ----------
    text : str
        The table. A leading byte-order mark is ignored.
    name : str
        Name for the resulting Sequence.

    Returns
    -------
    Sequence
        ``values`` of shape (rows, columns); ``feature_names`` from the header if any.

    Raises
    ------
    SequenceError
        With ``line`` set to the 1-based line of the problem: a non-numeric, empty or
        non-finite value, a row whose number of columns differs from the first row,
        more than MAX_STEPS rows or MAX_FEATURES columns, or no data at all.
    """
    if not isinstance(text, str):
        raise SequenceError(f"text must be a str; got {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    header: list[str] | None = None
    rows: list[list[float]] = []
    expected: int | None = None  # number of columns, fixed by the first row or header
    expected_from = 0  # the line that fixed it, for the error message
    for line_no, raw in enumerate(_LINE_SPLIT.split(text), start=1):
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        fields = _split_fields(content)
        if len(fields) > MAX_FEATURES:
            raise SequenceError(
                f"too many features: {len(fields)} columns, at most {MAX_FEATURES} are supported",
                line=line_no,
            )
        if expected is None:
            expected, expected_from = len(fields), line_no
            if not any(_is_number_like(f) for f in fields if f):
                if not all(fields):
                    raise SequenceError("empty column name in the header row", line=line_no)
                header = fields
                continue
        elif len(fields) != expected:
            raise SequenceError(
                f"wrong number of columns: expected {expected} (as on line {expected_from}) "
                f"but got {len(fields)}",
                line=line_no,
            )
        if len(rows) >= MAX_STEPS:
            raise SequenceError(f"too many steps: more than {MAX_STEPS} rows of data", line=line_no)
        rows.append(_parse_row(fields, line_no, first=line_no == expected_from))
    if not rows:
        if header is not None:
            why = "the text contains only a header row"
        elif text.strip():
            why = "the text contains only blank lines and comments"
        else:
            why = "the text is empty"
        raise SequenceError(f"empty input: {why}, no numbers")
    n_steps, n_features = len(rows), len(rows[0])
    noun = "step" if n_steps == 1 else "steps"
    description = (
        f"A custom sequence of {n_steps} {noun} with {n_features} "
        f"feature{'s' if n_features != 1 else ''}."
    )
    return Sequence(
        name=name,
        values=np.array(rows, dtype=np.float64),
        description=description,
        feature_names=tuple(header) if header is not None else (),
    )


def _read_text_file(path: Path) -> str:
    """Read a UTF-8 text file (BOM tolerated) or raise SequenceError naming the file."""
    source = path.name or str(path)
    try:
        if path.is_dir():
            raise SequenceError("is a folder, not a file", source=source)
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise SequenceError(
                f"file is too large ({size} bytes) for a sequence of at most {MAX_STEPS} steps",
                source=source,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SequenceError(f"file not found: {path}", source=source) from None
    except OSError as exc:
        raise SequenceError(
            f"could not read the file: {exc.strerror or exc}", source=source
        ) from None
    # NUL bytes never occur in UTF-8 text; they do in every binary format (and in UTF-16,
    # which we also reject so the message can say what to do).
    if b"\x00" in data[:8192]:
        raise SequenceError(
            "looks like a binary file, not text (save the table as UTF-8 CSV)", source=source
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SequenceError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            line=line,
            source=source,
        ) from None


def load_sequence_csv(path: str | Path) -> Sequence:
    """Load a custom sequence from a text/CSV file.

    Parameters
    ----------
    path : str or Path
        A UTF-8 file (a byte-order mark is fine) in the format of
        :func:`parse_sequence_text`.

    Returns
    -------
    Sequence
        Named after the file's stem, with a description naming the file.

    Raises
    ------
    SequenceError
        Every message starts with the file name: file not found, unreadable, binary or
        not UTF-8, or any parse error (with its line number).
    """
    path = Path(path)
    text = _read_text_file(path)
    try:
        parsed = parse_sequence_text(text, name=path.stem)
    except SequenceError as exc:
        raise SequenceError(exc.reason, line=exc.line, source=path.name) from None
    steps, features = parsed.values.shape
    return Sequence(
        name=parsed.name,
        values=parsed.values,
        description=(
            f"Loaded from {path.name}: {steps} step{'s' if steps != 1 else ''} with "
            f"{features} feature{'s' if features != 1 else ''}."
        ),
        feature_names=parsed.feature_names,
    )
