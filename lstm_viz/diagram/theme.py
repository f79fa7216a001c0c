"""Light and dark palettes for the diagram (and for the app's own widgets).

Colours are ``#rrggbb`` strings so the dataclass stays Qt-free and hashable;
:func:`qcolor` turns one into a ``QColor`` (cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor

__all__ = ["DARK", "LIGHT", "THEMES", "Theme", "get_theme", "qcolor"]


@dataclass(frozen=True)
class Theme:
    """The colours of one theme.

    ``accent`` marks the active stage (wires, block outlines, pulses);
    ``pending`` fills values not yet computed; ``nonfinite`` flags inf/NaN.
    """

    name: str
    background: str
    text: str
    muted: str  # secondary text: units, legends, axis labels
    cell_fill: str
    cell_border: str
    block_fill: str
    block_border: str
    wire: str
    wire_dim: str
    accent: str
    accent_soft: str  # fill behind active blocks and the current step
    pulse: str
    pending: str
    pending_hatch: str
    nonfinite: str
    c_line: str  # the cell-state "conveyor belt"
    h_line: str
    x_line: str
    caption_fill: str


LIGHT = Theme(
    name="light",
    background="#fbfbfa",
    text="#1f2328",
    muted="#6b7280",
    cell_fill="#f1f3f6",
    cell_border="#c9ced6",
    block_fill="#ffffff",
    block_border="#8a93a0",
    wire="#4b5563",
    wire_dim="#c4c9d1",
    accent="#e07b00",
    accent_soft="#fff1dd",
    pulse="#ff9a1f",
    pending="#e6e8ec",
    pending_hatch="#c9cdd4",
    nonfinite="#e600e6",
    c_line="#2a4d8f",
    h_line="#1b7a5a",
    x_line="#7a4bb0",
    caption_fill="#ffffff",
)

DARK = Theme(
    name="dark",
    background="#16181d",
    text="#e8eaed",
    muted="#9aa3ae",
    cell_fill="#1f232a",
    cell_border="#3a404b",
    block_fill="#262b33",
    block_border="#6b7480",
    wire="#aab2bd",
    wire_dim="#454c57",
    accent="#ffa53a",
    accent_soft="#3a2c1a",
    pulse="#ffc070",
    pending="#2c3038",
    pending_hatch="#434955",
    nonfinite="#ff3cff",
    c_line="#7fa8ee",
    h_line="#5cc9a0",
    x_line="#b995e8",
    caption_fill="#1f232a",
)

THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}


def get_theme(name: str | Theme) -> Theme:
    """The theme called ``name`` (``"light"`` or ``"dark"``); a Theme passes through."""
    if isinstance(name, Theme):
        return name
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; use one of {', '.join(THEMES)}") from None


@lru_cache(maxsize=256)
def qcolor(hex_rgb: str, alpha: int = 255) -> QColor:
    """A ``QColor`` for ``#rrggbb`` with an alpha (0–255)."""
    c = QColor(hex_rgb)
    c.setAlpha(alpha)
    return c
