"""The line above a sweep panel's plot that says which steps a windowed sweep covers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from ..state.budget import SweepWindow
from ._panel import PlotPanel
from ._style import tr


class SweepNote(QWidget):
    """Above the plot, shown only while the sweep covers some of the steps: the note and,
    under it when the panel offers one, the button that sweeps other steps.

    A line of its own (the status shares its row with the controls, too narrow for
    the note); it speaks the current language on :meth:`retranslate`.
    """

    def __init__(self, panel: PlotPanel, button: QToolButton | None = None) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        # The note takes the panel's width; the button goes under it (beside it, the
        # wrapped note settled for a narrow column).
        lines = QVBoxLayout(self)
        lines.setContentsMargins(8, 0, 6, 0)
        lines.setSpacing(2)
        lines.addWidget(self.label)
        if button is not None:
            lines.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setVisible(False)
        self.window: SweepWindow | None = None
        layout = panel.layout()
        layout.insertWidget(layout.indexOf(panel.graphics), self)

    def text(self) -> str:
        return self.label.text()

    def set_palette_from(self, palette: QPalette) -> None:
        """The status line's muted colours."""
        self.label.setPalette(palette)

    def show_window(self, window: SweepWindow | None) -> None:
        """Say why only ``window``'s steps were swept (hidden for the whole sequence)."""
        self.window = window
        self.retranslate()

    def retranslate(self) -> None:
        note = None if self.window is None else self.window.note
        if note is not None and self.window is not None:
            self.label.setText(tr(note).format(**self.window.slots()))
        self.setVisible(note is not None)
