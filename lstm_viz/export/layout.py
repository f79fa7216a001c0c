"""Where an export's window picture puts its parts: diagram, caption, plot and title.

The layout is chosen by the picture's aspect, so that every preset is legible at its
own pixel size (see :mod:`.options`): side by side for 16:9 and A4 landscape, the
caption beside the diagram over a full-width plot for 4:3, one under the other for a
square. Sizes are in the picture's layout pixels (``options.size``); the picture has
``options.scale`` pixels per layout pixel. :class:`FrameRenderer` draws into these
rectangles; it measures the plot panel's least width (``WindowLayout._plot_least``)
so that the plot keeps the room its legend and axes need.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from ..diagram.items import font as diagram_font
from ..diagram.scene import SCENE_H, SCENE_W, TEXT_FLOOR_PX
from ..plots._style import PLOT_TEXT_PX
from .options import ExportOptions

__all__ = ["MARGIN", "WindowLayout"]

# Window layout, chosen by the body's aspect (height / width; see ``arrangement``):
# "side" (16:9, A4 landscape): the diagram takes DIAGRAM_SHARE of the width, the plot the
# rest; "grid" (4:3) from GRID_ASPECT: the diagram at GRID_HEIGHT of the height with the
# caption beside it, the plot under both; "stacked" (square, tall) from STACK_ASPECT:
# diagram, caption and plot one under the other at the full width.
DIAGRAM_SHARE = 0.74
GRID_ASPECT = 0.66
GRID_HEIGHT = 0.58
STACK_ASPECT = 0.9
MARGIN = 8
#: Caption lines a stacked layout keeps under the diagram (longer ones get smaller type).
CAPTION_LINES = 3
#: The plot panel is laid out at least this many layout pixels wide: a narrower one
#: is drawn at a lower density than the picture's (its type then stays above the floor).
PLOT_MIN_WIDTH = 360
#: Beside the diagram, the plot's type is at most this many picture pixels tall, so a
#: dense picture gives the plot room rather than larger words than the diagram's.
PLOT_TEXT_MAX_PX = 18.0
#: The caption's type in diagram scene units (drawn at the diagram's scale): larger
#: where it has a band of its own under a side-by-side diagram.
CAPTION_UNITS = {"side": 24.0, "grid": 20.0, "stacked": 18.0}


class WindowLayout:
    """The rectangles of one export's picture, and the densities its parts are drawn at.

    Parameters
    ----------
    options
        The export's size, scale, content, caption and title.
    """

    def __init__(self, options: ExportOptions) -> None:
        self.options = options
        #: The plot panel's least width in its own layout pixels (0 until measured).
        self._plot_least = 0.0

    def _title_height(self) -> float:
        return round(max(22.0, self.options.size[1] * 0.05)) if self.options.title else 0.0

    def _body(self) -> QRectF:
        w, h = self.options.size
        top = self._title_height()
        return QRectF(0, top, w, h - top)

    def arrangement(self) -> str:
        """How the window layout places diagram, caption and plot: ``"side"`` (side by
        side), ``"grid"`` (caption beside the diagram, the plot under both) or
        ``"stacked"`` (one under the other), by the body's height / width."""
        if self.options.content != "window":
            return self.options.content
        body = self._body()
        aspect = body.height() / body.width()
        return "stacked" if aspect >= STACK_ASPECT else "grid" if aspect >= GRID_ASPECT else "side"

    def stacked(self) -> bool:
        """Whether the window layout stacks diagram, caption and plot (a square or tall
        picture: the diagram then gets the whole width) instead of side by side."""
        return self.arrangement() == "stacked"

    def _caption_size(self) -> float:
        """The caption's type in layout pixels: at least the floor in the picture's pixels."""
        units = CAPTION_UNITS.get(self.arrangement(), 20.0)
        return max(self._least_px(), units * self._diagram_rect().width() / SCENE_W)

    def _least_px(self) -> int:
        """The smallest type, in layout pixels, that is the floor's height in the picture."""
        return max(math.ceil(TEXT_FLOOR_PX / self.options.scale - 1e-9), 1)

    def caption_px(self, text: str) -> int:
        """The caption's type size (layout pixels) for ``text``: the layout's size, or
        smaller (down to the floor) where a long caption would not fit its room."""
        rect = self._caption_rect()
        size = round(self._caption_size())
        flags = int(
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        )
        while size > self._least_px():
            needed = QFontMetricsF(diagram_font(size)).boundingRect(rect, flags, text).height()
            if needed <= rect.height():
                break
            size -= 1
        return size

    def title_px(self) -> int:
        """The title line's type size in layout pixels."""
        return max(self._least_px(), round(self._title_height() * 0.5))

    def _diagram_rect(self) -> QRectF:
        body = self._body()
        kind = self.arrangement()
        if kind == "diagram":
            return body
        if kind == "stacked":
            return QRectF(body.left(), body.top(), body.width(), body.width() * SCENE_H / SCENE_W)
        if kind == "grid":
            height = body.height() * GRID_HEIGHT
            width = min(height * SCENE_W / SCENE_H, body.width() * 0.8)
            return QRectF(body.left(), body.top(), width, width * SCENE_H / SCENE_W)
        # The plot keeps the room its legend and axes need at the smallest legible type.
        plot = self._plot_least * (TEXT_FLOOR_PX / PLOT_TEXT_PX) / self.options.scale
        width = min(round(body.width() * DIAGRAM_SHARE), math.floor(body.width() - plot))
        height = min(body.height(), width * SCENE_H / SCENE_W)
        return QRectF(body.left(), body.top(), width, height)

    def _stacked_caption_height(self) -> float:
        if not self.options.caption:
            return 0.0
        spacing = QFontMetricsF(diagram_font(round(self._caption_size()))).lineSpacing()
        return CAPTION_LINES * spacing + 2 * MARGIN

    def _plot_rect(self) -> QRectF:
        body = self._body()
        kind = self.arrangement()
        if kind == "plots":
            return body
        d = self._diagram_rect()
        if kind in ("stacked", "grid"):
            top = d.bottom() + (self._stacked_caption_height() if kind == "stacked" else MARGIN)
            return QRectF(body.left(), top, body.width(), body.bottom() - top)
        left = d.right()
        return QRectF(left, body.top(), body.right() - left, body.height())

    def _caption_rect(self) -> QRectF:
        d = self._diagram_rect()
        body = self._body()
        kind = self.arrangement()
        if kind == "grid":  # beside the diagram, down to the plot
            return QRectF(
                d.right() + MARGIN,
                d.top() + 2 * MARGIN,
                body.right() - d.right() - 3 * MARGIN,
                d.height() - 2 * MARGIN,
            )
        bottom = d.bottom() + self._stacked_caption_height() if kind == "stacked" else body.bottom()
        return QRectF(
            d.left() + 2 * MARGIN, d.bottom(), d.width() - 3 * MARGIN, bottom - d.bottom() - MARGIN
        )

    def diagram_density(self) -> float:
        """Picture pixels per diagram scene unit."""
        d = self._diagram_rect()
        return min(d.width() / SCENE_W, d.height() / SCENE_H) * self.options.scale

    def plot_density(self) -> float:
        """Picture pixels per layout pixel of the plot panel.

        The export's scale, or less where the panel would not fit its room at that
        scale (its legend or axes wider than the room): the panel is then laid out
        wider and drawn smaller, never so small that its type falls under the floor.
        """
        pixels = self._plot_rect().width() * self.options.scale
        fits = pixels / max(self._plot_least, PLOT_MIN_WIDTH)
        most = self.options.scale
        if self.options.content == "window":
            most = min(most, PLOT_TEXT_MAX_PX / PLOT_TEXT_PX)
        return max(min(most, fits), TEXT_FLOOR_PX / PLOT_TEXT_PX)
