"""The unrolled view's neighbours: compact copies of the cell at steps t−1 and t+1.

The cell at step t is drawn full size but scaled; to its left the step before
and to its right the step after, each as a compact box of unit strips (one per
gate, then the states it hands on), with the c and h lines running from one
copy into the next. At the sequence's ends only the copies that exist are shown.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from ..i18n import tr
from ..state.frame import UNIT_INTERVAL, step_values
from ..state.results import Results
from ..state.text_view import shown_token, step_tokens
from ..state.timeline import Cursor
from .captions import fmt
from .cell import container
from .colormaps import colormap_for
from .items import ShapeItem, StripItem, Text, WireItem
from .layouts import Layout
from .theme import Theme, qcolor

__all__ = ["PIVOT", "UNROLLED_SCALE", "Neighbours"]

_W = 160.0
_MARGIN = 16.0
#: The unrolled view shrinks the full cell about PIVOT to make room for its neighbours.
UNROLLED_SCALE = 0.78
PIVOT = (640.0, 283.0)
_LABELS = {
    "c": "c",
    "h": "h",
    "f": "f",
    "i": "i",
    "g": "g",
    "o": "o",
    "r": "r",
    "z": "z",
    "n": "n",
    "tanh": "h",
}
_SUB = {-1: "ₜ₋₁", 1: "ₜ₊₁"}
#: A token in a compact copy's header is cut to this many characters (the box is narrow).
_TOKEN_CHARS = 8


class _Compact:
    """One compact copy: a box with a header and a labelled strip per part."""

    def __init__(
        self, parent: QGraphicsItem, x: float, y_c: float, y_h: float, layout: Layout, offset: int
    ) -> None:
        self.offset = offset
        self.root = container(parent)
        self.texts: list[tuple[Text, str]] = []
        kind = layout.kind
        # Where the state lines cross this copy (the GRU's h runs along the top).
        lines = {"c": y_c, "h": y_h} if kind == "lstm" else {"h": y_c if kind == "gru" else y_h}
        gates = [] if kind == "rnn" else [b.name for b in layout.blocks]  # RNN: tanh is h
        top_line = min(lines.values())
        # LSTM rows share the room between its two lines; the others stack below h.
        span = (y_h - 34 - (top_line + 32)) / max(len(gates) - 1, 1)
        step = span if kind == "lstm" else 40.0
        rows = [top_line + 32 + k * step for k in range(len(gates))]
        top = top_line - 46 if gates or kind != "rnn" else top_line - 70
        bottom = max([*lines.values(), *rows]) + 40
        self.box = ShapeItem(self.root, QRectF(x, top, _W, bottom - top), "cell")
        self.header = self._text(13, "text", bold=True).place(x + _W / 2, top + 8, "c")
        self.strips: dict[str, StripItem] = {}
        self.means: dict[str, Text] = {}
        for name, y in zip(gates, rows, strict=True):
            self._row(name, x, y - 7, name in UNIT_INTERVAL)
        for name, y in lines.items():
            self._row(name, x, y - 7, False, state=True)

    def _text(self, px: int, role: str, **kw: bool) -> Text:
        t = Text(self.root, px, **kw)
        self.texts.append((t, role))
        return t

    def _row(self, name: str, x: float, y: float, unit: bool, state: bool = False) -> None:
        sub = _SUB[self.offset]
        role = {"c": "c_line", "h": "h_line"}.get(name, "text") if state else "text"
        label = self._text(13, role, bold=state, italic=not state)
        label.set(_LABELS[name] + sub)
        label.place(x + 10, y - 1, "l")
        strip = StripItem(self.root, QRectF(x + 40, y, _W - 50, 14), colormap_for(unit))
        strip.setZValue(3)
        self.strips[name] = strip
        mean = self._text(10, "muted")
        mean.place(x + 40 + (_W - 50) / 2, y + 16, "c")
        self.means[name] = mean

    def set_theme(self, theme: Theme) -> None:
        self.box.theme = theme
        for s in self.strips.values():
            s.theme = theme
        for t, role in self.texts:
            t.setBrush(qcolor(getattr(theme, role)))

    def show(self, results: Results, t: int, pending: bool = False) -> None:
        """Show step ``t``; ``pending`` shows it as not yet computed (a future step)."""
        sv = step_values(results, t)
        header = tr("step {t}").format(t=t + 1)
        if tokens := step_tokens(results):  # the step's word or character, as the strip
            header += f" · {shown_token(tokens[t], most=_TOKEN_CHARS)}"
        self.header.set(header)
        for name, strip in self.strips.items():
            vals = sv.values[name]
            if pending:
                strip.set_values(vals, pending=True)
                self.means[name].set(tr("not yet"))
                continue
            strip.set_values(vals)
            if np.isfinite(vals).all():
                self.means[name].set(tr("mean {m}").format(m=fmt(float(vals.mean()))))
            else:
                self.means[name].set(tr("overflow"))


class Neighbours:
    """Compact copies at t−1 and t+1 and the c/h lines that join them to the cell.

    Parameters
    ----------
    layout
        The model's layout (gives the gates and where the lines run).
    parent
        Unscaled parent item.
    """

    def __init__(self, layout: Layout, parent: QGraphicsItem) -> None:
        self.root = container(parent)
        self.root.hide()
        self.layout = layout
        s, (px, py) = UNROLLED_SCALE, PIVOT

        def m(x: float, y: float) -> QPointF:
            return QPointF(px + s * (x - px), py + s * (y - py))

        states = {st.name: st for st in layout.states}
        ys = {}
        for name in ("c", "h"):
            if name in states:
                _, y, _, hh = states[name].rect
                ys[name] = y + hh / 2
        y_c = m(0, ys.get("c", ys["h"] if layout.kind == "gru" else 130.0)).y()
        y_h = m(0, ys["h"]).y()
        self.left = _Compact(self.root, _MARGIN, y_c, y_h, layout, -1)
        self.right = _Compact(self.root, 1280.0 - _MARGIN - _W, y_c, y_h, layout, 1)
        self.wires: list[WireItem] = []
        for name in ("c", "h"):
            if name not in states:
                continue
            prev_x = states[name + "_prev"].rect[0]
            out_x = states[name].rect[0] + states[name].rect[2]
            y = m(0, ys[name]).y()
            role = "c_line" if name == "c" else "h_line"
            a = WireItem(self.root, [(_MARGIN + _W - 8, y), (m(prev_x, 0).x() - 3, y)], role)
            b = WireItem(
                self.root, [(m(out_x, 0).x() + 3, y), (1280.0 - _MARGIN - _W + 1, y)], role
            )
            self.wires += [a, b]
        self._wire_side = [w.points[0, 0] < 640 for w in self.wires]

    def set_theme(self, theme: Theme) -> None:
        for c in (self.left, self.right):
            c.set_theme(theme)
        for w in self.wires:
            w.theme = theme
            w.update()

    def show(self, results: Results, cursor: Cursor, backward: bool = False) -> None:
        """The steps beside ``cursor.t``; ``backward`` points the links from t to t−1."""
        t, steps = cursor.t, results.steps
        for w in self.wires:
            w.set_backward(backward)
        has_prev, has_next = t > 0, t + 1 < steps
        self.left.root.setVisible(has_prev)
        self.right.root.setVisible(has_next)
        for w, left in zip(self.wires, self._wire_side, strict=True):
            w.setVisible(has_prev if left else has_next)
        if has_prev:
            self.left.show(results, t - 1)
        if has_next:
            # Playback has not reached step t+1 yet: its copy is drawn, empty.
            self.right.show(results, t + 1, pending=True)
