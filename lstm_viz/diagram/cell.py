"""The items of one model's cell, built once from its :class:`Layout`, updated per frame."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from ..i18n import tr
from ..state.backward import BackwardFrame
from ..state.frame import UNIT_INTERVAL, Frame, status
from ..state.units import UnitChoice, rest_summary
from .captions import fmt
from .colormaps import colormap_for
from .items import PART, PulseItem, ShapeItem, StripItem, Text, WireItem
from .layouts import BLOCK_H, BLOCK_W, NODE_R, Layout
from .theme import Theme, qcolor

__all__ = ["BAND_W", "CellItems", "container"]

#: The width of the band that summarises a wide strip's other units, and its gap.
BAND_W, BAND_GAP = 21.0, 4.0


def container(parent: QGraphicsItem | None = None) -> QGraphicsRectItem:
    """An invisible parent item (no contents, no events of its own)."""
    item = QGraphicsRectItem(parent)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
    return item


class _Part:
    """The items that show one part's values: its shape, strip, texts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shape: ShapeItem | None = None
        self.strip: StripItem | None = None
        self.mean: Text | None = None
        self.label: Text | None = None  # a state strip's name, which its mean must not cover
        #: A wide model's other units as three cells (min, mean, max), and "+N".
        self.band: StripItem | None = None
        self.more: Text | None = None
        self.full_rect = QRectF()
        self.band_left = False
        self.texts: list[tuple[Text, str]] = []  # (item, theme role)
        self.values = np.zeros(0)
        self.status = "done"


