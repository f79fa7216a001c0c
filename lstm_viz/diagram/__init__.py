"""The animated cell diagram: Qt graphics items drawing one frame from (results, cursor)."""

from .render import DiagramView, render_frame, render_scene
from .scene import SCENE_H, SCENE_W, TEXT_FLOOR_PX, CellDiagram
from .theme import DARK, LIGHT, THEMES, Theme, get_theme

__all__ = [
    "DARK",
    "LIGHT",
    "SCENE_H",
    "SCENE_W",
    "TEXT_FLOOR_PX",
    "THEMES",
    "CellDiagram",
    "DiagramView",
    "Theme",
    "get_theme",
    "render_frame",
    "render_scene",
]
