"""The cell diagram scene: one frame drawn from ``(results, cursor)``.

``CellDiagram.show(results, cursor)`` updates items that were created once per
model kind (switching kinds shows another set; nothing is created per frame),
so the scene's item count stays flat over any number of frames. The logical
scene rect is fixed (1280 × 720), so a view can ``fitInView`` it and an export
renders the same picture at any size.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QToolTip,
)

from ..state.backward import backward_frame
from ..state.frame import (
    Frame,
    ReadoutFrame,
    StepValues,
    frame_at,
    readout_at,
    readout_history,
    step_values,
)
from ..state.results import Results
from ..state.text_view import step_tokens
from ..state.timeline import STAGES, Cursor
from ..state.units import LayerRow, layer_rows
from .captions import backward_caption, caption
from .cell import CellItems, container
from .chrome import Chrome
from .items import PART, Text
from .layouts import LAYOUTS, PREDICTION_STRIP
from .prediction import ReadoutBox, readout_tooltip
from .prediction_strip import PredictionStrip
from .sequence import SequenceStrip, window
from .theme import Theme, get_theme, qcolor
from .tooltips import tooltip_html
from .unrolled import PIVOT, UNROLLED_SCALE, Neighbours

__all__ = ["SCENE_H", "SCENE_W", "TEXT_FLOOR_PX", "CellDiagram"]

SCENE_W, SCENE_H = 1280.0, 720.0
#: No text is drawn less than this many pixels tall on screen (or in an image).
TEXT_FLOOR_PX = 11.0


class CellDiagram(QGraphicsScene):
    """The animated cell diagram of an LSTM, GRU or RNN.

    Signals
    -------
    stepClicked(int)
        A step (0-based) was clicked in the unrolled strip.
    """

    stepClicked = Signal(int)

    def __init__(self, parent: object = None, *, theme: str | Theme = "light") -> None:
        super().__init__(parent)
        self.setSceneRect(QRectF(0, 0, SCENE_W, SCENE_H))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # items move per frame
        self._theme = get_theme(theme)
        self._unrolled = False
        self._caption_on = True
        self._line_scale = 1.0
        self._reduced_motion = False
        self._results: Results | None = None
        self._cursor = Cursor()
        self._frame: Frame | None = None
        self._step_cache: tuple[int, int, StepValues] | None = None
        self._caption = ""
        self._text_floor = 0.0
        self._pinned: tuple[int, ...] = ()
        # (results, pins) → the stack's rows and the units each draws, held so `is` is safe.
        self._rows: tuple[Results | None, tuple[int, ...], tuple[LayerRow, ...]] = (None, (), ())
        self._build()
        self.set_theme(self._theme)

    def _build(self) -> None:
        """Create the items (the cells' own come on first use): once, and again on
        :meth:`retranslate`, since their fixed words are set when they are made."""
        self._root = container()
        self.addItem(self._root)
        self._cell_root = container(self._root)
        self._cells: dict[str, CellItems] = {}
        self._neighbours: dict[str, Neighbours] = {}
        self._chrome = Chrome(self._root)
        self._sequence = SequenceStrip(self._root, self.stepClicked.emit)
        # The model's prediction, when its file has a read-out head: a box per layout
        # beside hₜ (made on first use) and one strip over time.
        self._readouts: dict[str, ReadoutBox] = {}
        self._readout: ReadoutFrame | None = None
        self._prediction = PredictionStrip(self._root, PREDICTION_STRIP, self.stepClicked.emit)
        self._prediction.hide()
        self._apply_text_floor()

    def retranslate(self) -> None:
        """Remake the items in the current language and draw the same frame again."""
        self.removeItem(self._root)
        self._build()
        self.set_theme(self._theme)  # the new items need their colours before a redraw
        self.set_unrolled(self._unrolled)

    # -- options --------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, name: str | Theme) -> None:
        """Switch palettes ("light" or "dark", or a :class:`Theme`)."""
        self._theme = replace(get_theme(name), line_scale=self._line_scale)
        self.setBackgroundBrush(qcolor(self._theme.background))
        for cell in self._cells.values():
            cell.set_theme(self._theme)
        for nb in self._neighbours.values():
            nb.set_theme(self._theme)
        self._chrome.set_theme(self._theme)
        self._sequence.set_theme(self._theme)
        for box in self._readouts.values():
            box.set_theme(self._theme)
        self._prediction.set_theme(self._theme)
        self._redraw()

    def set_unrolled(self, unrolled: bool) -> None:
        """Show the cell alone (rolled) or between its neighbouring steps (unrolled)."""
        self._unrolled = bool(unrolled)
        s = UNROLLED_SCALE if self._unrolled else 1.0
        px, py = PIVOT
        self._cell_root.setScale(s)
        self._cell_root.setPos(px - s * px, py - s * py)
        self._apply_text_floor()
        self._redraw()

    def unrolled(self) -> bool:
        return self._unrolled

    def set_line_scale(self, scale: float) -> None:
        """Draw wires and outlines ``scale`` times as thick (presentation mode)."""
        self._line_scale = float(scale)
        self.set_theme(self._theme)

    def set_text_floor(self, px: float) -> None:
        """Draw every text at least ``px`` scene units tall (0: as designed).

        A view showing the scene at scale ``s`` asks for ``TEXT_FLOOR_PX / s``,
        so a small view grows the small texts instead of shrinking them below
        the floor; texts already larger keep their size.
        """
        px = max(0.0, float(px))
        if px != self._text_floor:
            self._text_floor = px
            self._apply_text_floor()
            self._redraw()

    def text_floor(self) -> float:
        return self._text_floor

    def _apply_text_floor(self) -> None:
        floor = self._text_floor
        for item in self.items():
            if isinstance(item, Text):
                # In the item's own units: the unrolled view scales the cells down.
                item.set_floor(floor / max(item.sceneTransform().m22(), 1e-9))
        self._chrome.set_text_floor(floor)
        self._prediction.set_text_floor(floor)

    def set_pinned_units(self, units: tuple[int, ...]) -> None:
        """A wide model's strips draw these units (from 1; the view state's
        ``pinned_units``), or the most active ones when empty."""
        self._pinned = tuple(units)
        self._redraw()

    def pinned_units(self) -> tuple[int, ...]:
        return self._pinned

    def set_reduced_motion(self, on: bool) -> None:
        """Fade each stage's wires and values in instead of moving pulses along them."""
        self._reduced_motion = bool(on)
        for cell in self._cells.values():
            cell.reduced_motion = self._reduced_motion
        for box in self._readouts.values():
            box.reduced_motion = self._reduced_motion
        self._redraw()

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def set_caption_visible(self, on: bool) -> None:
        self._caption_on = bool(on)
        self._redraw()

    def caption_visible(self) -> bool:
        """Whether the scene draws the stage caption itself."""
        return self._caption_on

    # -- drawing --------------------------------------------------------------

    def show(self, results: Results, cursor: Cursor) -> None:
        """Draw the frame of ``results`` at ``cursor`` (cheap: updates items only)."""
        self._results = results
        self._cursor = cursor
        kind = results.kind
        t = int(np.clip(cursor.t, 0, results.steps - 1))
        cache = self._step_cache
        # Held and compared by identity: a freed Results' id() can be reused.
        if cache is None or cache[0] is not results or cache[1] != t:
            self._step_cache = (results, t, step_values(results, t))
        if cursor.backward:
            # The forward values of step t, all computed; the gradients on top.
            done = Cursor(t, len(STAGES[kind]) - 1, 1.0)
            frame = frame_at(results, done, self._step_cache[2])
            back = backward_frame(results, cursor)
        else:
            frame = frame_at(results, cursor, self._step_cache[2])
            back = None
        self._frame = frame
        cached = self._rows
        if cached[0] is not results or cached[1] != self._pinned:
            self._rows = (results, self._pinned, layer_rows(results, self._pinned))
        rows = self._rows[2]
        units = next(r.units for r in rows if r.chosen)
        cell = self._cell(kind)
        if cell.units is not units:
            cell.set_units(units)
        for k, other in self._cells.items():
            other.root.setVisible(k == kind)
        if back is None:
            cell.show_frame(frame, self._theme)
        else:
            cell.show_backward(
                frame_at(results, Cursor(t, frame.cursor.stage, cursor.phase), frame.step),
                back,
                self._theme,
            )
        if self._unrolled:
            self._neighbour(kind).show(results, frame.cursor, cursor.backward)
        for k, nb in self._neighbours.items():
            nb.root.setVisible(k == kind and self._unrolled)
        readout = self._show_prediction(results, frame, cursor)
        labels = step_tokens(results)
        self._caption = (
            caption(frame, labels, readout) if back is None else backward_caption(back, labels)
        )
        layout = LAYOUTS[kind]
        self._chrome.show(results, cursor, layout, self._caption if self._caption_on else None)
        shown = cursor if cursor.backward else frame.cursor
        self._sequence.show(results, shown, rows)
        if self._sequence.grew:
            self._apply_text_floor()
            self._sequence.show(results, shown, rows)  # placed again at the new labels' sizes

    def _show_prediction(
        self, results: Results, frame: Frame, cursor: Cursor
    ) -> ReadoutFrame | None:
        """The read-out box beside hₜ and the strip over time (hidden without a head)."""
        kind = results.kind
        readout = readout_at(results, frame, backward=cursor.backward)
        self._readout = readout
        box = self._readout_box(kind) if readout is not None else None
        for other in self._readouts.values():
            other.root.setVisible(other is box)
        self._prediction.setVisible(readout is not None)
        if readout is None or box is None:
            return None
        box.show(readout, frame.cursor.phase, readout_tooltip(results, readout.t, readout.computed))
        start, end = window(results.steps, frame.cursor.t)
        self._prediction.show(
            results, readout_history(results, cursor, start, end, readout), frame.cursor.t
        )
        return readout

    def _readout_box(self, kind: str) -> ReadoutBox | None:
        spec = LAYOUTS[kind].readout
        if spec is None:
            return None
        if kind not in self._readouts:
            box = ReadoutBox(spec, self._cell_root)
            box.reduced_motion = self._reduced_motion
            box.set_theme(self._theme)
            self._readouts[kind] = box
            self._apply_text_floor()
        return self._readouts[kind]

    def _redraw(self) -> None:
        if self._results is not None:
            self.show(self._results, self._cursor)

    def _cell(self, kind: str) -> CellItems:
        if kind not in self._cells:
            cell = CellItems(LAYOUTS[kind], self._cell_root)
            cell.reduced_motion = self._reduced_motion
            cell.set_theme(self._theme)
            self._cells[kind] = cell
            self._apply_text_floor()
        return self._cells[kind]

    def _neighbour(self, kind: str) -> Neighbours:
        if kind not in self._neighbours:
            nb = Neighbours(LAYOUTS[kind], self._root)
            nb.set_theme(self._theme)
            self._neighbours[kind] = nb
            self._apply_text_floor()
        return self._neighbours[kind]

    # -- read-back (tests, export, accessibility) -----------------------------

    def part_names(self) -> tuple[str, ...]:
        """The parts of the current model's diagram (empty before the first ``show``)."""
        return LAYOUTS[self._results.kind].part_names if self._results else ()

    def displayed_values(self, part: str) -> np.ndarray:
        """The values part ``part`` shows now; NaN where not yet computed."""
        if self._results is None:
            raise LookupError("nothing shown yet")
        return np.array(self._cells[self._results.kind].values(part), copy=True)

    def drawn_units(self, part: str) -> tuple[np.ndarray, np.ndarray | None]:
        """What ``part``'s strip draws now, and its band's (min, mean, max) of the
        units left out (None when every unit is drawn)."""
        if self._results is None:
            raise LookupError("nothing shown yet")
        return self._cells[self._results.kind].drawn(part)

    def sequence_rows(self) -> list[np.ndarray]:
        """The grids (units × steps) the strip's h rows draw: one per cell of a stack."""
        return self._sequence.drawn_rows()

    def readout_rows(self) -> list[tuple[str, str, float]]:
        """What the read-out box draws: ``(label, probability, bar fraction)`` per class,
        best first (a regressor: ``("", value, value)``); empty when not yet computed
        or when there is no read-out head."""
        if self._readout is None or self._results is None:
            return []
        return self._readouts[self._results.kind].drawn()

    def readout_shown(self) -> bool:
        """Whether the read-out box and the prediction strip are drawn."""
        return self._readout is not None

    def prediction_labels(self) -> list[tuple[int, str]]:
        """The class names the prediction strip writes over its bars: (step, name)."""
        return self._prediction.drawn_labels() if self._readout is not None else []

    def prediction_values(self) -> np.ndarray:
        """What the prediction strip's bars show per step of its window (NaN: not yet)."""
        return self._prediction.drawn_values() if self._readout is not None else np.zeros(0)

    def caption_text(self) -> str:
        return self._caption

    def tooltip_for(self, part: str) -> str:
        """The hover text of ``part``: its equation, summary numbers and every unit's value."""
        if self._frame is None or self._results is None:
            return ""
        units = next((r.units for r in self._rows[2] if r.chosen), None)
        layout = LAYOUTS[self._results.kind]
        return tooltip_html(self._results, self._frame, layout, part, units)

    def item_count(self) -> int:
        return len(self.items())

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        # Tooltips are built on demand from the frame, never per frame for every part.
        view = next((v for v in self.views() if v.viewport() is event.widget()), None)
        transform = view.viewportTransform() if view is not None else QTransform()
        item: QGraphicsItem | None = self.itemAt(event.scenePos(), transform)
        while item is not None and item.data(PART) is None:
            if item.toolTip():
                super().helpEvent(event)
                return
            item = item.parentItem()
        if item is None:
            QToolTip.hideText()
            event.ignore()
            return
        QToolTip.showText(event.screenPos(), self.tooltip_for(str(item.data(PART))))
        event.accept()
