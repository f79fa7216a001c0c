"""Training-task batches: the adding problem, the copy task and next-value sine prediction.

Each generator is vectorised over the batch (no Python loop over B) and returns
float64 arrays in PyTorch's time-major layout ``(T, B, D)``, like ``nn.LSTM``'s
default input. Every random draw goes through the explicit ``np.random.Generator``
passed in, so the same generator state always gives the same batch.
"""

from __future__ import annotations

import math

import numpy as np

from ...i18n_marks import tr_noop
from .value import MAX_FEATURES, MAX_STEPS, SequenceError, check_int, check_rng

__all__ = [
    "COPY_ALPHABET",
    "COPY_SYMBOLS",
    "adding_batch",
    "copy_batch",
    "sine_prediction_batch",
]

#: Number of distinct data symbols in the copy task (one-hot channels 0 … A-1).
COPY_ALPHABET = 4
#: Symbols to remember in a copy batch by default; also the most the ``copy`` preset uses.
COPY_SYMBOLS = 3


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
    rng = check_rng(rng)
    batch = check_int(batch, "batch", 1, 1_000_000)
    length = check_int(length, "adding length", 2, MAX_STEPS)
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
    rng = check_rng(rng)
    batch = check_int(batch, "batch", 1, 1_000_000)
    n_symbols = check_int(n_symbols, "n_symbols", 1, MAX_STEPS)
    alphabet = check_int(alphabet, "alphabet", 2, MAX_FEATURES - 1)
    length = check_int(length, "copy length", 2 * n_symbols + 1, MAX_STEPS)
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
    rng = check_rng(rng)
    batch = check_int(batch, "batch", 1, 1_000_000)
    length = check_int(length, "length", 1, MAX_STEPS)
    if not (math.isfinite(min_period) and math.isfinite(max_period)):
        raise SequenceError(
            tr_noop("min_period and max_period must be finite; got {low} and {high}"),
            low=min_period,
            high=max_period,
        )
    if not 2.0 <= min_period <= max_period:
        raise SequenceError(
            tr_noop("need 2 ≤ min_period ≤ max_period; got min_period={low}, max_period={high}"),
            low=min_period,
            high=max_period,
        )
    period = rng.uniform(min_period, max_period, size=batch)
    phase = rng.uniform(0.0, 2.0 * np.pi, size=batch)
    # One extra step so the last input has a next value to predict.
    t = np.arange(length + 1)[:, None]
    wave = np.sin(2.0 * np.pi * t / period[None, :] + phase[None, :])[:, :, None]
    return wave[:-1], wave[1:]
