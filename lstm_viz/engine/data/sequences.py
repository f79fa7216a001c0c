"""Input sequences for the app: built-in presets, and every sequence name in one place.

Three sources of input, all producing float64 arrays with PyTorch's time-major layout:

* **Presets** (:func:`make_sequence`, defined here) — small deterministic signals chosen
  because each one makes a particular behaviour of a recurrent cell visible (an impulse
  to remember, a pulse to hold, noise with nothing to remember, the adding and copy
  tasks).
* **Task batches** (:func:`adding_batch`, :func:`copy_batch`,
  :func:`sine_prediction_batch`, in :mod:`.tasks`) — vectorised generators for
  training, shaped ``(T, B, D)`` like ``nn.LSTM``'s default input.
* **Custom sequences** (:func:`parse_sequence_text`, :func:`load_sequence_csv`, in
  :mod:`.text` and :mod:`.text_file`) — a table typed or pasted by the user, one row per time step
  and one column per feature.

The :class:`Sequence` value and :class:`SequenceError` live in :mod:`.sequence_value`.
Every name is re-exported here, so callers import from this module alone.

Every random draw goes through an explicit ``np.random.Generator`` so that a preset,
a seed and a length always give the same numbers (the app caches results by settings,
and exported figures must be reproducible).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .tasks import COPY_ALPHABET, COPY_SYMBOLS, adding_batch, copy_batch, sine_prediction_batch
from .text import excerpt, parse_sequence_text
from .text_file import load_sequence_csv
from .value import MAX_FEATURES, MAX_STEPS, Sequence, SequenceError, check_int

__all__ = [
    "COPY_ALPHABET",
    "COPY_SYMBOLS",
    "MAX_FEATURES",
    "MAX_STEPS",
    "PRESETS",
    "PRESET_TITLES",
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

#: Steps per period of the ``sine`` preset.
SINE_PERIOD = 20

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
        tr_noop(
            "A smooth sine wave with one period every 20 steps "
            "(several channels are phase-shifted copies)."
        ),
        PresetInputSize(1, True),
        1,
        _sine,
    ),
    "square": _Preset(
        tr_noop(
            "Silence, then a constant pulse of 1.0 through the middle third, then silence again."
        ),
        PresetInputSize(1, True),
        1,
        _square,
    ),
    "impulse": _Preset(
        tr_noop(
            "A single 1.0 at the first step followed by silence, so the model must remember "
            "the first input."
        ),
        PresetInputSize(1, True),
        1,
        _impulse,
    ),
    "noise": _Preset(
        tr_noop(
            "Independent standard-normal values at every step, with nothing worth remembering."
        ),
        PresetInputSize(1, True),
        1,
        _noise,
    ),
    "random_walk": _Preset(
        tr_noop(
            "A random walk of small normal steps, so each value builds on all the earlier ones."
        ),
        PresetInputSize(1, True),
        1,
        _random_walk,
    ),
    "adding": _Preset(
        tr_noop(
            "The adding problem: random numbers in [0, 1] with two of them marked, one in each "
            "half, and the answer is the sum of the two marked numbers."
        ),
        PresetInputSize(2, False),
        2,
        _adding,
    ),
    "copy": _Preset(
        tr_noop(
            "The copy task: a few random symbols at the start, a long blank gap, then a "
            "delimiter asking the model to reproduce the symbols in order."
        ),
        PresetInputSize(COPY_ALPHABET + 1, False),
        3,
        _copy,
    ),
}

#: Preset name → how the window names it (marked for translation).
PRESET_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "sine": tr_noop("sine"),
        "square": tr_noop("square"),
        "impulse": tr_noop("impulse"),
        "noise": tr_noop("noise"),
        "random_walk": tr_noop("random walk"),
        "adding": tr_noop("adding problem"),
        "copy": tr_noop("copy task"),
    }
)

#: Preset name → one-sentence description, in display order (for a combo box).
PRESETS: Mapping[str, str] = MappingProxyType(
    {name: preset.description for name, preset in _PRESETS.items()}
)


def _preset(name: str) -> _Preset:
    try:
        return _PRESETS[name]
    except (KeyError, TypeError):
        valid = ", ".join(_PRESETS)
        raise SequenceError(
            tr_noop("unknown sequence preset {name!r}; valid names: {valid}"),
            name=excerpt(str(name)),
            valid=valid,
        ) from None


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
    what = Sentence(tr_noop("length of {name!r}"), name=name)
    length = check_int(length, what, preset.min_length, MAX_STEPS)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SequenceError(
            tr_noop("seed must be a non-negative integer; got {value!r}"), value=seed
        )
    default, flexible = preset.input_size
    if input_size is None:
        input_size = default
    elif flexible:
        input_size = check_int(input_size, "input_size", 1, MAX_FEATURES)
    elif input_size != default:
        raise SequenceError(
            tr_noop(
                "the {name!r} preset has exactly {n} input features; got input_size={value!r} "
                "— leave the input size at {n}, or choose a preset that takes any size"
            ),
            name=name,
            n=default,
            value=input_size,
        )
    values, target = preset.build(length, input_size, np.random.default_rng(seed))
    return Sequence(name=name, values=values, description=preset.description, target=target)
