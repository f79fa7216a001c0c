"""Which unit of a wide model lies under a point of the diagram (for the pin menu).

The part strips of the cell draw one unit per column (the units a
:class:`~lstm_viz.state.units.UnitChoice` shows, in order); the sequence strip's
heat rows one unit per row, each row's unit kept on the item (:data:`UNIT_ROWS`).
The band of the units left out, and the input's strip, are no unit.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ..state.units import UnitChoice
from .items import PART, StripItem
from .sequence import UNIT_ROWS

__all__ = ["unit_at"]


def _part_of(item: QGraphicsItem) -> str | None:
    """The diagram part ``item`` belongs to (its own or an ancestor's), if any."""
    while item is not None:
        if (name := item.data(PART)) is not None:
            return str(name)
        item = item.parentItem()
    return None


def unit_at(scene: QGraphicsScene, pos: QPointF, choice: UnitChoice) -> int | None:
    """The 0-based unit drawn at scene point ``pos``, or None where no unit is.

    ``choice`` is what the chosen cell's strips draw now (the sequence strip's rows
    carry their own units).
    """
    for item in scene.items(pos):
        if not isinstance(item, StripItem) or not item.isVisible():
            continue
        rect, local = item.rect(), item.mapFromScene(pos)
        if not rect.contains(local) or item.values.ndim != 2 or item.values.size == 0:
            continue
        rows, cols = item.values.shape
        units = item.data(UNIT_ROWS)
        if units is not None:
            k = int((local.y() - rect.top()) / rect.height() * rows)
            return int(units[min(max(k, 0), len(units) - 1)])
        part = _part_of(item)
        if part is None or part == "x" or cols != choice.shown.size:
            continue  # no part, the input's features, or the band of the units left out
        k = int((local.x() - rect.left()) / rect.width() * cols)
        return int(choice.shown[min(max(k, 0), cols - 1)])
    return None