class CellItems:
    """All items of one model's cell under one root item.

    Parameters
    ----------
    layout
        The model's geometry.
    parent
        The item the cell is drawn in (scaled as a whole in the unrolled view).
    """

    def __init__(self, layout: Layout, parent: QGraphicsItem) -> None:
        self.layout = layout
        self.root = container(parent)
        self.parts: dict[str, _Part] = {}
        self.wires: list[tuple[WireItem, PulseItem, int, tuple[float, float]]] = []
        self.themed: list[QGraphicsItem] = []
        self.texts: list[tuple[Text, str]] = []
        #: Fade a stage in (wires and values) instead of moving pulses along the wires.
        self.reduced_motion = False
        #: The units the strips draw (None: every unit).
        self.units: UnitChoice | None = None
        self._build()

    # -- construction ---------------------------------------------------------

    def _text(self, parent: QGraphicsItem, px: int, role: str, **kw: bool) -> Text:
        t = Text(parent, px, **kw)
        self.texts.append((t, role))
        return t

    def _build(self) -> None:
        lay = self.layout
        cx, cy, cw, ch = lay.cell
        cell = ShapeItem(self.root, QRectF(cx, cy, cw, ch), "cell")
        cell.setZValue(-10)
        self.themed.append(cell)
        for w in lay.wires:
            wire = WireItem(self.root, list(w.points), w.role, w.arrow)
            pulse = PulseItem(self.root)
            pulse.hide()
            self.themed += [wire, pulse]
            self.wires.append((wire, pulse, w.stage, w.window))
        for w in lay.wires:
            if w.name == "h_up":  # the output leaving upwards, named at its tip
                (ux, _), (_, uy) = w.points[0], w.points[-1]
                up = self._text(self.root, 15, "h_line", bold=True).place(ux + 10, uy - 4, "l")
                up.set("hₜ")
                hint = self._text(self.root, 11, "muted").place(ux + 34, uy, "l")
                hint.set(tr("output"))
        if lay.note:
            note = self._text(self.root, 16, "muted", italic=True)
            note.set(lay.note)
            note.place(*lay.note_at, "c")
        for b in lay.blocks:
            self._build_block(b.name, b.symbol, b.label, b.title, b.center)
        for n in lay.nodes:
            part = _Part(n.name)
            x, y = n.center
            w = 44.0 if n.pill else 2 * NODE_R
            shape = ShapeItem(
                self.root,
                QRectF(x - w / 2, y - NODE_R, w, 2 * NODE_R),
                "pill" if n.pill else "circle",
            )
            shape.setZValue(3)
            shape.setData(PART, n.name)
            glyph = self._text(shape, 13 if n.pill else 20, "text", bold=n.pill)
            glyph.set(n.glyph)
            glyph.place(x, y - glyph.boundingRect().height() / 2 - 0.5, "c")
            dx, dy, align = n.label_at
            label = self._text(self.root, 13, "muted", italic=True)
            label.set(n.label)
            label.place(x + dx, y + dy, align)
            part.shape = shape
            part.texts = [(glyph, "text"), (label, "muted")]
            self.themed.append(shape)
            self.parts[n.name] = part
        for s in lay.states:
            part = _Part(s.name)
            x, y, w, h = s.rect
            strip = StripItem(self.root, QRectF(x, y, w, h), colormap_for(False))
            strip.setZValue(3)
            strip.setData(PART, s.name)
            label = self._text(self.root, 15, s.role, bold=True)
            label.set(s.label)
            title = self._text(self.root, 11, "muted")
            title.set(tr(s.title))
            mean = self._text(self.root, 11, "muted")
            if s.name == "x":  # left of its strip; the wire rises from its middle
                label.place(x - 8, y - 2, "r")
                title.place(x + w / 2, y + h + 3, "c")
                mean.place(x + w + 8, y + 1, "l")
            else:  # label and mean above the strip, what it is below
                label.place(x, y - 23, "l")
                mean.place(x + w, y - 18, "r")
                title.place(x, y + h + 4, "l")
            part.strip, part.mean, part.label = strip, mean, label
            part.texts = [(label, s.role), (title, "muted"), (mean, "muted")]
            if s.name != "x":  # the input has D features, not the H units
                # "+N" at the strip's outer end (clear of its label, mean and title),
                # the band it names beside it.
                outer_left = x + w / 2 < lay.cell[0] + lay.cell[2] / 2
                more = self._text(self.root, 11, "muted")
                more.place(x - 5, y + h / 2 - 8, "r") if outer_left else more.place(
                    x + w + 5, y + h / 2 - 8, "l"
                )
                self._add_band(part, strip, more, left=outer_left)
            self.themed.append(strip)
            self.parts[s.name] = part

    def _build_block(
        self, name: str, symbol: str, label: str, title: str, center: tuple[float, float]
    ) -> None:
        part = _Part(name)
        x, y = center
        r = QRectF(x - BLOCK_W / 2, y - BLOCK_H / 2, BLOCK_W, BLOCK_H)
        shape = ShapeItem(self.root, r, "block")
        shape.setZValue(3)
        shape.setData(PART, name)
        sym = self._text(shape, 20 if symbol == "σ" else 16, "text", bold=True)
        sym.set(symbol)
        lab = self._text(shape, 17, "text", italic=True)
        lab.set(label)
        # Symbol and label side by side, centred as a pair.
        gap = 8.0
        ws, wl = sym.boundingRect().width(), lab.boundingRect().width()
        left = x - (ws + gap + wl) / 2
        sym.place(left, r.top() + 5 + (3 if symbol != "σ" else 0), "l")
        lab.place(left + ws + gap, r.top() + 6, "l")
        ttl = self._text(shape, 11, "muted")
        ttl.set(tr(title))
        ttl.place(x, r.top() + 31, "c")
        strip = StripItem(
            shape,
            QRectF(r.left() + 10, r.top() + 49, BLOCK_W - 20, 14),
            colormap_for(name in UNIT_INTERVAL),
        )
        mean = self._text(shape, 11, "text")
        mean.place(x, r.top() + 67, "c")
        part.shape, part.strip, part.mean = shape, strip, mean
        part.texts = [(sym, "text"), (lab, "text"), (ttl, "muted"), (mean, "text")]
        # No "+N" in a block: its mean fills the line; the states' bands carry it.
        self._add_band(part, strip, None)
        self.themed += [shape, strip]
        self.parts[name] = part

    def _add_band(
        self, part: _Part, strip: StripItem, more: Text | None, *, left: bool = False
    ) -> None:
        r = strip.rect()
        band = StripItem(
            strip.parentItem(),
            QRectF(r.left() if left else r.right() - BAND_W, r.top(), BAND_W, r.height()),
            strip.cmap,
        )
        band.setZValue(3)
        if part.shape is None:
            band.setData(PART, part.name)
        band.hide()
        part.band, part.more, part.full_rect, part.band_left = band, more, r, left
        if more is not None:
            more.hide()
            part.texts.append((more, "muted"))
        self.themed.append(band)

    def set_units(self, units: UnitChoice | None) -> None:
        """Draw the units ``units`` chooses (and a band for the rest), or every unit."""
        self.units = units
        subset = units is not None and units.subset
        for part in self.parts.values():
            if part.band is None or part.strip is None:
                continue
            r = part.full_rect
            cells = (
                r.adjusted(BAND_W + BAND_GAP, 0, 0, 0)
                if part.band_left
                else r.adjusted(0, 0, -BAND_W - BAND_GAP, 0)
            )
            part.strip.set_rect(cells if subset else r)
            part.band.setVisible(subset)
            if part.more is not None:
                part.more.setVisible(subset)
                if subset:
                    part.more.set(f"+{units.rest.size}")

    def _draw(self, part: _Part, values: np.ndarray, pending: bool = False) -> None:
        """Show ``values`` in the part's strip: the chosen units, the rest as the band."""
        units = self.units
        if part.band is None or units is None or not units.subset or values.size != units.size:
            part.strip.set_values(values, pending)
            return
        part.strip.set_values(values[units.shown], pending)
        part.band.set_values(rest_summary(values, units), pending)

    def drawn(self, part: str) -> tuple[np.ndarray, np.ndarray | None]:
        """What ``part``'s strip draws, and its band's (min, mean, max) (None: no band)."""
        p = self.parts[part]
        band = p.band.values.ravel() if p.band is not None and p.band.isVisible() else None
        return p.strip.values.ravel().copy(), None if band is None else band.copy()

    # -- per frame ------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        for item in self.themed:
            item.theme = theme  # type: ignore[attr-defined]
            item.update()
        for t, role in self.texts:
            t.setBrush(_brush(theme, role))

    def show_frame(self, frame: Frame, theme: Theme) -> None:
        """Update every part and wire for ``frame`` (no item is created)."""
        stage, phase = frame.cursor.stage, frame.cursor.phase
        for name, part in self.parts.items():
            st = frame.status[name]
            vals = frame.shown[name]
            part.values, part.status = vals, st
            pending = st == "pending"
            if part.shape is not None:
                part.shape.set_status(st)
                part.shape.setOpacity(1.0 if st != "done" else 0.82)
            # At phase 0 the active stage has not produced its values yet.
            waiting = pending or (st == "active" and bool(np.isnan(vals).all()))
            if part.strip is not None:
                self._draw(part, frame.step.values[name], waiting)
                opacity = self._fade(phase) if st == "active" else 1.0
                part.strip.setOpacity(opacity)
                if part.band is not None:
                    part.band.setOpacity(opacity)
            if part.mean is not None:
                # A state strip's hatching says it (its legend names it): the words
                # would run into the strip's label. Under a gate, two short words: at a
                # small window's text floor the long phrase ran into the next gate's.
                pending_text = tr("not yet") if part.shape is not None else ""
                if waiting:
                    part.mean.set(pending_text)
                else:
                    _show_summary(part, vals)
            for t, role in part.texts:
                t.setBrush(_brush(theme, "muted" if pending else role))
        moving = 0.0 < phase < 1.0
        for wire, pulse, wstage, (a, b) in self.wires:
            wire.set_backward(False)
            st = "done" if wstage < 0 else status(wstage, stage)
            wire.set_status(st)
            wire.setOpacity(self._fade(phase) if st == "active" else 1.0)
            if moving and st == "active" and a <= phase <= b and not self.reduced_motion:
                x, y = wire.point_at((phase - a) / max(b - a, 1e-9))
                pulse.setPos(x, y)
                pulse.show()
            else:
                pulse.hide()

    def show_backward(self, frame: Frame, back: BackwardFrame, theme: Theme) -> None:
        """The gradient arriving at step t: states show ∂L/∂·, the state lines carry it back.

        The gates keep their forward values (dimmed): ``f_t`` is what the
        highway multiplies by. Pulses run right to left along the c and h lines.
        """
        phase = frame.cursor.phase
        for name, part in self.parts.items():
            grad = back.grads.get(name)
            if grad is None:
                vals = frame.step.values[name]
                part.values, part.status = vals, "done"
                if part.shape is not None:
                    part.shape.set_status("done")
                    part.shape.setOpacity(0.55)
                if part.strip is not None:
                    self._draw(part, vals)
                if part.mean is not None:
                    _show_summary(part, vals)
                for t, _role in part.texts:
                    t.setBrush(_brush(theme, "muted"))
                continue
            part.values, part.status = grad, "active"
            if part.strip is not None:
                self._draw(part, back.scaled(name))
                part.strip.setOpacity(self._fade(phase))
            if part.mean is not None:
                norm = back.norms[name]
                part.mean.set(
                    tr("‖∂L/∂·‖ {n}").format(n=f"{norm:.2e}")
                    if np.isfinite(norm)
                    else tr("overflow")
                )
            for t, role in part.texts:
                t.setBrush(_brush(theme, role))
        moving = 0.0 < phase < 1.0
        for wire, pulse, _wstage, _window in self.wires:
            on_path = wire.role in ("c_line", "h_line")
            # Still frames read backward too: the gradient's wires point from t to
            # t−1, and no arrow points forward.
            wire.set_backward(True, head=on_path)
            wire.set_status("active" if on_path else "done")
            wire.setOpacity(self._fade(phase) if on_path else 1.0)
            if moving and on_path and not self.reduced_motion:
                x, y = wire.point_at(1.0 - phase)  # against the arrow: gradients flow back
                pulse.setPos(x, y)
                pulse.show()
            else:
                pulse.hide()

    def values(self, name: str) -> np.ndarray:
        return self.parts[name].values

    def _fade(self, phase: float) -> float:
        """The opacity of what a stage is producing: with reduced motion it fades in over
        the stage (a cross-fade from the dimmed, pending look) instead of a pulse moving."""
        if not self.reduced_motion:
            return 1.0
        return 0.25 + 0.75 * float(np.clip(phase, 0.0, 1.0))


def _show_summary(part: _Part, vals: np.ndarray) -> None:
    """Set the part's mean text; without the range when that would run into its label
    (a small view's text floor makes both wider than the strip)."""
    assert part.mean is not None
    part.mean.set(_summary(part.name, vals))
    if part.label is not None and part.mean.sceneBoundingRect().intersects(
        part.label.sceneBoundingRect()
    ):
        part.mean.set(_summary(part.name, vals, with_range=False))


def _summary(name: str, vals: np.ndarray, with_range: bool = True) -> str:
    """The short text under a strip: its mean (or the values of a small input)."""
    if name == "x" and vals.size <= 3:
        return ", ".join(fmt(v) for v in vals)
    if not np.isfinite(vals).all():
        return tr("overflow")
    if with_range and np.abs(vals).max() > 1.0 and name not in UNIT_INTERVAL:
        # The colour scale stops at ±1; say how far past it the values go.
        return tr("mean {m}, ±{p}").format(
            m=fmt(float(vals.mean())), p=fmt(float(np.abs(vals).max()))
        )
    return tr("mean {m}").format(m=fmt(float(vals.mean())))


def _brush(theme: Theme, role: str) -> QColor:
    return qcolor(getattr(theme, role, theme.text))
