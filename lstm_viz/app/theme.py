"""Light and dark themes for the widgets, from the app's one palette (:mod:`lstm_viz.palette`)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ..palette import Theme, get_theme

__all__ = ["apply_theme", "theme_colours"]


def theme_colours(theme: str) -> Theme:
    """The palette of ``theme`` (anything but ``"dark"`` is the light one)."""
    return get_theme("dark" if theme == "dark" else "light")


def apply_theme(app: QApplication | None, theme: str) -> None:
    """Fusion style with a light or dark palette, and the few named widgets' colours."""
    if app is None:
        return
    c = theme_colours(theme)
    app.setStyle("Fusion")
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, c.window), (role.Base, c.base), (role.AlternateBase, c.alternate),
        (role.WindowText, c.text), (role.Text, c.text), (role.ButtonText, c.text),
        (role.ToolTipText, c.text), (role.ToolTipBase, c.base), (role.Button, c.button),
        (role.Mid, c.mid), (role.Highlight, c.highlight),
        (role.HighlightedText, c.highlighted_text), (role.Link, c.link),
        (role.PlaceholderText, c.muted),
    ):  # fmt: skip
        p.setColor(r, QColor(colour))
    # Fusion draws check-box frames and bevels from these; without them the
    # boxes vanish on the dark theme.
    for r in (role.Light, role.Midlight, role.Dark, role.Shadow):
        p.setColor(r, QColor(c.mid))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c.muted))
    # Disabled fields look disabled: the window colour instead of the field colour.
    p.setColor(disabled, role.Base, QColor(c.window))
    p.setColor(disabled, role.Button, QColor(c.window))
    app.setPalette(p)
    app.setStyleSheet(
        f"QLabel#error {{ color: {c.error}; font-weight: 600; }}"
        f"QLabel#hint {{ color: {c.muted}; }}"
        f"QWidget#playbackBar {{ border-top: 1px solid {c.mid}; }}"
    )
