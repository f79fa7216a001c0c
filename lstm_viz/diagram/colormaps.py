"""Colour scales for unit values, as 256-entry ARGB lookup tables.

* Sequential (σ gates, 0 → 1): viridis — perceptually uniform, readable in
  grey-scale and by the common forms of colour blindness; dark = closed,
  bright = open.
* Diverging (tanh and states, −1 → 1): ColorBrewer RdBu, blue for negative,
  near-white for 0, red for positive (blue/red stays distinct for deuteranopes
  and protanopes).

Values outside the range are clipped; NaN (not yet computed) and ±inf are left
to the caller, which draws them as pending or as flagged cells.
"""

from __future__ import annotations

import numpy as np

from ..palette import RDBU, RDBU_DARK, VIRIDIS

__all__ = ["DIVERGING", "DIVERGING_DARK", "SEQUENTIAL", "colormap_for"]


def _lut(stops: list[str]) -> np.ndarray:
    """256 opaque ARGB32 colours interpolated linearly between ``stops``."""
    rgb = np.array([[int(s[i : i + 2], 16) for i in (1, 3, 5)] for s in stops], float)
    pos = np.linspace(0.0, 1.0, len(stops))
    q = np.linspace(0.0, 1.0, 256)
    ch = [np.rint(np.interp(q, pos, rgb[:, k])).astype(np.uint32) for k in range(3)]
    return (np.uint32(0xFF000000) | (ch[0] << 16) | (ch[1] << 8) | ch[2]).astype(np.uint32)


class Colormap:
    """A lookup table over ``[low, high]``."""

    def __init__(self, name: str, stops: list[str], low: float, high: float) -> None:
        self.name = name
        self.stops = tuple(stops)
        self.low = low
        self.high = high
        self.lut = _lut(stops)

    def index(self, values: np.ndarray) -> np.ndarray:
        """LUT indices of finite ``values`` (others map to 0; mask them yourself)."""
        with np.errstate(invalid="ignore"):
            u = (np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0) - self.low) / (
                self.high - self.low
            )
        return np.rint(np.clip(u, 0.0, 1.0) * 255.0).astype(np.intp)

    def map(self, values: np.ndarray) -> np.ndarray:
        """ARGB32 colours of ``values`` (same shape)."""
        return self.lut[self.index(np.asarray(values, dtype=np.float64))]


SEQUENTIAL = Colormap("viridis", list(VIRIDIS), 0.0, 1.0)
DIVERGING = Colormap("RdBu", list(RDBU), -1.0, 1.0)
DIVERGING_DARK = Colormap("RdBu-dark", list(RDBU_DARK), -1.0, 1.0)


def colormap_for(unit_interval: bool, theme: str = "light") -> Colormap:
    """The sequential map for values in [0, 1], else the theme's diverging one."""
    if unit_interval:
        return SEQUENTIAL
    return DIVERGING_DARK if theme == "dark" else DIVERGING
