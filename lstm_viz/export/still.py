"""One frame to PNG (raster, any size or density) or SVG (vector, see :mod:`.svg`)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from ..files import atomic_write
from ..state.comparison import Comparison
from ..state.timeline import Cursor
from .frames import FrameRenderer, close_when_idle, to_rgb
from .options import ExportError, ExportOptions, format_for, still_cursor, tr
from .svg import svg_bytes
from .writers import check_target

__all__ = ["export_still", "svg_bytes"]


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
