"""The unrolled strip under the cell: inputs per step, and c and h of past steps.

One row of steps: a sparkline of ``x``, then heat columns (units × steps) of
the cell state and the hidden state up to the cursor. The current step is
outlined; clicking a step asks the scene to jump there (``stepClicked``).
Long sequences show a window of at most :data:`MAX_COLUMNS` steps around the
cursor, so a frame's cost does not grow with T.

A wide model's rows draw the units :mod:`lstm_viz.state.units` chooses, with
"+N" for the others and a note saying whether they are pinned or the most active;
each heat row holds the unit of each of its rows (data key :data:`UNIT_ROWS`), so a
click can name the unit under it (see :mod:`.unit_hit`). A stack's h rows are
every layer and direction (layers × steps, one band each, the chosen cell
outlined) in place of the c row: the diagram above draws the chosen cell's c.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSceneMouseEvent

from ..i18n import tr
from ..state.frame import PART_STAGES
from ..state.results import Results
from ..state.text_view import shown_token, step_tokens
from ..state.timeline import Cursor
from ..state.units import LayerRow
from .colormaps import DIVERGING
from .items import StripItem, Text
from .theme import Theme, qcolor

__all__ = ["MAX_COLUMNS", "UNIT_ROWS", "SequenceStrip"]

MAX_COLUMNS = 160
#: QGraphicsItem.data key of a heat row: the 0-based unit each of its rows draws.
UNIT_ROWS = 1
X0, X1 = 140.0, 1240.0
Y_SPARK, H_SPARK = 594.0, 34.0
Y_ROW2, Y_ROW3, H_HEAT = 636.0, 676.0, 32.0
_SERIES = ("#7a4bb0", "#d08a00", "#1b9e77", "#6b7280")  # feature colours (x_line first)


def window(steps: int, t: int) -> tuple[int, int]:
    """The steps ``[start, end)`` shown for a cursor at step ``t``."""
    if steps <= MAX_COLUMNS:
        return 0, steps
    start = int(np.clip(t - MAX_COLUMNS // 2, 0, steps - MAX_COLUMNS))
    return start, start + MAX_COLUMNS


class Sparkline(QGraphicsItem):
    """Up to four input features as lines over the window, with the current step marked.

    Inputs with more features are drawn as a heat row instead (see SequenceStrip).
    """

    def __init__(self, parent: QGraphicsItem, rect: QRectF) -> None:
        super().__init__(parent)
        self.rect = rect
        self.theme: Theme | None = None
        self._paths: list[QPainterPath] = []
        self._key: tuple = ()
        self._x: np.ndarray | None = None
        self._marker: list[QPointF] = []

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-6, -6, 6, 6)

    def set_data(self, x: np.ndarray, start: int, end: int, t: int, scale: float) -> None:
        # Compared by identity (``is``), never by id(): a freed array's id can be reused.
        key = (start, end, scale)
        if x is not self._x:
            self._x, self._key = x, ()
        r = self.rect
        n = end - start
        colw = r.width() / max(n, 1)
        xs = r.left() + (np.arange(n) + 0.5) * colw

        def y_of(v: np.ndarray) -> np.ndarray:
            v = np.nan_to_num(v, nan=0.0, posinf=scale, neginf=-scale)
            return r.center().y() - np.clip(v / scale, -1, 1) * (r.height() / 2 - 2)

        if key != self._key:
            self._key = key
            self._paths = []
            for k in range(min(x.shape[1], len(_SERIES))):
                ys = y_of(x[start:end, k])
                path = QPainterPath(QPointF(xs[0], ys[0]))
                for px, py in zip(xs[1:], ys[1:], strict=True):
                    path.lineTo(px, py)
                self._paths.append(path)
        ys = y_of(x[t, : len(_SERIES)])
        self._marker = [QPointF(xs[t - start], y) for y in ys]
        self.update()

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        th = self.theme
        if th is None:
            return
        r = self.rect
        p.setPen(QPen(qcolor(th.cell_border), 1.0, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))
        for k, path in enumerate(self._paths):
            color = th.x_line if k == 0 else _SERIES[k]
            p.setPen(QPen(qcolor(color), 1.8))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.setPen(QPen(qcolor(th.background), 1.5))
        p.setBrush(qcolor(th.accent))
        for m in self._marker:
            p.drawEllipse(m, 4.0, 4.0)


class _ClickArea(QGraphicsRectItem):
    """Transparent area over the strip: a click on a column jumps to that step."""

    def __init__(self, parent: QGraphicsItem, strip: SequenceStrip) -> None:
        super().__init__(QRectF(X0, Y_SPARK - 4, X1 - X0, Y_ROW3 + H_HEAT - Y_SPARK + 8), parent)
        self.setPen(Qt.PenStyle.NoPen)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("Click a step to jump to it"))
        self.setZValue(10)
        self._strip = strip

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        step = self._strip.step_at(event.scenePos().x())
        if step is not None:
            self._strip.clicked(step)
        event.accept()


class SequenceStrip:
    """Items of the unrolled strip; ``clicked(step)`` is called on a click."""

    def __init__(self, parent: QGraphicsItem, clicked) -> None:
        self.clicked = clicked
        self.texts: list[tuple[Text, str]] = []
        self.heading = self._text(parent, 12, "muted").place(40, 574)
        self.heading.set(tr("Sequence"))
        self.x_label = self._text(parent, 14, "x_line", bold=True).place(X0 - 14, Y_SPARK + 8, "r")
        self.x_label.set("x")
        self.c_label = self._text(parent, 14, "c_line", bold=True).place(X0 - 14, Y_ROW2 + 7, "r")
        self.c_label.set("c")
        self.h_label = self._text(parent, 14, "h_line", bold=True).place(X0 - 14, Y_ROW3 + 7, "r")
        self.h_label.set("h")
        self.first = self._text(parent, 11, "muted").place(X0, 574, "l")
        self.last = self._text(parent, 11, "muted").place(X1, 574, "r")
        self.now = self._text(parent, 12, "accent", bold=True).place(X0, 574, "c")
        self.spark = Sparkline(parent, QRectF(X0, Y_SPARK, X1 - X0, H_SPARK))
        # More features than the sparkline has colours (the copy task's one-hot
        # symbols, say): a heat row of every feature instead, so none is hidden.
        self.x_heat = StripItem(parent, QRectF(X0, Y_SPARK, X1 - X0, H_SPARK), DIVERGING)
        self.x_heat.separators = False
        self.x_heat.hide()
        self.c_heat = StripItem(parent, QRectF(X0, Y_ROW2, X1 - X0, H_HEAT), DIVERGING)
        self.h_heat = StripItem(parent, QRectF(X0, Y_ROW3, X1 - X0, H_HEAT), DIVERGING)
        for s in (self.c_heat, self.h_heat):
            s.separators = False
        self.h_more = self._text(parent, 11, "muted").place(40, Y_ROW3 + 9, "l")
        self.c_more = self._text(parent, 11, "muted").place(40, Y_ROW2 + 9, "l")
        # A wide model: which units the rows draw ("top 24", "3 pinned"), said in full on hover.
        self.units_note = self._text(parent, 11, "muted").place(40, Y_SPARK + 9, "l")
        self.units_note.hide()
        # A stack's cells, one band each (made when a stack first needs them).
        self._parent = parent
        self.layer_heat: list[StripItem] = []
        self.layer_labels: list[Text] = []
        self.chosen_box = QGraphicsRectItem(parent)
        self.chosen_box.setZValue(3)
        self.chosen_box.setBrush(Qt.BrushStyle.NoBrush)
        self.chosen_box.hide()
        #: Set when :meth:`show` made items (their texts need the scene's floor).
        self.grew = False
        self._rows: tuple[LayerRow, ...] = ()
        self.theme: Theme | None = None
        self.marker = QGraphicsRectItem(parent)
        self.marker.setZValue(4)
        self.marker.setBrush(Qt.BrushStyle.NoBrush)
        self.click_area = _ClickArea(parent, self)
        self._span = (0, 1)
        self._key: tuple = ()
        # (results, input scale) of the results last shown, held so `is` is safe.
        self._scale: tuple[Results | None, float] = (None, 1.0)
        self._has_c = True

    def _text(self, parent: QGraphicsItem, px: int, role: str, **kw: bool) -> Text:
        t = Text(parent, px, **kw)
        self.texts.append((t, role))
        return t

    def set_theme(self, theme: Theme) -> None:
        for t, role in self.texts:
            t.setBrush(qcolor(getattr(theme, role)))
        self.theme = theme
        for item in (self.spark, self.x_heat, self.c_heat, self.h_heat, *self.layer_heat):
            item.theme = theme
            item.update()
        self.marker.setPen(QPen(qcolor(theme.accent), 2.2))
        self.chosen_box.setPen(QPen(qcolor(theme.accent), 1.6))
        self._key = ()

    def step_at(self, scene_x: float) -> int | None:
        """The step under a scene x coordinate (None outside the strip)."""
        start, end = self._span
        if not X0 <= scene_x < X1 or end <= start:
            return None
        return start + min(int((scene_x - X0) / (X1 - X0) * (end - start)), end - start - 1)

    def show(self, results: Results, cursor: Cursor, rows: tuple[LayerRow, ...] = ()) -> None:
        """Draw the strip; ``rows`` are the stack's cells (default: the chosen cell alone)."""
        trace = results.trace
        self.grew = False
        if rows is not self._rows:
            self._rows, self._key = rows, ()
        stacked = len(rows) > 1
        t = cursor.t
        start, end = window(trace.steps, t)
        self._span = (start, end)
        n = end - start
        colw = (X1 - X0) / n
        x = trace.x if trace.x.ndim == 2 else trace.x[:, 0]
        if self._scale[0] is not results:
            m = np.abs(x[np.isfinite(x)]).max() if np.isfinite(x).any() else 1.0
            self._scale = (results, float(m) if m > 0 else 1.0)
            self._key = ()  # new results: redraw the heat rows
        scale = self._scale[1]
        as_heat = x.shape[1] > len(_SERIES)
        self.spark.setVisible(not as_heat)
        self.x_heat.setVisible(as_heat)
        if as_heat:
            with np.errstate(all="ignore"):
                self.x_heat.set_values(np.ascontiguousarray(x[start:end].T) / scale)
        else:
            self.spark.set_data(x, start, end, t, scale)
        has_c = trace.c is not None and not stacked
        self.h_heat.setVisible(not stacked)
        if has_c != self._has_c:
            # Without a cell state the h row moves up into the c row's place.
            self._has_c = has_c
            self.c_heat.setVisible(has_c)
            self.c_label.setVisible(has_c)
            y = Y_ROW3 if has_c else Y_ROW2
            self.h_heat.set_rect(QRectF(X0, y, X1 - X0, H_HEAT))
            self.h_more.place(40, y + 9, "l")
        if stacked:
            self._place_layers(rows)
        else:
            self.h_label.place(X0 - 14, (Y_ROW3 if has_c else Y_ROW2) + 7, "r")
            for item in (*self.layer_heat, *self.layer_labels, self.chosen_box):
                item.hide()
        stages = PART_STAGES[results.kind]
        # Backward playback comes after the whole forward pass: every state is known.
        done = trace.steps - 1 if cursor.backward else None
        key = (
            start,
            end,
            t,
            cursor.backward or cursor.stage >= stages["h"],
            has_c and (cursor.backward or cursor.stage >= stages.get("c", 0)),
            done,
        )
        if key != self._key:
            self._key = key
            last_h = done if done is not None else (t if key[3] else t - 1)
            chosen = next((r for r in rows if r.chosen), None)
            shown = chosen.units.shown if chosen is not None else None
            if stacked:
                for item, row in zip(self.layer_heat, rows, strict=False):
                    self._heat(item, row.h, start, end, last_h, row.units.shown)
            else:
                self._heat(self.h_heat, trace.h, start, end, last_h, shown)
            if has_c:
                last_c = done if done is not None else (t if key[4] else t - 1)
                self._heat(self.c_heat, trace.c, start, end, last_c, shown)
            more = f"+{chosen.units.rest.size}" if chosen and chosen.units.subset else ""
            self.h_more.set(more)
            self.c_more.set(more)
            self._note_units(chosen)
        self.h_more.setVisible(not stacked)
        self.c_more.setVisible(has_c)
        bottom = (Y_ROW3 if has_c or stacked else Y_ROW2) + H_HEAT + 3
        self.marker.setRect(
            QRectF(X0 + (t - start) * colw - 1, Y_SPARK - 3, colw + 2, bottom - Y_SPARK + 3)
        )
        self.first.set(str(start + 1))
        self.last.set(str(end))
        now, tokens = tr("step {t}").format(t=t + 1), step_tokens(results)
        self.now.set(f"{now} · {shown_token(tokens[t])}" if tokens else now)
        # Over its column, but inside the strip and clear of the heading (grown type is wider).
        half = self.now.boundingRect().width() / 2
        least = max(X0, self.heading.x() + self.heading.boundingRect().width() + 8) + half
        self.now.place(min(max(X0 + (t - start + 0.5) * colw, least), X1 - half), 574, "c")
        # Keep the current-step label clear of the window's end labels.
        hide_first = self.now.x() < self.first.x() + self.first.boundingRect().width() + 8
        hide_last = self.now.x() + self.now.boundingRect().width() > self.last.x() - 8
        self.first.setVisible(not hide_first)
        self.last.setVisible(not hide_last)

    def _note_units(self, chosen: LayerRow | None) -> None:
        """Say which units a wide model's rows draw: pinned, or the most active."""
        units = chosen.units if chosen is not None else None
        if units is None or not units.subset:
            self.units_note.hide()
            return
        pins, n, rest = len(units.pins), units.size, units.rest.size
        others = units.shown.size - pins
        if units.pinned:
            self.units_note.set(tr("{p} pinned").format(p=pins))
            tip = tr(
                "The rows draw the {p} pinned units and the {k} most active others of the "
                "model's {n}; “+{r}”: the units left out. Right-click a unit to pin or unpin "
                "it, or choose View → Units… to type a list."
            ).format(p=pins, k=others, n=n, r=rest)
        else:
            self.units_note.set(tr("top {k}").format(k=others))
            tip = tr(
                "The rows draw the {k} most active of the model's {n} units (largest mean "
                "|h| over time); “+{r}”: the units left out. Right-click a unit to pin it, "
                "or choose View → Units… to type a list."
            ).format(k=others, n=n, r=rest)
        self.units_note.setToolTip(tip)
        self.units_note.show()

    def _place_layers(self, rows: tuple[LayerRow, ...]) -> None:
        """One band per cell of the stack over the c and h rows' room, the chosen outlined."""
        while len(self.layer_heat) < len(rows):
            heat = StripItem(self._parent, QRectF(), DIVERGING)
            heat.separators = False
            heat.theme = self.theme
            self.layer_heat.append(heat)
            label = self._text(self._parent, 11, "muted")
            if self.theme is not None:
                label.setBrush(qcolor(self.theme.muted))
            self.layer_labels.append(label)
            self.grew = True
        top, gap = Y_ROW2, 2.0
        band = (Y_ROW3 + H_HEAT - top - gap * (len(rows) - 1)) / len(rows)
        for k, (heat, label) in enumerate(zip(self.layer_heat, self.layer_labels, strict=False)):
            on = k < len(rows)
            heat.setVisible(on)
            label.setVisible(on)
            if not on:
                continue
            row = rows[k]
            y = top + k * (band + gap)
            heat.set_rect(QRectF(X0, y, X1 - X0, band))
            name = tr("layer {k}").format(k=row.layer)
            label.set(f"{name} {'←' if row.direction else '→'}")
            label.set_style(11, bold=row.chosen)
            label.place(X0 - 8, y + band / 2 - 8, "r")
            if self.theme is not None:
                label.setBrush(qcolor(self.theme.accent if row.chosen else self.theme.muted))
            if row.chosen:
                self.chosen_box.setRect(QRectF(X0 - 2, y - 1, X1 - X0 + 4, band + 2))
        self.chosen_box.show()
        # "h" left of the widest layer name (they are right-aligned at X0 − 8).
        widest = max(label.boundingRect().width() for label in self.layer_labels[: len(rows)])
        self.h_label.place(X0 - 8 - widest - 6, top + (Y_ROW3 + H_HEAT - top) / 2 - 10, "r")

    def drawn_rows(self) -> list[np.ndarray]:
        """The grids (units × steps) the h rows draw now: one per cell of a stack."""
        if len(self._rows) > 1:
            return [h.values.copy() for h in self.layer_heat[: len(self._rows)]]
        return [self.h_heat.values.copy()]

    @staticmethod
    def _heat(
        item: StripItem,
        states: np.ndarray,
        start: int,
        end: int,
        last: int,
        shown: np.ndarray | None = None,
    ) -> None:
        a = states[start:end]
        a = a[:, 0] if a.ndim == 3 else a
        if shown is not None and shown.size < a.shape[1]:
            a = a[:, shown]
        units = shown if shown is not None and shown.size else np.arange(a.shape[1])
        item.setData(UNIT_ROWS, tuple(int(u) for u in units))
        grid = np.ascontiguousarray(a.T)  # units × steps
        pending = np.zeros(grid.shape, bool)
        pending[:, max(last + 1 - start, 0) :] = True
        item.set_values(grid, pending)
