"""Light and dark themes for the widgets (the diagram has its own palette in diagram.theme)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_COLOURS = {
    "light": {
        "window": "#f4f5f7", "base": "#ffffff", "alt": "#eef0f3", "text": "#1f2328",
        "mid": "#c9ced6", "button": "#eceef1", "highlight": "#2f6fde", "bright": "#ffffff",
        "muted": "#5d6672", "error": "#b3261e", "link": "#1f5fbf",
    },
    "dark": {
        "window": "#1f2227", "base": "#16181c", "alt": "#24282e", "text": "#e4e7eb",
        "mid": "#3a3f47", "button": "#2a2e35", "highlight": "#4b8cf5", "bright": "#ffffff",
        "muted": "#9aa3ae", "error": "#ff8a80", "link": "#8ab4f8",
    },
}  # fmt: skip


def theme_colours(theme: str) -> dict[str, str]:
    return _COLOURS["dark" if theme == "dark" else "light"]


def apply_theme(app: QApplication | None, theme: str) -> None:
    """Fusion style with a light or dark palette, and the few named widgets' colours."""
    if app is None:
        return
    c = theme_colours(theme)
    app.setStyle("Fusion")
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"), (role.Base, "base"), (role.AlternateBase, "alt"),
        (role.WindowText, "text"), (role.Text, "text"), (role.ButtonText, "text"),
        (role.ToolTipText, "text"), (role.ToolTipBase, "base"), (role.Button, "button"),
        (role.Mid, "mid"), (role.Highlight, "highlight"), (role.HighlightedText, "bright"),
        (role.Link, "link"), (role.PlaceholderText, "muted"),
    ):  # fmt: skip
        p.setColor(r, QColor(c[key]))
    # Fusion draws check-box frames and bevels from these; without them the
    # boxes vanish on the dark theme.
    for r, key in (
        (role.Light, "mid"),
        (role.Midlight, "mid"),
        (role.Dark, "mid"),
        (role.Shadow, "mid"),
    ):
        p.setColor(r, QColor(c[key]))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c["muted"]))
    # Disabled fields look disabled: the window colour instead of the field colour.
    p.setColor(disabled, role.Base, QColor(c["window"]))
    p.setColor(disabled, role.Button, QColor(c["window"]))
    app.setPalette(p)
    app.setStyleSheet(
        f"QLabel#error {{ color: {c['error']}; font-weight: 600; }}"
        f"QLabel#hint {{ color: {c['muted']}; }}"
        f"QWidget#playbackBar {{ border-top: 1px solid {c['mid']}; }}"
    )
