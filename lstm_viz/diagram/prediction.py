"""The model's prediction beside hₜ: the read-out box (the strip over time is
:mod:`lstm_viz.diagram.prediction_strip`).

When the weight file has a read-out head (:attr:`Results.predictions`), the box
beside the cell's output lists the head's top classes at the step with their
probabilities as short bars (a regressor: its value), and fills in with hₜ's stage,
fed by a wire from hₜ.

Every number comes from the state layer (:func:`~lstm_viz.state.frame.readout_at`);
nothing here computes one. Items are made once and updated per frame.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
)

from ..i18n import tr
from ..state.frame import HOVER_TOP_K, ReadoutFrame
from ..state.results import Results
from ..state.text_view import shown_token, step_tokens, written_step
from .captions import fmt
from .cell import container
from .colormaps import SEQUENTIAL
from .items import PulseItem, ShapeItem, Text, WireItem
from .layouts import ReadoutSpec
from .theme import Theme, qcolor

__all__ = ["ReadoutBox", "readout_tooltip"]

_PAD = 8.0
#: A class label in the box is cut to this many characters.
_LABEL_CHARS = 8


def _label(label: str | None) -> str:
    return shown_token(label if label is not None else "", _LABEL_CHARS)


def readout_tooltip(results: Results, t: int, computed: bool) -> str:
    """The hover text of step ``t``'s prediction: its top classes (a regressor: its value)."""
    predictions = results.predictions
    if predictions is None:
        return ""
    head = tr("Prediction at step {t}").format(t=t + 1)
    tokens = step_tokens(results)
    if tokens and 0 <= t < len(tokens):
        head += f" · {shown_token(tokens[t])}"
    lines = [f"<b>{html.escape(head)}</b>"]
    if not computed:
        lines.append(html.escape(tr("not yet computed")))
        return "<br>".join(lines)
    top = predictions.top(written_step(t, results.steps, results.direction), HOVER_TOP_K)
    if predictions.regressor:
        lines.append(html.escape(tr("value {v}").format(v=fmt(top[0][1], 4))))
    else:
        rows = "".join(
            f"<tr><td>{html.escape(shown_token(label or ''))}</td>"
            f"<td align='right'>{html.escape(fmt(p, 4))}</td></tr>"
            for label, p in top
        )
        lines.append(f"<table cellspacing='0' cellpadding='1'>{rows}</table>")
    source = tr("read-out {key}").format(key=predictions.readout.prefix + "weight")
    lines.append(f"<span style='color:gray'>{html.escape(source)}</span>")
    return "<br>".join(lines)


class _Bar(QGraphicsItem):
    """A probability as a short horizontal bar on a track (viridis, like the σ gates)."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.theme: Theme | None = None
        self._rect = QRectF()
        self.fraction = 0.0

    def set(self, rect: QRectF, fraction: float) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)
        self.fraction = float(np.clip(fraction, 0.0, 1.0)) if np.isfinite(fraction) else 0.0
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None or self._rect.isEmpty():
            return
        r = self._rect
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(qcolor(th.pending))
        p.drawRect(r)
        fill = QRectF(r.left(), r.top(), r.width() * self.fraction, r.height())
        p.setBrush(QColor.fromRgba(int(SEQUENTIAL.map(np.array([self.fraction]))[0])))
        p.drawRect(fill)
        p.setPen(QPen(qcolor(th.block_border), 0.8 * th.line_scale))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)


class _Box(ShapeItem):
    """The box's outline, as tall as what it holds this frame."""

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self.update()


