"""The line under a sweep panel's controls that says which steps a windowed sweep covers."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ..state.budget import SweepWindow
from ._panel import PlotPanel
from ._style import tr


class SweepNote(QLabel):
    """Above the plot, shown only while the sweep covers some of the steps.

    A line of its own (the status shares its row with the controls, too narrow for
    the note); it speaks the current language on :meth:`retranslate`.
    """

    def __init__(self, panel: PlotPanel) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setContentsMargins(8, 0, 8, 0)
        self.setVisible(False)
        self.window: SweepWindow | None = None
        layout = panel.layout()
        layout.insertWidget(layout.indexOf(panel.graphics), self)

    def show_window(self, window: SweepWindow | None) -> None:
        """Say why only ``window``'s steps were swept (hidden for the whole sequence)."""
        self.window = window
        self.retranslate()

    def retranslate(self) -> None:
        note = None if self.window is None else self.window.note
        self.setVisible(note is not None)
        if note is not None and self.window is not None:
            self.setText(tr(note).format(**self.window.slots()))
