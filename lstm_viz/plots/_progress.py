"""A thin line under a panel's caption that fills as its background job advances."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Height in pixels; the line keeps it when idle so the plot never jumps.
HEIGHT = 3


class ProgressLine(QWidget):
    """How far a panel's job is, as a filled fraction of the panel's width.

    ``fraction`` is None when no job is reporting (nothing is drawn), else in
    [0, 1]. The runner only reports jobs that have run for a while, so a quick
    job never flashes a line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fraction: float | None = None
        self._colour = QColor("#1f77b4")

    def set_fraction(self, fraction: float | None) -> None:
        """Show ``fraction`` of the work done (clamped to [0, 1]); None hides the line."""
        self.fraction = None if fraction is None else min(max(float(fraction), 0.0), 1.0)
        self.setAccessibleDescription("" if self.fraction is None else f"{self.fraction:.0%}")
        self.update()

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.fraction is None:
            return
        painter = QPainter(self)
        painter.fillRect(QRectF(0, 0, self.width() * self.fraction, self.height()), self._colour)
        painter.end()
