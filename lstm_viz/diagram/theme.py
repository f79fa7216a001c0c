"""The diagram's colours: the shared palette, and QColor for its ``#rrggbb`` strings."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

from ..palette import DARK, LIGHT, THEMES, Theme, get_theme

__all__ = ["DARK", "LIGHT", "THEMES", "Theme", "get_theme", "qcolor"]


@lru_cache(maxsize=256)
def qcolor(hex_rgb: str, alpha: int = 255) -> QColor:
    """A ``QColor`` for ``#rrggbb`` with an alpha (0–255)."""
    c = QColor(hex_rgb)
    c.setAlpha(alpha)
    return c
