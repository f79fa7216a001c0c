"""Marking sentences for translation where Qt may not be imported (the engine and state layers).

``tr_noop("…")`` returns its argument unchanged; ``pyside6-lupdate`` is told
that it is an alias of ``QT_TR_NOOP``, so the sentence lands in the
catalogue, and the view that shows it passes it through :func:`lstm_viz.i18n.tr`.
"""

from __future__ import annotations

__all__ = ["tr_noop"]


def tr_noop(text: str) -> str:
    """``text`` itself, marked for the translation catalogue."""
    return text
