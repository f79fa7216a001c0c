"""File → Export frame… and Export animation…: the dialogs.

Both show the same :class:`OptionsForm` (what the picture shows, its size),
a preview of the first frame and a file chooser; :meth:`OptionsForm.options`
fills an :class:`ExportOptions` — the same value ``lstm-viz export`` parses.

The pieces live beside this module: :mod:`.dialogs_form` (the form),
:mod:`.dialogs_base` (what both dialogs share), :mod:`.dialogs_frame` and
:mod:`.dialogs_animation`; their public names are re-exported here.
"""

from __future__ import annotations

from .dialogs_animation import GIF_ADVICE, ExportAnimationDialog
from .dialogs_base import PREVIEW_W
from .dialogs_form import OptionsForm
from .dialogs_frame import ExportFrameDialog

__all__ = ["GIF_ADVICE", "PREVIEW_W", "ExportAnimationDialog", "ExportFrameDialog", "OptionsForm"]
