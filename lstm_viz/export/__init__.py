"""Export what the window shows: single frames (PNG, SVG) and animations (PNG frames, GIF, WebP,
APNG, MP4), from the window or headless (``lstm-viz export``).

Frames come from the window's own diagram and plot panels (:class:`FrameRenderer`);
files are written under a temporary name and renamed into place.
"""

from .frames import FrameRenderer, title_text, to_rgb
from .options import (
    CONTENTS,
    FORMATS,
    ExportError,
    ExportOptions,
    add_export_options,
    format_for,
    frame_cursors,
    options_from_args,
    still_cursor,
)
from .pipeline import ExportResult, Pipeline, describe_error, export_animation
from .still import export_still, svg_bytes
from .writers import mp4_available

__all__ = [
    "CONTENTS",
    "FORMATS",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "FrameRenderer",
    "Pipeline",
    "add_export_options",
    "describe_error",
    "export_animation",
    "export_still",
    "format_for",
    "frame_cursors",
    "mp4_available",
    "options_from_args",
    "still_cursor",
    "svg_bytes",
    "title_text",
    "to_rgb",
]
