"""How often does the gradient explode? RNN vs LSTM vs GRU over scales and seeds.

For each model kind, recurrent scale ``s`` and seed, the model is the one the
app builds (``MODELS[kind](D, H, seed=seed, init=init, recurrent_scale=s, …)``)
on one input sequence; the number recorded is the global norm of the
parameter gradients of the last-step loss,
``‖∇_θ L‖ = (Σ_p ‖∂L/∂p‖_F²)^½`` — exactly what the scale sweep computes
(:func:`~lstm_viz.engine.gradients.sweep.scale_sweep`, one sweep per seed).
A run *explodes* when that norm exceeds a threshold (or overflows to inf/nan).
The explosion rate at a scale is the fraction of seeds whose run explodes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..cells import MODELS
from ..cells.init import InitScheme
from .sweep import scale_sweep

__all__ = ["EXPLOSION_SCALES", "ExplosionRates", "explosion_rates"]

#: The default sweep: 16 recurrent scales from 0.5 to 3.0.
EXPLOSION_SCALES = np.linspace(0.5, 3.0, 16)


@dataclass(frozen=True)
class ExplosionRates:
    """The gradient norm of every (kind, scale, seed) run and how many explode.

    Attributes
    ----------
    scales
        ``(S,)`` recurrent scales (σ_max of each H×H block of W_hh).
    seeds
        ``(N,)`` the seeds of the runs.
    threshold
        A run explodes when its ``‖∇_θ L‖`` exceeds this.
    norms
        Kind → ``(S, N)`` the global gradient norm of each run (inf/nan carried).
    """

    scales: np.ndarray
    seeds: np.ndarray
    threshold: float
    norms: dict[str, np.ndarray]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.norms)

    @property
    def runs(self) -> int:
        """Runs per kind: scales × seeds."""
        return int(self.scales.size * self.seeds.size)

    def exploded(self, kind: str) -> np.ndarray:
        """``(S, N)`` bool: the norm exceeds the threshold or is not finite."""
        n = self.norms[kind]
        with np.errstate(invalid="ignore"):
            return ~np.isfinite(n) | (n > self.threshold)

    def rate(self, kind: str) -> np.ndarray:
        """``(S,)`` the fraction of seeds that explode at each scale."""
        return self.exploded(kind).mean(axis=1)

    def count(self, kind: str) -> int:
        """How many of the :attr:`runs` of ``kind`` explode."""
        return int(self.exploded(kind).sum())

    def overall(self, kind: str) -> float:
        """The fraction of all runs of ``kind`` that explode."""
        return float(self.exploded(kind).mean())

    def first_scale(self, kind: str, rate: float = 0.5) -> float | None:
        """The smallest scale at which at least ``rate`` of the seeds explode, or ``None``."""
        hit = np.nonzero(self.rate(kind) >= rate)[0]
        return float(self.scales[hit[0]]) if hit.size else None


def explosion_rates(
    x: Any,
    hidden_size: int,
    kinds: Sequence[str] = ("rnn", "lstm", "gru"),
    *,
    scales: Any = EXPLOSION_SCALES,
    seeds: Sequence[int] = tuple(range(20)),
    threshold: float = 10.0,
    init: InitScheme = "uniform",
    forget_bias: float | None = None,
    progress: Callable[[float], None] | None = None,
) -> ExplosionRates:
    """Run every kind at every scale and seed on the sequence ``x`` ``(T, D)``.

    Cost: ``len(kinds) · len(seeds)`` scale sweeps, each O(T·S·G·H·(H + D));
    ``progress`` gets the fraction done after each sweep, counted in gate blocks G.
    """
    if not threshold > 0 or not np.isfinite(threshold):
        raise ValueError(f"the threshold must be a positive finite number, got {threshold}")
    seed_list = [int(s) for s in seeds]
    if not seed_list:
        raise ValueError("the explosion rate needs at least one seed")
    s = np.atleast_1d(np.asarray(scales, dtype=np.float64))
    blocks = {kind: MODELS[kind].blocks for kind in kinds}
    total = sum(blocks.values()) * len(seed_list)
    done = 0
    norms = {}
    for kind in kinds:
        runs = []
        for seed in seed_list:
            sweep = scale_sweep(kind, x, hidden_size, seed, s, init=init, forget_bias=forget_bias)
            runs.append(sweep.param_grad_norm)
            done += blocks[kind]
            if progress is not None:
                progress(done / total)
        norms[kind] = np.stack(runs, axis=1)
    return ExplosionRates(
        scales=s, seeds=np.array(seed_list), threshold=float(threshold), norms=norms
    )
