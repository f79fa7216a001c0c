"""The panels of three facts of the notes: near vs far, explosions, the first input.

One hook for the tabbed container: :func:`teaching_panels` builds them on its
runner and sets them as its attributes, named as in ``PANEL_TITLES``.
"""

from __future__ import annotations

from typing import Any

from ._panel import PlotPanel
from .distance import DistancePanel
from .explosion import ExplosionPanel
from .memory import MemoryPanel

__all__ = ["DistancePanel", "ExplosionPanel", "MemoryPanel", "teaching_panels"]


def teaching_panels(container: Any) -> tuple[PlotPanel, ...]:
    """Build the three panels on ``container.runner``; set ``container.distance`` etc."""
    container.distance = DistancePanel(container.runner)
    container.explosion = ExplosionPanel(container.runner)
    container.memory = MemoryPanel(container.runner)
    return container.distance, container.explosion, container.memory
