"""The app's colours, shared by the diagram, the plots, the widgets and the pages. No Qt.

Colours are ``#rrggbb`` strings so the values stay Qt-free and hashable; the
diagram turns them into ``QColor`` (``diagram.theme.qcolor``), the plots into
pyqtgraph pens, the widgets' theme (``app.theme``) into a ``QPalette``, and the
Equations panel and the About page into HTML. One source, so the LSTM's
cell-state line in the diagram and its curve in the plots are the same blue,
and secondary text is one grey everywhere.

Colour scales for unit values:

* Sequential (σ gates, 0 → 1): viridis — perceptually uniform, readable in
  grey-scale and by the common forms of colour blindness.
* Diverging (tanh and states, −1 → 1): ColorBrewer RdBu, blue for negative,
  near-white for 0, red for positive; on a dark background a white centre
  glares, so there 0 is dark and |value| is brightness, with the same hues.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DARK", "LIGHT", "RDBU", "RDBU_DARK", "THEMES", "VIRIDIS", "Theme", "get_theme"]

VIRIDIS = (
    "#440154",
    "#482878",
    "#3e4989",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6ece58",
    "#fde725",
)
RDBU = (
    "#2166ac",
    "#4393c3",
    "#92c5de",
    "#d1e5f0",
    "#f7f7f7",
    "#fddbc7",
    "#f4a582",
    "#d6604d",
    "#b2182b",
)
RDBU_DARK = (
    "#a6d1ec",
    "#5a9fd0",
    "#336a96",
    "#283d55",
    "#25272c",
    "#55302c",
    "#97403a",
    "#d0614a",
    "#f6b092",
)


@dataclass(frozen=True)
class Theme:
    """The colours of one theme.

    ``accent`` marks the active stage (wires, block outlines, pulses);
    ``pending`` fills values not yet computed; ``nonfinite`` flags inf/NaN.
    ``text`` and ``muted`` are every view's primary and secondary text.
    """

    name: str
    background: str
    text: str
    muted: str  # secondary text: units, legends, axis labels, hints, explanations
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
    # -- the widgets (app.theme) ---------------------------------------------
    window: str
    base: str  # text fields, lists and the rich-text pages' background
    alternate: str
    mid: str  # frames and bevels
    button: str
    highlight: str
    highlighted_text: str
    error: str
    link: str
    # -- the Equations panel and the About page --------------------------------
    later: str  # text of a stage not yet computed
    box: str  # behind the current stage
    box_border: str
    heading: str
    number: str
    positive: str  # unit cells tinted by sign
    negative: str
    note: str  # behind "In the app:" notes
    #: Multiplies the diagram's line widths (presentation mode draws them thicker).
    line_scale: float = 1.0

    def model_color(self, kind: str) -> str:
        """The colour of a model's curves: the RNN in the accent, the LSTM in its
        cell-state blue, the GRU in its hidden-state green."""
        return {"rnn": self.accent, "lstm": self.c_line, "gru": self.h_line}[kind]


LIGHT = Theme(
    name="light",
    background="#fbfbfa",
    text="#1f2328",
    muted="#5d6672",
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
    window="#f4f5f7",
    base="#ffffff",
    alternate="#eef0f3",
    mid="#c9ced6",
    button="#eceef1",
    highlight="#2f6fde",
    highlighted_text="#ffffff",
    error="#b3261e",
    link="#1f5fbf",
    later="#aab0ba",
    box="#fdf3dc",
    box_border="#e3b955",
    heading="#7a4a00",
    number="#1d4f7c",
    positive="#e0892b",
    negative="#3b7fc4",
    note="#eef3f8",
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
    window="#1f2227",
    base="#16181d",
    alternate="#24282e",
    mid="#3a3f47",
    button="#2a2e35",
    highlight="#4b8cf5",
    highlighted_text="#ffffff",
    error="#ff8a80",
    link="#8ab4f8",
    later="#5b626d",
    box="#352e1f",
    box_border="#9c7a35",
    heading="#f2c46b",
    number="#9ccbff",
    positive="#f0a04b",
    negative="#5fa3e8",
    note="#262c36",
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
