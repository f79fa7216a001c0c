"""One frame to PNG (raster, any size or density) or SVG (vector, through QSvgGenerator).

pyqtgraph's own SVGExporter breaks on Qt ≥ 6.11's path output (pyqtgraph
issue #3495), so the SVG goes through Qt's QSvgGenerator for the diagram and
the plots alike: the same :meth:`FrameRenderer.paint` that draws the PNGs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ..files import atomic_write
from ..state.comparison import Comparison
from ..state.timeline import Cursor
from .frames import FrameRenderer, close_when_idle, to_rgb
from .options import ExportError, ExportOptions, format_for, still_cursor, tr
from .writers import check_target

__all__ = ["export_still", "svg_bytes"]


def svg_bytes(renderer: FrameRenderer, cursor: Cursor, title: str = "lstm-viz") -> bytes:
    """The frame at ``cursor`` as an SVG document (vector shapes and text)."""
    renderer.wait_ready()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    w, h = renderer.options.size
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
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
    return bytes(data.data())


def export_still(
    comparison: Comparison,
    options: ExportOptions,
    out: str | Path,
    fmt: str | None = None,
    cursor: Cursor | None = None,
    *,
    renderer: FrameRenderer | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path | None:
    """Write one frame (``cursor``, default the end of ``options.last_step``) as PNG or SVG.

    None, and nothing written, when ``cancelled()`` turns true before the
    file is. Raises :class:`ExportError` or ``OSError``; a failure leaves any
    earlier file at ``out`` untouched.
    """
    out = Path(out)
    fmt = format_for(out, fmt)
    if fmt not in ("png", "svg"):
        raise ExportError(
            tr("{f} is an animation format; a single frame is .png or .svg").format(f=fmt)
        )
    check_target(out)
    own = renderer is None
    renderer = renderer or FrameRenderer(comparison, options)
    try:
        if cursor is None:
            cursor = still_cursor(options, renderer.timeline)
        if not renderer.wait_ready(cancelled=cancelled):
            if own:  # a cancel does not wait for the plot job it cancels
                close_when_idle(renderer)
                own = False
            return None
        if fmt == "svg":
            data = svg_bytes(renderer, cursor)
        else:
            buf = io.BytesIO()
            Image.fromarray(to_rgb(renderer.render(cursor))).save(buf, "PNG", compress_level=6)
            data = buf.getvalue()
        if cancelled is not None and cancelled():
            return None
        return atomic_write(out, lambda f: f.write(data))
    finally:
        if own:
            renderer.close()