class ReadoutBox:
    """The read-out box of one layout, under ``parent`` (the cell's root: it scales with
    the cell in the unrolled view)."""

    def __init__(self, spec: ReadoutSpec, parent: QGraphicsItem) -> None:
        self.spec = spec
        self.root = container(parent)
        self.texts: list[tuple[Text, str]] = []
        self.box = _Box(self.root, QRectF(*spec.rect), "block")
        self.box.setZValue(3)
        self.wire = WireItem(self.root, list(spec.wire), "h_line")
        self.pulse = PulseItem(self.root)
        self.pulse.hide()
        self.title = self._text(15, "text", bold=True)
        self.title.set("ŷₜ")
        self.name = self._text(11, "muted")
        self.name.set(tr("prediction"))
        self.formula = self._text(11, "muted", italic=True)
        self.rows = [
            (self._text(13, "text"), _Bar(self.box), self._text(11, "text")) for _ in range(3)
        ]
        self.value = self._text(20, "text", bold=True)
        self.note = self._text(11, "muted")
        self.layer_note = self._text(11, "muted")
        self.reduced_motion = False
        self._shown: list[tuple[str, str, float]] = []

    def _text(self, px: int, role: str, **kw: bool) -> Text:
        t = Text(self.box, px, **kw)
        self.texts.append((t, role))
        return t

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for item in (self.box, self.wire, self.pulse, *(bar for _, bar, _ in self.rows)):
            item.theme = theme  # type: ignore[attr-defined]
            item.update()
        for t, role in self.texts:
            t.setBrush(qcolor(getattr(theme, role)))

    def show(self, readout: ReadoutFrame, phase: float, tooltip: str = "") -> None:
        """Show ``readout`` (phase: of the stage playing, for the pulse and the fade);
        hovering the box gives ``tooltip``."""
        self.box.setToolTip(tooltip)
        st = readout.status
        self.box.set_status(st)
        self.wire.set_status(st)
        self.wire.set_backward(False)
        a, b = self.spec.window
        if st == "active" and a <= phase <= b and 0.0 < phase < 1.0 and not self.reduced_motion:
            self.pulse.setPos(*self.wire.point_at((phase - a) / max(b - a, 1e-9)))
            self.pulse.show()
        else:
            self.pulse.hide()
        for t, role in self.texts:
            t.setBrush(qcolor(getattr(self._theme, "muted" if st == "pending" else role)))
        x, y, w, _h = self.spec.rect
        left, right = x + _PAD, x + w - _PAD
        self.title.place(left, y + _PAD - 2)
        top = self.title.boundingRect().height()
        self.name.place(
            left + self.title.boundingRect().width() + 6,
            y + _PAD - 2 + top - self.name.boundingRect().height() - 2,
        )
        # The drawn cell's own hₜ, or yₜ: the top layer's output, both directions.
        own = readout.layer == readout.drawn and not readout.both
        y_t = "hₜ" if own else "yₜ"
        self.formula.set(f"W·{y_t} + b" if readout.regressor else f"softmax(W·{y_t} + b)")
        self.formula.place(left, y + _PAD + top)
        # A large text floor (a small view) leaves no room for the words beside ŷₜ,
        # or for the formula: they are left out rather than run over the edge.
        edge = self._right_edge()
        self.name.setVisible(self.name.sceneBoundingRect().right() <= edge)
        fits = self.formula.sceneBoundingRect().right() <= edge
        self.formula.setVisible(fits)
        cursor_y = y + _PAD + top + (self.formula.boundingRect().height() if fits else 0.0) + 6
        opacity = (
            0.25 + 0.75 * float(np.clip(phase, 0, 1))
            if st == "active" and self.reduced_motion
            else 1.0
        )
        shown = readout.computed
        self._shown = []
        self.value.setVisible(shown and readout.regressor)
        for label, bar, prob in self.rows:
            for item in (label, bar, prob):
                item.setVisible(shown and not readout.regressor)
                item.setOpacity(opacity)
        self.value.setOpacity(opacity)
        if not shown:
            self.note.set(tr("not yet computed"))
        elif readout.regressor:
            v = readout.top[0][1]
            self.value.set(fmt(v, 3))
            self.value.place(left, cursor_y)
            cursor_y += self.value.boundingRect().height() + 4
            self._shown = [("", self.value.text(), v)]
            self.note.set(tr("one output: a regressor"))
        else:
            cursor_y = self._show_rows(readout, left, right, cursor_y)
            self.note.set(
                tr("top {k} of {n} classes").format(k=len(readout.top), n=readout.classes)
            )
        self.note.place(left, cursor_y)
        if self.note.sceneBoundingRect().right() > edge and shown and not readout.regressor:
            self.note.set(f"{len(readout.top)} / {readout.classes}")
        bottom = cursor_y + self.note.boundingRect().height()
        # A stack's head reads its top layer, whichever one the diagram draws.
        self.layer_note.setVisible(not own)
        if not own:
            note = tr("reads layer {k}, both directions") if readout.both else tr("reads layer {k}")
            self.layer_note.set(note.format(k=readout.layer))
            self.layer_note.place(left, bottom + 2)
            if readout.both and self.layer_note.sceneBoundingRect().right() > edge:
                # Too wide for the box at this text floor: on two lines.
                self.layer_note.set(tr("reads layer {k},\nboth directions").format(k=readout.layer))
            bottom += 2 + self.layer_note.boundingRect().height()
        bottom += _PAD
        # As tall as its contents, but never shorter than where the wire comes in.
        wire_y = max(py for _, py in self.spec.wire[-1:])
        self.box.set_rect(QRectF(x, y, w, max(bottom, wire_y + 2 * _PAD) - y))

    def _right_edge(self) -> float:
        """The box's inner right edge, in scene coordinates."""
        x, y, w, _h = self.spec.rect
        return self.box.mapToScene(QPointF(x + w - _PAD / 2, y)).x()

    def _show_rows(self, readout: ReadoutFrame, left: float, right: float, y: float) -> float:
        labels = [_label(label) for label, _ in readout.top]
        for (label, _bar, prob), text, (_, p) in zip(self.rows, labels, readout.top, strict=False):
            label.set(text)
            prob.set(fmt(p))
        used = self.rows[: len(readout.top)]
        for extra in self.rows[len(readout.top) :]:
            for item in extra:
                item.setVisible(False)
        label_w = max((lab.boundingRect().width() for lab, _, _ in used), default=0.0)
        prob_w = max((pr.boundingRect().width() for _, _, pr in used), default=0.0)
        for (label, bar, prob), (_, p) in zip(used, readout.top, strict=True):
            h = max(label.boundingRect().height(), prob.boundingRect().height())
            label.place(left, y + (h - label.boundingRect().height()) / 2)
            prob.place(right, y + (h - prob.boundingRect().height()) / 2, "r")
            x0, x1 = left + label_w + 6, right - prob_w - 6
            bar.set(QRectF(x0, y + h / 2 - 4, max(x1 - x0, 0.0), 8), p)
            self._shown.append((label.text(), prob.text(), bar.fraction))
            y += h + 4
        return y + 2

    def drawn(self) -> list[tuple[str, str, float]]:
        """What the box draws: ``(label, probability text, bar fraction)`` per class, best
        first; a regressor ``[("", value text, value)]``; empty when not yet computed."""
        return list(self._shown)
