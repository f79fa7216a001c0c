"""One frame as an SVG document that every renderer draws like the PNG.

pyqtgraph's own SVGExporter breaks on Qt ≥ 6.11's path output (pyqtgraph
issue #3495), so the frame goes through Qt's QSvgGenerator — the same
:meth:`FrameRenderer.paint` that draws the PNGs — and :func:`clean_svg` then
removes what only Qt's SVG Tiny reading understands (non-scaling strokes under
the plots' data transforms, the "Sans Serif" alias; see
:mod:`lstm_viz.export.svg_clean`).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ..diagram.items import FONT_FAMILY
from ..i18n import CJK_FAMILIES, font_families
from ..state.timeline import Cursor
from .frames import FrameRenderer
from .options import tr
from .svg_clean import clean_svg

__all__ = ["svg_bytes", "svg_families"]

#: Qt sizes widget text in points for a 96-dpi screen (the PNG's density); the
#: generator must count the same, or the plots' words come out at ¾ size.
SCREEN_DPI = 96


def svg_families() -> list[str]:
    """The fonts an SVG names for its text: the app's (DejaVu Sans, then the CJK font
    found here), then the other CJK fonts a viewer elsewhere may have instead."""
    return list(dict.fromkeys([*font_families(FONT_FAMILY), *CJK_FAMILIES]))


def svg_bytes(renderer: FrameRenderer, cursor: Cursor, title: str = "lstm-viz") -> bytes:
    """The frame at ``cursor`` as an SVG document (vector shapes and text)."""
    renderer.wait_ready()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    w, h = renderer.options.size
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setResolution(SCREEN_DPI)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRect(0, 0, w, h))
    gen.setTitle(title)
    gen.setDescription(tr("Exported by lstm-viz"))
    painter = QPainter(gen)
    try:
        renderer.paint(painter, cursor, cache=False)
    finally:
        painter.end()
    buffer.close()
    # Shown at the picture's pixel size (a preset's 2×), drawn in its layout's units.
    return clean_svg(bytes(data.data()), svg_families(), renderer.options.pixel_size)
